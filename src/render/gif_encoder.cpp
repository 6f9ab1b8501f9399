#include "render/gif_encoder.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace tconv {

namespace {

// Colours per frame: the flat fills plus the commonest anti-aliasing shades. More colours add
// little to the look of the figures and cost file size (LZW codes grow with the noise).
constexpr int kPaletteSize = 64;

uint32_t pixel_at(const RgbImage& image, int x, int y) {
  const uint8_t* p =
      image.pixels.data() + (static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 3;
  return (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | uint32_t{p[2]};
}

int write_bytes(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
  return length;
}

std::string gif_message(int code) {
  const char* text = GifErrorString(code);
  return text != nullptr ? text : "unknown giflib error " + std::to_string(code);
}

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

// The smallest rectangle holding every pixel that differs (at least 1x1: GIF needs an image).
Rect changed_rect(const RgbImage& previous, const RgbImage& next) {
  int x0 = next.width, y0 = next.height, x1 = -1, y1 = -1;
  for (int y = 0; y < next.height; ++y)
    for (int x = 0; x < next.width; ++x)
      if (pixel_at(previous, x, y) != pixel_at(next, x, y)) {
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
      }
  if (x1 < 0) return {0, 0, 1, 1};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

// The kPaletteSize most frequent colours of the rectangle (ties: lower colour value first).
std::vector<uint32_t> frequent_colors(const RgbImage& image, const Rect& rect) {
  std::unordered_map<uint32_t, int64_t> counts;
  for (int y = rect.y; y < rect.y + rect.h; ++y)
    for (int x = rect.x; x < rect.x + rect.w; ++x) ++counts[pixel_at(image, x, y)];
  std::vector<std::pair<uint32_t, int64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<uint32_t> palette;
  for (size_t i = 0; i < sorted.size() && i < static_cast<size_t>(kPaletteSize); ++i)
    palette.push_back(sorted[i].first);
  std::sort(palette.begin(), palette.end());  // a stable order, independent of hash iteration
  return palette;
}

int nearest(const std::vector<uint32_t>& palette, uint32_t color) {
  const auto channel = [](uint32_t c, int shift) { return static_cast<int>((c >> shift) & 0xFF); };
  int best = 0;
  int best_distance = 1 << 30;
  for (size_t i = 0; i < palette.size(); ++i) {
    const int dr = channel(palette[i], 16) - channel(color, 16);
    const int dg = channel(palette[i], 8) - channel(color, 8);
    const int db = channel(palette[i], 0) - channel(color, 0);
    const int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
    if (distance < best_distance) {
      best_distance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace

struct GifEncoder::State {
  std::string bytes;
  GifFileType* gif = nullptr;
  RgbImage previous;
  int frames = 0;

  void check(int status, const char* what) const {
    if (status == GIF_ERROR) throw Error(std::string("GIF encoder: ") + what + " failed: " + gif_message(gif->Error));
  }
};

GifEncoder::GifEncoder() : state_(std::make_unique<State>()) {}

GifEncoder::~GifEncoder() {
  if (state_->gif != nullptr) {
    int error = 0;
    EGifCloseFile(state_->gif, &error);
  }
}

void GifEncoder::add(const RgbImage& image, int delay_ms) {
  State& s = *state_;
  if (s.gif == nullptr) {
    int error = 0;
    s.gif = EGifOpen(&s.bytes, write_bytes, &error);
    if (s.gif == nullptr) throw Error("GIF encoder: cannot start: " + gif_message(error));
    EGifSetGifVersion(s.gif, true);
    s.check(EGifPutScreenDesc(s.gif, image.width, image.height, 8, 0, nullptr), "screen descriptor");
    // Netscape application extension: loop forever.
    s.check(EGifPutExtensionLeader(s.gif, APPLICATION_EXT_FUNC_CODE), "loop extension");
    s.check(EGifPutExtensionBlock(s.gif, 11, "NETSCAPE2.0"), "loop extension");
    const unsigned char loop[3] = {1, 0, 0};
    s.check(EGifPutExtensionBlock(s.gif, 3, loop), "loop extension");
    s.check(EGifPutExtensionTrailer(s.gif), "loop extension");
  } else if (image.width != s.previous.width || image.height != s.previous.height) {
    throw Error("GIF frames must share one size: " + std::to_string(s.previous.width) + "x" +
                std::to_string(s.previous.height) + " then " + std::to_string(image.width) + "x" +
                std::to_string(image.height));
  }

  const Rect rect = s.frames == 0 ? Rect{0, 0, image.width, image.height} : changed_rect(s.previous, image);
  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  control.UserInputFlag = false;
  control.DelayTime = (delay_ms + 5) / 10;
  control.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType extension[4];
  EGifGCBToExtension(&control, extension);
  s.check(EGifPutExtension(s.gif, GRAPHICS_EXT_FUNC_CODE, 4, extension), "frame delay");

  const std::vector<uint32_t> palette = frequent_colors(image, rect);
  int bits = 1;
  while ((1 << bits) < static_cast<int>(palette.size())) ++bits;
  ColorMapObject* map = GifMakeMapObject(1 << bits, nullptr);
  if (map == nullptr) throw Error("GIF encoder: out of memory");
  for (int i = 0; i < map->ColorCount; ++i) {
    const uint32_t c = static_cast<size_t>(i) < palette.size() ? palette[static_cast<size_t>(i)] : 0;
    map->Colors[i] = {static_cast<GifByteType>(c >> 16), static_cast<GifByteType>(c >> 8), static_cast<GifByteType>(c)};
  }
  const int status = EGifPutImageDesc(s.gif, rect.x, rect.y, rect.w, rect.h, false, map);
  GifFreeMapObject(map);
  s.check(status, "frame descriptor");

  std::unordered_map<uint32_t, GifByteType> index;
  for (size_t i = 0; i < palette.size(); ++i) index[palette[i]] = static_cast<GifByteType>(i);
  std::vector<GifByteType> line(static_cast<size_t>(rect.w));
  for (int y = rect.y; y < rect.y + rect.h; ++y) {
    for (int x = 0; x < rect.w; ++x) {
      const uint32_t color = pixel_at(image, rect.x + x, y);
      auto found = index.find(color);
      if (found == index.end()) found = index.emplace(color, static_cast<GifByteType>(nearest(palette, color))).first;
      line[static_cast<size_t>(x)] = found->second;
    }
    s.check(EGifPutLine(s.gif, line.data(), rect.w), "frame data");
  }
  s.previous = image;
  ++s.frames;
}

std::string GifEncoder::finish() {
  State& s = *state_;
  if (s.gif == nullptr) throw Error("GIF encoder: no frame to write");
  int error = 0;
  const int status = EGifCloseFile(s.gif, &error);
  s.gif = nullptr;
  if (status == GIF_ERROR) throw Error("GIF encoder: finishing the file failed: " + gif_message(error));
  return std::move(s.bytes);
}

}  // namespace tconv
