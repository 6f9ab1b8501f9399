#include "cli/compute_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/compute_overlap.hpp"
#include "cli/integer_options.hpp"
#include "cli/layer_options.hpp"
#include "cli/tensor_inputs.hpp"
#include "core/article_cases.hpp"
#include "core/engine.hpp"
#include "core/gather_view.hpp"
#include "core/layer_spec.hpp"
#include "core/matrix_view.hpp"
#include "io/dtype.hpp"
#include "io/gather_log.hpp"
#include "io/npy.hpp"
#include "io/number_format.hpp"
#include "io/output_file.hpp"
#include "io/step_log_json.hpp"
#include "io/step_log_text.hpp"
#include "io/tensor_format.hpp"
#include "modules/modules.hpp"

namespace tconv {

namespace {

enum class Format { Text, Json, Jsonl, Csv, Npy };
enum class View { Scatter, Gather, Matrix };

struct ComputeOptions {
  TensorInputOptions tensors;
  LayerOptions layer;
  int example = 0;          // --example N, meaningful when example_given
  bool example_given = false;
  std::string dtype = "float32";
  std::string format;
  std::string view = "scatter";
  bool steps = false;
  bool matrix = false;
  std::string output;
  std::string engine = "auto";  // --engine auto|reference|fast
  int threads = 0;              // --threads, 0: every core
};

// Everything a run needs, resolved from the options.
struct Problem {
  TensorInputs inputs;
  ResolvedLayer layer;
  AutoPad auto_pad = AutoPad::NotSet;
  ConvShapes shapes;
  Dtype dtype = Dtype::Float32;
  Format format = Format::Text;
  View view = View::Scatter;
  bool steps = false;
  std::string title;  // the example's title line, or empty
};

Format parse_format(const std::string& text) {
  if (text == "text") return Format::Text;
  if (text == "json") return Format::Json;
  if (text == "jsonl") return Format::Jsonl;
  if (text == "csv") return Format::Csv;
  if (text == "npy") return Format::Npy;
  throw UsageError("--format must be text, json, jsonl, csv or npy, got '" + text + "'");
}

// -o out.npy writes .npy without --format; any other extension means text.
Format format_from_path(const std::string& path) {
  const auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".npy")) return Format::Npy;
  if (ends_with(".jsonl")) return Format::Jsonl;
  if (ends_with(".json")) return Format::Json;
  if (ends_with(".csv")) return Format::Csv;
  return Format::Text;
}

