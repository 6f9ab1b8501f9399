#include "render/canvas.hpp"

#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <array>
#include <cmath>

#include "core/error.hpp"

namespace tconv {

namespace {

// The fonts, loaded once per process. Cairo keeps font faces in its own caches, so FreeType
// faces are released through cairo's user-data destroy hook, never directly.
class FontRegistry {
 public:
  static FontRegistry& instance() {
    static FontRegistry registry;
    return registry;
  }

  cairo_font_face_t* face(FontFace which) const { return faces_[static_cast<size_t>(which)]; }
  bool embedded() const { return embedded_; }

 private:
  FontRegistry() {
    embedded_ = FT_Init_FreeType(&library_) == 0;
    static const cairo_user_data_key_t key{};
    for (int i = 0; i < 4; ++i) {
      const auto which = static_cast<FontFace>(i);
      const EmbeddedFont font = embedded_font(which);
      FT_Face ft_face = nullptr;
      if (embedded_ && font.begin != nullptr &&
          FT_New_Memory_Face(library_, font.begin, static_cast<FT_Long>(font.end - font.begin), 0, &ft_face) == 0) {
        cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
        cairo_font_face_set_user_data(face, &key, ft_face, [](void* f) { FT_Done_Face(static_cast<FT_Face>(f)); });
        faces_[static_cast<size_t>(i)] = face;
      } else {
        embedded_ = false;
        const bool mono = which == FontFace::Mono || which == FontFace::MonoBold;
        const bool bold = which == FontFace::SansBold || which == FontFace::MonoBold;
        faces_[static_cast<size_t>(i)] =
            cairo_toy_font_face_create(mono ? "monospace" : "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      }
    }
  }

  FT_Library library_ = nullptr;  // lives as long as the process: cairo may still use its faces
  std::array<cairo_font_face_t*, 4> faces_{};
  bool embedded_ = false;
};

cairo_status_t append_svg(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool fonts_embedded() { return FontRegistry::instance().embedded(); }

Canvas::Canvas(double width, double height, double scale, SurfaceKind kind)
    : width_(std::ceil(width)), height_(std::ceil(height)), kind_(kind) {
  width = width_;
  height = height_;
  if (kind == SurfaceKind::Raster) {
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(width * scale)),
                                          static_cast<int>(std::lround(height * scale)));
  } else {
    surface_ = cairo_svg_surface_create_for_stream(append_svg, &svg_, width * scale, height * scale);
    // Pixels, not cairo's default points: the SVG then has the PNG frame's size in a browser.
    cairo_svg_surface_set_document_unit(surface_, CAIRO_SVG_UNIT_PX);
  }
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface_);
    throw Error("cannot create a " + std::to_string(std::lround(width * scale)) + "x" +
                std::to_string(std::lround(height * scale)) + " drawing surface (lower --scale)");
  }
  cr_ = cairo_create(surface_);
  cairo_scale(cr_, scale, scale);
  // Unhinted outlines: text scales exactly with --scale and looks the same at every size.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr_, options);
  cairo_font_options_destroy(options);
  set_color(theme::kBackground);
  cairo_paint(cr_);
}

Canvas::~Canvas() {
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

void Canvas::set_color(const Rgb& color, double alpha) { cairo_set_source_rgba(cr_, color.r, color.g, color.b, alpha); }

void Canvas::set_font(FontFace face, double size) {
  face_ = face;
  size_ = size;
  cairo_set_font_face(cr_, FontRegistry::instance().face(face));
  cairo_set_font_size(cr_, size);
}

double Canvas::text_width(const std::string& text, FontFace face, double size) {
  set_font(face, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr_, text.c_str(), &extents);
  return extents.x_advance;
}

void Canvas::text(const std::string& text, double x, double y, Align align, bool middle) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr_, text.c_str(), &extents);
  double left = x;
  if (align == Align::Center) left = x - extents.x_advance / 2;
  if (align == Align::Right) left = x - extents.x_advance;
  // Centre on the height of a digit, so numbers of any length share one baseline.
  const double baseline = middle ? y + 0.362 * size_ : y;
  cairo_move_to(cr_, left, baseline);
  cairo_show_text(cr_, text.c_str());
}

void Canvas::text_halo(const std::string& text, double x, double y, const Rgb& color, double width) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr_, text.c_str(), &extents);
  cairo_new_path(cr_);
  cairo_move_to(cr_, x - extents.x_advance / 2, y + 0.362 * size_);
  cairo_text_path(cr_, text.c_str());
  set_color(color);
  cairo_set_line_width(cr_, width);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr_);
}

void Canvas::fill_rect(double x, double y, double w, double h, const Rgb& color) {
  set_color(color);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void Canvas::stroke_rect(double x, double y, double w, double h, const Rgb& color, double line_width) {
  set_color(color);
  cairo_set_line_width(cr_, line_width);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
}

RgbImage Canvas::to_rgb() {
  cairo_surface_flush(surface_);
  RgbImage image;
  image.width = cairo_image_surface_get_width(surface_);
  image.height = cairo_image_surface_get_height(surface_);
  const int stride = cairo_image_surface_get_stride(surface_);
  const unsigned char* data = cairo_image_surface_get_data(surface_);
  image.pixels.resize(static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3);
  uint8_t* out = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      const uint32_t pixel = row[x];  // native-endian xRGB
      *out++ = static_cast<uint8_t>(pixel >> 16);
      *out++ = static_cast<uint8_t>(pixel >> 8);
      *out++ = static_cast<uint8_t>(pixel);
    }
  }
  return image;
}

std::string Canvas::finish_svg() {
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  return std::move(svg_);
}

}  // namespace tconv
