// Animated GIF encoding with giflib (libgif-dev): GIF89a, looping forever, a delay per frame.
//
// Colours: each frame (or the part of it that changed since the previous one) gets its own
// 64-colour table holding its most frequent colours; any other colour maps to the nearest
// entry. Flat fills and the main anti-aliasing shades are therefore exact, and no dithering
// noise appears on fills. Frames after the first store only the rectangle that changed.
#pragma once

#include <memory>
#include <string>

#include "render/canvas.hpp"

namespace tconv {

class GifEncoder {
 public:
  GifEncoder();
  ~GifEncoder();
  GifEncoder(const GifEncoder&) = delete;
  GifEncoder& operator=(const GifEncoder&) = delete;

  // Appends a frame shown for delay_ms (rounded to GIF's hundredths of a second). Every frame
  // must have the first frame's size. Throws Error when giflib fails or the size differs.
  void add(const RgbImage& image, int delay_ms);
  // The finished file's bytes. Throws Error when there is no frame.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tconv
