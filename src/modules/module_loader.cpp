// fast_module(), render_module() and onnx_module() for the tconv binary: dlopen() on first use.
#include <filesystem>
#include <system_error>
#include <vector>

#include "modules/load_module.hpp"
#include "modules/modules.hpp"

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

}  // namespace

const FastModule& fast_module() {
  static const FastModule& module =
      load_module<FastModule>(module_folders(), "libtconv-fast.so", "tconv_fast_module", "tconv's fast engine");
  return module;
}

const RenderModule& render_module() {
  static const RenderModule& module =
      load_module<RenderModule>(module_folders(), "libtconv-render.so", "tconv_render_module", "tconv's drawing layer");
  return module;
}

const OnnxModule& onnx_module() {
  static const OnnxModule& module =
      load_module<OnnxModule>(module_folders(), "libtconv-onnx.so", "tconv_onnx_module", "tconv's ONNX model reader");
  return module;
}

}  // namespace tconv
