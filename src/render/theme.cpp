#include "render/theme.hpp"

#include <cmath>

namespace tconv {

uint8_t Rgb::r8() const { return static_cast<uint8_t>(std::lround(r * 255.0)); }
uint8_t Rgb::g8() const { return static_cast<uint8_t>(std::lround(g * 255.0)); }
uint8_t Rgb::b8() const { return static_cast<uint8_t>(std::lround(b * 255.0)); }

Rgb theme::text_on(const Rgb& fill) {
  const bool dark = fill.r * 0.3 + fill.g * 0.59 + fill.b * 0.11 < 0.6;
  return dark ? kWhite : kInk;
}

}  // namespace tconv
