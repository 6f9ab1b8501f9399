// How the command-line layer reaches the heavy layers: the fast engine (fast/fast_module.hpp),
// the drawing layer (render/render_module.hpp) and the ONNX model reader (onnx/onnx_module.hpp).
// Two implementations, chosen at link time:
//   module_loader.cpp   for the tconv binary: dlopen()s libtconv-fast.so / -render.so / -onnx.so
//                       on first use, from the binary's folder or ../lib/tconv beside it;
//   linked_modules.cpp  for the test binary: the same tables, linked in.
#pragma once

#include "fast/fast_module.hpp"
#include "onnx/onnx_module.hpp"
#include "render/render_module.hpp"

namespace tconv {

// Throw IoError (exit status 1) when the module cannot be found or loaded, naming the file,
// the folders searched and the loader's reason.
const FastModule& fast_module();
const RenderModule& render_module();
const OnnxModule& onnx_module();

}  // namespace tconv
