// The OpenBLAS path: GEMM + col2im.
//
// Per group g and chunk of batch items, with X the group's input channels as a
// (Cin/groups) x (items * input positions) matrix and W_g its (Cin/groups) x (Cout/groups *
// taps) weight rows (PyTorch's layout is already that matrix):
//     col = W_g^T * X          (one sgemm/dgemm; every multiplication is a useful one)
// then col2im adds row (ocg, tap) of col into output channel ocg, shifted by the tap and
// strided by the stride; cropped positions are skipped. Batch items are packed side by side
// so one GEMM sees wide matrices even when the spatial size is small.
//
// Threads: the output channels of a group are cut into parts, fixed by the shape; a task
// computes one part (its rows of W_g^T times all of X, single-threaded GEMM, then its col2im)
// in the fast engine's parallel loop. So the results do not depend on the thread count (as
// OpenBLAS's own threading, which splits by thread count, would make them), and no OpenMP
// region waits for a descheduled thread.
#pragma once

#include <cstdint>
#include <memory>

#include "fast/conv_problem.hpp"

namespace tconv::fast {

// Elements of the largest work buffer run_gemm allocates for one batch item (its column
// matrix), for dispatch against the memory limit.
template <typename T>
int64_t gemm_column_elements(const ConvProblem<T>& problem);

template <typename T>
class GemmPlan {
 public:
  // Keeps the problem (its weight and bias must outlive the plan). Throws InvalidParameter
  // when the column matrix of one batch item would pass memory_limit_bytes or a matrix
  // dimension passes CBLAS's int. threads >= 1.
  GemmPlan(const ConvProblem<T>& problem, int threads, int64_t memory_limit_bytes);

  // Writes every output element (the transposed convolution plus bias). Uses the plan's
  // work buffers: one run at a time per plan.
  void run(const T* input, T* output) const;

 private:
  ConvProblem<T> problem_;
  int threads_ = 1;
  int64_t chunk_items_ = 1;    // batch items per GEMM
  int64_t part_channels_ = 1;  // output channels per task
  int64_t column_stride_ = 0;  // elements of one thread's column matrix
  // Per thread: (part_channels * taps) x (chunk_items * input positions).
  std::unique_ptr<T[]> columns_;
  std::unique_ptr<T[]> packed_;  // the chunk's input channels side by side, when chunk_items > 1
};

extern template int64_t gemm_column_elements(const ConvProblem<float>&);
extern template int64_t gemm_column_elements(const ConvProblem<double>&);
extern template class GemmPlan<float>;
extern template class GemmPlan<double>;

}  // namespace tconv::fast
