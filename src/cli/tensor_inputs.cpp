#include "cli/tensor_inputs.hpp"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>
#include <vector>

#include "cli/integer_options.hpp"
#include "cli/value_parsing.hpp"
#include "core/article_cases.hpp"
#include "core/error.hpp"
#include "core/index.hpp"
#include "io/file_bytes.hpp"
#include "io/tensor_parse.hpp"

namespace tconv {

namespace {

enum class Generator { None, Ones, Zeros, Arange, Random };

struct GeneratorSpec {
  Generator kind = Generator::None;
  uint64_t seed = 0;
};

GeneratorSpec parse_generator(const std::string& value, const std::string& flag) {
  if (value == "ones") return {Generator::Ones, 0};
  if (value == "zeros") return {Generator::Zeros, 0};
  if (value == "arange") return {Generator::Arange, 0};
  if (value == "random") return {Generator::Random, 0};
  if (value.rfind("random:", 0) == 0) {
    const std::string seed = value.substr(7);
    uint64_t parsed = 0;
    const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), parsed);
    if (seed.empty() || error != std::errc() || end != seed.data() + seed.size()) {
      throw UsageError(flag + " random:SEED needs a non-negative integer SEED, got '" + seed + "'");
    }
    return {Generator::Random, parsed};
  }
  return {};
}

// splitmix64: a fixed, documented sequence, so random:SEED is the same on every machine
// (std::uniform_real_distribution is not specified bit for bit).
uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Tensor<double> generate(const GeneratorSpec& generator, const Shape& shape, const std::string& flag,
                        int64_t max_memory) {
  check_memory_limit(flag.c_str(), element_count(shape), 8, max_memory);
  Tensor<double> tensor(shape);
  uint64_t state = generator.seed;
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    switch (generator.kind) {
      case Generator::Ones: tensor.data[i] = 1; break;
      case Generator::Zeros: tensor.data[i] = 0; break;
      case Generator::Arange: tensor.data[i] = static_cast<double>(i + 1); break;
      case Generator::Random:
        // 53 random bits -> [0, 1) -> [-1, 1), exact in double.
        tensor.data[i] = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-52 - 1.0;
        break;
      case Generator::None: break;
    }
  }
  return tensor;
}

FileBytes read_file(const std::string& path, const std::string& flag, int64_t max_memory) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    throw IoError("cannot read " + flag + " '" + path + "': " + std::strerror(errno) +
                  " (give a file, '-' for stdin, inline JSON like '[[1,2],[3,4]]', or ones/zeros/arange/random:SEED)");
  }
  return FileBytes::open(path, flag, max_memory);
}

// A tensor as the user gave it, before it is put into the engine's layout.
struct Given {
  std::string flag;
  GeneratorSpec generator;
  bool present = false;
  AnyTensor tensor;
  TensorFormat format = TensorFormat::Json;
  int64_t first_inexact_float32_integer = -1;  // see ParsedTensor
};

Given read_source(const std::string& value, const std::string& flag, std::istream& in, bool& stdin_used,
                  int64_t max_memory) {
  Given given;
  given.flag = flag;
  if (value.empty()) return given;
  given.present = true;
  given.generator = parse_generator(value, flag);
  if (given.generator.kind != Generator::None) return given;
  const size_t first = value.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && value[first] == '[') {
    given.tensor = parse_json_tensor(value, flag + " (inline JSON)", max_memory, &given.first_inexact_float32_integer);
    given.format = TensorFormat::Json;
    return given;
  }
  std::shared_ptr<FileBytes> bytes;
  std::string source;
  if (value == "-") {
    if (stdin_used) throw UsageError("'-' (standard input) can be given to only one of --input, --weight, --bias");
    stdin_used = true;
    bytes = std::make_shared<FileBytes>(FileBytes::read_stream(in, "the standard input of " + flag, max_memory));
    source = flag + " (stdin)";
  } else {
    bytes = std::make_shared<FileBytes>(read_file(value, flag, max_memory));
    source = flag + " '" + value + "'";
  }
  // The tensor may keep using the file's bytes (see parse_npy_values), so it shares them.
  ParsedTensor parsed = parse_tensor(bytes->view(), source, bytes, max_memory);
  given.tensor = std::move(parsed.tensor);
  given.format = parsed.format;
  given.first_inexact_float32_integer = parsed.first_inexact_float32_integer;
  return given;
}

