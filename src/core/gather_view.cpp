#include "core/gather_view.hpp"

#include <algorithm>

namespace tconv {

GatherAxis gather_axis(const AxisParams& params, int64_t in) {
  GatherAxis g;
  g.in = in;
  g.stride = params.stride;
  g.dilation = params.dilation;
  g.window = params.dilated_kernel();
  g.inserted = (in - 1) * params.stride + 1;
  g.pad_low = g.window - 1 - params.pad_begin;
  g.pad_high = g.window - 1 - params.pad_end + params.output_padding;
  g.expanded = g.inserted + g.pad_low + g.pad_high;
  return g;
}

std::vector<GatherAxis> gather_geometry(const ConvParams& params, const Shape& input_spatial) {
  validate_conv_params(params, input_spatial);
  std::vector<GatherAxis> axes;
  for (size_t a = 0; a < params.axes.size(); ++a) axes.push_back(gather_axis(params.axes[a], input_spatial[a]));
  return axes;
}

Tensor<double> expand_input(const Tensor<double>& input, const ConvParams& params) {
  const int rank = params.spatial_dims();
  const Shape spatial(input.shape.end() - rank, input.shape.end());
  const std::vector<GatherAxis> geometry = gather_geometry(params, spatial);
  Shape shape(input.shape.begin(), input.shape.end() - rank);
  Shape expanded_spatial;
  for (const GatherAxis& g : geometry) expanded_spatial.push_back(g.expanded);
  const int64_t planes = element_count(shape);
  shape.insert(shape.end(), expanded_spatial.begin(), expanded_spatial.end());
  Tensor<double> result(shape);
  const int64_t in_plane = element_count(spatial), out_plane = element_count(expanded_spatial);
  for (int64_t p = 0; p < planes; ++p) {
    Index i = zero_index(rank);
    do {
      Index e = zero_index(rank);
      bool inside = true;
      for (int a = 0; a < rank; ++a) {
        e[a] = geometry[static_cast<size_t>(a)].expanded_position(i[a]);
        inside = inside && e[a] >= 0 && e[a] < expanded_spatial[static_cast<size_t>(a)];
      }
      if (inside) {
        result.data[static_cast<size_t>(p * out_plane + flatten(e, expanded_spatial))] =
            input.data[static_cast<size_t>(p * in_plane + flatten(i, spatial))];
      }
    } while (next_index(i, spatial));
  }
  return result;
}

Tensor<double> flip_dilate_kernel(const Tensor<double>& weight, const ConvParams& params) {
  const int rank = params.spatial_dims();
  const Shape kernel(weight.shape.end() - rank, weight.shape.end());
  // The window's rules do not depend on the input size: an axis of size 1 serves.
  std::vector<GatherAxis> geometry;
  Shape window;
  for (const AxisParams& p : params.axes) {
    geometry.push_back(gather_axis(p, 1));
    window.push_back(geometry.back().window);
  }
  Shape shape(weight.shape.begin(), weight.shape.end() - rank);
  const int64_t planes = element_count(shape);
  shape.insert(shape.end(), window.begin(), window.end());
  Tensor<double> result(shape);
  const int64_t k_plane = element_count(kernel), w_plane = element_count(window);
  for (int64_t p = 0; p < planes; ++p) {
    Index k = zero_index(rank);
    do {
      Index j = zero_index(rank);
      for (int a = 0; a < rank; ++a) j[a] = geometry[static_cast<size_t>(a)].window_position(k[a]);
      result.data[static_cast<size_t>(p * w_plane + flatten(j, window))] =
          weight.data[static_cast<size_t>(p * k_plane + flatten(k, kernel))];
    } while (next_index(k, kernel));
  }
  return result;
}

Tensor<double> equivalent_conv_weight(const Tensor<double>& flipped, int64_t groups) {
  const int64_t in_channels = flipped.shape[0], out_per_group = flipped.shape[1];
  const int64_t in_per_group = in_channels / groups;
  const Shape window(flipped.shape.begin() + 2, flipped.shape.end());
  const int64_t plane = element_count(window);
  Shape shape{out_per_group * groups, in_per_group};
  shape.insert(shape.end(), window.begin(), window.end());
  Tensor<double> result(shape);
  for (int64_t ic = 0; ic < in_channels; ++ic) {
    const int64_t group = ic / in_per_group;
    for (int64_t o = 0; o < out_per_group; ++o) {
      const int64_t oc = group * out_per_group + o;  // W'[oc, ic mod Cin/groups] = W[ic, o]
      std::copy_n(flipped.data.begin() + (ic * out_per_group + o) * plane, plane,
                  result.data.begin() + (oc * in_per_group + ic % in_per_group) * plane);
    }
  }
  return result;
}

template <typename T>
Tensor<T> conv_transpose_gather(const Tensor<T>& input, const Tensor<T>& weight, const Tensor<T>* bias,
                                const ConvParams& params, GatherObserver* observer, int64_t memory_limit_bytes) {
  const ConvShapes shapes = check_conv_shapes(input.shape, weight.shape, bias ? bias->size() : -1, params);
  const Shape out_shape = shapes.output_shape();
  check_memory_limit("the output", element_count(out_shape), static_cast<int64_t>(sizeof(T)), memory_limit_bytes);
  Tensor<T> output(out_shape);
  const int rank = params.spatial_dims();
  const std::vector<GatherAxis> geometry = gather_geometry(params, shapes.input_spatial);
  Shape window, kernel;
  for (size_t a = 0; a < geometry.size(); ++a) {
    window.push_back(geometry[a].window);
    kernel.push_back(params.axes[a].kernel);
  }
  const int64_t cin_per_group = shapes.in_channels / params.groups;
  const int64_t cout_per_group = shapes.out_channels / params.groups;
  const int64_t in_plane = element_count(shapes.input_spatial);
  const int64_t out_plane = element_count(shapes.output_spatial);
  const int64_t taps = element_count(kernel);
  GatherCell cell;
  int64_t number = 0;
  for (int64_t n = 0; n < shapes.batch; ++n) {
    for (int64_t oc = 0; oc < shapes.out_channels; ++oc) {
      const int64_t group = oc / cout_per_group;
      Index o = zero_index(rank);
      do {
        T sum = T(0);
        if (observer != nullptr) {
          cell.terms.clear();
          cell.number = ++number;
          cell.batch = n;
          cell.out_channel = oc;
          cell.output = o;
        }
        for (int64_t ic = group * cin_per_group; ic < (group + 1) * cin_per_group; ++ic) {
          Index j = zero_index(rank);
          do {
            // The window at o covers expanded positions o + j: a term where an input element
            // meets a tap, none where either is a zero.
            Index i = zero_index(rank), k = zero_index(rank);
            bool real = true;
            for (int a = 0; a < rank && real; ++a) {
              const GatherAxis& g = geometry[static_cast<size_t>(a)];
              i[a] = g.input_at(o[a] + j[a]);
              k[a] = g.tap_at(j[a]);
              real = i[a] >= 0 && k[a] >= 0;
            }
            if (!real) continue;
            const T x = input.data[static_cast<size_t>((n * shapes.in_channels + ic) * in_plane +
                                                       flatten(i, shapes.input_spatial))];
            const T w = weight.data[static_cast<size_t>((ic * cout_per_group + (oc - group * cout_per_group)) * taps +
                                                        flatten(k, kernel))];
            const T product = x * w;
            sum += product;
            if (observer != nullptr) {
              GatherTerm term;
              term.in_channel = ic;
              term.input = i;
              term.window = j;
              term.tap = k;
              term.expanded = zero_index(rank);
              for (int a = 0; a < rank; ++a) term.expanded[a] = o[a] + j[a];
              term.input_value = static_cast<double>(x);
              term.weight = static_cast<double>(w);
              term.product = static_cast<double>(product);
              cell.terms.push_back(term);
            }
          } while (next_index(j, window));
        }
        if (bias != nullptr) sum += bias->data[static_cast<size_t>(oc)];
        const int64_t at = (n * shapes.out_channels + oc) * out_plane + flatten(o, shapes.output_spatial);
        output.data[static_cast<size_t>(at)] = sum;
        if (observer != nullptr) {
          cell.has_bias = bias != nullptr;
          cell.bias = bias != nullptr ? static_cast<double>(bias->data[static_cast<size_t>(oc)]) : 0.0;
          cell.value = static_cast<double>(sum);
          observer->cell(cell);
        }
      } while (next_index(o, shapes.output_spatial));
    }
  }
  return output;
}

template Tensor<float> conv_transpose_gather(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                             const ConvParams&, GatherObserver*, int64_t);
template Tensor<double> conv_transpose_gather(const Tensor<double>&, const Tensor<double>&, const Tensor<double>*,
                                              const ConvParams&, GatherObserver*, int64_t);

}  // namespace tconv