Problem prepare(const ComputeOptions& options, CliContext& context) {
  Problem problem;
  problem.dtype = parse_dtype(options.dtype);
  problem.steps = options.steps;
  if (options.view == "scatter") {
    problem.view = View::Scatter;
  } else if (options.view == "gather") {
    problem.view = View::Gather;
  } else {
    throw UsageError("--view must be scatter, gather or overlap, got '" + options.view + "'");
  }
  if (options.matrix) {
    if (problem.view == View::Gather) throw UsageError("--matrix and --view gather are two different views; pick one");
    if (options.steps) throw UsageError("--matrix shows the whole map at once; it has no --steps");
    problem.view = View::Matrix;
  }
  const bool to_stdout = options.output.empty() || options.output == "-";
  problem.format = !options.format.empty() ? parse_format(options.format)
                                           : (to_stdout ? Format::Text : format_from_path(options.output));
  if (options.steps && (problem.format == Format::Csv || problem.format == Format::Npy)) {
    throw UsageError("--steps writes text, json or jsonl, not " + options.format);
  }
  if (problem.view == View::Matrix && problem.format != Format::Text && problem.format != Format::Json) {
    throw UsageError("--matrix writes text or json");
  }
  if (problem.format == Format::Npy && to_stdout && context.out_is_terminal) {
    throw UsageError("refusing to write binary .npy to a terminal; redirect stdout or use -o FILE");
  }

  LayerSpec spec;
  if (options.example_given) {
    check_example_flags(options.example, options.tensors, layer_flags_given(options.layer));
    const ArticleCase example = article_case(options.example);
    problem.inputs = article_case_inputs(options.example);
    spec = example.layer;
    problem.title = "Example " + std::to_string(example.number) + ", " + example.title + " (the article's Figures " +
                    std::to_string(example.animation_figure) + " and " + std::to_string(example.steps_figure) + ")";
  } else {
    TensorInputOptions tensors = options.tensors;
    tensors.dtype = problem.dtype;  // data float32 cannot hold is refused before it is rounded
    problem.inputs = load_tensor_inputs(tensors, options.layer, context.in);
    spec = to_layer_spec(options.layer, problem.inputs.dims, problem.inputs.kernel_size());
  }
  const Shape input_shape = problem.inputs.input.shape();
  const Shape input_spatial(input_shape.begin() + 2, input_shape.end());
  problem.layer = resolve_layer(spec, input_spatial);
  problem.auto_pad = spec.auto_pad;
  problem.shapes = check_conv_shapes(input_shape, problem.inputs.weight.shape(),
                                     problem.inputs.bias ? problem.inputs.bias->size() : -1, problem.layer.params);
  // Refuse before anything is written, so a failing run leaves stdout empty.
  check_memory_limit("the output", element_count(problem.shapes.output_shape()),
                     problem.dtype == Dtype::Float32 ? 4 : 8, options.tensors.max_memory);
  if (problem.steps && problem.view == View::Scatter) {
    if (problem.format == Format::Text) check_text_step_log_size(problem.shapes);
    if (problem.format == Format::Json) check_json_step_log_size(problem.shapes, problem.layer.params);
  }
  if (problem.steps && problem.view == View::Gather && problem.format != Format::Jsonl) {
    check_text_step_log_size(problem.shapes);
  }
  if (problem.view == View::Matrix) {
    check_matrix_view_size(problem.inputs.weight.shape(), problem.layer.params, input_spatial);
  }
  // Once, to the type the run computes in (a move for data already of that type).
  if (problem.dtype == Dtype::Float32) {
    problem.inputs.convert_to<float>();
  } else {
    problem.inputs.convert_to<double>();
  }
  return problem;
}

// ---- describing the problem ----

std::string join_ints(const std::vector<int64_t>& values, char separator) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i > 0 ? std::string(1, separator) : "") + std::to_string(values[i]);
  return text;
}

// "2" when every axis has the value 2, else "2x1".
std::string per_axis_text(const std::vector<int64_t>& values) {
  bool same = true;
  for (int64_t v : values) same = same && v == values[0];
  return same ? std::to_string(values[0]) : join_ints(values, 'x');
}

nlohmann::ordered_json parameters_json(const Problem& problem) {
  const ConvParams& params = problem.layer.params;
  const auto per_axis = [&](auto field) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const AxisParams& axis : params.axes) values.push_back(field(axis));
    return values;
  };
  nlohmann::ordered_json json;
  json["input_shape"] = problem.inputs.input.shape();
  json["weight_shape"] = problem.inputs.weight.shape();
  json["bias"] = problem.inputs.bias.has_value();
  json["kernel_size"] = per_axis([](const AxisParams& a) { return a.kernel; });
  json["stride"] = per_axis([](const AxisParams& a) { return a.stride; });
  json["padding"] = per_axis([](const AxisParams& a) { return std::vector<int64_t>{a.pad_begin, a.pad_end}; });
  json["output_padding"] = per_axis([](const AxisParams& a) { return a.output_padding; });
  json["dilation"] = per_axis([](const AxisParams& a) { return a.dilation; });
  json["groups"] = params.groups;
  json["padding_convention"] = describe_convention(problem.layer.convention, problem.auto_pad);
  return json;
}

// Names of the leading axes of a tensor in the user's layout, for text labels.
std::vector<std::string> output_axis_names(const Shape& user_shape, int dims) {
  const size_t leading = user_shape.size() - static_cast<size_t>(dims);
  std::vector<std::string> names;
  if (leading == 2) names = {"batch", "channel"};
  if (leading == 1) names = {"channel"};
  if (dims == 3) names.push_back("depth");
  return names;
}

// Drops leading extents of 1 for display (a (1, 1, 3, 3) kernel shows as its 3x3 matrix).
Tensor<double> squeezed(Tensor<double> tensor, int dims) {
  while (tensor.rank() > dims && tensor.shape.front() == 1) tensor.shape.erase(tensor.shape.begin());
  return tensor;
}

