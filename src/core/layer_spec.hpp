// A layer as the user describes it, in PyTorch's or ONNX's padding convention, and its
// resolution into the explicit per-axis form of conv_params.hpp.
//
// PyTorch (ConvTranspose{1,2,3}d):
//   padding P        symmetric: pad_begin = pad_end = P
//   output_padding   cells added at the high end; must be < stride or < dilation
//   output_size      (forward(x, output_size)) picks output_padding = output_size - minimum,
//                    reachable when minimum <= output_size <= minimum + stride - 1
// ONNX (ConvTranspose), an extension:
//   pads             begins then ends, [b1, b2, ..., e1, e2, ...]
//   auto_pad         SAME_UPPER / SAME_LOWER: total padding chosen so out = output_shape, or
//                    in*stride when no output_shape; odd totals put the extra pad at the end
//                    (SAME_UPPER) or the beginning (SAME_LOWER). VALID: no padding.
//   output_shape     with explicit (or no) pads: the output has exactly this size; it is
//                    cropped or zero-extended at the end.
// Where ONNX's text and its reference implementation (onnx/reference/ops/op_conv_transpose.py)
// disagree, tconv follows the reference implementation: with auto_pad NOTSET and output_shape,
// the text derives pads from output_shape, the reference keeps the given pads (default 0) and
// sizes the output to output_shape. With SAME and output_shape both split total padding as above.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/conv_params.hpp"

namespace tconv {

enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

// Which convention produced the explicit pads: reported to the user with every result.
enum class PaddingConvention { PyTorch, PyTorchOutputSize, OnnxPads, OnnxAutoPad, OnnxOutputShape };

// "pytorch", "pytorch output_size", "onnx pads", "onnx auto_pad same-upper", ...
std::string describe_convention(PaddingConvention convention, AutoPad auto_pad);
// "same-upper" etc.; parse_auto_pad accepts those and ONNX's SAME_UPPER spelling, else
// throws UsageError listing the choices.
std::string auto_pad_name(AutoPad auto_pad);
AutoPad parse_auto_pad(const std::string& text);

// Every vector is either empty (not given) or has one value per spatial dimension
// (pads: two per dimension). Broadcasting "-s 2" to all dimensions is the CLI's job.
struct LayerSpec {
  int dims = 2;
  std::vector<int64_t> kernel;   // required
  std::vector<int64_t> stride;   // default 1
  std::vector<int64_t> dilation; // default 1
  std::vector<int64_t> padding;  // PyTorch symmetric padding, default 0
  std::vector<int64_t> output_padding;  // default 0
  std::vector<int64_t> pads;     // ONNX: begins, then ends
  AutoPad auto_pad = AutoPad::NotSet;
  std::vector<int64_t> output_size;   // PyTorch forward(x, output_size)
  std::vector<int64_t> output_shape;  // ONNX output_shape
  int64_t groups = 1;
};

struct ResolvedLayer {
  ConvParams params;
  PaddingConvention convention = PaddingConvention::PyTorch;
};

// Applies the conventions above for an input of spatial size input_spatial, then
// validate_conv_params. Throws InvalidParameter for: conflicting options (padding with pads,
// output_size with output_shape, auto_pad with pads ...), negative padding/pads/output_padding,
// output_padding not smaller than stride or dilation, an unreachable output_size (the message
// lists the reachable range), output_shape < 1, sizes or pads that overflow 64-bit, and
// everything validate_conv_params checks.
ResolvedLayer resolve_layer(const LayerSpec& spec, const Shape& input_spatial);

}  // namespace tconv