// "[0, 1]": the position of flat element `flat` of a tensor of this shape, as errors name it.
std::string position_text(const Shape& shape, int64_t flat) { return index_text(unflatten_all(flat, shape), "[", ", ", "]"); }

// The value as the user would write it: every digit of an integer, else the shortest text that
// reads back to it.
std::string value_text(double value) {
  char text[400];
  if (value == std::floor(value) && std::abs(value) < 1e21) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

// The flat index of the first finite value beyond float32's range, or -1.
int64_t first_beyond_float32(const AnyTensor& tensor) {
  if (!tensor.holds<double>()) return -1;  // float data is in range by construction
  const TensorView<double> values = tensor.view<double>();
  constexpr double kLargest = std::numeric_limits<float>::max();
  for (int64_t i = 0; i < values.size(); ++i) {
    const double v = values.data[i];
    if (std::isfinite(v) && std::abs(v) > kLargest) return i;
  }
  return -1;
}

void check_given(const Given& given, bool allow_nonfinite, Dtype dtype) {
  if (given.tensor.size() == 0)
    throw DataError(given.flag + " is empty (shape " + shape_to_string(given.tensor.shape()) + ")");
  const Shape& shape = given.tensor.shape();
  if (!allow_nonfinite) {
    const int64_t bad = given.tensor.first_nonfinite();
    if (bad >= 0) {
      std::ostringstream value;
      value << given.tensor.value(bad);
      throw DataError(given.flag + " holds " + value.str() + " at index " + position_text(shape, bad) +
                      "; pass --allow-nonfinite to compute with it");
    }
  }
  if (dtype != Dtype::Float32) return;
  // float32 would turn these into other values (infinity, a neighbouring integer): refused like
  // NaN, with the way to keep them.
  const int64_t beyond = first_beyond_float32(given.tensor);
  if (beyond >= 0) {
    throw DataError(given.flag + " holds " + value_text(given.tensor.value(beyond)) + " at index " +
                    position_text(shape, beyond) +
                    ", beyond float32's range (largest 3.4028235e+38); --dtype float64 keeps it");
  }
  const int64_t inexact = given.first_inexact_float32_integer;
  if (inexact >= 0) {
    const double value = given.tensor.value(inexact);
    throw DataError(given.flag + " holds the integer " + value_text(value) + " at index " + position_text(shape, inexact) +
                    ", which float32 cannot hold exactly (it would become " +
                    value_text(static_cast<double>(static_cast<float>(value))) + "); --dtype float64 keeps it");
  }
}

std::string spatial_names(int dims) {
  static const char* const kNames[3][3] = {{"L", "", ""}, {"H", "W", ""}, {"D", "H", "W"}};
  std::string text;
  for (int i = 0; i < dims; ++i) text += std::string(i > 0 ? ", " : "") + kNames[dims - 1][i];
  return text;
}

Shape with_leading(const Shape& spatial, std::initializer_list<int64_t> leading) {
  Shape shape(leading);
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  return shape;
}

}  // namespace

