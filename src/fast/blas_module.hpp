// The GEMM path's BLAS, OpenBLAS, as a run-time module of its own, libtconv-blas.so: loading
// OpenBLAS (and libgfortran) costs about 1.9 ms, two thirds of the fast engine's load time,
// and only the GEMM path uses it. The fast engine reaches it through blas(), which loads it on
// first use from the folder of libtconv-fast.so (blas_loader.cpp), or finds it linked in
// (blas_linked.cpp, the test binary).
#pragma once

#include <cstdint>

namespace tconv::fast {

// Called from the fast engine's parallel loops, one call per thread, each single-threaded
// (library_threads.hpp).
struct BlasModule {
  // C = A^T * B, row-major: A is k x m (lda), B is k x n (ldb), C is m x n (ldc = n).
  void (*sgemm_at_b)(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
                     float* c);
  void (*dgemm_at_b)(int64_t m, int64_t n, int64_t k, const double* a, int64_t lda, const double* b, int64_t ldb,
                     double* c);
};

// Throws IoError when the module cannot be loaded (naming the file and the reason).
const BlasModule& blas();

}  // namespace tconv::fast

// The module's entry point: the table, valid for the life of the process.
extern "C" const tconv::fast::BlasModule* tconv_blas_module();
