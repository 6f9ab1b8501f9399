// A layer as the user describes it, in PyTorch's, ONNX's or TensorFlow/Keras' padding
// convention, and its resolution into the explicit per-axis form of conv_params.hpp.
// Per axis: n input size, K' = D*(K-1) + 1 the dilated kernel, full = (n-1)*S + K' + P_out.
//
// PyTorch (ConvTranspose{1,2,3}d):
//   padding P        symmetric: pad_begin = pad_end = P
//   output_padding   cells added at the high end; must be < stride or < dilation
//   output_size      (forward(x, output_size)) picks output_padding = output_size - minimum,
//                    reachable when minimum <= output_size <= minimum + stride - 1
//
// ONNX (ConvTranspose), as ONNX Runtime 1.30 runs it (tests/data/onnxruntime_fixtures.json):
//   pads             begins then ends, [b1, b2, ..., e1, e2, ...]
//   auto_pad SAME    total T = max(0, full - n*S); SAME_UPPER: begin = floor(T/2),
//                    SAME_LOWER: begin = T - floor(T/2); end = T - begin. VALID: no padding.
//   output_shape O   (with any auto_pad; pads are then ignored) T = full - O; if T >= 0 the
//                    begin is floor(T/2) for SAME_UPPER and T - floor(T/2) for every other
//                    auto_pad (the bigger half at the start); if T < 0 nothing is cropped and
//                    the output ends in -T zero cells.
//   refused          output_padding >= stride (even when < dilation), and an output more than
//                    S-1 cells above full - P_out (ONNX Runtime checks that the forward Conv
//                    maps the output back to n).
// Where ONNX's text, its reference implementation (onnx/reference/ops/op_conv_transpose.py)
// and ONNX Runtime disagree, tconv follows ONNX Runtime, the runtime people deploy, and
// resolve_layer adds a "runtime-disagreement" note:
//   1. auto_pad NOTSET (or VALID) with output_shape below full: the text (pads "auto
//      generated", the bigger half at the start) and ONNX Runtime crop T - floor(T/2) cells at
//      the start; the reference keeps the given pads (default 0) and crops at the end.
//   2. SAME with in*stride > full (kernel smaller than the stride): the text asks for
//      out = in*stride, which needs a negative padding it does not place; the reference pads by
//      floor(T/2) with Python's floor division (SAME_UPPER, T = -1: one zero cell at the start,
//      SAME_LOWER: at the end); ONNX Runtime does not pad and outputs full cells (8, not 9, for
//      n=3, K=2, S=3).
//   Also noted: pads given together with output_shape (the text and ONNX Runtime ignore them,
//   the reference uses them), and SAME with output_shape above full (the reference puts the
//   zero cell at the start for SAME_UPPER, ONNX Runtime at the end).
//
// TensorFlow (tf.nn.conv2d_transpose / conv_transpose) and Keras (Conv2DTranspose), checked
// with TensorFlow.js 4.22 (tests/data/tf_fixtures.json); full0 = (n-1)*S + K' here:
//   output_shape O   valid: full0 <= O <= full0 + S - 1, nothing cropped, O - full0 zero cells
//                    at the end. same: (n-1)*S + 1 <= O <= n*S, T = max(0, full0 - O),
//                    begin = floor(T/2) (the odd cell at the end, like SAME_UPPER), and
//                    O - full0 zero cells at the end when O > full0 (kernel smaller than stride).
//   Keras            without output_padding O = n*S + max(K' - S, 0) (valid) or n*S (same);
//                    with output_padding P_out < S: O = (n-1)*S + K' - 2*pad + P_out, pad =
//                    floor(K'/2) (same) or 0 (valid) (keras/src/backend/common/backend_utils.py);
//                    then the TensorFlow rule above. Keras with same, an even K' and P_out 0
//                    gives O = (n-1)*S, which TensorFlow refuses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/conv_params.hpp"

namespace tconv {

enum class AutoPad { NotSet, SameUpper, SameLower, Valid };
enum class TfPadding { None, Same, Valid };

// Which convention produced the explicit pads: reported to the user with every result.
enum class PaddingConvention {
  PyTorch,
  PyTorchOutputSize,
  OnnxPads,
  OnnxAutoPad,
  OnnxOutputShape,
  TfOutputShape,  // tf.nn.conv2d_transpose: padding same|valid with output_shape
  Keras,          // Keras Conv2DTranspose: padding same|valid, output_padding or none
};

// "pytorch padding", "pytorch output_size", "onnx pads", "onnx auto_pad same-upper",
// "tf padding same, output_shape", "keras padding valid", ...
std::string describe_convention(PaddingConvention convention, AutoPad auto_pad, TfPadding tf_padding = TfPadding::None);
// "same-upper" etc.; parse_auto_pad accepts those and ONNX's SAME_UPPER spelling, else
// throws UsageError listing the choices.
std::string auto_pad_name(AutoPad auto_pad);
AutoPad parse_auto_pad(const std::string& text);
// "same", "valid" ("none" for None); parse_tf_padding accepts those in any case, else throws
// UsageError listing the choices.
std::string tf_padding_name(TfPadding tf_padding);
TfPadding parse_tf_padding(const std::string& text);

// Every vector is either empty (not given) or has one value per spatial dimension
// (pads: two per dimension). Broadcasting "-s 2" to all dimensions is the CLI's job.
struct LayerSpec {
  int dims = 2;
  std::vector<int64_t> kernel;          // required
  std::vector<int64_t> stride;          // default 1
  std::vector<int64_t> dilation;        // default 1
  std::vector<int64_t> padding;         // PyTorch symmetric padding, default 0
  std::vector<int64_t> output_padding;  // default 0; with tf_padding: Keras' output_padding
  std::vector<int64_t> pads;            // ONNX: begins, then ends
  AutoPad auto_pad = AutoPad::NotSet;
  TfPadding tf_padding = TfPadding::None;  // TensorFlow / Keras padding
  std::vector<int64_t> output_size;        // PyTorch forward(x, output_size)
  std::vector<int64_t> output_shape;       // ONNX output_shape; with tf_padding: TensorFlow's
  int64_t groups = 1;
};

// Something the user should know about a resolved layer. kind "runtime-disagreement": ONNX's
// text, its reference implementation and ONNX Runtime give this layer different values or
// sizes; message names what each gives.
struct LayerNote {
  std::string kind;
  std::string message;
};

struct ResolvedLayer {
  ConvParams params;
  PaddingConvention convention = PaddingConvention::PyTorch;
  std::vector<LayerNote> notes;
};

// Applies the conventions above for an input of spatial size input_spatial, then
// validate_conv_params. Throws UsageError for options that exclude each other (padding with
// pads, output_size with output_shape, auto_pad with pads, tf_padding with any PyTorch or ONNX
// padding, Keras output_padding with TensorFlow output_shape ...), InvalidParameter for:
// negative padding/pads/output_padding, output_padding not smaller than stride or dilation (ONNX
// and Keras: not smaller than stride), an unreachable output_size, ONNX output_shape or
// TensorFlow output_shape (the message gives the reachable range), output_shape < 1, sizes or
// pads that overflow 64-bit, and everything validate_conv_params checks.
ResolvedLayer resolve_layer(const LayerSpec& spec, const Shape& input_spatial);

}  // namespace tconv