void write_block(std::ostream& out, const std::string& title, const Tensor<double>& tensor, Dtype dtype,
                 const std::vector<std::string>& names) {
  out << title << " (" << shape_to_string(tensor.shape) << "):\n";
  write_tensor_text(out, tensor, dtype, names, "  ");
}

std::vector<std::string> leading_names(const Tensor<double>& shown, int dims, const std::vector<std::string>& names) {
  const size_t leading = static_cast<size_t>(shown.rank() - dims);
  std::vector<std::string> result(names.end() - static_cast<std::ptrdiff_t>(std::min(leading, names.size())), names.end());
  if (dims == 3) result.push_back("depth");
  return result;
}

void write_header(std::ostream& out, const Problem& problem) {
  const int dims = problem.inputs.dims;
  if (!problem.title.empty()) out << problem.title << '\n';
  out << "ConvTranspose" << dims << "d: " << describe_layer(problem.layer.params) << " ("
      << describe_convention(problem.layer.convention, problem.auto_pad) << ", " << dtype_name(problem.dtype) << ")\n";
  const Tensor<double> input = squeezed(problem.inputs.input.to_double(), dims);
  write_block(out, "Input", input, problem.dtype, leading_names(input, dims, {"batch", "channel"}));
  const Tensor<double> weight = squeezed(problem.inputs.weight.to_double(), dims);
  write_block(out, "Kernel", weight, problem.dtype, leading_names(weight, dims, {"in channel", "out channel"}));
  bool dilated = false;
  for (const AxisParams& axis : problem.layer.params.axes) dilated = dilated || axis.dilation > 1;
  if (dilated) {
    // As the article's Figure 9 draws it: the taps spread apart, zeros in between. Reversing
    // each flattened plane of the flipped kernel flips every axis back.
    Tensor<double> spread = flip_dilate_kernel(problem.inputs.weight.to_double(), problem.layer.params);
    const int64_t plane = element_count(Shape(spread.shape.begin() + 2, spread.shape.end()));
    for (auto it = spread.data.begin(); it != spread.data.end(); it += plane) std::reverse(it, it + plane);
    spread = squeezed(std::move(spread), dims);
    write_block(out, "Dilated kernel", spread, problem.dtype, leading_names(spread, dims, {"in channel", "out channel"}));
  }
  if (problem.inputs.bias) write_block(out, "Bias", problem.inputs.bias->to_double(), problem.dtype, {});
  out << '\n';
}

void write_output_text(std::ostream& out, const Tensor<double>& output, const Problem& problem, bool titled) {
  out << (titled ? "Output " : "output ") << shape_to_string(output.shape) << " (" << dtype_name(problem.dtype) << ")"
      << (titled ? ":" : "") << '\n';
  write_tensor_text(out, output, problem.dtype, output_axis_names(output.shape, problem.inputs.dims), titled ? "  " : "");
}

void write_output_json_fields(std::ostream& out, const Tensor<double>& output, const Problem& problem) {
  out << "\"shape\":" << json_int_list(output.shape) << ",\"dtype\":\"" << dtype_name(problem.dtype)
      << "\",\"parameters\":" << parameters_json(problem).dump() << ",\"output\":";
  write_json_nested(out, output, problem.dtype);
}

// ---- the gather view ----

