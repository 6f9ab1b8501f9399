// The oneDNN path (float32): oneDNN's deconvolution primitive with the layouts its JIT kernels
// prefer (memory format "any"). The weights are reordered once, when the plan is made; each
// run reorders the plain input in and the output out when the chosen layouts differ.
// PyTorch's weight layout (Cin, Cout/groups, k...) is described to oneDNN by strides;
// output_padding becomes a smaller right pad.
//
// Threads: the layer is cut, by its shape alone, into tasks of batch items x output-channel
// parts, each computed by a single-threaded primitive (input reorder, deconvolution, output
// reorder) in tconv's parallel loop (thread_pool.hpp), not in oneDNN's OpenMP regions: a run
// never waits at a barrier for a descheduled thread, and every thread count gives the same
// bits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fast/conv_problem.hpp"

namespace tconv::fast {

class OneDnnPlan {
 public:
  // Null when oneDNN has no implementation for the parameters (for example some negative
  // pads). The problem's weight and bias must outlive the plan. threads >= 1 (of tconv's
  // parallel loop).
  static std::unique_ptr<OneDnnPlan> create(const ConvProblem<float>& problem, int threads);
  ~OneDnnPlan();
  OneDnnPlan(const OneDnnPlan&) = delete;
  OneDnnPlan& operator=(const OneDnnPlan&) = delete;

  // Writes every output element (the transposed convolution plus bias). Uses the plan's
  // blocked buffers: one run at a time per plan.
  void run(const float* input, float* output) const;

  // oneDNN's name of the kernel it chose, e.g. "jit:avx512_core".
  std::string implementation() const;

  // True when the plan holds its own reordered copy of the weights, so the problem's weight
  // may be freed.
  bool owns_weights() const;

 private:
  struct Impl;
  explicit OneDnnPlan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tconv::fast
