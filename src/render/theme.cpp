#include "render/theme.hpp"

#include <algorithm>
#include <cmath>

namespace tconv {

uint8_t Rgb::r8() const { return static_cast<uint8_t>(std::lround(r * 255.0)); }
uint8_t Rgb::g8() const { return static_cast<uint8_t>(std::lround(g * 255.0)); }
uint8_t Rgb::b8() const { return static_cast<uint8_t>(std::lround(b * 255.0)); }

Rgb theme::text_on(const Rgb& fill) {
  const bool dark = fill.r * 0.3 + fill.g * 0.59 + fill.b * 0.11 < 0.6;
  return dark ? kWhite : kInk;
}

Rgb theme::heat(int64_t count, int64_t max) {
  if (count <= 0 || max <= 0) return kBackground;
  constexpr Rgb kPale = rgb(0xEEF2FF), kDeep = rgb(0x1C3596);
  const double t = static_cast<double>(std::min(count, max)) / static_cast<double>(max);
  // Quantised to 8 bits, so that a probe can compare the drawn pixel exactly.
  const auto mix = [t](double a, double b) { return std::round((a + (b - a) * t) * 255.0) / 255.0; };
  return {mix(kPale.r, kDeep.r), mix(kPale.g, kDeep.g), mix(kPale.b, kDeep.b)};
}

}  // namespace tconv
