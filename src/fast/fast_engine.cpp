#include "fast/fast_engine.hpp"

#include <sched.h>

#include <thread>
#include <type_traits>

#include "fast/conv_problem.hpp"
#include "fast/direct_kernel.hpp"
#include "fast/gemm_path.hpp"
#include "fast/onednn_path.hpp"

namespace tconv {

int default_thread_count() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? static_cast<int>(cores) : 1;
}

FastPath choose_fast_path(const ConvShapes& shapes, const ConvParams& params, int64_t element_bytes) {
  const int64_t cin_g = shapes.in_channels / params.groups;
  const int64_t cout_g = shapes.out_channels / params.groups;
  const bool wide = cin_g >= 16 && cout_g >= 16;
  // The measurements behind each rule are in docs/performance.md.
  // float32: oneDNN's blocked kernels compute 16 channels at a time and pad fewer to 16.
  if (element_bytes == 4) return wide ? FastPath::OneDnn : FastPath::Direct;
  // float64: the direct kernel matches or beats GEMM + col2im when its rows fill a 64-byte
  // vector (8 outputs of one stride phase); on short rows most of its lanes would idle.
  const AxisParams& inner = params.axes.back();
  const int64_t phase_length = shapes.output_spatial.back() / inner.stride;
  return wide && phase_length < 8 ? FastPath::Gemm : FastPath::Direct;
}

template <typename T>
struct FastConvTranspose<T>::Impl {
  Shape input_shape;
  Shape output_shape;
  Tensor<T> weight_copy, bias_copy;  // the caller's tensors, when a plan reads them in runs
  FastPath path = FastPath::Auto;
  int threads = 1;
  std::unique_ptr<fast::OneDnnPlan> onednn;
  std::unique_ptr<fast::GemmPlan<T>> gemm;
  std::unique_ptr<fast::DirectPlan<T>> direct;
};

template <typename T>
FastConvTranspose<T>::FastConvTranspose(const Shape& input_shape, const Tensor<T>& weight, const Tensor<T>* bias,
                                        const ConvParams& params, const FastOptions& options)
    : impl_(nullptr) {
  const TensorView<T> bias_view = bias != nullptr ? TensorView<T>(*bias) : TensorView<T>();
  *this = FastConvTranspose(input_shape, TensorView<T>(weight), bias != nullptr ? &bias_view : nullptr, params, options,
                            false);
}

template <typename T>
FastConvTranspose<T>::FastConvTranspose(const Shape& input_shape, const TensorView<T>& weight,
                                        const TensorView<T>* bias, const ConvParams& params, const FastOptions& options,
                                        bool borrow_tensors)
    : impl_(std::make_unique<Impl>()) {
  const ConvShapes shapes = check_conv_shapes(input_shape, weight.shape, bias ? bias->size() : -1, params);
  Impl& impl = *impl_;
  impl.input_shape = input_shape;
  impl.output_shape = shapes.output_shape();
  const auto element_bytes = static_cast<int64_t>(sizeof(T));
  check_memory_limit("the output", element_count(impl.output_shape), element_bytes, options.memory_limit_bytes);
  if (options.threads < 0) {
    throw InvalidParameter("threads must be >= 0 (0: all cores), got " + std::to_string(options.threads));
  }
  if (options.path == FastPath::OneDnn && !std::is_same_v<T, float>) {
    throw InvalidParameter("the onednn path computes float32 only; use float32 data or another path");
  }
  impl.threads = options.threads == 0 ? default_thread_count() : options.threads;

  // The plans read the caller's weight while they are made; only the plans that keep reading
  // the plain layout afterwards (gemm, a oneDNN plan without its own reordered copy) get a
  // copy, unless the caller lends its tensors for the layer's lifetime.
  fast::ConvProblem<T> problem = fast::make_problem<T>(shapes, params);
  problem.weight = weight.data;
  problem.bias = bias != nullptr ? bias->data : nullptr;
  if (!borrow_tensors && bias != nullptr) {
    impl.bias_copy = bias->copy();
    problem.bias = impl.bias_copy.data.data();
  }
  const auto keep_weight = [&] {
    if (borrow_tensors) return;
    impl.weight_copy = weight.copy();
    problem.weight = impl.weight_copy.data.data();
  };

  FastPath path = options.path;
  if (path == FastPath::Auto) {
    path = choose_fast_path(shapes, params, element_bytes);
    // A column matrix above the limit: the direct kernel needs no such buffer.
    const int64_t column_bytes = checked_mul(fast::gemm_column_elements(problem), element_bytes, "column size");
    if (path == FastPath::Gemm && column_bytes > options.memory_limit_bytes) path = FastPath::Direct;
  }
  if (path == FastPath::OneDnn) {
    if constexpr (std::is_same_v<T, float>) {
      impl.onednn = fast::OneDnnPlan::create(problem, impl.threads);
      if (impl.onednn != nullptr && !impl.onednn->owns_weights() && !borrow_tensors) {
        keep_weight();
        impl.onednn = fast::OneDnnPlan::create(problem, impl.threads);
      }
    }
    if (impl.onednn == nullptr && options.path == FastPath::OneDnn) {
      throw InvalidParameter("oneDNN has no deconvolution for these parameters; use another path");
    }
    if (impl.onednn == nullptr) path = FastPath::Gemm;
  }
  if (path == FastPath::Gemm) {
    keep_weight();
    impl.gemm = std::make_unique<fast::GemmPlan<T>>(problem, impl.threads, options.memory_limit_bytes);
  }
  if (path == FastPath::Direct) {
    impl.direct = std::make_unique<fast::DirectPlan<T>>(problem, impl.threads, options.memory_limit_bytes);
    impl.threads = impl.direct->threads();
  }
  impl.path = path;
}

