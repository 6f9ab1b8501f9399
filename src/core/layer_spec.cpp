#include "core/layer_spec.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/checked_math.hpp"

namespace tconv {

std::string auto_pad_name(AutoPad auto_pad) {
  switch (auto_pad) {
    case AutoPad::NotSet: return "notset";
    case AutoPad::SameUpper: return "same-upper";
    case AutoPad::SameLower: return "same-lower";
    case AutoPad::Valid: return "valid";
  }
  return "notset";
}

AutoPad parse_auto_pad(const std::string& text) {
  std::string key;
  for (char c : text) key += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (AutoPad mode : {AutoPad::NotSet, AutoPad::SameUpper, AutoPad::SameLower, AutoPad::Valid}) {
    if (key == auto_pad_name(mode)) return mode;
  }
  throw UsageError("--auto-pad must be one of same-upper, same-lower, valid, notset; got '" + text + "'");
}

std::string describe_convention(PaddingConvention convention, AutoPad auto_pad) {
  switch (convention) {
    case PaddingConvention::PyTorch: return "pytorch padding";
    case PaddingConvention::PyTorchOutputSize: return "pytorch output_size";
    case PaddingConvention::OnnxPads: return "onnx pads";
    case PaddingConvention::OnnxAutoPad: return "onnx auto_pad " + auto_pad_name(auto_pad);
    case PaddingConvention::OnnxOutputShape: return "onnx output_shape";
  }
  return "pytorch padding";
}

namespace {

std::string join(const std::vector<int64_t>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? "," : "") + std::to_string(values[i]);
  return text;
}

void check_length(const std::vector<int64_t>& values, size_t expected, const char* name) {
  if (!values.empty() && values.size() != expected) {
    throw InvalidParameter(std::string(name) + " needs " + std::to_string(expected) +
                           " values for this layer, got " + std::to_string(values.size()) + " (" +
                           join(values) + ")");
  }
}

int64_t value_or(const std::vector<int64_t>& values, size_t i, int64_t fallback) {
  return values.empty() ? fallback : values[i];
}

void check_non_negative(const std::vector<int64_t>& values, const char* name, int dims, bool begin_end) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] >= 0) continue;
    const int axis = static_cast<int>(begin_end ? i % static_cast<size_t>(dims) : i);
    throw InvalidParameter(std::string(name) + " must be >= 0, got " + std::to_string(values[i]) +
                           axis_label(axis, dims));
  }
}

void reject_together(bool a, const char* name_a, bool b, const char* name_b) {
  if (a && b) {
    throw InvalidParameter(std::string(name_a) + " and " + name_b +
                           " cannot be used together: they are two conventions for the same padding");
  }
}

}  // namespace

