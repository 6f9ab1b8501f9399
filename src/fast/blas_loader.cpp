// blas() for libtconv-fast.so: loads libtconv-blas.so from the folder this module was loaded
// from, on the first GEMM.
#include <dlfcn.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "fast/blas_module.hpp"

namespace tconv::fast {

const BlasModule& blas() {
  static const BlasModule* module = [] {
    Dl_info self{};
    if (dladdr(reinterpret_cast<const void*>(&blas), &self) == 0 || self.dli_fname == nullptr) {
      throw IoError("cannot load libtconv-blas.so (the GEMM path's BLAS): the fast engine's own file is unknown");
    }
    const std::filesystem::path path = std::filesystem::path(self.dli_fname).parent_path() / "libtconv-blas.so";
    const std::string what = "cannot load " + path.string() + " (the GEMM path's BLAS): ";
    if (!std::filesystem::exists(path)) throw IoError(what + "not found; rebuild or reinstall tconv");
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw IoError(what + dlerror());
    void* entry = dlsym(handle, "tconv_blas_module");
    if (entry == nullptr) throw IoError("cannot use " + path.string() + ": it has no tconv_blas_module");
    using Entry = const BlasModule* (*)();
    return reinterpret_cast<Entry>(entry)();
  }();
  return *module;
}

}  // namespace tconv::fast
