#include "fast/blas_module.hpp"

#include <cblas.h>

namespace tconv::fast {

namespace {

void sgemm_at_b(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c) {
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0F, a, static_cast<int>(lda), b, static_cast<int>(ldb), 0.0F, c, static_cast<int>(n));
}

void dgemm_at_b(int64_t m, int64_t n, int64_t k, const double* a, int64_t lda, const double* b, int64_t ldb,
                double* c) {
  cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0, a, static_cast<int>(lda), b, static_cast<int>(ldb), 0.0, c, static_cast<int>(n));
}

constexpr BlasModule kModule{&sgemm_at_b, &dgemm_at_b};

}  // namespace

}  // namespace tconv::fast

extern "C" const tconv::fast::BlasModule* tconv_blas_module() { return &tconv::fast::kModule; }
