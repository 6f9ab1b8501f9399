#include "cli/tensor_layouts.hpp"

#include "core/error.hpp"

namespace tconv {

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

std::optional<int> dims_from_weight_rank(size_t rank) {
  switch (rank) {
    case 1:
    case 3:
      return 1;
    case 2:
    case 4:
      return 2;
    case 5:
      return 3;
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> groups_that_fit(int64_t in_channels, int64_t per_group, int64_t wanted_cout, int64_t groups) {
  if (per_group < 1 || wanted_cout < 1 || wanted_cout % per_group != 0) return std::nullopt;
  const int64_t fit = wanted_cout / per_group;
  if (fit == groups || in_channels % fit != 0) return std::nullopt;
  return fit;
}

void weight_to_engine_layout(AnyTensor& weight, int dims, const std::string& dims_origin) {
  const Shape given_shape = weight.shape();
  const auto d = static_cast<size_t>(dims);
  if (given_shape.size() == d) {
    weight.reshape(with_leading(given_shape, {1, 1}));
  } else if (given_shape.size() != d + 2) {
    const std::string names = spatial_names(dims);
    throw DataError("--weight has shape " + shape_to_string(given_shape) + " (rank " +
                    std::to_string(given_shape.size()) + "), but " + dims_origin + " needs rank " +
                    std::to_string(dims) + " (" + names + ") or " + std::to_string(dims + 2) + " (Cin, Cout/groups, " +
                    names + ")");
  }
}

InputLayout input_to_engine_layout(AnyTensor& input, TensorFormat format, int dims, const std::string& dims_origin) {
  const auto d = static_cast<size_t>(dims);
  Shape shape = input.shape();
  if (dims == 1 && format == TensorFormat::TextMatrix && shape.size() == 2 && shape[0] == 1) {
    shape = {shape[1]};  // one text row is a 1-D signal
  }
  InputLayout layout = InputLayout::Spatial;
  if (shape.size() == d) {
    shape = with_leading(shape, {1, 1});
  } else if (shape.size() == d + 1) {
    layout = InputLayout::Channels;
    shape.insert(shape.begin(), 1);
  } else if (shape.size() == d + 2) {
    layout = InputLayout::BatchChannels;
  } else {
    const std::string names = spatial_names(dims);
    throw DataError("--input has shape " + shape_to_string(input.shape()) + " (rank " +
                    std::to_string(input.shape().size()) + "), but " + dims_origin + " needs rank " +
                    std::to_string(dims) + " (" + names + "), " + std::to_string(dims + 1) + " (C, " + names + ") or " +
                    std::to_string(dims + 2) + " (N, C, " + names + ")");
  }
  input.reshape(shape);
  return layout;
}

InputLayout generated_input_layout(bool batch_given, bool channels_given, int64_t channels) {
  if (batch_given) return InputLayout::BatchChannels;
  if (channels_given || channels > 1) return InputLayout::Channels;
  return InputLayout::Spatial;
}

void check_weight_channels(const Shape& weight, const Shape& input, int64_t groups, std::optional<int64_t> out_channels,
                           int dims) {
  const int64_t cin = input[1];
  if (weight[0] != cin) {
    throw InvalidParameter("the weight's first dimension is Cin = " + std::to_string(weight[0]) + " (weight shape " +
                           shape_to_string(weight) + "), but the input has " + std::to_string(cin) + " channel" +
                           (cin == 1 ? "" : "s") + " (input shape " + shape_to_string(input) + " as (N, C, " +
                           spatial_names(dims) + "))");
  }
  if (out_channels && weight[1] * groups != *out_channels) {
    const std::optional<int64_t> fit = groups_that_fit(cin, weight[1], *out_channels, groups);
    throw InvalidParameter("--out-channels " + std::to_string(*out_channels) + " does not match the weight: Cout = " +
                           std::to_string(weight[1]) + " x groups " + std::to_string(groups) +
                           (fit ? "; -g " + std::to_string(*fit) + " would fit" : std::string()));
  }
}

void bias_to_engine_layout(AnyTensor& bias, int64_t cout, const std::string& fix) {
  const Shape shape = bias.shape();
  const bool one_row = shape.size() == 2 && shape[0] == 1;
  if (shape.size() > 1 && !one_row) {
    throw DataError("--bias must be a list of Cout values, got shape " + shape_to_string(shape));
  }
  if (bias.size() != cout) {
    throw InvalidParameter("--bias needs one value per output channel: Cout = " + std::to_string(cout) + ", got " +
                           std::to_string(bias.size()) + " value" + (bias.size() == 1 ? "" : "s") +
                           (fix.empty() ? "" : "; " + fix));
  }
  bias.reshape({cout});
}

Shape user_output_shape(InputLayout layout, const Shape& engine_output_shape) {
  Shape shape = engine_output_shape;
  if (layout == InputLayout::BatchChannels || shape.size() < 2) return shape;
  shape.erase(shape.begin());  // N is 1
  if (layout == InputLayout::Spatial && shape[0] == 1) shape.erase(shape.begin());
  return shape;
}

}  // namespace tconv
