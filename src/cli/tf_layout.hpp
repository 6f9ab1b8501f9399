// TensorFlow's layouts for `compute --layout tf`, so that a TensorFlow user passes their arrays
// as they are: data channels-last, (N, spatial..., C) or (spatial..., C), and the filter of
// tf.nn.conv{1,2,3}d_transpose, (k..., Cout, Cin). tconv's engine works in PyTorch's layouts,
// (N, C, spatial...) and (Cin, Cout, k...); these functions move the axes (values unchanged,
// no kernel flip: docs/frameworks.md).
#pragma once

#include <cstddef>
#include <vector>

#include "core/any_tensor.hpp"
#include "core/tensor.hpp"

namespace tconv {

// The tensor with its axes reordered: axis a of the result is axis axes[a] of `tensor`.
// Precondition: axes is a permutation of 0 .. rank-1.
template <typename T>
Tensor<T> permute_axes(const TensorView<T>& tensor, const std::vector<size_t>& axes);

// A data input given channels-last, put channels-first: rank dims+1 (spatial..., C) ->
// (C, spatial...), rank dims+2 (N, spatial..., C) -> (N, C, spatial...); rank dims (one
// channel) and other ranks (refused later with the layouts allowed) are left as they are.
void tf_input_to_channels_first(AnyTensor& input, int dims);

// A data filter (k..., Cout, Cin) of rank dims+2 put in PyTorch's (Cin, Cout, k...); rank dims
// (one channel each way) and other ranks are left as they are.
void tf_filter_to_pytorch(AnyTensor& weight, int dims);

// An output in the user's channels-first layout, (C, spatial...) or (N, C, spatial...) by its
// rank, put channels-last; rank dims (spatial only) is left as it is.
Tensor<double> output_to_channels_last(Tensor<double> output, int dims);

}  // namespace tconv
