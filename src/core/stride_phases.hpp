// The stride phases (sub-pixel view) of a transposed convolution: how XNNPACK's subconvolution
// and Shi et al.'s sub-pixel convolution compute the layer without inserting zeros, and why
// kernel 3, stride 2 makes a checkerboard.
//
// Per axis, kept output cell o (0-based after the crop) is the uncropped cell u = o + pad_begin,
// which input i reaches through tap a when u = i*stride + a*dilation. Cell o belongs to phase
// r = o mod stride. The taps that reach phase r are those a with
//     a*dilation = r + pad_begin  (mod stride),
// and cell o = r + j*stride sums w[a] * x[j + c_a] over them, with c_a = (r + pad_begin -
// a*dilation) / stride, an exact integer. Taps of one phase are stride/g apart (g =
// gcd(dilation, stride)), so their c_a are dilation/g apart: each phase is an ordinary
// convolution (cross-correlation) of the input with its sub-kernel, the taps in decreasing a,
// kernel_dilation = dilation/g input cells apart, starting at input_offset = the smallest c_a
// (inputs outside the input are zeros). A phase without taps holds only the bias: holes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/conv_params.hpp"
#include "core/tensor.hpp"

namespace tconv {

// One phase of one axis.
struct PhaseAxis {
  int64_t offset = 0;           // r: the phase's first kept output cell
  std::vector<int64_t> taps;    // a, in correlation order (decreasing); empty: a hole phase
  int64_t input_offset = 0;     // c of the first tap
  int64_t kernel_dilation = 1;  // dilation / gcd(dilation, stride)
  int64_t cells = 0;            // kept output cells r, r + stride, ... (0 when out <= r)
};

// The phases of one axis of size `in` (AxisParams as validated), offsets 0 .. stride-1.
std::vector<PhaseAxis> axis_phases(const AxisParams& axis, int64_t in);

// A phase of the layer: one PhaseAxis per spatial axis.
struct StridePhase {
  std::vector<PhaseAxis> axes;
  // The phase's sub-kernel, (Cout, Cin/groups, taps...) in Conv's layout: the weight's taps of
  // this phase in correlation order; taps... is empty-sized when an axis has no taps.
  Tensor<double> kernel;
  // The kept output's cells of this phase, (N, Cout, cells...), computed by the phase's own
  // convolution of the input (plus the bias).
  Tensor<double> output;
};

// Every phase, offsets in row-major order over the axes (the product of the strides in all),
// each computed as its own convolution. input (N, Cin, spatial...), weight (Cin, Cout/groups,
// k...), bias (Cout) or null. Throws what check_conv_shapes throws.
std::vector<StridePhase> stride_phases(const Tensor<double>& input, const Tensor<double>& weight,
                                       const Tensor<double>* bias, const ConvParams& params);

// The output put back together from its phases: (N, Cout, out...).
Tensor<double> reassemble_phases(const std::vector<StridePhase>& phases, const ConvParams& params,
                                 const Shape& output_shape);

}  // namespace tconv