void write_gather_preamble(std::ostream& out, const Problem& problem) {
  const ConvParams& params = problem.layer.params;
  const Shape& input_shape = problem.inputs.input.shape();
  const Shape spatial(input_shape.begin() + 2, input_shape.end());
  const std::vector<GatherAxis> geometry = gather_geometry(params, spatial);
  const int dims = problem.inputs.dims;
  std::vector<int64_t> zeros, low, high;
  for (size_t a = 0; a < geometry.size(); ++a) {
    zeros.push_back(params.axes[a].stride - 1);
    low.push_back(geometry[a].pad_low);
    high.push_back(geometry[a].pad_high);
  }
  out << "Gather view: the same output as an ordinary convolution with stride 1 (conv_arithmetic)\n"
      << "  1. insert stride-1 = " << per_axis_text(zeros) << " zeros between input elements\n"
      << "  2. pad dilation*(kernel-1)-padding = " << per_axis_text(low) << " before and "
      << "dilation*(kernel-1)-padding+output_padding = " << per_axis_text(high) << " after (negative: cropped)\n"
      << "  3. flip the (dilated) kernel and slide it with stride 1; each output cell is one dot product\n";
  const Tensor<double> expanded = squeezed(expand_input(problem.inputs.input.to_double(), params), dims);
  write_block(out, "Expanded input", expanded, problem.dtype, leading_names(expanded, dims, {"batch", "channel"}));
  const Tensor<double> flipped = squeezed(flip_dilate_kernel(problem.inputs.weight.to_double(), params), dims);
  write_block(out, "Flipped kernel", flipped, problem.dtype, leading_names(flipped, dims, {"in channel", "out channel"}));
  out << '\n';
}

// ---- running ----

// The one call of the scatter engine for the views: they all need its step stream (or its
// exact summation order), so they keep the reference engine.
template <typename T>
Tensor<T> run_engine(const Tensor<T>& input, const Tensor<T>& weight, const Tensor<T>* bias, const ConvParams& params,
                     StepObserver* observer, int64_t max_memory) {
  return conv_transpose_reference(input, weight, bias, params, observer, max_memory);
}

enum class EngineChoice { Auto, Reference, Fast };

EngineChoice parse_engine(const std::string& text) {
  if (text == "auto") return EngineChoice::Auto;
  if (text == "reference") return EngineChoice::Reference;
  if (text == "fast") return EngineChoice::Fast;
  throw UsageError("--engine must be auto, reference or fast; got '" + text + "'");
}

// The tensors of one run in its dtype (prepare converted them), and the way back to the
// user's layout. The fast engine reads them where they are (perhaps a mapped file); the
// reference engine and the views need tensors of their own (TensorInputs::make_owned).
template <typename T>
struct TypedRun {
  const Problem& problem;
  int64_t max_memory = kDefaultMemoryLimitBytes;
  EngineChoice engine = EngineChoice::Auto;
  int threads = 0;

  TypedRun(const Problem& p, int64_t memory, EngineChoice choice, int thread_count)
      : problem(p), max_memory(memory), engine(choice), threads(thread_count) {}
  const Tensor<T>& input() const { return problem.inputs.input.get<T>(); }
  const Tensor<T>& weight() const { return problem.inputs.weight.get<T>(); }
  const Tensor<T>* bias_ptr() const { return problem.inputs.bias ? &problem.inputs.bias->get<T>() : nullptr; }
  // The engine's (N, Cout, ...) result as doubles in the user's layout (exact: T widens).
  Tensor<double> finish(const Tensor<T>& result) const {
    Tensor<double> output = tensor_cast<double>(result);
    output.shape = user_output_shape(problem.inputs.layout, problem.shapes.output_shape());
    return output;
  }
  bool show_batch() const {
    return problem.inputs.layout == InputLayout::BatchChannels || problem.shapes.batch > 1;
  }
  bool show_channels() const {
    return problem.inputs.layout != InputLayout::Spatial || problem.shapes.in_channels > 1;
  }
};