void add_tensor_input_options(CLI::App& app, TensorInputOptions& options) {
  app.add_option("--input", options.input,
                 "input X: file (.npy, JSON, text matrix), '-' for stdin, inline JSON '[[1,2],[3,4]]', or "
                 "ones, zeros, arange, random:SEED")
      ->type_name("SOURCE");
  app.add_option("--weight", options.weight, "weight W (Cin, Cout/groups, k...) or (k...): same sources as --input")
      ->type_name("SOURCE");
  app.add_option("--bias", options.bias, "bias B, one value per output channel: same sources")->type_name("SOURCE");
  add_integer_option(app, "--dims", options.dims, "spatial dimensions: 1, 2 (default) or 3")->type_name("N");
  app.add_option("--input-size", options.input_size, "spatial size of a generated input, e.g. 4x4")->type_name("SIZE");
  add_integer_option(app, "--in-channels", options.in_channels,
                     "channels of a generated input (gives the (C, ...) layout)");
  add_integer_option(app, "--out-channels", options.out_channels,
                     "output channels of a generated weight (default: groups); with a data weight, a check");
  add_integer_option(app, "--batch", options.batch, "batch size of a generated input (gives the (N, C, ...) layout)");
  app.add_flag("--allow-nonfinite", options.allow_nonfinite, "accept NaN and Inf in the data");
  add_integer_option(app, "--max-memory", options.max_memory,
                     "refuse to allocate or read more than BYTES for one tensor (default 4 GiB)")
      ->type_name("BYTES");
}

std::vector<std::string> tensor_flags_given(const TensorInputOptions& options) {
  std::vector<std::string> given;
  if (!options.input.empty()) given.push_back("--input");
  if (!options.weight.empty()) given.push_back("--weight");
  if (!options.bias.empty()) given.push_back("--bias");
  if (options.dims) given.push_back("--dims");
  if (!options.input_size.empty()) given.push_back("--input-size");
  if (options.in_channels) given.push_back("--in-channels");
  if (options.out_channels) given.push_back("--out-channels");
  if (options.batch) given.push_back("--batch");
  return given;
}

Shape TensorInputs::kernel_size() const {
  const Shape& shape = weight.shape();
  return shape.size() > 2 ? Shape(shape.begin() + 2, shape.end()) : Shape{};
}

template <typename T>
void TensorInputs::convert_to() {
  input.convert_to<T>();
  weight.convert_to<T>();
  if (bias) bias->convert_to<T>();
}

template void TensorInputs::convert_to<float>();
template void TensorInputs::convert_to<double>();

void TensorInputs::make_owned() {
  input.make_owned();
  weight.make_owned();
  if (bias) bias->make_owned();
}

