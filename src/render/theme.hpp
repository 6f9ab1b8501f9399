// Colours and type of the pictures: the article's palette (measured in the reference figures)
// so that tconv's frames and the article's read the same, plus the few colours tconv adds.
#pragma once

#include <cstdint>

namespace tconv {

struct Rgb {
  double r = 0, g = 0, b = 0;
  // Exact 8-bit channel values, for pixel probes in tests.
  uint8_t r8() const;
  uint8_t g8() const;
  uint8_t b8() const;
};

// 0xRRGGBB.
constexpr Rgb rgb(uint32_t hex) {
  return {static_cast<double>((hex >> 16) & 0xFF) / 255.0, static_cast<double>((hex >> 8) & 0xFF) / 255.0,
          static_cast<double>(hex & 0xFF) / 255.0};
}

namespace theme {
inline constexpr Rgb kBackground = rgb(0xFFFFFF);
inline constexpr Rgb kOutput = rgb(0x4671FB);         // output cell
inline constexpr Rgb kFootprint = rgb(0xA6B4E4);      // kernel footprint over the output
inline constexpr Rgb kFootprintExtent = rgb(0x8E9DDA);  // outline of a dilated kernel's extent
inline constexpr Rgb kFootprintCropped = rgb(0xE6E6E6);  // footprint over the cropped border
inline constexpr Rgb kInput = rgb(0x61C4AB);
inline constexpr Rgb kInputCurrent = rgb(0x3F806F);
inline constexpr Rgb kOutputPadding = rgb(0xDDE4ED);
inline constexpr Rgb kCropped = rgb(0xFFFFFF);        // padding cell: white, outlined in kOutput
inline constexpr Rgb kConnector = rgb(0x676767);      // dashed lines
inline constexpr Rgb kTitle = rgb(0x4F5261);
inline constexpr Rgb kText = rgb(0x676767);
inline constexpr Rgb kEmphasis = rgb(0x4671FB);       // non-default parameters
inline constexpr Rgb kLegend = rgb(0x6C6F7C);
inline constexpr Rgb kInk = rgb(0x1D1F26);            // labels and digits on light cells
inline constexpr Rgb kWhite = rgb(0xFFFFFF);
// Strip (calculation steps) palette.
inline constexpr Rgb kStripInput = rgb(0x7AC2AC);
inline constexpr Rgb kStripKernel = rgb(0xA9B4E1);
inline constexpr Rgb kStripCell = rgb(0x4F70F1);
inline constexpr Rgb kStripCropped = rgb(0xB4C2F7);   // steps: cells padding will remove
inline constexpr Rgb kStripGridLine = rgb(0x293879);
inline constexpr Rgb kStripOutputPadding = rgb(0xDDE4EC);
inline constexpr Rgb kPlaceholder = rgb(0xF2F4F8);    // a panel not revealed yet
inline constexpr Rgb kPlaceholderOutline = rgb(0xD5DAE3);
inline constexpr Rgb kInputGridLine = rgb(0x3C6F62);   // between input cells
inline constexpr Rgb kKernelGridLine = rgb(0x5A5F73);  // between kernel cells
inline constexpr Rgb kFocus = rgb(0x000000);           // the current footprint, window or cell
// Gather view.
inline constexpr Rgb kZeroOutline = rgb(0x8A8F9E);   // dashed: an inserted or padded zero
inline constexpr Rgb kZeroDigit = rgb(0xA0A5B2);     // the "0" in such a cell
inline constexpr Rgb kWindowWeight = rgb(0x2B3A8C);  // "x2": a weight of the sliding window

// The text colour on fill: kWhite on dark fills (0.3 R + 0.59 G + 0.11 B below 0.6), kInk on
// light ones.
Rgb text_on(const Rgb& fill);
}  // namespace theme

}  // namespace tconv
