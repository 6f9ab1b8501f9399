#include "cli/tensor_inputs.hpp"

#include <CLI/CLI.hpp>
#include <vector>

#include "cli/option_group.hpp"
#include "cli/tensor_generators.hpp"
#include "cli/tensor_layouts.hpp"
#include "cli/tensor_sources.hpp"
#include "cli/tf_layout.hpp"
#include "cli/value_parsing.hpp"
#include "core/article_cases.hpp"
#include "core/error.hpp"

namespace tconv {

void add_tensor_input_options(OptionGroup& group, TensorInputOptions& options) {
  group.text("--input", options.input, "SOURCE", "the input X: (spatial...), (C, spatial...) or (N, C, spatial...)");
  group.text("--weight", options.weight, "SOURCE", "the weight W: (Cin, Cout/groups, k...), or (k...) for one channel");
  group.text("--bias", options.bias, "SOURCE", "the bias B: one value per output channel");
  group.integer("--dims", options.dims, "D",
                "spatial dimensions: 1, 2 or 3; default: from a data weight's rank as PyTorch lays it out "
                "(3: 1-D, 4: 2-D, 5: 3-D; a kernel alone, rank 1 or 2: 1-D or 2-D), else the sizes in "
                "--input-size (5: 1-D, 4x4: 2-D), else a comma list in -k, -s, -p, -d, --output-padding, --pads, "
                "else 1-D for a rank-1 --input, else 2");
  group.text("--input-size", options.input_size, "SIZE", "spatial size of a generated input, e.g. 4x4");
  group.integer("--in-channels", options.in_channels, "C", "channels of a generated input (gives the (C, ...) layout)");
  group.integer("--out-channels", options.out_channels, "C",
                "output channels of a generated weight (default: groups); with a data weight, a check");
  group.integer("--batch", options.batch, "N", "batch size of a generated input (gives the (N, C, ...) layout)");
  group.flag("--allow-nonfinite", options.allow_nonfinite,
             "accept NaN and Inf in the data (JSON: \"NaN\", \"Infinity\", \"-Infinity\", as tconv writes them)");
  group.max_memory(options.max_memory);
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

namespace {

// One source of the spatial rank: its rank and how to name it ("-k 3,3,3").
struct RankClaim {
  int dims;
  std::string source;
};

}  // namespace

SpatialRank decide_spatial_rank(const TensorInputOptions& tensors, const LayerOptions& layer,
                                std::optional<size_t> weight_rank, std::optional<size_t> input_rank) {
  std::vector<RankClaim> claims;
  if (tensors.dims) {
    claims.push_back({*tensors.dims, "--dims " + std::to_string(*tensors.dims)});
  } else if (weight_rank) {
    if (const std::optional<int> implied = dims_from_weight_rank(*weight_rank)) {
      claims.push_back({*implied, "the weight's rank " + std::to_string(*weight_rank)});
    }
  }
  if (!tensors.input_size.empty()) {
    const size_t sizes = parse_int_list(tensors.input_size, "--input-size", true).size();
    if (sizes > 1 || claims.empty()) claims.push_back({static_cast<int>(sizes), "--input-size " + tensors.input_size});
  }
  // The flag as written in the message, and its long name as the parser names it.
  struct ListFlag {
    const std::string& text;
    const char* shown;
    const char* name;
    size_t values_per_dim;
  };
  for (const ListFlag& flag :
       {ListFlag{layer.kernel_size, "-k", "--kernel-size", 1}, ListFlag{layer.stride, "-s", "--stride", 1},
        ListFlag{layer.padding, "-p", "--padding", 1}, ListFlag{layer.dilation, "-d", "--dilation", 1},
        ListFlag{layer.output_padding, "--output-padding", "--output-padding", 1},
        ListFlag{layer.pads, "--pads", "--pads", 2}}) {
    if (flag.text.empty()) continue;
    const size_t values = parse_int_list(flag.text, flag.name).size();
    // One value is every dimension's; an odd --pads count is the layer's check (begins and ends).
    if (values > 1 && values % flag.values_per_dim == 0) {
      claims.push_back({static_cast<int>(values / flag.values_per_dim), std::string(flag.shown) + " " + flag.text});
    }
  }
  if (claims.empty() && input_rank == 1) claims.push_back({1, "the input's rank 1"});
  if (claims.empty()) return {2, "a 2-D layer (the default; --dims sets another)"};

  const RankClaim& first = claims.front();
  const std::string layer_name = std::to_string(first.dims) + "-D layer";
  for (const RankClaim& other : claims) {
    if (other.dims == first.dims) continue;
    const bool kernel_alone = !tensors.dims && weight_rank == 3 && other.dims == 3;
    throw InvalidParameter(first.source + " gives a " + layer_name + " but " + other.source + " gives " +
                           std::to_string(other.dims) + "-D" +
                           (kernel_alone ? "; --dims 3 reads a rank-3 weight as one 3-D kernel (kD, kH, kW)" : ""));
  }
  if (first.dims > kMaxSpatialDims) {
    throw InvalidParameter(first.source + " gives a " + layer_name + "; tconv's layers are 1-D, 2-D or 3-D");
  }
  return {first.dims, tensors.dims ? first.source : "a " + layer_name + " (from " + first.source + ")"};
}

TensorInputs load_tensor_inputs(const TensorInputOptions& options, const LayerOptions& layer, std::istream& in) {
  if (options.dims && (*options.dims < 1 || *options.dims > kMaxSpatialDims)) {
    throw UsageError("--dims must be 1, 2 or 3, got " + std::to_string(*options.dims));
  }
  if (options.input.empty()) throw UsageError("--input is required (or --example N); see --help");
  if (options.weight.empty()) throw UsageError("--weight is required (or --example N); see --help");
  // Counts are checked before any file is read.
  for (const auto& [value, flag] :
       {std::pair{options.in_channels, "--in-channels"}, std::pair{options.out_channels, "--out-channels"},
        std::pair{options.batch, "--batch"}}) {
    if (value && *value < 1) throw InvalidParameter(std::string(flag) + " must be >= 1, got " + std::to_string(*value));
  }
  if (layer.groups < 1) throw InvalidParameter("groups must be >= 1, got " + std::to_string(layer.groups));
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
  GivenTensor input = read_tensor_source(options.input, "--input", in, stdin_used, options.max_memory);
  GivenTensor weight = read_tensor_source(options.weight, "--weight", in, stdin_used, options.max_memory);
  GivenTensor bias = read_tensor_source(options.bias, "--bias", in, stdin_used, options.max_memory);

  const auto data_rank = [](const GivenTensor& given) {
    return given.generator.kind == Generator::None ? std::optional<size_t>(given.tensor.shape().size()) : std::nullopt;
  };
  const SpatialRank rank = decide_spatial_rank(options, layer, data_rank(weight), data_rank(input));
  const int dims = rank.dims;
  const std::string& dims_origin = rank.origin;

  TensorInputs result;
  result.dims = dims;
  const int64_t groups = layer.groups;

  // A weight given as data first, so that a generated input can take its Cin from it; then the
  // input, so that a generated weight can take its Cin from the input.
  int64_t weight_cin = 0;
  if (weight.generator.kind == Generator::None) {
    check_tensor_values(weight, options.allow_nonfinite, options.dtype);
    if (options.tf_layout) tf_filter_to_pytorch(weight.tensor, dims);
    weight_to_engine_layout(weight.tensor, dims, dims_origin);
    result.weight = std::move(weight.tensor);
    weight_cin = result.weight.shape()[0];
  }

  Shape input_shape;  // in the engine's layout; a generated input is filled only once check_shapes passed
  if (input.generator.kind == Generator::None) {
    check_tensor_values(input, options.allow_nonfinite, options.dtype);
    if (options.tf_layout) tf_input_to_channels_first(input.tensor, dims);
    result.layout = input_to_engine_layout(input.tensor, input.format, dims, dims_origin);
    result.input = std::move(input.tensor);
    input_shape = result.input.shape();
  } else {
    if (options.input_size.empty()) {
      throw InvalidParameter("--input " + options.input +
                             " needs --input-size (the spatial size, e.g. --input-size 4x4)");
    }
    const Shape spatial =
        broadcast_to_dims(parse_int_list(options.input_size, "--input-size", true), dims, "--input-size");
    for (int64_t extent : spatial) {
      if (extent < 1) throw InvalidParameter("--input-size must be >= 1 in every dimension, got " + options.input_size);
    }
    const int64_t channels = options.in_channels.value_or(weight_cin > 0 ? weight_cin : 1);
    result.layout = generated_input_layout(options.batch.has_value(), options.in_channels.has_value(), channels);
    const int64_t batch = options.batch.value_or(1);
    input_shape = with_leading(spatial, {batch, channels});  // generated below, after check_shapes
  }
  const int64_t cin = input_shape[1];

  Shape weight_shape;
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
    weight_shape = with_leading(kernel, {cin, cout / groups});
  } else {
    check_weight_channels(result.weight.shape(), input_shape, groups, options.out_channels, dims);
    weight_shape = result.weight.shape();
  }
  if (options.check_shapes) options.check_shapes(input_shape, weight_shape);
  if (input.generator.kind != Generator::None) {
    result.input = generate(input.generator, input_shape, "--input", options.max_memory);
  }
  if (weight.generator.kind != Generator::None) {
    result.weight = generate(weight.generator, weight_shape, "--weight", options.max_memory);
  }
  const int64_t cout = weight_shape[1] * groups;

  if (bias.present) {
    if (bias.generator.kind != Generator::None) {
      result.bias = generate(bias.generator, {cout}, "--bias", options.max_memory);
    } else {
      check_tensor_values(bias, options.allow_nonfinite, options.dtype);
      // What would make the bias fit: -g for a data weight, --out-channels for a generated one.
      const int64_t wanted = bias.tensor.size();
      std::string fix;
      if (weight.generator.kind == Generator::None) {
        const std::optional<int64_t> fit = groups_that_fit(cin, result.weight.shape()[1], wanted, groups);
        if (fit) fix = "-g " + std::to_string(*fit) + " would fit";
      } else if (!options.out_channels && wanted % groups == 0) {
        fix = "--out-channels " + std::to_string(wanted) + " would fit";
      }
      bias_to_engine_layout(bias.tensor, cout, fix);
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

}  // namespace tconv
