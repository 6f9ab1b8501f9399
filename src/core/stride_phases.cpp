#include "core/stride_phases.hpp"

#include <numeric>

#include "core/engine.hpp"
#include "core/index.hpp"

namespace tconv {

namespace {

// The mathematical modulo: 0 .. m-1, also for a negative n.
int64_t mod(int64_t n, int64_t m) { return ((n % m) + m) % m; }

Shape extents(const std::vector<PhaseAxis>& axes, int64_t PhaseAxis::*field) {
  Shape shape;
  for (const PhaseAxis& axis : axes) shape.push_back(axis.*field);
  return shape;
}

Shape tap_counts(const std::vector<PhaseAxis>& axes) {
  Shape shape;
  for (const PhaseAxis& axis : axes) shape.push_back(static_cast<int64_t>(axis.taps.size()));
  return shape;
}

}  // namespace

std::vector<PhaseAxis> axis_phases(const AxisParams& axis, int64_t in) {
  const int64_t stride = axis.stride, dilation = axis.dilation;
  const int64_t out = axis.output_size(in);
  const int64_t g = std::gcd(dilation, stride);
  std::vector<PhaseAxis> phases;
  for (int64_t r = 0; r < stride; ++r) {
    PhaseAxis phase;
    phase.offset = r;
    phase.kernel_dilation = dilation / g;
    phase.cells = out > r ? (out - 1 - r) / stride + 1 : 0;
    for (int64_t a = axis.kernel - 1; a >= 0; --a) {  // decreasing a: increasing c_a
      if (mod(a * dilation - r - axis.pad_begin, stride) == 0) phase.taps.push_back(a);
    }
    if (!phase.taps.empty()) phase.input_offset = (r + axis.pad_begin - phase.taps.front() * dilation) / stride;
    phases.push_back(phase);
  }
  return phases;
}

std::vector<StridePhase> stride_phases(const Tensor<double>& input, const Tensor<double>& weight,
                                       const Tensor<double>* bias, const ConvParams& params) {
  const ConvShapes shapes = check_conv_shapes(input.shape, weight.shape, bias ? bias->size() : -1, params);
  const int rank = params.spatial_dims();
  const int64_t groups = params.groups;
  const int64_t in_per_group = shapes.in_channels / groups, out_per_group = weight.shape[1];
  const Shape kernel(weight.shape.begin() + 2, weight.shape.end());
  const Shape& in_spatial = shapes.input_spatial;
  std::vector<std::vector<PhaseAxis>> per_axis;
  Shape strides;
  for (int a = 0; a < rank; ++a) {
    per_axis.push_back(axis_phases(params.axes[static_cast<size_t>(a)], in_spatial[static_cast<size_t>(a)]));
    strides.push_back(params.axes[static_cast<size_t>(a)].stride);
  }
  std::vector<StridePhase> phases;
  Index offset = zero_index(rank);
  do {
    StridePhase phase;
    for (int a = 0; a < rank; ++a)
      phase.axes.push_back(per_axis[static_cast<size_t>(a)][static_cast<size_t>(offset[a])]);
    const Shape taps = tap_counts(phase.axes);
    const Shape cells = extents(phase.axes, &PhaseAxis::cells);
    // The sub-kernel, Conv's layout: W'[oc, i, t...] = W[group's ic, oc mod Cout/groups, tap(t)...].
    Shape kernel_shape{shapes.out_channels, in_per_group};
    kernel_shape.insert(kernel_shape.end(), taps.begin(), taps.end());
    phase.kernel = Tensor<double>(kernel_shape);
    const int64_t tap_count = element_count(taps);
    for (int64_t oc = 0; oc < shapes.out_channels && tap_count > 0; ++oc) {
      for (int64_t i = 0; i < in_per_group; ++i) {
        const int64_t ic = oc / out_per_group * in_per_group + i;
        Index t = zero_index(rank);
        do {
          Index k = zero_index(rank);
          for (int a = 0; a < rank; ++a) k[a] = phase.axes[static_cast<size_t>(a)].taps[static_cast<size_t>(t[a])];
          phase.kernel.data[static_cast<size_t>((oc * in_per_group + i) * tap_count + flatten(t, taps))] =
              weight.data[static_cast<size_t>((ic * out_per_group + oc % out_per_group) * element_count(kernel) +
                                              flatten(k, kernel))];
        } while (next_index(t, taps));
      }
    }
    // The phase's own convolution: y[n, oc, j...] = bias + sum over i, t of
    // W'[oc, i, t...] * x[n, ic, j + input_offset + t*kernel_dilation ...] (zeros outside).
    Shape output_shape{shapes.batch, shapes.out_channels};
    output_shape.insert(output_shape.end(), cells.begin(), cells.end());
    phase.output = Tensor<double>(output_shape);
    const int64_t cell_count = element_count(cells), in_plane = element_count(in_spatial);
    for (int64_t n = 0; n < shapes.batch && cell_count > 0; ++n) {
      for (int64_t oc = 0; oc < shapes.out_channels; ++oc) {
        Index j = zero_index(rank);
        do {
          double sum = bias ? bias->data[static_cast<size_t>(oc)] : 0.0;
          for (int64_t i = 0; i < in_per_group && tap_count > 0; ++i) {
            const int64_t ic = oc / out_per_group * in_per_group + i;
            Index t = zero_index(rank);
            do {
              Index x = zero_index(rank);
              bool inside = true;
              for (int a = 0; a < rank; ++a) {
                const PhaseAxis& axis = phase.axes[static_cast<size_t>(a)];
                x[a] = j[a] + axis.input_offset + t[a] * axis.kernel_dilation;
                inside = inside && x[a] >= 0 && x[a] < in_spatial[static_cast<size_t>(a)];
              }
              if (!inside) continue;
              sum += phase.kernel.data[static_cast<size_t>((oc * in_per_group + i) * tap_count + flatten(t, taps))] *
                     input.data[static_cast<size_t>((n * shapes.in_channels + ic) * in_plane + flatten(x, in_spatial))];
            } while (next_index(t, taps));
          }
          phase.output.data[static_cast<size_t>((n * shapes.out_channels + oc) * cell_count + flatten(j, cells))] = sum;
        } while (next_index(j, cells));
      }
    }
    phases.push_back(std::move(phase));
  } while (next_index(offset, strides));
  return phases;
}

Tensor<double> reassemble_phases(const std::vector<StridePhase>& phases, const ConvParams& params,
                                 const Shape& output_shape) {
  Tensor<double> output(output_shape);
  const int rank = params.spatial_dims();
  const Shape out_spatial(output_shape.begin() + 2, output_shape.end());
  const int64_t planes = output_shape[0] * output_shape[1], out_plane = element_count(out_spatial);
  for (const StridePhase& phase : phases) {
    const Shape cells = extents(phase.axes, &PhaseAxis::cells);
    const int64_t cell_count = element_count(cells);
    if (cell_count == 0) continue;
    for (int64_t p = 0; p < planes; ++p) {
      Index j = zero_index(rank);
      do {
        Index o = zero_index(rank);
        for (int a = 0; a < rank; ++a) {
          o[a] = phase.axes[static_cast<size_t>(a)].offset + j[a] * params.axes[static_cast<size_t>(a)].stride;
        }
        output.data[static_cast<size_t>(p * out_plane + flatten(o, out_spatial))] =
            phase.output.data[static_cast<size_t>(p * cell_count + flatten(j, cells))];
      } while (next_index(j, cells));
    }
  }
  return output;
}

}  // namespace tconv
