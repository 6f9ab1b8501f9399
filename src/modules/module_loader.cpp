// fast_module() and render_module() for the tconv binary: dlopen() on first use.
#include "modules/modules.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "core/error.hpp"

namespace tconv {

namespace {

namespace fs = std::filesystem;

// The folders a module may be in: beside the running binary (the build tree), then
// ../lib/tconv (an installed tree: bin/tconv, lib/tconv/libtconv-*.so).
std::vector<fs::path> module_folders() {
  std::error_code error;
  const fs::path binary = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  const fs::path folder = binary.parent_path();
  return {folder, folder.parent_path() / "lib" / "tconv"};
}

// Opens `file` and returns its entry point `symbol`.
void* load_entry(const std::string& file, const char* symbol, const std::string& what) {
  std::string reasons;
  for (const fs::path& folder : module_folders()) {
    const fs::path path = folder / file;
    if (!fs::exists(path)) continue;
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      if (void* entry = dlsym(handle, symbol)) return entry;
      throw IoError("cannot use " + path.string() + " (" + what + "): it has no " + symbol);
    }
    reasons += std::string("; ") + dlerror();
  }
  std::string searched;
  for (const fs::path& folder : module_folders()) searched += (searched.empty() ? "" : ", ") + folder.string();
  throw IoError("cannot load " + file + " (" + what + ") from " + (searched.empty() ? "?" : searched) +
                (reasons.empty() ? ": not found; rebuild or reinstall tconv" : reasons));
}

}  // namespace

const FastModule& fast_module() {
  static const FastModule* module = [] {
    using Entry = const FastModule* (*)();
    return reinterpret_cast<Entry>(load_entry("libtconv-fast.so", "tconv_fast_module", "tconv's fast engine"))();
  }();
  return *module;
}

const RenderModule& render_module() {
  static const RenderModule* module = [] {
    using Entry = const RenderModule* (*)();
    return reinterpret_cast<Entry>(load_entry("libtconv-render.so", "tconv_render_module", "tconv's drawing layer"))();
  }();
  return *module;
}

}  // namespace tconv
