// blas() for libtconv-fast.so: loads libtconv-blas.so from the folder this module was loaded
// from, on the first GEMM.
#include <dlfcn.h>

#include <filesystem>

#include "core/error.hpp"
#include "fast/blas_module.hpp"
#include "modules/load_module.hpp"

namespace tconv::fast {

const BlasModule& blas() {
  static const BlasModule& module = []() -> const BlasModule& {
    Dl_info self{};
    if (dladdr(reinterpret_cast<const void*>(&blas), &self) == 0 || self.dli_fname == nullptr) {
      throw IoError("cannot load libtconv-blas.so (the GEMM path's BLAS): the fast engine's own file is unknown");
    }
    const std::filesystem::path folder = std::filesystem::path(self.dli_fname).parent_path();
    return load_module<BlasModule>({folder}, "libtconv-blas.so", "tconv_blas_module", "the GEMM path's BLAS");
  }();
  return module;
}

}  // namespace tconv::fast