// --matrix: C^T, the checks, the output.
template <typename T>
void run_matrix_view(const TypedRun<T>& run, std::ostream& out) {
  const Problem& problem = run.problem;
  const Tensor<T>& input = run.input();
  const Tensor<T>& weight = run.weight();
  const Tensor<T>* bias_ptr = run.bias_ptr();
  const ConvParams& params = problem.layer.params;
  const int64_t max_memory = run.max_memory;
  const Tensor<T>* bias = bias_ptr;
  const auto finish = [&](const Tensor<T>& result) { return run.finish(result); };
  // Shown in the dtype's values; the checks run in float64, where both sides are exact
  // sums in the same order.
  const Tensor<double> w = tensor_cast<double>(weight);
  const Shape spatial(problem.inputs.input.shape().begin() + 2, problem.inputs.input.shape().end());
  const DenseMatrix ct = transposed_conv_matrix(w, params, spatial);
  const DenseMatrix c = conv_matrix(w, params, spatial);
  const bool is_transpose = transpose(c).values == ct.values;
  const Tensor<double> x = tensor_cast<double>(input);
  std::optional<Tensor<double>> b;
  if (bias) b = tensor_cast<double>(*bias);
  const Tensor<double> reference = conv_transpose_reference(x, w, b ? &*b : nullptr, params, nullptr, max_memory);
  bool product_matches = true;
  const int64_t per_item = ct.columns, out_per_item = ct.rows;
  for (int64_t n = 0; n < problem.shapes.batch; ++n) {
    const std::vector<double> item(x.data.begin() + n * per_item, x.data.begin() + (n + 1) * per_item);
    std::vector<double> y = multiply(ct, item);
    for (int64_t r = 0; r < out_per_item; ++r) {
      if (b) y[static_cast<size_t>(r)] += b->data[static_cast<size_t>(r / (out_per_item / problem.shapes.out_channels))];
      const double expected = reference.data[static_cast<size_t>(n * out_per_item + r)];
      product_matches = product_matches && (y[static_cast<size_t>(r)] == expected ||
                                            (std::isnan(expected) && std::isnan(y[static_cast<size_t>(r)])));
    }
  }
  const Tensor<double> output = finish(run_engine(input, weight, bias_ptr, params, nullptr, max_memory));
  Shape row_shape{problem.shapes.out_channels}, column_shape{problem.shapes.in_channels};
  row_shape.insert(row_shape.end(), problem.shapes.output_spatial.begin(), problem.shapes.output_spatial.end());
  column_shape.insert(column_shape.end(), problem.shapes.input_spatial.begin(), problem.shapes.input_spatial.end());
  if (problem.format == Format::Json) {
    out << "{";
    write_output_json_fields(out, output, problem);
    out << ",\"matrix\":{\"name\":\"C^T\",\"rows\":" << ct.rows << ",\"columns\":" << ct.columns
        << ",\"row_shape\":" << json_int_list(row_shape) << ",\"column_shape\":" << json_int_list(column_shape)
        << ",\"values\":";
    write_json_nested(out, Tensor<double>({ct.rows, ct.columns}, ct.values), problem.dtype);
    out << "},\"checks\":{\"ct_times_input_equals_output\":" << (product_matches ? "true" : "false")
        << ",\"ct_is_transpose_of_conv_matrix\":" << (is_transpose ? "true" : "false") << "}}\n";
  } else {
    write_header(out, problem);
    out << "C^T: " << ct.rows << " rows (the output " << shape_to_string(row_shape) << " flattened) x " << ct.columns
        << " columns (the input " << shape_to_string(column_shape) << " flattened)\n";
    write_tensor_text(out, Tensor<double>({ct.rows, ct.columns}, ct.values), problem.dtype, {}, "  ");
    out << "\ncheck: C^T * flattened input" << (bias ? " + bias" : "") << " = output: "
        << (product_matches ? "yes" : "NO") << '\n'
        << "check: C^T is the transpose of C, the matrix of Conv" << problem.inputs.dims
        << "d with the same kernel, stride, padding and dilation (which maps the output's size back to the "
           "input's): "
        << (is_transpose ? "yes" : "NO") << "\n\n";
    write_output_text(out, output, problem, true);
  }
  if (!product_matches || !is_transpose) throw Error("internal check of the matrix view failed; please report this");
}

