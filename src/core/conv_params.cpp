#include "core/conv_params.hpp"

namespace tconv {

std::string axis_label(int axis, int dims) {
  if (dims <= 1) return "";
  return " (dimension " + std::to_string(axis + 1) + " of " + std::to_string(dims) + ")";
}

namespace {

void require_at_least(int64_t value, int64_t minimum, const char* name, int axis, int dims) {
  if (value < minimum) {
    throw InvalidParameter(std::string(name) + " must be >= " + std::to_string(minimum) + ", got " +
                           std::to_string(value) + axis_label(axis, dims));
  }
}

}  // namespace

void validate_conv_params(const ConvParams& params, const Shape& input_spatial) {
  const int dims = params.spatial_dims();
  if (dims < 1 || dims > kMaxSpatialDims) {
    throw InvalidParameter("tconv supports 1 to 3 spatial dimensions, got " + std::to_string(dims));
  }
  if (static_cast<int>(input_spatial.size()) != dims) {
    throw InvalidParameter("the input has " + std::to_string(input_spatial.size()) +
                           " spatial dimensions but the layer has " + std::to_string(dims));
  }
  require_at_least(params.groups, 1, "groups", 0, 1);
  for (int a = 0; a < dims; ++a) {
    const AxisParams& axis = params.axes[static_cast<size_t>(a)];
    require_at_least(axis.kernel, 1, "kernel_size", a, dims);
    require_at_least(axis.stride, 1, "stride", a, dims);
    require_at_least(axis.dilation, 1, "dilation", a, dims);
    require_at_least(axis.output_padding, 0, "output_padding", a, dims);
    require_at_least(input_spatial[static_cast<size_t>(a)], 1, "input size", a, dims);
    // Every term of the size formula, overflow-checked before it is used anywhere.
    const int64_t in = input_spatial[static_cast<size_t>(a)];
    const std::string what = "output size" + axis_label(a, dims);
    int64_t extent = checked_mul(in - 1, axis.stride, what);
    extent = checked_add(extent, checked_mul(axis.dilation, axis.kernel - 1, what), what);
    extent = checked_add(extent, 1 + axis.output_padding, what);
    const int64_t out = checked_add(extent, -checked_add(axis.pad_begin, axis.pad_end, what), what);
    if (out < 1) {
      throw InvalidParameter("output size must be >= 1, got " + std::to_string(out) + axis_label(a, dims) + ": (" +
                             std::to_string(in) + "-1)*" + std::to_string(axis.stride) + " - " +
                             std::to_string(axis.pad_begin + axis.pad_end) + " (padding) + " +
                             std::to_string(axis.dilation) + "*(" + std::to_string(axis.kernel) + "-1) + " +
                             std::to_string(axis.output_padding) + " + 1");
    }
  }
}

Shape output_spatial_size(const ConvParams& params, const Shape& input_spatial) {
  validate_conv_params(params, input_spatial);
  Shape out;
  for (size_t a = 0; a < params.axes.size(); ++a) out.push_back(params.axes[a].output_size(input_spatial[a]));
  return out;
}

}  // namespace tconv
