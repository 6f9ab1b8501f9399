#include "render/draw.hpp"
#include "core/error.hpp"
namespace tconv {
}
namespace tconv {
void draw_gather(const SliceTrace&, const DrawOptions&, FrameSink&) { throw Error("gather: not yet"); }
}
