// The fast engine as a run-time module, libtconv-fast.so: oneDNN, OpenBLAS and the OpenMP
// runtime are loaded only by the commands that compute with them (compute, bench), so that
// `tconv shape` does not pay for loading them (about 3 ms of its start-up).
//
// The module exports one C symbol, tconv_fast_module(), which returns the table below. The
// command-line layer reaches it through fast_module() (modules/modules.hpp). Both sides are
// built from this tree by the same compiler, so the table passes C++ types.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include "fast/fast_engine.hpp"

namespace tconv {

// A prepared layer (FastConvTranspose<T>) seen through virtual calls, which need no link-time
// symbols from the module.
template <typename T>
class FastLayer {
 public:
  virtual ~FastLayer() = default;
  virtual void run(const Tensor<T>& input, Tensor<T>& output) const = 0;
  virtual FastPath path() const = 0;
  virtual int threads() const = 0;
  virtual const Shape& output_shape() const = 0;
  virtual std::string implementation() const = 0;
};

struct FastModule {
  // conv_transpose_fast for each dtype, on values that may live in a mapped file.
  Tensor<float> (*run_float)(const TensorView<float>& input, const TensorView<float>& weight,
                             const TensorView<float>* bias, const ConvParams& params, const FastOptions& options,
                             FastReport* report);
  Tensor<double> (*run_double)(const TensorView<double>& input, const TensorView<double>& weight,
                               const TensorView<double>* bias, const ConvParams& params, const FastOptions& options,
                               FastReport* report);
  // FastConvTranspose<T>'s constructor for each dtype.
  std::unique_ptr<FastLayer<float>> (*prepare_float)(const Shape& input_shape, const Tensor<float>& weight,
                                                     const Tensor<float>* bias, const ConvParams& params,
                                                     const FastOptions& options);
  std::unique_ptr<FastLayer<double>> (*prepare_double)(const Shape& input_shape, const Tensor<double>& weight,
                                                       const Tensor<double>* bias, const ConvParams& params,
                                                       const FastOptions& options);
  int (*default_thread_count)();

  template <typename T>
  Tensor<T> run(const TensorView<T>& input, const TensorView<T>& weight, const TensorView<T>* bias,
                const ConvParams& params, const FastOptions& options, FastReport* report = nullptr) const {
    if constexpr (std::is_same_v<T, float>)
      return run_float(input, weight, bias, params, options, report);
    else
      return run_double(input, weight, bias, params, options, report);
  }
  template <typename T>
  std::unique_ptr<FastLayer<T>> prepare(const Shape& input_shape, const Tensor<T>& weight, const Tensor<T>* bias,
                                        const ConvParams& params, const FastOptions& options) const {
    if constexpr (std::is_same_v<T, float>)
      return prepare_float(input_shape, weight, bias, params, options);
    else
      return prepare_double(input_shape, weight, bias, params, options);
  }
};

}  // namespace tconv

// The module's entry point: the table, valid for the life of the process.
extern "C" const tconv::FastModule* tconv_fast_module();