TensorInputs load_tensor_inputs(const TensorInputOptions& options, const LayerOptions& layer, std::istream& in) {
  const int dims = options.dims.value_or(2);
  if (dims < 1 || dims > kMaxSpatialDims) throw UsageError("--dims must be 1, 2 or 3, got " + std::to_string(dims));
  if (options.input.empty()) throw UsageError("--input is required (or --example N); see --help");
  if (options.weight.empty()) throw UsageError("--weight is required (or --example N); see --help");
  // Counts are checked before any file is read.
  for (const auto& [value, flag] :
       {std::pair{options.in_channels, "--in-channels"}, std::pair{options.out_channels, "--out-channels"},
        std::pair{options.batch, "--batch"}}) {
    if (value && *value < 1) throw InvalidParameter(std::string(flag) + " must be >= 1, got " + std::to_string(*value));
  }
  if (layer.groups < 1) throw InvalidParameter("groups must be >= 1, got " + std::to_string(layer.groups));
  if (options.max_memory < 1) throw InvalidParameter("--max-memory must be >= 1, got " + std::to_string(options.max_memory));
  if ((options.input == "-") + (options.weight == "-") + (options.bias == "-") > 1) {
    throw UsageError("'-' (standard input) can be given to only one of --input, --weight, --bias");
  }
  if (parse_generator(options.input, "--input").kind == Generator::None) {
    for (const auto& [given, flag] : {std::pair{!options.input_size.empty(), "--input-size"},
                                      std::pair{options.in_channels.has_value(), "--in-channels"},
                                      std::pair{options.batch.has_value(), "--batch"}}) {
      if (given) {
        throw UsageError(std::string(flag) + " sizes a generated input (ones, zeros, arange, random:SEED); --input " +
                         "data has its own shape: drop " + flag);
      }
    }
  }
  bool stdin_used = false;
  Given input = read_source(options.input, "--input", in, stdin_used, options.max_memory);
  Given weight = read_source(options.weight, "--weight", in, stdin_used, options.max_memory);
  Given bias = read_source(options.bias, "--bias", in, stdin_used, options.max_memory);
  const auto d = static_cast<size_t>(dims);
  const std::string names = spatial_names(dims);

  TensorInputs result;
  result.dims = dims;
  const int64_t groups = layer.groups;

  // A weight given as data first, so that a generated input can take its Cin from it; then the
  // input, so that a generated weight can take its Cin from the input.
  int64_t weight_cin = 0;
  if (weight.generator.kind == Generator::None) {
    check_given(weight, options.allow_nonfinite, options.dtype);
    const Shape& given_shape = weight.tensor.shape();
    if (given_shape.size() == d) {
      weight.tensor.reshape(with_leading(given_shape, {1, 1}));
      result.weight = std::move(weight.tensor);
    } else if (given_shape.size() == d + 2) {
      result.weight = std::move(weight.tensor);
    } else {
      throw DataError("--weight has shape " + shape_to_string(given_shape) + " (rank " +
                      std::to_string(given_shape.size()) + "), but --dims " + std::to_string(dims) +
                      " needs rank " + std::to_string(dims) + " (" + names + ") or " + std::to_string(dims + 2) +
                      " (Cin, Cout/groups, " + names + ")");
    }
    weight_cin = result.weight.shape()[0];
  }

  if (input.generator.kind == Generator::None) {
    check_given(input, options.allow_nonfinite, options.dtype);
    Shape shape = input.tensor.shape();
    if (dims == 1 && input.format == TensorFormat::TextMatrix && shape.size() == 2 && shape[0] == 1) {
      shape = {shape[1]};  // one text row is a 1-D signal
    }
    if (shape.size() == d) {
      result.layout = InputLayout::Spatial;
      shape = with_leading(shape, {1, 1});
    } else if (shape.size() == d + 1) {
      result.layout = InputLayout::Channels;
      shape.insert(shape.begin(), 1);
    } else if (shape.size() == d + 2) {
      result.layout = InputLayout::BatchChannels;
    } else {
      throw DataError("--input has shape " + shape_to_string(input.tensor.shape()) + " (rank " +
                      std::to_string(input.tensor.shape().size()) + "), but --dims " + std::to_string(dims) +
                      " needs rank " + std::to_string(dims) + " (" + names + "), " + std::to_string(dims + 1) + " (C, " +
                      names + ") or " + std::to_string(dims + 2) + " (N, C, " + names + ")");
    }
    input.tensor.reshape(shape);
    result.input = std::move(input.tensor);
  } else {
    if (options.input_size.empty()) {
      throw InvalidParameter("--input " + options.input + " needs --input-size (the spatial size, e.g. --input-size 4x4)");
    }
    const Shape spatial = broadcast_to_dims(parse_int_list(options.input_size, "--input-size", true), dims, "--input-size");
    for (int64_t extent : spatial) {
      if (extent < 1) throw InvalidParameter("--input-size must be >= 1 in every dimension, got " + options.input_size);
    }
    const int64_t channels = options.in_channels.value_or(weight_cin > 0 ? weight_cin : 1);
    if (options.batch) {
      result.layout = InputLayout::BatchChannels;
    } else if (options.in_channels || channels > 1) {
      result.layout = InputLayout::Channels;
    } else {
      result.layout = InputLayout::Spatial;
    }
    const int64_t batch = options.batch.value_or(1);
    result.input = generate(input.generator, with_leading(spatial, {batch, channels}), "--input", options.max_memory);
  }
  const int64_t cin = result.input.shape()[1];

  if (weight.generator.kind != Generator::None) {
    if (layer.kernel_size.empty()) {
      throw InvalidParameter("--weight " + options.weight + " needs -k/--kernel-size (e.g. -k 3)");
    }
    const Shape kernel = broadcast_to_dims(parse_int_list(layer.kernel_size, "--kernel-size"), dims, "--kernel-size");
    for (int64_t extent : kernel) {
      if (extent < 1) throw InvalidParameter("kernel size must be >= 1, got " + layer.kernel_size);
    }
    const int64_t cout = options.out_channels.value_or(groups);
    if (cout % groups != 0) {
      throw InvalidParameter("groups must divide the output channels: --out-channels " + std::to_string(cout) +
                             ", groups " + std::to_string(groups));
    }
    Shape shape{cin, cout / groups};
    shape.insert(shape.end(), kernel.begin(), kernel.end());
    result.weight = generate(weight.generator, shape, "--weight", options.max_memory);
  } else if (result.weight.shape()[0] != cin) {
    throw InvalidParameter("the weight's first dimension is Cin = " + std::to_string(result.weight.shape()[0]) +
                           " (weight shape " + shape_to_string(result.weight.shape()) + "), but the input has " +
                           std::to_string(cin) + " channel" + (cin == 1 ? "" : "s") + " (input shape " +
                           shape_to_string(result.input.shape()) + " as (N, C, " + names + "))");
  } else if (options.out_channels && result.weight.shape()[1] * groups != *options.out_channels) {
    throw InvalidParameter("--out-channels " + std::to_string(*options.out_channels) +
                           " does not match the weight: Cout = " + std::to_string(result.weight.shape()[1]) +
                           " x groups " + std::to_string(groups));
  }
  const int64_t cout = result.weight.shape()[1] * groups;

  if (bias.present) {
    if (bias.generator.kind != Generator::None) {
      result.bias = generate(bias.generator, {cout}, "--bias", options.max_memory);
    } else {
      check_given(bias, options.allow_nonfinite, options.dtype);
      const Shape shape = bias.tensor.shape();
      const bool one_row = shape.size() == 2 && shape[0] == 1;
      if (shape.size() > 1 && !one_row) {
        throw DataError("--bias must be a list of Cout values, got shape " + shape_to_string(shape));
      }
      if (bias.tensor.size() != cout) {
        throw InvalidParameter("--bias needs one value per output channel: Cout = " + std::to_string(cout) + ", got " +
                               std::to_string(bias.tensor.size()) + " value" + (bias.tensor.size() == 1 ? "" : "s"));
      }
      bias.tensor.reshape({cout});
      result.bias = std::move(bias.tensor);
    }
  }
  return result;
}

