// The parameters of a transposed convolution, per spatial axis, in one explicit form.
//
// Conventions (PyTorch's ConvTranspose{1,2,3}d; ONNX ConvTranspose maps onto the same form):
//  - dilation 1 is a dense kernel; tap k of a kernel lands k*dilation cells from tap 0.
//  - Input element i, kernel tap k land at the *uncropped* output coordinate
//        u = i*stride + k*dilation,                     0 <= u < full_extent
//    where full_extent = (in-1)*stride + dilation*(kernel-1) + 1 + output_padding.
//  - The output keeps u in [pad_begin, pad_begin + out): output index o = u - pad_begin.
//    Contributions outside that window are "cropped" (they fall in the border padding removes).
//  - Output size:
//        out = (in-1)*stride - pad_begin - pad_end + dilation*(kernel-1) + output_padding + 1
//    which with PyTorch's symmetric padding P is (in-1)*S - 2P + D*(K-1) + P_out + 1.
//  - output_padding adds cells at the high end of the axis. They are not always zero: with
//    pad_end > 0 they hold the values padding would otherwise have cropped.
//  - pad_begin/pad_end are signed: ONNX auto padding and output_shape can produce a negative
//    pad (the output extends past the computed region; those cells are zero). Pads the user
//    types are checked to be >= 0 where they are parsed (see layer_spec.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.hpp"

namespace tconv {

// The spatial ranks tconv supports: ConvTranspose1d, 2d and 3d.
constexpr int kMaxSpatialDims = 3;

struct AxisParams {
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t pad_begin = 0;
  int64_t pad_end = 0;
  int64_t output_padding = 0;

  // dilation*(kernel-1) + 1: the extent of the kernel with its inserted zeros (K' in the article).
  int64_t dilated_kernel() const { return dilation * (kernel - 1) + 1; }
  // (in-1)*stride + dilated_kernel() + output_padding: the uncropped extent of the output.
  int64_t full_extent(int64_t in) const { return (in - 1) * stride + dilated_kernel() + output_padding; }
  // The output size formula above.
  int64_t output_size(int64_t in) const { return full_extent(in) - pad_begin - pad_end; }
};

struct ConvParams {
  std::vector<AxisParams> axes;  // one per spatial dimension, outermost (depth/height) first
  int64_t groups = 1;

  int spatial_dims() const { return static_cast<int>(axes.size()); }
};

// Output spatial size for an input spatial size. Throws InvalidParameter (via
// validate_conv_params) when the parameters are invalid or a size is < 1.
Shape output_spatial_size(const ConvParams& params, const Shape& input_spatial);

// Checks everything that can be checked from the parameters and the input's spatial size:
// 1..3 spatial dims; kernel, stride, dilation >= 1; output_padding >= 0; groups >= 1;
// input size >= 1; output size >= 1; no 64-bit overflow. Throws InvalidParameter with a
// one-line message naming the parameter, the rule, the values and the dimension.
void validate_conv_params(const ConvParams& params, const Shape& input_spatial);

// "dimension 2 of 3" style suffix used by every per-axis message (1-based); empty for 1-D.
std::string axis_label(int axis, int dims);

}  // namespace tconv