// --view gather: the expanded input, the flipped kernel, one step per output cell.
template <typename T>
void run_gather_view(const TypedRun<T>& run, std::ostream& out) {
  const Problem& problem = run.problem;
  const Tensor<T>& input = run.input();
  const Tensor<T>& weight = run.weight();
  const Tensor<T>* bias_ptr = run.bias_ptr();
  const ConvParams& params = problem.layer.params;
  const int64_t max_memory = run.max_memory;
  const auto finish = [&](const Tensor<T>& result) { return run.finish(result); };
  const bool show_batch = run.show_batch(), show_channels = run.show_channels();
  std::unique_ptr<GatherObserver> log;
  std::ostringstream steps;
  const bool text = problem.format == Format::Text;
  if (text) write_gather_preamble(out, problem);
  if (problem.steps && text) log = std::make_unique<GatherTextLog>(out, problem.dtype, show_batch, show_channels || problem.shapes.out_channels > 1);
  if (problem.steps && problem.format == Format::Jsonl) log = std::make_unique<GatherJsonLog>(out, problem.dtype, true);
  if (problem.steps && problem.format == Format::Json) log = std::make_unique<GatherJsonLog>(steps, problem.dtype, false);
  if (problem.steps && text) out << "One step per output cell (input value \xC2\xB7 flipped-kernel weight):\n";
  const Tensor<double> output =
      finish(conv_transpose_gather(input, weight, bias_ptr, params, log.get(), max_memory));
  if (problem.steps && text) out << '\n';
  switch (problem.format) {
    case Format::Text: write_output_text(out, output, problem, true); break;
    case Format::Json:
      out << "{";
      write_output_json_fields(out, output, problem);
      out << ",\"view\":\"gather\"";
      if (problem.steps) out << ",\"cells\":[" << steps.str() << "]";
      out << "}\n";
      break;
    case Format::Jsonl:
      out << "{";
      write_output_json_fields(out, output, problem);
      out << "}\n";
      break;
    case Format::Csv: write_csv(out, output, problem.dtype); break;
    case Format::Npy: out << write_npy(output, problem.dtype); break;
  }
}

// Below this many multiply-adds, --engine auto uses the reference loop: it is done (about
// 2 ms at 2 ns per multiply-add) before the fast module would be loaded and a plan made
// (about 4 ms), and its summation order is the defining one.
constexpr double kReferenceMultiplyAdds = 1 << 20;

double multiply_adds(const ConvShapes& shapes, const ConvParams& params) {
  double count = static_cast<double>(shapes.batch) * static_cast<double>(shapes.in_channels) *
                 static_cast<double>(shapes.out_channels / params.groups);
  for (int64_t extent : shapes.input_spatial) count *= static_cast<double>(extent);
  for (const AxisParams& axis : params.axes) count *= static_cast<double>(axis.kernel);
  return count;
}

// The plain output (no steps, no view): the fast engine, on the inputs where they are, unless
// --engine reference or a small layer under --engine auto.
template <typename T>
Tensor<T> run_output_engine(const TypedRun<T>& run) {
  const TensorInputs& inputs = run.problem.inputs;
  const ConvParams& params = run.problem.layer.params;
  if (run.engine == EngineChoice::Reference) {
    return conv_transpose_reference(run.input(), run.weight(), run.bias_ptr(), params, nullptr, run.max_memory);
  }
  FastOptions fast;
  fast.threads = run.threads;
  fast.memory_limit_bytes = run.max_memory;
  const std::optional<TensorView<T>> bias =
      inputs.bias ? std::optional<TensorView<T>>(inputs.bias->view<T>()) : std::nullopt;
  return fast_module().run(inputs.input.view<T>(), inputs.weight.view<T>(), bias ? &*bias : nullptr, params, fast);
}

