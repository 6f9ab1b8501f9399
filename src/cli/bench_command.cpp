#include "cli/bench_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "cli/layer_options.hpp"
#include "cli/option_group.hpp"
#include "cli/value_parsing.hpp"
#include "core/layer_spec.hpp"
#include "io/dtype.hpp"
#include "modules/modules.hpp"

namespace tconv {

namespace {

struct BenchOptions {
  std::string input_size;       // --input-size SIZE: the spatial size
  int64_t batch = 1;            // --batch N
  int64_t in_channels = 1;      // --in-channels C
  std::string old_input_shape;  // --input-shape NxCxSIZE, the old spelling of the three
  int64_t out_channels = 0;
  LayerOptions layer;
  Dtype dtype = Dtype::Float32;
  FastPath path = FastPath::Auto;
  int64_t repeat = 20;
  int64_t warmup = 3;
  int threads = 0;
  bool bias = false;
  int64_t max_memory = kDefaultMemoryLimitBytes;
  bool json = false;
  std::string output;  // -o FILE (command.hpp)
};

struct Timing {
  double prepare_ms = 0;
  double median_ms = 0;
  double min_ms = 0;
  double max_ms = 0;
  std::string engine;
  int threads = 0;
  Shape output_shape;
};

// Every timed run keeps its time for the median: 8 bytes a run, 8 MB at most.
constexpr int64_t kMaxRepeat = 1000000;

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename T>
Tensor<T> random_tensor(const Shape& shape, std::mt19937& rng, int64_t max_memory, const char* what) {
  check_memory_limit(what, element_count(shape), static_cast<int64_t>(sizeof(T)), max_memory);
  Tensor<T> t(shape);
  std::uniform_real_distribution<T> value(-1, 1);
  for (T& v : t.data) v = value(rng);
  return t;
}

// Prepares the layer once (timed apart), runs it `warmup` times untimed, then `repeat` timed
// into the same output buffer.
template <typename T>
Timing time_layer(const BenchOptions& options, const Shape& input_shape, const ConvParams& params) {
  std::mt19937 rng(1);
  Shape weight_shape{input_shape[1], options.out_channels / std::max<int64_t>(params.groups, 1)};
  for (const AxisParams& axis : params.axes) weight_shape.push_back(axis.kernel);
  if (options.out_channels % params.groups != 0) {
    throw InvalidParameter("groups must divide the output channels: --out-channels " +
                           std::to_string(options.out_channels) + ", groups " + std::to_string(params.groups));
  }
  const Tensor<T> input = random_tensor<T>(input_shape, rng, options.max_memory, "the input");
  const Tensor<T> weight = random_tensor<T>(weight_shape, rng, options.max_memory, "the weight");
  const Tensor<T> bias =
      random_tensor<T>({options.bias ? options.out_channels : 0}, rng, options.max_memory, "the bias");
  FastOptions fast;
  fast.threads = options.threads;
  fast.path = options.path;
  fast.memory_limit_bytes = options.max_memory;

  Timing timing;
  const Clock::time_point start = Clock::now();
  const std::unique_ptr<FastLayer<T>> layer =
      fast_module().prepare(input_shape, weight, options.bias ? &bias : nullptr, params, fast);
  timing.prepare_ms = ms_since(start);
  // One output buffer for all runs, as a caller running a layer repeatedly would keep it.
  Tensor<T> output;
  for (int64_t i = 0; i < options.warmup; ++i) layer->run(input, output);
  std::vector<double> times;
  times.reserve(static_cast<size_t>(options.repeat));
  for (int64_t i = 0; i < options.repeat; ++i) {
    const Clock::time_point run_start = Clock::now();
    layer->run(input, output);
    times.push_back(ms_since(run_start));
  }
  std::sort(times.begin(), times.end());
  const size_t n = times.size();
  timing.median_ms = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  timing.min_ms = times.front();
  timing.max_ms = times.back();
  timing.engine = layer->implementation();
  timing.threads = layer->threads();
  timing.output_shape = layer->output_shape();
  return timing;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// The input's shape (N, Cin, spatial...), from --batch, --in-channels and --input-size as compute
// names them, or from the old --input-shape NxCxSIZE (run_bench adds a note).
Shape bench_input_shape(const BenchOptions& options) {
  if (!options.old_input_shape.empty()) {
    if (!options.input_size.empty()) {
      throw UsageError(
          "--input-shape (the old spelling) and --input-size both given; give --batch, --in-channels "
          "and --input-size");
    }
    const Shape shape = parse_int_list(options.old_input_shape, "--input-shape", true);
    if (shape.size() < 3 || shape.size() > 5) {
      throw InvalidParameter("--input-shape must be N x Cin x 1 to 3 spatial sizes (e.g. 16x512x4x4), got " +
                             shape_to_string(shape));
    }
    return shape;
  }
  if (options.input_size.empty()) throw UsageError("bench needs --input-size SIZE (and --in-channels C, --batch N)");
  const Shape spatial = parse_int_list(options.input_size, "--input-size", true);
  if (spatial.size() > 3) {
    throw InvalidParameter("--input-size must be 1 to 3 spatial sizes (e.g. 4x4), got " + shape_to_string(spatial));
  }
  if (options.batch < 1) throw InvalidParameter("--batch must be >= 1, got " + std::to_string(options.batch));
  if (options.in_channels < 1) {
    throw InvalidParameter("--in-channels must be >= 1, got " + std::to_string(options.in_channels));
  }
  Shape shape{options.batch, options.in_channels};
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

int run_bench(const BenchOptions& options, CliContext& context) {
  const Shape input_shape = bench_input_shape(options);
  if (options.out_channels < 1) {
    throw InvalidParameter("--out-channels must be >= 1, got " + std::to_string(options.out_channels));
  }
  if (options.repeat < 1) throw InvalidParameter("--repeat must be >= 1, got " + std::to_string(options.repeat));
  if (options.repeat > kMaxRepeat) {
    throw InvalidParameter("--repeat must be at most " + std::to_string(kMaxRepeat) +
                           " (each run's time is kept for the median), got " + std::to_string(options.repeat));
  }
  if (options.warmup < 0) throw InvalidParameter("--warmup must be >= 0, got " + std::to_string(options.warmup));
  const Dtype dtype = options.dtype;
  const Shape spatial(input_shape.begin() + 2, input_shape.end());
  const LayerSpec spec = to_layer_spec(options.layer, static_cast<int>(spatial.size()));
  const ResolvedLayer layer = resolve_layer(spec, spatial);

  const Timing timing = dtype == Dtype::Float32 ? time_layer<float>(options, input_shape, layer.params)
                                                : time_layer<double>(options, input_shape, layer.params);
  const double flops = conv_transpose_flops(input_shape, options.out_channels, layer.params);
  const double gflops = flops / (timing.median_ms * 1e6);
  // After the timed runs, which may still fail: a failing run prints one error line only.
  if (!options.old_input_shape.empty()) {
    context.err << "tconv: note: bench's --input-shape NxCxSIZE is now --batch N --in-channels C --input-size SIZE, "
                   "as in compute (inspect's --input-shape names a model input)\n";
  }

  if (options.json) {
    nlohmann::ordered_json json;
    json["median_ms"] = timing.median_ms;
    json["min_ms"] = timing.min_ms;
    json["max_ms"] = timing.max_ms;
    json["gflops"] = gflops;
    json["engine"] = timing.engine;
    json["threads"] = timing.threads;
    json["dtype"] = dtype_name(dtype);
    json["input_shape"] = input_shape;
    json["output_shape"] = timing.output_shape;
    json["flops"] = flops;
    json["repeat"] = options.repeat;
    json["warmup"] = options.warmup;
    json["prepare_ms"] = timing.prepare_ms;
    context.out << json.dump() << '\n';
    return 0;
  }
  context.out << "layer    " << shape_to_string(input_shape) << " -> " << shape_to_string(timing.output_shape) << ", "
              << dtype_name(dtype) << ", groups " << layer.params.groups << (options.bias ? ", bias" : "") << '\n'
              << "engine   " << timing.engine << ", " << timing.threads
              << (timing.threads == 1 ? " thread" : " threads") << '\n'
              << "time     median " << fixed(timing.median_ms, 3) << " ms, min " << fixed(timing.min_ms, 3)
              << " ms, max " << fixed(timing.max_ms, 3) << " ms over " << options.repeat << " runs (after "
              << options.warmup << " warm-up)\n"
              << "speed    " << fixed(gflops, 1) << " GFLOP/s ("
              << (flops >= 1e9 ? fixed(flops / 1e9, 3) + " GFLOP" : fixed(flops / 1e6, 3) + " MFLOP") << " per run)\n"
              << "prepare  " << fixed(timing.prepare_ms, 3) << " ms once per layer (checks, weight layout)\n";
  return 0;
}

}  // namespace

double conv_transpose_flops(const Shape& input, int64_t out_channels, const ConvParams& params) {
  double flops = 2.0 * static_cast<double>(input[0]) * static_cast<double>(input[1]) *
                 static_cast<double>(out_channels / params.groups);
  for (size_t a = 2; a < input.size(); ++a) flops *= static_cast<double>(input[a]);
  for (const AxisParams& axis : params.axes) flops *= static_cast<double>(axis.kernel);
  return flops;
}

Command add_bench_command(CLI::App& parent) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* app = parent.add_subcommand("bench", "Time the fast engine on a layer with random data");
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] {
    return std::string(
        "Examples:\n"
        "  tconv bench --batch 16 --in-channels 512 --input-size 4x4 --out-channels 256 -k 4 -s 2 -p 1   DCGAN\n"
        "  tconv bench --in-channels 64 --input-size 64x64 --out-channels 3 -k 4 -s 2 -p 1 --dtype float64 --json\n"
        "  tconv bench --in-channels 32 --input-size 100 --out-channels 32 -k 5 -s 2 -g 32 --repeat 50   depthwise\n\n"
        "GFLOP/s = 2*N*Cin*Cout/groups*prod(input spatial)*prod(kernel) / median time.\n");
  });
  OptionGroup layer_shape(*app, "Tensors (random values)");
  layer_shape.text("--input-size", options->input_size, "SIZE", "the input's spatial size, e.g. 4x4 (required)");
  layer_shape.integer("--in-channels", options->in_channels, "C", "input channels Cin (default 1)");
  layer_shape.integer("--batch", options->batch, "N", "batch size N (default 1)");
  layer_shape.integer("--out-channels", options->out_channels, "C", "output channels Cout (required)")->required();
  layer_shape.flag("--bias", options->bias, "add a random bias (PyTorch's default layer has one)");
  layer_shape.choice("--dtype", options->dtype, kDtypeChoices, "TYPE", "float32 (default) or float64");
  add_layer_options(*app, options->layer, true, true);
  // The old spelling, hidden from help (an empty group); a run with it gets a note.
  OptionGroup(*app, "").text("--input-shape", options->old_input_shape, "NxCxSIZE",
                             "the old --batch/--in-channels/--input-size");
  OptionGroup timing(*app, "Timing");
  timing.integer("--repeat", options->repeat, "N", "timed runs (default 20, at most 1000000); the median is reported");
  timing.integer("--warmup", options->warmup, "N", "untimed runs first (default 3)");
  OptionGroup engine(*app, "Engine");
  engine.integer("--threads", options->threads, "N", "threads (default 0: every core this process may use)");
  std::vector<Choice<FastPath>> paths;
  for (FastPath path : {FastPath::Auto, FastPath::Direct, FastPath::Gemm, FastPath::OneDnn}) {
    paths.push_back({fast_path_name(path), path});
  }
  engine.choice("--path", options->path, paths, "PATH",
                "auto (default), direct, gemm or onednn: force one implementation");
  engine.max_memory(options->max_memory);
  OptionGroup output(*app, "Output");
  output.flag("--json", options->json, "one JSON object: median_ms, min_ms, max_ms, gflops, engine, then details");
  output.output_file(options->output);
  place_help_flag(*app);
  return {app, [options](CliContext& context) { return run_bench(*options, context); }, &options->output};
}

}  // namespace tconv