template <typename T>
FastConvTranspose<T>::~FastConvTranspose() = default;
template <typename T>
FastConvTranspose<T>::FastConvTranspose(FastConvTranspose&&) noexcept = default;
template <typename T>
FastConvTranspose<T>& FastConvTranspose<T>::operator=(FastConvTranspose&&) noexcept = default;

template <typename T>
Tensor<T> FastConvTranspose<T>::run(const Tensor<T>& input) const {
  Tensor<T> output;
  run(input, output);
  return output;
}

template <typename T>
void FastConvTranspose<T>::run(const Tensor<T>& input, Tensor<T>& output) const {
  run(TensorView<T>(input), output);
}

template <typename T>
void FastConvTranspose<T>::run(const TensorView<T>& input, Tensor<T>& output) const {
  const Impl& impl = *impl_;
  if (input.shape != impl.input_shape) {
    throw InvalidParameter("input of shape " + shape_to_string(input.shape) + " given to a layer prepared for " +
                           shape_to_string(impl.input_shape));
  }
  if (output.shape != impl.output_shape) output = Tensor<T>(impl.output_shape);
  if (impl.onednn) {
    if constexpr (std::is_same_v<T, float>) impl.onednn->run(input.data, output.data.data());
  }
  if (impl.gemm) impl.gemm->run(input.data, output.data.data());
  if (impl.direct) impl.direct->run(input.data, output.data.data());
}

template <typename T>
FastPath FastConvTranspose<T>::path() const {
  return impl_->path;
}

template <typename T>
int FastConvTranspose<T>::threads() const {
  return impl_->threads;
}

template <typename T>
const Shape& FastConvTranspose<T>::output_shape() const {
  return impl_->output_shape;
}

template <typename T>
std::string FastConvTranspose<T>::implementation() const {
  if (impl_->onednn) return "onednn " + impl_->onednn->implementation();
  if (impl_->gemm) return "gemm openblas";
  return "direct";
}

template class FastConvTranspose<float>;
template class FastConvTranspose<double>;

template <typename T>
Tensor<T> conv_transpose_fast(const TensorView<T>& input, const TensorView<T>& weight,
                              const std::type_identity_t<TensorView<T>>* bias, const ConvParams& params,
                              const FastOptions& options, FastReport* report) {
  const FastConvTranspose<T> layer(input.shape, weight, bias, params, options, true);
  if (report != nullptr) {
    report->path = layer.path();
    report->threads = layer.threads();
  }
  Tensor<T> output;
  layer.run(input, output);
  return output;
}

template <typename T>
Tensor<T> conv_transpose_fast(const Tensor<T>& input, const Tensor<T>& weight,
                              const std::type_identity_t<Tensor<T>>* bias, const ConvParams& params,
                              const FastOptions& options, FastReport* report) {
  const TensorView<T> bias_view = bias != nullptr ? TensorView<T>(*bias) : TensorView<T>();
  return conv_transpose_fast(TensorView<T>(input), TensorView<T>(weight), bias != nullptr ? &bias_view : nullptr,
                             params, options, report);
}

template Tensor<float> conv_transpose_fast(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                           const ConvParams&, const FastOptions&, FastReport*);
template Tensor<double> conv_transpose_fast(const Tensor<double>&, const Tensor<double>&, const Tensor<double>*,
                                            const ConvParams&, const FastOptions&, FastReport*);

template Tensor<float> conv_transpose_fast(const TensorView<float>&, const TensorView<float>&, const TensorView<float>*,
                                           const ConvParams&, const FastOptions&, FastReport*);
template Tensor<double> conv_transpose_fast(const TensorView<double>&, const TensorView<double>&,
                                            const TensorView<double>*, const ConvParams&, const FastOptions&,
                                            FastReport*);

}  // namespace tconv
