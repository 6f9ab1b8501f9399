#include "fast/fast_module.hpp"

namespace tconv {

namespace {

template <typename T>
class PreparedLayer final : public FastLayer<T> {
 public:
  PreparedLayer(const Shape& input_shape, const Tensor<T>& weight, const Tensor<T>* bias, const ConvParams& params,
                const FastOptions& options)
      : layer_(input_shape, weight, bias, params, options) {}
  void run(const Tensor<T>& input, Tensor<T>& output) const override { layer_.run(input, output); }
  FastPath path() const override { return layer_.path(); }
  int threads() const override { return layer_.threads(); }
  const Shape& output_shape() const override { return layer_.output_shape(); }
  std::string implementation() const override { return layer_.implementation(); }

 private:
  FastConvTranspose<T> layer_;
};

template <typename T>
std::unique_ptr<FastLayer<T>> prepare(const Shape& input_shape, const Tensor<T>& weight, const Tensor<T>* bias,
                                      const ConvParams& params, const FastOptions& options) {
  return std::make_unique<PreparedLayer<T>>(input_shape, weight, bias, params, options);
}

template <typename T>
Tensor<T> run_views(const TensorView<T>& input, const TensorView<T>& weight, const TensorView<T>* bias,
                    const ConvParams& params, const FastOptions& options, FastReport* report) {
  return conv_transpose_fast(input, weight, bias, params, options, report);
}

constexpr FastModule kModule{
    &run_views<float>, &run_views<double>, &prepare<float>, &prepare<double>, &default_thread_count,
};

}  // namespace

}  // namespace tconv

extern "C" const tconv::FastModule* tconv_fast_module() { return &tconv::kModule; }
