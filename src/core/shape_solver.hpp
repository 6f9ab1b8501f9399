// Shape arithmetic beyond the forward formula of conv_params.hpp, for `tconv shape`:
//  - the term-by-term derivation of the output size (the article's section 6),
//  - the inverse problem: which padding and output_padding reach a target output size,
//  - the matching forward convolution: what a Conv with the same parameters maps the output
//    back to, and which other sizes it maps to the same place,
//  - the stride searched too, which frameworks express a solution in one layer, and whether a
//    size-only answer keeps the values of the layer the user came from.
// Pure data in, data out: the CLI formats it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/conv_params.hpp"

namespace tconv {

// One dimension of the derivation
//     out = (m-1)*S + K' - P_begin - P_end + P_out,   K' = D*(K-1) + 1
// with every term evaluated (PyTorch's symmetric padding P: P_begin = P_end = P, "-2P").
struct SizeDerivation {
  int64_t input = 0;           // m
  AxisParams axis;             // K, S, D, pads, P_out
  int64_t stretched = 0;       // (m-1)*S: span of the input's first-to-last kernel origins
  int64_t dilated_kernel = 0;  // K' = D*(K-1) + 1
  int64_t full_extent = 0;     // (m-1)*S + K' + P_out: the output before padding crops it
  int64_t cropped = 0;         // P_begin + P_end
  int64_t output = 0;          // full_extent - cropped
  bool symmetric() const { return axis.pad_begin == axis.pad_end; }
};

// The derivation for every dimension. Validates first (validate_conv_params), so it throws
// InvalidParameter exactly when output_spatial_size does.
std::vector<SizeDerivation> derive_output_size(const ConvParams& params, const Shape& input_spatial);

// One way to reach a target size on one axis. PyTorch mode: pad_begin == pad_end (= padding).
struct PaddingSolution {
  int64_t pad_begin = 0;
  int64_t pad_end = 0;
  int64_t output_padding = 0;
};

enum class PaddingModel {
  Symmetric,   // PyTorch: padding P on both sides
  Asymmetric,  // ONNX pads: begin and end chosen separately
};

// What to solve on one axis: the input size, kernel, stride, dilation and the wanted output.
struct AxisTarget {
  int64_t input = 0;
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t target = 1;
};

// Every (padding, output_padding) with padding >= 0 and 0 <= output_padding < max(stride,
// dilation) (PyTorch's rule) such that the output size formula gives `target`, ordered by
// (begin) padding ascending. Symmetric: (m-1)*S + K' - 2P + P_out = target.
// Asymmetric: (m-1)*S + K' - P_begin - P_end + P_out = target. Adding 1 to both P_end and
// P_out changes nothing in the output (the added cell is cropped again), so of each such family
// only the member with P_end = 0 or P_out = 0 is listed.
// Returns an empty list when there is none. Throws InvalidParameter when kernel, stride,
// dilation or input are < 1, target < 1, the sizes overflow 64-bit, or there are more than
// kMaxPaddingSolutions solutions (a huge stride or dilation allows that many output_paddings).
constexpr int64_t kMaxPaddingSolutions = 10000;
std::vector<PaddingSolution> solve_padding(const AxisTarget& axis, PaddingModel model);

// Why a target is unreachable and what is reachable instead, for the "no solution" message.
struct Unreachable {
  std::vector<int64_t> nearest;  // the reachable sizes closest to the target (1 or 2, ascending)
  std::string reason;            // e.g. "the largest reachable size is 6 (padding 0, output_padding 1)"
  std::string advice;            // what to change, e.g. "kernel_size >= 5 would reach it"
};

// Explains an empty solve_padding result: the target is above the largest reachable size, or
// (symmetric padding, stride and dilation 1) has the wrong parity. Above the largest size the
// advice names the smallest kernel_size, the smallest larger stride (with its best-ranked
// solution) and two layers (two_layer_chain with the given stride) that would reach it. Precondition:
// solve_padding(axis, model) is empty for some model. Throws like solve_padding.
Unreachable explain_unreachable(const AxisTarget& axis);

// The forward convolution with the same kernel, stride, padding and dilation, on one axis:
//     conv(n) = floor((n + P_begin + P_end - K') / S) + 1
// A Conv with stride S > 1 maps S neighbouring sizes to the same size; output_padding picks one
// of them on the way back. And with dilation > stride (output_padding may then reach D-1),
// several ConvTranspose input sizes m' reach the same n, each with its own output_padding:
//     (m'-1)*S + P_out' = (m-1)*S + P_out,   0 <= P_out' < max(S, D)
struct ForwardConv {
  int64_t transposed_output = 0;  // n: the transposed convolution's output size
  int64_t conv_output = 0;        // conv(n); equals the input m unless output_padding >= stride
  int64_t same_first = 0;         // every size in [same_first, same_last] has conv(...) = conv_output
  int64_t same_last = 0;
  int64_t inputs_first = 0;  // every ConvTranspose input size in [inputs_first, inputs_last]
  int64_t inputs_last = 0;   // reaches n with a valid output_padding (m itself included)
};

// For every dimension: params resolved, input the transposed convolution's input. Ranges are
// clamped to sizes >= 1. Validates like derive_output_size.
std::vector<ForwardConv> matching_forward_conv(const ConvParams& params, const Shape& input_spatial);

// One way to reach the target with the stride chosen too.
struct StrideSolution {
  int64_t stride = 1;
  PaddingSolution padding;
  bool usual = false;  // is_usual_choice (below)
};

// One layer on one axis in the words of every --target line and suggestion: "kernel_size 4,
// stride 2, padding 1, output_padding 0"; "pad_begin 0, pad_end 1" instead of "padding" when the
// pads differ or pads_apart asks for them (the asymmetric listing).
struct LayerTextParts {
  bool kernel = false;
  bool stride = true;
  bool pads_apart = false;
};
std::string layer_text(const AxisParams& axis, LayerTextParts parts);

// The usual choice of upsampling decoders (DCGAN and after): kernel = 2*stride, padding = stride/2
// on both sides, output_padding 0, dilation 1, stride even. It gives exactly in*stride, and every
// output cell gets the same number of taps. The one test of that rule.
bool is_usual_choice(const AxisParams& axis);

// The usual choice that takes `input` to `target`, when there is one: stride = target/input,
// which must be a whole even number; kernel_size 2*stride, padding stride/2. Whatever the
// kernel given: this is what the kernel would have to be.
std::optional<AxisParams> usual_layer(int64_t input, int64_t target);

// The strides searched when none is given: 1 .. min(target, kMaxSearchedStride).
constexpr int64_t kMaxSearchedStride = 64;

// solve_padding for every stride 1 .. min(target, kMaxSearchedStride) (axis.stride is
// ignored), ordered by stride, then as solve_padding orders. Throws like solve_padding, and
// InvalidParameter when more than kMaxPaddingSolutions solutions would be listed in all.
std::vector<StrideSolution> solve_stride_and_padding(const AxisTarget& axis, PaddingModel model);

// What a layer does with its cells on one axis of input size m. Output cell o is the uncropped
// cell u = pad_begin + o, and input cell i with kernel tap t writes to u = i*S + t*D
// (0 <= i < m, 0 <= t < K). So:
//  - an output cell gets no input when no (i, t) reaches its u: the cells past the last tap,
//    which output_padding adds beyond pad_end (u > (m-1)*S + D*(K-1), i.e. output_padding >
//    pad_end), and the holes a stride larger than the kernel's taps leaves between inputs (with
//    dilation 1: S > K; in general a residue of u mod S that no t*D hits, near the edges too);
//  - an input cell reaches no output cell when padding crops all its taps: input 0 reaches u
//    up to D*(K-1), so it needs pad_begin <= D*(K-1) (the kernel's reach); the last input
//    reaches u from (m-1)*S, so it needs pad_end - output_padding <= D*(K-1). With dilation
//    1 that is all; with dilation D > 1 a window can also fall between an input's taps.
// A layer is `useful` when neither happens.
struct LayerUse {
  std::optional<int64_t> output_without_input;  // the first output cell (0-based) no input reaches
  bool inputs_reach_output = true;              // every input cell reaches a kept output cell
  bool useful() const { return !output_without_input && inputs_reach_output; }
};
// Cost: constant with dilation 1; with dilation D > 1 the cells and inputs looked at are at most
// 3*D*(K-1) + S + 3 per call, and above 2^24 of them it throws InvalidParameter instead of taking
// seconds. Precondition: a valid axis (validate_conv_params).
LayerUse layer_use(const AxisParams& axis, int64_t input);

// A solution with how useful it is and its rank (1 = best).
struct RankedSolution {
  StrideSolution solution;
  LayerUse use;
  int64_t rank = 0;
};

// The ranking rule for --target: layers whose every output cell gets an input first, then
// those whose every input reaches the output (padding within the kernel's reach D*(K-1)),
// then the smaller stride, the smaller total padding, the more even padding (the smaller of
// max(pad_begin, pad_end)), the smaller output_padding, the smaller pad_begin. Returns the
// solutions in that order, ranks 1..n. axis gives input, kernel and dilation (each solution its
// own stride).
std::vector<RankedSolution> rank_solutions(const AxisTarget& axis, const std::vector<StrideSolution>& solutions);

// Two identical layers input -> middle -> target (input < middle < target), both useful, with
// the given kernel and dilation, and the given stride (stride_given) or any stride 1..min(target,
// 64); the smallest stride, then padding, then output_padding. Two layers of padding P and
// output_padding q: middle = (m-1)*S + K' - 2P + q and target = (middle-1)*S + K' - 2P + q, so
//     2P*(S+1) = ((m-1)*S + K' + q - 1)*S + K' + q - target
// fixes P for each (S, q). output_padding is tried up to min(max(S, D), 4096) - 1.
struct LayerChain {
  AxisParams layer;  // each of the two layers
  int64_t middle = 0;
};
std::optional<LayerChain> two_layer_chain(const AxisTarget& axis, bool stride_given);

// Which frameworks express a 1-D layer (one axis) in ONE layer with the same values
// (framework_translation.hpp's rules): PyTorch, ONNX (as ONNX Runtime runs it), TensorFlow
// padding SAME or VALID, TensorFlow's explicit padding (tf.nn.conv2d_transpose, 2-D layers
// only), Keras. Throws what validate_conv_params throws.
struct Expressible {
  bool pytorch = false;
  bool onnx = false;
  bool tensorflow = false;
  bool tensorflow_explicit = false;
  bool keras = false;
};
Expressible expressible_in(const AxisParams& axis, int64_t input);

// Whether `candidate` gives the same values as `original` on one axis of input size `input`,
// not only the same size: the same kernel, stride and dilation keep the same window of the
// uncropped output when pad_begin and the output size are equal.
enum class ValuesRelation {
  Same,     // the same cells of the same uncropped output
  Extends,  // the same kernel, stride and dilation; the candidate keeps the original's cells and more
  Other,    // other cells, or another uncropped output (another kernel, stride or dilation)
};
ValuesRelation compare_values(const AxisParams& original, const AxisParams& candidate, int64_t input);
bool same_values(const AxisParams& original, const AxisParams& candidate, int64_t input);

}  // namespace tconv
