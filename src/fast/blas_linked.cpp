// blas() for a binary that links the BLAS module in (the tests).
#include "fast/blas_module.hpp"

namespace tconv::fast {

const BlasModule& blas() { return *tconv_blas_module(); }

}  // namespace tconv::fast
