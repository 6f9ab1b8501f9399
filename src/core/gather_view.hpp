// The gather view of a transposed convolution: the equivalent direct convolution that
// conv_arithmetic (Dumoulin & Visin, "A guide to convolution arithmetic") draws.
//
// Per spatial axis, with K' = dilation*(kernel-1) + 1 the dilated kernel extent:
//   1. insert stride-1 zeros between input elements:   extent (in-1)*stride + 1
//   2. pad the result with  low  = K'-1 - pad_begin  cells at the start and
//                           high = K'-1 - pad_end + output_padding  cells at the end
//      (a negative amount crops instead: padding larger than K'-1)
//   3. flip the dilated kernel and convolve (cross-correlate) with stride 1:
//        out[o] = sum_j expanded[o + j] * flipped[j],   j = 0 .. K'-1
// Its size, expanded - K' + 1, is the output-size formula of conv_params.hpp.
//
// Results are bit-identical to conv_transpose_reference: each output cell sums its terms in
// the scatter engine's order (input channel, then input position row-major), skipping the
// inserted zeros, padding and kernel holes, which only ever add exact zeros there.
#pragma once

#include <vector>

#include "core/engine.hpp"
#include "core/index.hpp"
#include "core/step_record.hpp"
#include "core/tensor.hpp"

namespace tconv {

// What a cell of the expanded input holds.
enum class ExpandedCell { Input, InsertedZero, Padding };

// The gather view of one axis: the rules that place the input in the expanded input and the
// kernel in the flipped, dilated window. Expanded positions e count from the expanded input's
// first cell, window positions j from the window's first cell (0 .. K'-1).
struct GatherAxis {
  int64_t in = 1;        // input size
  int64_t stride = 1;    // the layer's, on this axis
  int64_t dilation = 1;  // the layer's, on this axis
  int64_t inserted = 0;  // (in-1)*stride + 1
  int64_t pad_low = 0;   // K'-1 - pad_begin (negative: cropped)
  int64_t pad_high = 0;  // K'-1 - pad_end + output_padding
  int64_t expanded = 0;  // inserted + pad_low + pad_high (= out + K'-1)
  int64_t window = 0;    // K' = dilation*(kernel-1) + 1

  // Where input element i sits: e = i*stride + pad_low (outside [0, expanded) when cropped).
  int64_t expanded_position(int64_t i) const { return i * stride + pad_low; }

  // The input element at expanded position e: i where e - pad_low = i*stride, else -1 (a zero).
  int64_t input_at(int64_t e) const {
    const int64_t z = e - pad_low;
    return z >= 0 && z % stride == 0 && z / stride < in ? z / stride : -1;
  }

  // Input, a zero inserted between two input elements, or padding (before the first input
  // element or after the last).
  ExpandedCell cell_kind(int64_t e) const {
    if (input_at(e) >= 0) return ExpandedCell::Input;
    const int64_t z = e - pad_low;
    return z > 0 && z < inserted - 1 ? ExpandedCell::InsertedZero : ExpandedCell::Padding;
  }

  // Where tap k of the original kernel sits in the window: j = K'-1 - k*dilation (the flip).
  int64_t window_position(int64_t k) const { return window - 1 - k * dilation; }

  // The tap at window position j: k where K'-1 - j = k*dilation, else -1 (a hole of the
  // dilated kernel).
  int64_t tap_at(int64_t j) const {
    const int64_t from_end = window - 1 - j;
    return from_end % dilation == 0 ? from_end / dilation : -1;
  }
};

// One axis of size `in` (in >= 1; the parameters are not checked here).
GatherAxis gather_axis(const AxisParams& params, int64_t in);

// Per axis, outermost first. Throws what validate_conv_params throws.
std::vector<GatherAxis> gather_geometry(const ConvParams& params, const Shape& input_spatial);

// The input after steps 1 and 2: (N, Cin, expanded...), zeros where nothing was placed.
Tensor<double> expand_input(const Tensor<double>& input, const ConvParams& params);

// The kernel of step 3: (Cin, Cout/groups, K'...), dilated (zeros in the holes) and flipped
// in every spatial axis.
Tensor<double> flip_dilate_kernel(const Tensor<double>& weight, const ConvParams& params);

// The same kernel in ordinary convolution's layout, (Cout, Cin/groups, K'...) as PyTorch's
// Conv weight: an ordinary convolution (cross-correlation, stride 1, no padding, these groups)
// of expand_input's result with it gives the transposed convolution's output, bias aside.
// flipped: flip_dilate_kernel's (Cin, Cout/groups, K'...).
Tensor<double> equivalent_conv_weight(const Tensor<double>& flipped, int64_t groups);

// One non-zero term of an output cell's dot product.
struct GatherTerm {
  int64_t in_channel = 0;
  Index input;     // position in the original input
  Index expanded;  // position in the expanded input (o + j)
  Index window;    // j: position in the flipped, dilated kernel
  Index tap;       // the same weight in the original kernel's coordinates
  double input_value = 0;
  double weight = 0;
  double product = 0;
};

// One output cell: one step of the gather view.
struct GatherCell {
  int64_t number = 0;  // 1-based, row-major over (batch, out channel, output position)
  int64_t batch = 0;
  int64_t out_channel = 0;
  Index output;
  std::vector<GatherTerm> terms;  // in summation order
  bool has_bias = false;
  double bias = 0;
  double value = 0;  // the finished cell
};

class GatherObserver {
 public:
  virtual ~GatherObserver() = default;
  virtual void cell(const GatherCell& cell) = 0;
};

// Computes the transposed convolution in the gather form, reporting every output cell to
// observer (may be null). Same layouts, checks and exceptions as conv_transpose_reference.
template <typename T>
Tensor<T> conv_transpose_gather(const Tensor<T>& input, const Tensor<T>& weight, const Tensor<T>* bias,
                                const ConvParams& params, GatherObserver* observer = nullptr,
                                int64_t memory_limit_bytes = kDefaultMemoryLimitBytes);

extern template Tensor<float> conv_transpose_gather(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                                    const ConvParams&, GatherObserver*, int64_t);
extern template Tensor<double> conv_transpose_gather(const Tensor<double>&, const Tensor<double>&,
                                                     const Tensor<double>*, const ConvParams&, GatherObserver*,
                                                     int64_t);

}  // namespace tconv
