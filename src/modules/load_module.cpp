#include "modules/load_module.hpp"

#include <dlfcn.h>

#include "core/error.hpp"

namespace tconv {

void* load_module_entry(const std::vector<std::filesystem::path>& folders, const std::string& file, const char* symbol,
                        const std::string& what) {
  std::string reasons;
  for (const std::filesystem::path& folder : folders) {
    const std::filesystem::path path = folder / file;
    if (!std::filesystem::exists(path)) continue;
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      if (void* entry = dlsym(handle, symbol)) return entry;
      throw IoError("cannot use " + path.string() + " (" + what + "): it has no " + symbol);
    }
    reasons += std::string("; ") + dlerror();
  }
  std::string searched;
  for (const std::filesystem::path& folder : folders) searched += (searched.empty() ? "" : ", ") + folder.string();
  throw IoError("cannot load " + file + " (" + what + ") from " + (searched.empty() ? "?" : searched) +
                (reasons.empty() ? ": not found; rebuild or reinstall tconv" : reasons));
}

}  // namespace tconv
