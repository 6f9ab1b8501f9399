#include "render/png_encoder.hpp"

#include <zlib.h>

#include <cstdlib>

#include "core/error.hpp"

namespace {

// stb_image_write's own deflate took 3/4 of the time of `--figure all`; zlib's (through stb's
// STBIW_ZLIB_COMPRESS hook) is about three times faster and compresses the flat fills better.
unsigned char* zlib_compress(unsigned char* data, int length, int* out_length, int /*quality*/) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
  const uLong bound = deflateBound(&stream, static_cast<uLong>(length));
  auto* out = static_cast<unsigned char*>(std::malloc(bound));
  if (out == nullptr) {
    deflateEnd(&stream);
    return nullptr;
  }
  stream.next_in = data;
  stream.avail_in = static_cast<uInt>(length);
  stream.next_out = out;
  stream.avail_out = static_cast<uInt>(bound);
  const int status = deflate(&stream, Z_FINISH);
  *out_length = static_cast<int>(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) {
    std::free(out);
    return nullptr;
  }
  return out;
}

}  // namespace

// The one translation unit that holds stb_image_write's implementation (tconv does not link
// Debian's libstb).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#define STBIW_ZLIB_COMPRESS zlib_compress
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
  std::string bytes;
  if (stbi_write_png_to_func(append, &bytes, image.width, image.height, 3, image.pixels.data(), image.width * 3) == 0) {
    throw Error("cannot encode a " + std::to_string(image.width) + "x" + std::to_string(image.height) + " PNG frame");
  }
  return bytes;
}

}  // namespace tconv