void check_example_flags(int example, const TensorInputOptions& tensors, bool layer_flags) {
  if (example < 1 || example > kArticleCaseCount) {
    throw UsageError("--example must be 1 to " + std::to_string(kArticleCaseCount) + ", got " +
                     std::to_string(example));
  }
  const std::vector<std::string> given = tensor_flags_given(tensors);
  if (!tensors.input.empty() || !tensors.weight.empty() || !tensors.bias.empty()) {
    throw UsageError("--example N brings its own input and kernel; drop --input/--weight/--bias");
  }
  if (!given.empty()) {
    std::string flags;
    for (const std::string& flag : given) flags += (flags.empty() ? "" : ", ") + flag;
    throw UsageError("--example N brings its own input and kernel, so " + flags + " would do nothing; drop " +
                     (given.size() == 1 ? "it" : "them"));
  }
  if (layer_flags) throw UsageError("--example N sets the layer itself; drop the layer flags (-k, -s, -p, ...)");
}

TensorInputs article_case_inputs(int number) {
  ArticleCase example = article_case(number);
  TensorInputs result;
  result.input = std::move(example.input);
  result.weight = std::move(example.weight);
  result.layout = InputLayout::Spatial;
  result.dims = 2;
  return result;
}

Shape user_output_shape(InputLayout layout, const Shape& engine_output_shape) {
  Shape shape = engine_output_shape;
  if (layout == InputLayout::BatchChannels || shape.size() < 2) return shape;
  shape.erase(shape.begin());  // N is 1
  if (layout == InputLayout::Spatial && shape[0] == 1) shape.erase(shape.begin());
  return shape;
}

}  // namespace tconv
