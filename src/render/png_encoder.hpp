// PNG encoding of a finished raster frame, with stb_image_write (libstb-dev).
#pragma once

#include <string>

#include "render/canvas.hpp"

namespace tconv {

// The PNG file's bytes (8-bit RGB, no metadata: the same image gives the same bytes).
// Throws Error if the encoder fails.
std::string encode_png(const RgbImage& image);

}  // namespace tconv