// The scatter view (default): the engine's own order, one step per input element.
template <typename T>
void run_scatter_view(const TypedRun<T>& run, std::ostream& out, bool color) {
  const Problem& problem = run.problem;
  const ConvParams& params = problem.layer.params;
  const int64_t max_memory = run.max_memory;
  const auto finish = [&](const Tensor<T>& result) { return run.finish(result); };
  const auto run_engine_with = [&](StepObserver* log) {
    return run_engine(run.input(), run.weight(), run.bias_ptr(), params, log, max_memory);
  };
  const bool show_batch = run.show_batch(), show_channels = run.show_channels();
  if (problem.steps && problem.format == Format::Text) {
    write_header(out, problem);
    // The article writes bare sums because its kernel is all ones (x·1 = x); any other kernel
    // shows each term's weight.
    const std::vector<T>& weights = run.weight().data;
    const bool all_ones = std::all_of(weights.begin(), weights.end(), [](T w) { return w == T(1); });
    TextStepLog log(out, problem.shapes, problem.dtype, color, show_batch, show_channels, !all_ones);
    const Tensor<double> output = finish(run_engine_with(&log));
    write_output_text(out, output, problem, true);
    return;
  }
  if (problem.steps && problem.format == Format::Jsonl) {
    JsonStepWriter log(out, problem.shapes, problem.dtype, true);
    const Tensor<double> output = finish(run_engine_with(&log));
    out << "{";
    write_output_json_fields(out, output, problem);
    out << "}\n";
    return;
  }
  if (problem.steps && problem.format == Format::Json) {
    std::ostringstream steps;
    JsonStepWriter log(steps, problem.shapes, problem.dtype, false);
    const Tensor<double> output = finish(run_engine_with(&log));
    out << "{";
    write_output_json_fields(out, output, problem);
    out << ",\"steps\":[" << steps.str() << "]}\n";
    return;
  }
  const Tensor<T> result = run_output_engine(run);
  if (problem.format == Format::Npy) {  // straight from the engine's buffer, in its own type
    write_npy(out, user_output_shape(problem.inputs.layout, result.shape), result.data);
    return;
  }
  const Tensor<double> output = finish(result);
  switch (problem.format) {
    case Format::Text: write_output_text(out, output, problem, false); break;
    case Format::Json:
    case Format::Jsonl:
      out << "{";
      write_output_json_fields(out, output, problem);
      out << "}\n";
      break;
    case Format::Csv: write_csv(out, output, problem.dtype); break;
    case Format::Npy: out << write_npy(output, problem.dtype); break;
  }
}

template <typename T>
void run_typed(Problem& problem, const ComputeOptions& options, EngineChoice engine, std::ostream& out, bool color) {
  const bool small = multiply_adds(problem.shapes, problem.layer.params) < kReferenceMultiplyAdds;
  const EngineChoice chosen = engine == EngineChoice::Auto ? (small ? EngineChoice::Reference : EngineChoice::Fast)
                                                           : engine;
  const bool fast_output = chosen == EngineChoice::Fast && !problem.steps && problem.view == View::Scatter;
  if (!fast_output) problem.inputs.make_owned();
  const TypedRun<T> run(problem, options.tensors.max_memory, chosen, options.threads);
  switch (problem.view) {
    case View::Matrix: run_matrix_view(run, out); break;
    case View::Gather: run_gather_view(run, out); break;
    case View::Scatter: run_scatter_view(run, out, color); break;
  }
}

int run_compute(const ComputeOptions& options, CliContext& context) {
  // The flags first: a bad one is refused before any input is read.
  const EngineChoice engine = parse_engine(options.engine);
  if (options.threads < 0) throw InvalidParameter("--threads must be >= 0, got " + std::to_string(options.threads));
  if (options.view == "overlap") {
    return run_overlap_view({options.tensors, options.layer, options.example_given, options.example, options.format,
                             options.output, options.steps, options.matrix, options.engine},
                            context);
  }
  if (engine == EngineChoice::Fast && (options.steps || options.matrix || options.view != "scatter")) {
    throw UsageError(
        "--engine fast cannot show --steps, --view gather or --matrix: they come from the "
        "reference engine's step stream (drop --engine fast)");
  }
  Problem problem = prepare(options, context);
  const bool to_file = !options.output.empty() && options.output != "-";
  std::optional<OutputFile> file;
  if (to_file) file.emplace(options.output);
  std::ostream& out = to_file ? file->stream() : context.out;
  const bool color = !to_file && context.out_is_terminal && context.color_allowed;
  if (problem.dtype == Dtype::Float32) {
    run_typed<float>(problem, options, engine, out, color);
  } else {
    run_typed<double>(problem, options, engine, out, color);
  }
  if (file) file->commit();
  return 0;
}

constexpr const char* kExamples =
    "Examples:\n"
    "  tconv compute --example 2 --steps                 the article's Figure 4, step by step\n"
    "  tconv compute --input '[[1,2],[3,4]]' --weight ones -k 3 -s 2 -p 1\n"
    "  tconv compute --input x.npy --weight w.npy --bias '[0.5]' -s 2 --format json | jq .shape\n"
    "  tconv compute --input random:1 --input-size 3x3 --weight arange -k 2 -s 2 --view gather --steps\n"
    "  tconv compute --example 1 --matrix                the matrix C^T: why it is called transposed\n"
    "  tconv compute --view overlap --input-size 4x4 -k 3 -s 2   why kernel 3, stride 2 makes checkerboards\n"
    "  tconv compute --input x.npy --weight w.npy -s 2 -o y.npy\n"
    "\n"
    "Article examples (--example N; input [[1,2],[3,4]], all-ones kernel):\n";

}  // namespace

