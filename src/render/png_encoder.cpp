#include "render/png_encoder.hpp"

#include "core/error.hpp"

// The one translation unit that holds stb_image_write's implementation (tconv does not link
// Debian's libstb).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

namespace tconv {

namespace {

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

}  // namespace

std::string encode_png(const RgbImage& image) {
  // Flat-colour figures compress well with the "up" filter alone, and trying all five
  // filters per row would cost more than the drawing.
  stbi_write_force_png_filter = 2;
  stbi_write_png_compression_level = 6;
  std::string bytes;
  if (stbi_write_png_to_func(append, &bytes, image.width, image.height, 3, image.pixels.data(), image.width * 3) ==
      0) {
    throw Error("cannot encode a " + std::to_string(image.width) + "x" + std::to_string(image.height) + " PNG frame");
  }
  return bytes;
}

}  // namespace tconv
