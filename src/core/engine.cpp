#include "core/engine.hpp"

#include "core/axes3.hpp"

namespace tconv {

Shape ConvShapes::output_shape() const {
  Shape shape{batch, out_channels};
  shape.insert(shape.end(), output_spatial.begin(), output_spatial.end());
  return shape;
}

ConvShapes check_conv_shapes(const Shape& input, const Shape& weight, int64_t bias_size, const ConvParams& params) {
  const auto dims = static_cast<size_t>(params.spatial_dims());
  if (input.size() != dims + 2) {
    throw InvalidParameter("input must have shape (N, Cin, " + std::to_string(dims) + " spatial sizes), got " +
                           shape_to_string(input));
  }
  ConvShapes shapes;
  shapes.batch = input[0];
  shapes.in_channels = input[1];
  shapes.input_spatial.assign(input.begin() + 2, input.end());
  const int64_t groups = params.groups;
  if (groups < 1) throw InvalidParameter("groups must be >= 1, got " + std::to_string(groups));
  if (shapes.batch < 1 || shapes.in_channels < 1) {
    throw InvalidParameter("input must not be empty, got shape " + shape_to_string(input));
  }
  if (shapes.in_channels % groups != 0) {
    throw InvalidParameter("groups must divide the input channels: " + std::to_string(shapes.in_channels) +
                           " input channels, groups " + std::to_string(groups));
  }
  bool weight_fits = weight.size() == dims + 2 && weight[0] == shapes.in_channels && weight[1] >= 1;
  for (size_t a = 0; weight_fits && a < dims; ++a) weight_fits = weight[a + 2] == params.axes[a].kernel;
  if (!weight_fits) {
    std::string expected = "(" + std::to_string(shapes.in_channels) + ", Cout/groups";
    for (const AxisParams& axis : params.axes) expected += ", " + std::to_string(axis.kernel);
    throw InvalidParameter("weight must have shape " + expected + ") = (Cin, Cout/groups, kernel...), got " +
                           shape_to_string(weight));
  }
  shapes.out_channels = checked_mul(weight[1], groups, "output channels");
  if (bias_size >= 0 && bias_size != shapes.out_channels) {
    throw InvalidParameter("bias must have one value per output channel: expected " +
                           std::to_string(shapes.out_channels) + ", got " + std::to_string(bias_size));
  }
  shapes.output_spatial = output_spatial_size(params, shapes.input_spatial);
  element_count(shapes.output_shape());  // overflow check of the whole output
  return shapes;
}

void check_memory_limit(const char* what, int64_t elements, int64_t element_bytes, int64_t limit_bytes) {
  const int64_t bytes = checked_mul(elements, element_bytes, std::string(what) + " size in bytes");
  if (bytes > limit_bytes) {
    throw MemoryLimitError(std::string(what) + " would need " + std::to_string(bytes) +
                           " bytes, above the memory limit of " + std::to_string(limit_bytes) + " bytes");
  }
}

namespace {

// One loop nest over the axes promoted to three (core/axes3.hpp) serves 1-D, 2-D and 3-D.
// The observer hooks compile to nothing when Observed is false.
template <typename T, bool Observed>
void scatter(const Tensor<T>& input, const Tensor<T>& weight, const Tensor<T>* bias, const ConvShapes& shapes,
             const Axes3& a, int64_t groups, Tensor<T>& output, StepObserver* observer) {
  const int64_t cin_per_group = shapes.in_channels / groups;
  const int64_t cout_per_group = shapes.out_channels / groups;
  const int64_t in_plane = a.in[0] * a.in[1] * a.in[2];
  const int64_t out_plane = a.out[0] * a.out[1] * a.out[2];
  const int64_t k0 = a.axis[0].kernel, k1 = a.axis[1].kernel, k2 = a.axis[2].kernel;
  const int64_t taps = k0 * k1 * k2;
  int64_t step_number = 0;
  for (int64_t n = 0; n < shapes.batch; ++n) {
    for (int64_t ic = 0; ic < shapes.in_channels; ++ic) {
      const int64_t group = ic / cin_per_group;
      const T* in = input.data.data() + (n * shapes.in_channels + ic) * in_plane;
      for (int64_t i0 = 0; i0 < a.in[0]; ++i0)
        for (int64_t i1 = 0; i1 < a.in[1]; ++i1)
          for (int64_t i2 = 0; i2 < a.in[2]; ++i2) {
            const T x = in[(i0 * a.in[1] + i1) * a.in[2] + i2];
            if constexpr (Observed) {
              InputStep step;
              step.number = ++step_number;
              step.batch = n;
              step.in_channel = ic;
              step.position = a.index_of(i0, i1, i2);
              step.value = static_cast<double>(x);
              observer->begin_step(step);
            }
            for (int64_t ocg = 0; ocg < cout_per_group; ++ocg) {
              const int64_t oc = group * cout_per_group + ocg;
              const T* w = weight.data.data() + (ic * cout_per_group + ocg) * taps;
              T* out = output.data.data() + (n * shapes.out_channels + oc) * out_plane;
              for (int64_t t0 = 0; t0 < k0; ++t0) {
                const int64_t u0 = i0 * a.axis[0].stride + t0 * a.axis[0].dilation;
                const int64_t o0 = u0 - a.axis[0].pad_begin;
                for (int64_t t1 = 0; t1 < k1; ++t1) {
                  const int64_t u1 = i1 * a.axis[1].stride + t1 * a.axis[1].dilation;
                  const int64_t o1 = u1 - a.axis[1].pad_begin;
                  for (int64_t t2 = 0; t2 < k2; ++t2) {
                    const int64_t u2 = i2 * a.axis[2].stride + t2 * a.axis[2].dilation;
                    const int64_t o2 = u2 - a.axis[2].pad_begin;
                    const bool inside =
                        o0 >= 0 && o0 < a.out[0] && o1 >= 0 && o1 < a.out[1] && o2 >= 0 && o2 < a.out[2];
                    const T wv = w[(t0 * k1 + t1) * k2 + t2];
                    const T product = x * wv;
                    T* cell = inside ? out + (o0 * a.out[1] + o1) * a.out[2] + o2 : nullptr;
                    if (inside) *cell += product;
                    if constexpr (Observed) {
                      MacUpdate update;
                      update.out_channel = oc;
                      update.tap = a.index_of(t0, t1, t2);
                      update.weight = static_cast<double>(wv);
                      update.uncropped = a.index_of(u0, u1, u2);
                      update.output = a.index_of(o0, o1, o2);
                      update.cropped = !inside;
                      update.product = static_cast<double>(product);
                      update.total = inside ? static_cast<double>(*cell) : 0.0;
                      observer->update(update);
                    }
                  }
                }
              }
            }
            if constexpr (Observed) observer->end_step();
          }
    }
    if (bias != nullptr) {
      for (int64_t oc = 0; oc < shapes.out_channels; ++oc) {
        const T b = bias->data[static_cast<size_t>(oc)];
        T* out = output.data.data() + (n * shapes.out_channels + oc) * out_plane;
        for (int64_t i = 0; i < out_plane; ++i) out[i] += b;
        if constexpr (Observed) observer->add_bias(n, oc, static_cast<double>(b));
      }
    }
  }
}

}  // namespace

template <typename T>
Tensor<T> conv_transpose_reference(const Tensor<T>& input, const Tensor<T>& weight,
                                   const std::type_identity_t<Tensor<T>>* bias, const ConvParams& params,
                                   StepObserver* observer, int64_t memory_limit_bytes) {
  const ConvShapes shapes = check_conv_shapes(input.shape, weight.shape, bias ? bias->size() : -1, params);
  const Shape out_shape = shapes.output_shape();
  check_memory_limit("the output", element_count(out_shape), static_cast<int64_t>(sizeof(T)), memory_limit_bytes);
  Tensor<T> output(out_shape);
  const Axes3 axes = promote_to_3d(params, shapes.input_spatial, shapes.output_spatial);
  if (observer != nullptr) {
    scatter<T, true>(input, weight, bias, shapes, axes, params.groups, output, observer);
  } else {
    scatter<T, false>(input, weight, bias, shapes, axes, params.groups, output, nullptr);
  }
  return output;
}

template Tensor<float> conv_transpose_reference(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                                const ConvParams&, StepObserver*, int64_t);
template Tensor<double> conv_transpose_reference(const Tensor<double>&, const Tensor<double>&, const Tensor<double>*,
                                                 const ConvParams&, StepObserver*, int64_t);

}  // namespace tconv
