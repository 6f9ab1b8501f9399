// fast_module(), render_module() and onnx_module() for a binary that links the modules in (the tests).
#include "modules/modules.hpp"

namespace tconv {

const FastModule& fast_module() { return *tconv_fast_module(); }
const RenderModule& render_module() { return *tconv_render_module(); }
const OnnxModule& onnx_module() { return *tconv_onnx_module(); }

}  // namespace tconv
