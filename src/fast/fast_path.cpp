// The names of the fast engine's paths (fast_engine.hpp), linked into the command-line layer
// without the engine.
#include "fast/fast_engine.hpp"

#include "core/error.hpp"

namespace tconv {

std::string fast_path_name(FastPath path) {
  switch (path) {
    case FastPath::Auto: return "auto";
    case FastPath::Direct: return "direct";
    case FastPath::Gemm: return "gemm";
    case FastPath::OneDnn: return "onednn";
  }
  return "auto";
}

FastPath parse_fast_path(const std::string& name) {
  for (FastPath path : {FastPath::Auto, FastPath::Direct, FastPath::Gemm, FastPath::OneDnn}) {
    if (fast_path_name(path) == name) return path;
  }
  throw InvalidParameter("fast engine path must be auto, direct, gemm or onednn, got '" + name + "'");
}

}  // namespace tconv