// "kernel 3, stride 2, padding 1": every value that differs from PyTorch's default, with
// per-axis values joined by 'x' when they differ between axes.
std::string describe_layer(const ConvParams& params) {
  const auto field = [&](auto get) {
    std::vector<int64_t> values;
    for (const AxisParams& axis : params.axes) values.push_back(get(axis));
    return per_axis_text(values);
  };
  std::string text = "kernel " + field([](const AxisParams& a) { return a.kernel; });
  bool any_stride = false, any_pad = false, symmetric = true, any_op = false, any_dilation = false;
  for (const AxisParams& a : params.axes) {
    any_stride = any_stride || a.stride != 1;
    any_pad = any_pad || a.pad_begin != 0 || a.pad_end != 0;
    symmetric = symmetric && a.pad_begin == a.pad_end;
    any_op = any_op || a.output_padding != 0;
    any_dilation = any_dilation || a.dilation != 1;
  }
  if (any_stride) text += ", stride " + field([](const AxisParams& a) { return a.stride; });
  if (any_pad && symmetric) text += ", padding " + field([](const AxisParams& a) { return a.pad_begin; });
  if (any_pad && !symmetric) {
    text += ", pads begin " + field([](const AxisParams& a) { return a.pad_begin; }) + " end " +
            field([](const AxisParams& a) { return a.pad_end; });
  }
  if (any_op) text += ", output_padding " + field([](const AxisParams& a) { return a.output_padding; });
  if (any_dilation) text += ", dilation " + field([](const AxisParams& a) { return a.dilation; });
  if (params.groups != 1) text += ", groups " + std::to_string(params.groups);
  return text;
}

Command add_compute_command(CLI::App& parent) {
  auto options = std::make_shared<ComputeOptions>();
  CLI::App* app = parent.add_subcommand(
      "compute", "Transposed convolution of an input with a kernel (PyTorch ConvTranspose1d/2d/3d), every step shown");
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] { return std::string(kExamples) + article_case_list(); });
  add_tensor_input_options(*app, options->tensors);
  add_layer_options(*app, options->layer, true, false);
  CLI::Option* example = add_integer_option(*app, "--example", options->example,
                                            "run the article's case N (1-5) instead of --input/--weight")
                             ->type_name("N");
  app->add_option("--dtype", options->dtype, "float32 (default, like PyTorch) or float64")->type_name("TYPE");
  app->add_option("--format", options->format,
                  "text (default), json, jsonl, csv (2-D) or npy; with -o, taken from the file's extension")
      ->type_name("FORMAT");
  app->add_flag("--steps", options->steps, "show every step: one per input element (scatter) or output cell (gather)");
  app->add_option("--view", options->view,
                  "scatter (default: the engine's steps), gather (conv_arithmetic's form) or overlap (how many "
                  "input-tap pairs reach each output cell: the checkerboard check; needs only sizes)")
      ->type_name("VIEW");
  app->add_flag("--matrix", options->matrix, "show the transposed convolution as the matrix C^T, with checks");
  app->add_option("-o,--output", options->output,
                  "write to FILE instead of stdout (a regular file atomically; a device, FIFO or socket directly)")
      ->type_name("FILE");
  app->add_option("--engine", options->engine,
                  "auto (default: fast for layers of a million multiply-adds or more, unless steps or a view are "
                  "shown), reference (the step loop) or fast")
      ->type_name("ENGINE");
  add_integer_option(*app, "--threads", options->threads, "threads of the fast engine (default 0: every core)")
      ->type_name("N");
  return {app, [options, example](CliContext& context) {
            options->example_given = example->count() > 0;
            return run_compute(*options, context);
          }};
}

}  // namespace tconv
