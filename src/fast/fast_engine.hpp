// The fast engine: the same transposed convolution as conv_transpose_reference (same layouts,
// same validation, same messages), computed by the fastest of three paths for the shape:
//
//   onednn  oneDNN's deconvolution primitive (float32 only): JIT kernels on blocked layouts,
//           near the cores' peak when both channel counts per group are wide.
//   gemm    OpenBLAS GEMM + col2im: col = W^T * X (one GEMM per group), then each column is
//           added into its output window. No multiplication by zero; wins for float64 and
//           when oneDNN is not available for the shape.
//   direct  tconv's own kernel: gather form split into stride phases (sub-pixel), register
//           blocked over output channels and output positions, threaded. Wins where the
//           channels are few and the libraries waste their vector lanes on padding.
//
// Results equal the reference bitwise when every product and partial sum is exact in T
// (small integers, multiples of 1/16); otherwise they differ by summation order only: at most
// a few units of T's epsilon times the sum of |products| of an output element (the tests
// check 1e-5 for float and 1e-13 for double, relative to that sum).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include "core/conv_params.hpp"
#include "core/engine.hpp"
#include "core/tensor.hpp"

namespace tconv {

enum class FastPath { Auto, Direct, Gemm, OneDnn };

// "auto", "direct", "gemm", "onednn".
std::string fast_path_name(FastPath path);

// Parses a name of fast_path_name; throws InvalidParameter listing the accepted names.
FastPath parse_fast_path(const std::string& name);

struct FastOptions {
  int threads = 0;                                        // 0: every core the process may use
  FastPath path = FastPath::Auto;                         // Auto: dispatch by shape (choose_fast_path)
  int64_t memory_limit_bytes = kDefaultMemoryLimitBytes;  // output and every work buffer
};

// The path Auto picks for these shapes and dtype (element_bytes 4 or 8). Pure function of
// the shapes: the rule and the measurements behind it are in docs/performance.md.
FastPath choose_fast_path(const ConvShapes& shapes, const ConvParams& params, int64_t element_bytes);

// The choice one step before: below kReferenceMultiplyAdds multiply-adds (N * Cin * Cout/groups
// * input cells * kernel taps), a caller with one run to do (`tconv compute --engine auto`)
// keeps the reference loop: it is done (about 2 ms at 2 ns per multiply-add) before this
// engine would be loaded and planned (about 4 ms), and its summation order is the defining one.
constexpr double kReferenceMultiplyAdds = 1 << 20;
double conv_transpose_multiply_adds(const ConvShapes& shapes, const ConvParams& params);
bool reference_engine_suffices(const ConvShapes& shapes, const ConvParams& params);

// Threads used for options.threads == 0: the CPUs this process may run on.
int default_thread_count();

// One call: FastConvTranspose(input.shape, weight, bias, params, options).run(input), without
// copying the weights. report (may be null) receives the path and the thread count.
struct FastReport {
  FastPath path = FastPath::Auto;
  int threads = 0;
};

template <typename T>
class FastConvTranspose;

template <typename T>
Tensor<T> conv_transpose_fast(const Tensor<T>& input, const Tensor<T>& weight,
                              const std::type_identity_t<Tensor<T>>* bias, const ConvParams& params,
                              const FastOptions& options = {}, FastReport* report = nullptr);

// The same on values that live anywhere (a mapped file): nothing is copied that the path does
// not lay out anew.
template <typename T>
Tensor<T> conv_transpose_fast(const TensorView<T>& input, const TensorView<T>& weight,
                              const std::type_identity_t<TensorView<T>>* bias, const ConvParams& params,
                              const FastOptions& options = {}, FastReport* report = nullptr);

// A transposed convolution layer prepared for one input shape, like a oneDNN primitive or a
// prepacked inference layer: the constructor validates, chooses the path and lays the
// weights out for it (copying them: the caller's tensors need not outlive the layer); run()
// then does only the per-input work. Use it to run one layer on many inputs; use
// conv_transpose_fast for one call.
template <typename T>
class FastConvTranspose {
 public:
  // Throws what conv_transpose_reference throws for shapes or parameters that do not fit
  // (check_conv_shapes) or an output above options.memory_limit_bytes; InvalidParameter for
  // threads < 0, for path OneDnn with double data or parameters oneDNN refuses, and for a
  // work buffer of an explicit path above the limit. Auto falls back instead: to gemm when
  // oneDNN refuses, to direct when the GEMM column matrix would pass the limit.
  FastConvTranspose(const Shape& input_shape, const Tensor<T>& weight, const Tensor<T>* bias, const ConvParams& params,
                    const FastOptions& options = {});
  ~FastConvTranspose();
  FastConvTranspose(FastConvTranspose&&) noexcept;
  FastConvTranspose& operator=(FastConvTranspose&&) noexcept;

  // The output for `input`, whose shape must be the constructor's input_shape
  // (InvalidParameter otherwise). Runs use the layer's work buffers: one run at a time per
  // layer (use one layer per thread to run in parallel).
  Tensor<T> run(const Tensor<T>& input) const;

  // The same into `output`, reusing its storage when it already has output_shape() (every
  // element is overwritten), so repeated runs allocate nothing.
  void run(const Tensor<T>& input, Tensor<T>& output) const;
  void run(const TensorView<T>& input, Tensor<T>& output) const;

  FastPath path() const;  // never Auto
  int threads() const;    // threads a run uses (small layers use fewer), >= 1
  const Shape& output_shape() const;
  std::string implementation() const;  // e.g. "onednn jit:avx512_core", "direct", "gemm openblas"

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;

  // borrow_tensors: the caller keeps weight and bias alive as long as the layer (no copies).
  FastConvTranspose(const Shape& input_shape, const TensorView<T>& weight, const TensorView<T>* bias,
                    const ConvParams& params, const FastOptions& options, bool borrow_tensors);
  template <typename U>
  friend Tensor<U> conv_transpose_fast(const TensorView<U>&, const TensorView<U>&,
                                       const std::type_identity_t<TensorView<U>>*, const ConvParams&,
                                       const FastOptions&, FastReport*);
};

extern template class FastConvTranspose<float>;
extern template class FastConvTranspose<double>;

extern template Tensor<float> conv_transpose_fast(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                                  const ConvParams&, const FastOptions&, FastReport*);
extern template Tensor<double> conv_transpose_fast(const Tensor<double>&, const Tensor<double>&, const Tensor<double>*,
                                                   const ConvParams&, const FastOptions&, FastReport*);
extern template Tensor<float> conv_transpose_fast(const TensorView<float>&, const TensorView<float>&,
                                                  const TensorView<float>*, const ConvParams&, const FastOptions&,
                                                  FastReport*);
extern template Tensor<double> conv_transpose_fast(const TensorView<double>&, const TensorView<double>&,
                                                   const TensorView<double>*, const ConvParams&, const FastOptions&,
                                                   FastReport*);

}  // namespace tconv
