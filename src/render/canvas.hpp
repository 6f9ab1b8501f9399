// A Cairo drawing surface in logical pixels (the figure's size at --scale 1), either a raster
// image or an SVG document, with the embedded DejaVu fonts and a few helpers the figures share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/embedded_fonts.hpp"
#include "render/theme.hpp"

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace tconv {

enum class SurfaceKind { Raster, Svg };

enum class Align { Left, Center, Right };

// An 8-bit RGB image, row-major, 3 bytes a pixel.
struct RgbImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

// False when the fonts were absent at build time: text then uses cairo's default font.
bool fonts_embedded();

class Canvas {
 public:
  // width x height logical pixels (rounded up to whole pixels), drawn at `scale` device pixels
  // each. Throws Error if Cairo cannot create the surface (out of memory).
  Canvas(double width, double height, double scale, SurfaceKind kind);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  cairo_t* cr() const { return cr_; }
  double width() const { return width_; }
  double height() const { return height_; }

  void set_color(const Rgb& color, double alpha = 1.0);
  void set_font(FontFace face, double size);
  double text_width(const std::string& text, FontFace face, double size);
  // Draws `text` with its baseline at y, or centred on (x, y) vertically when middle is true.
  void text(const std::string& text, double x, double y, Align align, bool middle = false);
  // The outline of `text` as text(..., Align::Center, true) would place it, stroked `width`
  // wide in `color`: a halo that keeps lines drawn earlier clear of the glyphs.
  void text_halo(const std::string& text, double x, double y, const Rgb& color, double width);
  void fill_rect(double x, double y, double w, double h, const Rgb& color);
  void stroke_rect(double x, double y, double w, double h, const Rgb& color, double line_width);

  // The finished raster frame (Raster only).
  RgbImage to_rgb();
  // The finished SVG document (Svg only); the canvas is unusable afterwards.
  std::string finish_svg();

 private:
  double width_, height_;
  SurfaceKind kind_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  std::string svg_;
  FontFace face_ = FontFace::Sans;
  double size_ = 12;
};

}  // namespace tconv
