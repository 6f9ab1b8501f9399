#include "render/render_module.hpp"

#include "render/article_figures.hpp"

namespace tconv {

namespace {

std::unique_ptr<FrameOutput> open_frames(FrameFormat format, bool folder, bool gif, double scale,
                                         const ManifestInfo& info, FrameFiles& files) {
  return std::make_unique<FrameWriter>(format, folder, gif, scale, info, files);
}

constexpr RenderModule kModule{
    &draw_article_figure, &draw_scatter, &draw_steps, &draw_gather, &draw_overlap, &open_frames, &fonts_embedded,
};

}  // namespace

}  // namespace tconv

extern "C" const tconv::RenderModule* tconv_render_module() { return &tconv::kModule; }
