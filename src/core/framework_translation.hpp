// One resolved layer written in each framework's own arguments: PyTorch ConvTranspose{1,2,3}d,
// ONNX ConvTranspose (as ONNX Runtime runs it), TensorFlow tf.nn.conv{1,2,3}d_transpose and
// Keras Conv{1,2,3}DTranspose (the conventions and their evidence: layer_spec.hpp).
//
// "Exact" means the same VALUES in one layer of that framework, not only the same size. Per
// axis the resolved layer keeps the window [pad_begin, pad_begin + out) of the uncropped
// output u = i*stride + k*dilation (u < full0 = (n-1)*S + K' holds values, beyond is zero);
// a framework layer is exact when it keeps the same window:
//   PyTorch  window [P, P + out) with symmetric P >= 0 and 0 <= P_out < max(S, D):
//            exact iff pad_begin >= 0 and P_out = output_padding + pad_begin - pad_end fits.
//   ONNX     pads >= 0 and 0 <= output_padding < S (ONNX Runtime): exact iff pad_begin >= 0
//            and the end fits in pads_end >= 0 or output_padding < S.
//   TF       padding VALID (begin 0, out in full0 .. full0+S-1), SAME (begin floor(max(0,
//            full0 - out)/2), out in (n-1)*S+1 .. n*S), or, 2-D only, the explicit
//            [[t, b], ...] (begin t, out in full0-t-b .. +S-1); one mode for all axes; no groups.
//   Keras    padding valid|same with output_padding None or per axis < S, which sets out
//            (layer_spec.hpp), then TF's rule; no groups.
// Where no single layer is exact, the translation is a recipe: the layer with padding 0 (or
// the nearest), then a crop per axis [begin, end] of the layer's output (a negative amount
// appends zeros instead), and exact is false. Appended zeros are zeros before the bias: such a
// recipe runs the layer without bias and adds the bias after the padding (bias_after; the code
// line says so). Groups without TF/Keras support: a recipe that splits the channels.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/conv_params.hpp"

namespace tconv {

// Cells to drop from the framework layer's output, per axis: begin at the start, end at the
// end; a negative amount appends that many zero cells instead.
struct AxisCrop {
  int64_t begin = 0;
  int64_t end = 0;
};

// The layer and its sizes, plus the channel counts the code lines name.
struct TranslationRequest {
  ConvParams params;    // resolved (resolve_layer)
  Shape input_spatial;  // n per axis
  int64_t in_channels = 1;
  int64_t out_channels = 1;  // total (not per group)
};

struct PyTorchTranslation {
  bool exact = false;
  std::vector<int64_t> kernel_size, stride, padding, output_padding, dilation;
  int64_t groups = 1;
  std::optional<std::vector<AxisCrop>> crop;  // nullopt when exact
  bool bias_after = false;                    // the crop appends zeros: the bias is added after it
  std::string code;                           // one line: the module (+ "; y = ..." crop), weight layout in a comment
};

struct OnnxTranslation {
  bool exact = false;
  std::vector<int64_t> kernel_shape, strides, pads, output_padding, dilations;  // pads: begins, ends
  int64_t group = 1;
  std::optional<std::vector<AxisCrop>> crop;  // after the node (a Slice / Pad), nullopt when exact
  bool bias_after = false;
  std::string code;
};

struct TensorFlowTranslation {
  bool exact = false;
  std::string padding;                     // "SAME", "VALID" or "EXPLICIT"
  std::vector<AxisCrop> explicit_padding;  // [[t, b], ...] when padding == "EXPLICIT"
  std::vector<int64_t> output_shape;       // spatial part of output_shape
  std::vector<int64_t> strides, dilations;
  std::optional<std::vector<AxisCrop>> crop;
  bool bias_after = false;
  bool split_groups = false;  // groups > 1: one call per group, concatenated
  std::string code;
};

struct KerasTranslation {
  bool exact = false;
  std::string padding;                                 // "same" or "valid"
  std::optional<std::vector<int64_t>> output_padding;  // nullopt: Keras' None
  std::vector<int64_t> kernel_size, strides, dilation_rate;
  std::optional<std::vector<AxisCrop>> crop;  // a Cropping/ZeroPadding layer after it
  bool bias_after = false;
  bool split_groups = false;
  std::string code;
};

struct Translations {
  Shape output_spatial;        // the resolved layer's output size
  std::vector<AxisCrop> pads;  // the resolved layer's [begin, end] per axis
  PyTorchTranslation pytorch;
  OnnxTranslation onnx;
  TensorFlowTranslation tensorflow;
  KerasTranslation keras;
};

// Whether tf.nn.conv2d_transpose's explicit padding [t, b] with some output_shape keeps this
// axis's window: t = pad_begin >= 0, b = max(0, full0 - t - out), out <= full0 - t - b + S-1.
bool tf_explicit_padding_fits(const AxisParams& axis, int64_t input);

// All four translations. Validates like validate_conv_params (throws InvalidParameter).
// Throws InvalidParameter if a channel count is < 1 or not divisible by groups.
Translations translate_layer(const TranslationRequest& request);

// Largest |difference| of one translation against the original layer.
struct TranslationCheck {
  std::string framework;  // "pytorch", "onnx", "tensorflow", "keras"
  double largest_difference = 0;
};

// Runs the original layer and every translation (each through resolve_layer in that
// framework's own convention, then its crop, with the bias added after the crop where
// bias_after says so) through the reference engine on random data
// (batch 2, the request's channels, values in [-1, 1) from `seed`), in double. Returns one
// entry per framework; 0 is expected for each. Throws InvalidParameter when a translation
// does not even have the original's shape (a bug), and what the engine throws.
std::vector<TranslationCheck> check_translations(const TranslationRequest& request, const Translations& translations,
                                                 uint64_t seed = 12);

}  // namespace tconv
