// The drawing layer as a run-time module, libtconv-render.so: Cairo, FreeType, giflib, zlib
// and their dozen dependencies are loaded only by `tconv animate`, so that the other commands
// do not pay for loading them (about 2 ms of every start-up).
//
// The module exports one C symbol, tconv_render_module(), which returns the table below. The
// command-line layer reaches it through render_module() (modules/modules.hpp). Both sides are
// built from this tree by the same compiler, so the table passes C++ types.
#pragma once

#include <memory>
#include <vector>

#include "render/draw.hpp"
#include "render/frame_output.hpp"

namespace tconv {

struct RenderModule {
  void (*draw_article_figure)(int number, const DrawOptions& options, FrameSink& sink);
  void (*draw_scatter)(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
  void (*draw_steps)(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
  void (*draw_gather)(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
  void (*draw_overlap)(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options, FrameSink& sink);
  // A FrameWriter (render/frame_output.hpp) handing its files to `files`.
  std::unique_ptr<FrameOutput> (*open_frames)(FrameFormat format, bool folder, bool gif, double scale,
                                              const ManifestInfo& info, FrameFiles& files);
  bool (*fonts_embedded)();
};

}  // namespace tconv

// The module's entry point: the table, valid for the life of the process.
extern "C" const tconv::RenderModule* tconv_render_module();