ResolvedLayer resolve_layer(const LayerSpec& spec, const Shape& input_spatial) {
  const int dims = spec.dims;
  if (dims < 1 || dims > kMaxSpatialDims) {
    throw InvalidParameter("tconv supports 1 to 3 spatial dimensions, got " + std::to_string(dims));
  }
  const auto n = static_cast<size_t>(dims);
  if (spec.kernel.empty()) throw InvalidParameter("kernel_size is required");
  check_length(spec.kernel, n, "kernel_size");
  check_length(spec.stride, n, "stride");
  check_length(spec.dilation, n, "dilation");
  check_length(spec.padding, n, "padding");
  check_length(spec.output_padding, n, "output_padding");
  check_length(spec.pads, 2 * n, "pads (all begins, then all ends)");
  check_length(spec.output_size, n, "output_size");
  check_length(spec.output_shape, n, "output_shape");
  if (input_spatial.size() != n) {
    throw InvalidParameter("the input has " + std::to_string(input_spatial.size()) +
                           " spatial dimensions but the layer has " + std::to_string(dims));
  }

  const bool has_padding = !spec.padding.empty();
  const bool has_pads = !spec.pads.empty();
  const bool has_auto = spec.auto_pad != AutoPad::NotSet;
  reject_together(has_padding, "padding", has_pads, "pads");
  reject_together(has_padding, "padding", has_auto, "auto_pad");
  reject_together(has_pads, "pads", has_auto, "auto_pad");
  reject_together(!spec.output_size.empty(), "output_size", !spec.output_shape.empty(), "output_shape");
  reject_together(!spec.output_size.empty(), "output_size", !spec.output_padding.empty(), "output_padding");
  reject_together(!spec.output_size.empty(), "output_size", has_pads || has_auto,
                  "ONNX padding (use output_shape)");
  reject_together(!spec.output_shape.empty(), "output_shape", has_padding, "padding (use pads)");

  check_non_negative(spec.padding, "padding", dims, false);
  check_non_negative(spec.pads, "pads", dims, true);
  check_non_negative(spec.output_padding, "output_padding", dims, false);

  ResolvedLayer resolved;
  resolved.params.groups = spec.groups;
  resolved.params.axes.resize(n);
  for (size_t a = 0; a < n; ++a) {
    AxisParams& axis = resolved.params.axes[a];
    axis.kernel = spec.kernel[a];
    axis.stride = value_or(spec.stride, a, 1);
    axis.dilation = value_or(spec.dilation, a, 1);
    axis.output_padding = value_or(spec.output_padding, a, 0);
    if (has_pads) {
      axis.pad_begin = spec.pads[a];
      axis.pad_end = spec.pads[a + n];
    } else {
      axis.pad_begin = axis.pad_end = value_or(spec.padding, a, 0);
    }
  }
  // Kernel, stride, dilation must be valid before any size arithmetic below uses them.
  {
    ConvParams plain = resolved.params;
    for (AxisParams& axis : plain.axes) axis.pad_begin = axis.pad_end = axis.output_padding = 0;
    validate_conv_params(plain, input_spatial);
  }
  for (size_t a = 0; a < n; ++a) {
    const AxisParams& axis = resolved.params.axes[a];
    if (axis.output_padding >= axis.stride && axis.output_padding >= axis.dilation) {
      throw InvalidParameter("output_padding must be smaller than either stride or dilation, got output_padding " +
                             std::to_string(axis.output_padding) + ", stride " + std::to_string(axis.stride) +
                             ", dilation " + std::to_string(axis.dilation) + axis_label(static_cast<int>(a), dims));
    }
  }
  // The uncropped extent with output_padding, and the pads' sum, overflow-checked once here:
  // full_extent() and pad_begin + pad_end are used unchecked below.
  {
    ConvParams unpadded = resolved.params;
    for (AxisParams& axis : unpadded.axes) axis.pad_begin = axis.pad_end = 0;
    validate_conv_params(unpadded, input_spatial);
    for (size_t a = 0; a < n; ++a) {
      checked_add(resolved.params.axes[a].pad_begin, resolved.params.axes[a].pad_end,
                  "padding" + axis_label(static_cast<int>(a), dims));
    }
  }
  for (size_t i = 0; i < spec.output_shape.size(); ++i) {
    if (spec.output_shape[i] < 1) {
      throw InvalidParameter("output_shape must be >= 1, got " + std::to_string(spec.output_shape[i]) +
                             axis_label(static_cast<int>(i), dims));
    }
  }

  resolved.convention = has_pads ? PaddingConvention::OnnxPads : PaddingConvention::PyTorch;
  if (!spec.output_size.empty()) {
    resolved.convention = PaddingConvention::PyTorchOutputSize;
    for (size_t a = 0; a < n; ++a) {
      AxisParams& axis = resolved.params.axes[a];
      const int64_t minimum = axis.output_size(input_spatial[a]);  // may be < 1: PyTorch allows that here
      // PyTorch's range: minimum .. minimum + stride - 1 (saturated at the 64-bit limit).
      const int64_t maximum = minimum > std::numeric_limits<int64_t>::max() - (axis.stride - 1)
                                  ? std::numeric_limits<int64_t>::max()
                                  : minimum + (axis.stride - 1);
      const int64_t wanted = spec.output_size[a];
      if (wanted < minimum || wanted > maximum) {
        throw InvalidParameter("output_size " + std::to_string(wanted) + " is not reachable" +
                               axis_label(static_cast<int>(a), dims) + ": with these parameters the output size is " +
                               (minimum == maximum ? std::to_string(minimum)
                                                   : "between " + std::to_string(minimum) + " and " +
                                                         std::to_string(maximum)));
      }
      axis.output_padding = wanted - minimum;
    }
  } else if (spec.auto_pad == AutoPad::SameUpper || spec.auto_pad == AutoPad::SameLower) {
    resolved.convention = PaddingConvention::OnnxAutoPad;
    for (size_t a = 0; a < n; ++a) {
      AxisParams& axis = resolved.params.axes[a];
      const int64_t target = spec.output_shape.empty()
                                 ? checked_mul(input_spatial[a], axis.stride, "output size")
                                 : spec.output_shape[a];
      // Python's floor division, as in ONNX's reference, also for a negative total.
      const int64_t total = axis.full_extent(input_spatial[a]) - target;
      const int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
      axis.pad_begin = spec.auto_pad == AutoPad::SameUpper ? half : total - half;
      axis.pad_end = total - axis.pad_begin;
    }
  } else if (!spec.output_shape.empty()) {
    resolved.convention = PaddingConvention::OnnxOutputShape;
    for (size_t a = 0; a < n; ++a) {
      AxisParams& axis = resolved.params.axes[a];
      // full - pad_begin lies in [1 - max, max] and output_shape in [1, max]: check the last step.
      axis.pad_end = checked_add(axis.full_extent(input_spatial[a]) - axis.pad_begin, -spec.output_shape[a],
                                 "pads for output_shape" + axis_label(static_cast<int>(a), dims));
    }
  } else if (spec.auto_pad == AutoPad::Valid) {
    resolved.convention = PaddingConvention::OnnxAutoPad;
  }
  validate_conv_params(resolved.params, input_spatial);
  return resolved;
}

}  // namespace tconv
