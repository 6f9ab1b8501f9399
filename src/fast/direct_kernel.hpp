// tconv's own transposed-convolution kernel, for the shapes the libraries handle badly (few
// channels per group, float64 with small reductions).
//
// Gather form, split into stride phases ("sub-pixel" decomposition): along the innermost
// axis, the outputs o = r + s*m of one residue r receive input i = m + c from exactly the
// taps t with (r + pad_begin - t*dilation) divisible by s, c = (r + pad_begin - t*dilation)/s.
// So each phase is a dense correlation without multiplications by inserted zeros; stride-2
// layers compute both phases of a row in one pass. A tile of phases x output channels x
// vectors of output positions (up to 24 accumulators) stays in registers while the reduction
// runs over input channels and taps. Rows are read in place, the vectors overhanging a row
// end shuffled into place with zeros; short rows, and layers doing many multiply-adds per
// input value, are copied per run into zero-padded rows instead. Output rows are shared among
// threads.
#pragma once

#include <cstdint>
#include <memory>

#include "fast/conv_problem.hpp"

namespace tconv::fast {

// The instruction sets the kernel is compiled for. Best: the best this CPU runs (AVX-512,
// else AVX2 with the rest of -march=haswell, else the baseline x86-64 build).
enum class KernelIsa { Best, Avx512, Avx2, Baseline };

// Whether this CPU (and its operating system) runs the variant; Best and Baseline always.
bool cpu_runs(KernelIsa isa);

// "best", "avx512", "avx2", "baseline".
const char* kernel_isa_name(KernelIsa isa);

template <typename T>
class DirectPlan {
 public:
  // Packs the weights (the problem's weight is not read after this; its bias is, by every
  // run) and precomputes the tap tables. Throws InvalidParameter when the padded input copy
  // a run needs would pass memory_limit_bytes, or when !cpu_runs(isa). threads >= 1. The
  // engine leaves isa at Best; tests force each variant.
  DirectPlan(const ConvProblem<T>& problem, int threads, int64_t memory_limit_bytes, KernelIsa isa = KernelIsa::Best);
  ~DirectPlan();
  DirectPlan(const DirectPlan&) = delete;
  DirectPlan& operator=(const DirectPlan&) = delete;

  // The threads runs use: `threads` from the constructor, fewer for layers so small that
  // waking threads would cost more than their share of the work.
  int threads() const;

  // The variant runs use (never Best).
  KernelIsa isa() const;

  // Writes every output element (the transposed convolution plus bias). Uses the plan's
  // work buffers: one run at a time per plan.
  void run(const T* input, T* output) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

extern template class DirectPlan<float>;
extern template class DirectPlan<double>;

}  // namespace tconv::fast
