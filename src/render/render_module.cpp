#include "render/render_module.hpp"

#include "render/article_figures.hpp"

namespace tconv {

namespace {

std::unique_ptr<FrameOutput> open_frames(const std::filesystem::path& dir, FrameFormat format,
                                         const std::filesystem::path& gif, double scale, const ManifestInfo& info) {
  return std::make_unique<FrameWriter>(dir, format, gif, scale, info);
}

constexpr RenderModule kModule{
    &draw_article_figure, &draw_scatter, &draw_steps, &draw_gather, &prepare_frame_dir, &open_frames, &fonts_embedded,
};

}  // namespace

}  // namespace tconv

extern "C" const tconv::RenderModule* tconv_render_module() { return &tconv::kModule; }
