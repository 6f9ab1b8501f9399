#include "core/layer_spec.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "core/checked_math.hpp"

namespace tconv {

std::string auto_pad_name(AutoPad auto_pad) {
  switch (auto_pad) {
    case AutoPad::NotSet:
      return "notset";
    case AutoPad::SameUpper:
      return "same-upper";
    case AutoPad::SameLower:
      return "same-lower";
    case AutoPad::Valid:
      return "valid";
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

std::string tf_padding_name(TfPadding tf_padding) {
  switch (tf_padding) {
    case TfPadding::None:
      return "none";
    case TfPadding::Same:
      return "same";
    case TfPadding::Valid:
      return "valid";
  }
  return "none";
}

TfPadding parse_tf_padding(const std::string& text) {
  std::string key;
  for (char c : text) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key == "same") return TfPadding::Same;
  if (key == "valid") return TfPadding::Valid;
  throw UsageError("--tf-padding must be one of same, valid; got '" + text + "'");
}

std::string describe_convention(PaddingConvention convention, AutoPad auto_pad, TfPadding tf_padding) {
  switch (convention) {
    case PaddingConvention::PyTorch:
      return "pytorch padding";
    case PaddingConvention::PyTorchOutputSize:
      return "pytorch output_size";
    case PaddingConvention::OnnxPads:
      return "onnx pads";
    case PaddingConvention::OnnxAutoPad:
      return "onnx auto_pad " + auto_pad_name(auto_pad);
    case PaddingConvention::OnnxOutputShape:
      return auto_pad == AutoPad::NotSet ? "onnx output_shape"
                                         : "onnx auto_pad " + auto_pad_name(auto_pad) + ", output_shape";
    case PaddingConvention::TfOutputShape:
      return "tf padding " + tf_padding_name(tf_padding) + ", output_shape";
    case PaddingConvention::Keras:
      return "keras padding " + tf_padding_name(tf_padding);
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
    throw InvalidParameter(std::string(name) + " needs " + std::to_string(expected) + " values for this layer, got " +
                           std::to_string(values.size()) + " (" + join(values) + ")");
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

// Two conventions for the same thing are options that exclude each other: a usage error (exit 2),
// as for every such pair.
void reject_together(bool a, const char* name_a, bool b, const char* name_b) {
  if (a && b) {
    throw UsageError(std::string(name_a) + " and " + name_b +
                     " cannot be used together: they are two conventions for the same padding");
  }
}

// PyTorch's forward(x, output_size): output_padding = output_size - minimum.
void resolve_output_size(const LayerSpec& spec, const Shape& input_spatial, ConvParams& params) {
  const int dims = spec.dims;
  for (size_t a = 0; a < params.axes.size(); ++a) {
    AxisParams& axis = params.axes[a];
    const int64_t minimum = axis.output_size(input_spatial[a]);  // may be < 1: PyTorch allows that here
    // PyTorch's range: minimum .. minimum + stride - 1 (saturated at the 64-bit limit).
    const int64_t maximum = minimum > std::numeric_limits<int64_t>::max() - (axis.stride - 1)
                                ? std::numeric_limits<int64_t>::max()
                                : minimum + (axis.stride - 1);
    const int64_t wanted = spec.output_size[a];
    if (wanted < minimum || wanted > maximum) {
      throw InvalidParameter("output_size " + std::to_string(wanted) + " is not reachable" +
                             axis_label(static_cast<int>(a), dims) + ": with these parameters the output size is " +
                             (minimum == maximum
                                  ? std::to_string(minimum)
                                  : "between " + std::to_string(minimum) + " and " + std::to_string(maximum)));
    }
    axis.output_padding = wanted - minimum;
  }
}

// "crops 1 at the start and adds 1 zero cell at the end" for pads (1, -1); "crops nothing".
std::string describe_crop(int64_t begin, int64_t end) {
  const auto side = [](int64_t pad, const char* where) -> std::string {
    if (pad > 0) return "crops " + std::to_string(pad) + " at the " + where;
    if (pad < 0)
      return "adds " + std::to_string(-pad) + (pad == -1 ? " zero cell" : " zero cells") + " at the " + where;
    return "";
  };
  const std::string first = side(begin, "start"), second = side(end, "end");
  if (first.empty() && second.empty()) return "crops nothing";
  return first.empty() ? second : second.empty() ? first : first + " and " + second;
}

// Python's floor(total / 2), as ONNX's reference implementation computes it.
int64_t floor_half(int64_t total) { return total >= 0 ? total / 2 : -((-total + 1) / 2); }

// ONNX as ONNX Runtime runs it (see the header), with a note where ONNX's reference
// implementation would give other values.
void resolve_onnx(const LayerSpec& spec, const Shape& input_spatial, ResolvedLayer& resolved) {
  const int dims = spec.dims;
  const bool has_shape = !spec.output_shape.empty();
  const bool same = spec.auto_pad == AutoPad::SameUpper || spec.auto_pad == AutoPad::SameLower;
  resolved.convention = same || (!has_shape && spec.auto_pad == AutoPad::Valid) ? PaddingConvention::OnnxAutoPad
                        : has_shape                                             ? PaddingConvention::OnnxOutputShape
                                                                                : PaddingConvention::OnnxPads;
  for (size_t a = 0; a < resolved.params.axes.size(); ++a) {
    AxisParams& axis = resolved.params.axes[a];
    const int64_t in = input_spatial[a];
    const int64_t full = axis.full_extent(in);  // overflow-checked by resolve_layer
    const std::string where = axis_label(static_cast<int>(a), dims);
    // The pads as given (0 without pads): the reference implementation keeps them.
    const int64_t given_begin = axis.pad_begin, given_end = axis.pad_end;
    std::string text;  // what ONNX's text says, where it matters
    if (has_shape) {
      const int64_t wanted = spec.output_shape[a];
      const int64_t total = full - wanted;
      axis.pad_begin = total < 0 ? 0 : spec.auto_pad == AutoPad::SameUpper ? total / 2 : total - total / 2;
      axis.pad_end = total - axis.pad_begin;
      // ONNX Runtime's check: the forward Conv maps the output back to the input size.
      const int64_t largest = checked_add(full - axis.output_padding, axis.stride - 1, "output size" + where);
      if (wanted > largest) {
        throw InvalidParameter(
            "output_shape " + std::to_string(wanted) + " is too large" + where +
            ": ONNX Runtime accepts at most (in-1)*stride + dilation*(kernel-1) + stride = " + std::to_string(largest) +
            " here (the matching Conv must map it back to " + std::to_string(in) + ")");
      }
      if (given_begin != 0 || given_end != 0) {
        text = "; ONNX's text ignores pads when output_shape is given, as ONNX Runtime does";
      } else if (total >= 0) {
        text = "; ONNX's text derives the pads from output_shape, as ONNX Runtime does";
      } else {
        text = "; ONNX's text asks for a negative padding here";
      }
    } else if (same) {
      const int64_t target = checked_mul(in, axis.stride, "output size" + where);
      const int64_t total = std::max<int64_t>(0, full - target);
      axis.pad_begin = spec.auto_pad == AutoPad::SameUpper ? total / 2 : total - total / 2;
      axis.pad_end = total - axis.pad_begin;
      text = "; ONNX's text asks for in*stride = " + std::to_string(target) +
             " cells, which needs a negative padding it does not place";
    } else if (spec.auto_pad == AutoPad::Valid) {
      axis.pad_begin = axis.pad_end = 0;
    }
    // ONNX's reference implementation (onnx/reference/ops/op_conv_transpose.py).
    int64_t ref_begin = given_begin, ref_output = has_shape ? spec.output_shape[a] : full - given_begin - given_end;
    if (same) {
      ref_output = has_shape ? spec.output_shape[a] : in * axis.stride;
      const int64_t total = full - ref_output;
      ref_begin = spec.auto_pad == AutoPad::SameUpper ? floor_half(total) : total - floor_half(total);
    }
    const int64_t output = full - axis.pad_begin - axis.pad_end;
    if (ref_begin != axis.pad_begin || ref_output != output) {
      resolved.notes.push_back(
          {"runtime-disagreement", "ONNX runtimes disagree on this layer" + where +
                                       ": ONNX Runtime (followed here) gives " + std::to_string(output) +
                                       " cells and " + describe_crop(axis.pad_begin, axis.pad_end) +
                                       "; ONNX's reference implementation gives " + std::to_string(ref_output) +
                                       " cells and " + describe_crop(ref_begin, full - ref_begin - ref_output) + text});
    }
  }
}

// TensorFlow's output_shape rule, or Keras' output length followed by it (see the header).
void resolve_tf(const LayerSpec& spec, const Shape& input_spatial, ResolvedLayer& resolved) {
  const int dims = spec.dims;
  const bool valid = spec.tf_padding == TfPadding::Valid;
  const std::string mode = tf_padding_name(spec.tf_padding);
  resolved.convention = spec.output_shape.empty() ? PaddingConvention::Keras : PaddingConvention::TfOutputShape;
  for (size_t a = 0; a < resolved.params.axes.size(); ++a) {
    AxisParams& axis = resolved.params.axes[a];
    const std::string where = axis_label(static_cast<int>(a), dims);
    const int64_t in = input_spatial[a], stride = axis.stride, kernel = axis.dilated_kernel();
    const int64_t full = axis.full_extent(in) - axis.output_padding;  // (n-1)*S + K'
    const int64_t lowest = valid ? full : (in - 1) * stride + 1;
    const int64_t highest =
        valid ? checked_add(full, stride - 1, "output size" + where) : checked_mul(in, stride, "output size" + where);
    const std::string accepted =
        "TensorFlow accepts " +
        std::string(valid ? "(in-1)*stride + K' .. + stride-1 = " : "(in-1)*stride+1 .. in*stride = ") +
        std::to_string(lowest) + ".." + std::to_string(highest) + " (K' = dilation*(kernel-1)+1)";
    int64_t output = 0;
    if (!spec.output_shape.empty()) {
      output = spec.output_shape[a];
      if (output < lowest || output > highest) {
        throw InvalidParameter("output_shape " + std::to_string(output) + " does not fit tf padding " + mode + where +
                               ": " + accepted);
      }
    } else if (!spec.output_padding.empty()) {
      output = (in - 1) * stride + (valid ? kernel : kernel % 2) + axis.output_padding;
      if (output < lowest) {
        throw InvalidParameter("Keras padding same with output_padding " + std::to_string(axis.output_padding) +
                               " gives (in-1)*stride + K' % 2 + output_padding = " + std::to_string(output) + where +
                               ", which TensorFlow refuses: " + accepted);
      }
    } else {
      output = valid ? (in - 1) * stride + std::max(stride, kernel) : highest;
    }
    axis.output_padding = 0;
    axis.pad_begin = valid ? 0 : std::max<int64_t>(0, full - output) / 2;
    axis.pad_end = full - axis.pad_begin - output;
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
  reject_together(!spec.output_size.empty(), "output_size", has_pads || has_auto, "ONNX padding (use output_shape)");
  reject_together(!spec.output_shape.empty(), "output_shape", has_padding, "padding (use pads)");
  const bool has_tf = spec.tf_padding != TfPadding::None;
  reject_together(has_tf, "tf_padding", has_padding, "padding");
  reject_together(has_tf, "tf_padding", has_pads, "pads");
  reject_together(has_tf, "tf_padding", has_auto, "auto_pad");
  reject_together(has_tf, "tf_padding", !spec.output_size.empty(), "output_size");
  reject_together(has_tf && !spec.output_shape.empty(), "output_shape (tf.nn.conv2d_transpose)",
                  !spec.output_padding.empty(), "output_padding (Keras)");

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
  const bool onnx = !has_tf && (has_pads || has_auto || !spec.output_shape.empty());
  for (size_t a = 0; a < n; ++a) {
    const AxisParams& axis = resolved.params.axes[a];
    const std::string values =
        ", got output_padding " + std::to_string(axis.output_padding) + ", stride " + std::to_string(axis.stride);
    if (has_tf && axis.output_padding >= axis.stride) {
      throw InvalidParameter("output_padding must be smaller than stride for Keras" + values +
                             axis_label(static_cast<int>(a), dims));
    }
    if (onnx && axis.output_padding >= axis.stride) {
      throw InvalidParameter(
          "output_padding must be smaller than stride for ONNX (ONNX Runtime refuses it even below "
          "the dilation)" +
          values + axis_label(static_cast<int>(a), dims));
    }
    if (axis.output_padding >= axis.stride && axis.output_padding >= axis.dilation) {
      throw InvalidParameter("output_padding must be smaller than either stride or dilation" + values + ", dilation " +
                             std::to_string(axis.dilation) + axis_label(static_cast<int>(a), dims));
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

  if (!spec.output_size.empty()) {
    resolved.convention = PaddingConvention::PyTorchOutputSize;
    resolve_output_size(spec, input_spatial, resolved.params);
  } else if (has_tf) {
    resolve_tf(spec, input_spatial, resolved);
  } else if (has_pads || has_auto || !spec.output_shape.empty()) {
    resolve_onnx(spec, input_spatial, resolved);
  } else {
    resolved.convention = PaddingConvention::PyTorch;
  }
  validate_conv_params(resolved.params, input_spatial);
  return resolved;
}

}  // namespace tconv
