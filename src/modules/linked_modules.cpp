// fast_module() and render_module() for a binary that links the modules in (the tests).
#include "modules/modules.hpp"

namespace tconv {

const FastModule& fast_module() { return *tconv_fast_module(); }
const RenderModule& render_module() { return *tconv_render_module(); }

}  // namespace tconv
