// A second, independent transposed convolution for the tests only: the gather form, as in
// oneDNN's benchdnn ref_conv (backward-data). For each output cell it sums over the kernel taps
// whose input position
//     i = (o + pad_begin - k*dilation) / stride
// is an integer inside the input. The engine under test scatters instead (input -> output), so
// the two share no loop, no index arithmetic and no cropping logic.
#pragma once

#include <array>
#include <cstdint>

#include "core/conv_params.hpp"
#include "core/tensor.hpp"

namespace tconv::test {

// input (N, Cin, spatial...), weight (Cin, Cout/groups, k...), bias (Cout) or null. The caller
// passes well-formed shapes; the output spatial size comes from AxisParams::output_size.
template <typename T>
Tensor<T> conv_transpose_gather(const Tensor<T>& input, const Tensor<T>& weight, const Tensor<T>* bias,
                                const ConvParams& params) {
  const int dims = params.spatial_dims();
  const int64_t batch = input.shape[0];
  const int64_t cin = input.shape[1];
  const int64_t cout_per_group = weight.shape[1];
  const int64_t groups = params.groups;
  const int64_t cout = cout_per_group * groups;
  const int64_t cin_per_group = cin / groups;

  // Pad everything to 3 axes (leading axes of size 1) to keep one loop nest.
  std::array<int64_t, 3> in{1, 1, 1}, out{1, 1, 1}, ker{1, 1, 1}, stride{1, 1, 1}, dil{1, 1, 1}, pad{0, 0, 0};
  for (int a = 0; a < dims; ++a) {
    const auto j = static_cast<size_t>(3 - dims + a);
    const AxisParams& p = params.axes[static_cast<size_t>(a)];
    in[j] = input.shape[static_cast<size_t>(2 + a)];
    out[j] = p.output_size(in[j]);
    ker[j] = p.kernel;
    stride[j] = p.stride;
    dil[j] = p.dilation;
    pad[j] = p.pad_begin;
  }
  Shape out_shape{batch, cout};
  for (int a = 0; a < dims; ++a) out_shape.push_back(out[static_cast<size_t>(3 - dims + a)]);
  Tensor<T> output(out_shape);

  // The input coordinate that tap k reads for output coordinate o on axis j, or -1 if none.
  const auto source = [&](size_t j, int64_t o, int64_t k) -> int64_t {
    const int64_t numerator = o + pad[j] - k * dil[j];
    if (numerator < 0 || numerator % stride[j] != 0) return -1;
    const int64_t i = numerator / stride[j];
    return i < in[j] ? i : -1;
  };

  for (int64_t n = 0; n < batch; ++n)
    for (int64_t oc = 0; oc < cout; ++oc) {
      const int64_t g = oc / cout_per_group;
      for (int64_t o0 = 0; o0 < out[0]; ++o0)
        for (int64_t o1 = 0; o1 < out[1]; ++o1)
          for (int64_t o2 = 0; o2 < out[2]; ++o2) {
            T sum = bias ? bias->data[static_cast<size_t>(oc)] : T(0);
            for (int64_t icg = 0; icg < cin_per_group; ++icg) {
              const int64_t ic = g * cin_per_group + icg;
              for (int64_t k0 = 0; k0 < ker[0]; ++k0) {
                const int64_t i0 = source(0, o0, k0);
                if (i0 < 0) continue;
                for (int64_t k1 = 0; k1 < ker[1]; ++k1) {
                  const int64_t i1 = source(1, o1, k1);
                  if (i1 < 0) continue;
                  for (int64_t k2 = 0; k2 < ker[2]; ++k2) {
                    const int64_t i2 = source(2, o2, k2);
                    if (i2 < 0) continue;
                    const T x =
                        input.data[static_cast<size_t>((((n * cin + ic) * in[0] + i0) * in[1] + i1) * in[2] + i2)];
                    const T w = weight.data[static_cast<size_t>(
                        (((ic * cout_per_group + (oc - g * cout_per_group)) * ker[0] + k0) * ker[1] + k1) * ker[2] +
                        k2)];
                    sum += x * w;
                  }
                }
              }
            }
            output.data[static_cast<size_t>((((n * cout + oc) * out[0] + o0) * out[1] + o1) * out[2] + o2)] = sum;
          }
    }
  return output;
}

}  // namespace tconv::test
