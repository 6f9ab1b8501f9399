// Colours and type of the pictures: the article's palette (measured in the reference figures)
// so that tconv's frames and the article's read the same, plus the few colours tconv adds.
//
// One visual language in every style (scatter, steps, gather, overlap), for the roles of
// output cells (render/output_grid.hpp):
//   kept output cell              the style's output blue (kOutput, kStripCell in the strip)
//   cropped by padding            kCropped, a warm colour no other role uses; under the
//                                 scatter's kernel footprint kFootprintCropped
//   added by output_padding       kOutputPadding, with a dashed inset outline in
//                                 kOutputPaddingEdge (the mark that stays visible under the
//                                 footprint and in the overlap heat map)
// and every colour a picture uses gets a legend entry.
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
inline constexpr Rgb kOutput = rgb(0x4671FB);            // output cell
inline constexpr Rgb kFootprint = rgb(0xA6B4E4);         // kernel footprint over the output
inline constexpr Rgb kFootprintExtent = rgb(0x8E9DDA);   // outline of a dilated kernel's extent
inline constexpr Rgb kFootprintCropped = rgb(0xC7A6C4);  // footprint over the cropped border
inline constexpr Rgb kInput = rgb(0x61C4AB);
inline constexpr Rgb kInputCurrent = rgb(0x3F806F);
inline constexpr Rgb kOutputPadding = rgb(0xDDE4ED);      // cell added by output_padding
inline constexpr Rgb kOutputPaddingEdge = rgb(0x5F6F8C);  // its dashed inset outline
inline constexpr Rgb kCropped = rgb(0xF6D9BE);            // cell that padding crops
inline constexpr Rgb kConnector = rgb(0x676767);          // dashed lines
inline constexpr Rgb kTitle = rgb(0x4F5261);
inline constexpr Rgb kText = rgb(0x676767);
inline constexpr Rgb kEmphasis = rgb(0x4671FB);  // non-default parameters
inline constexpr Rgb kLegend = rgb(0x6C6F7C);
inline constexpr Rgb kInk = rgb(0x1D1F26);  // labels and digits on light cells
inline constexpr Rgb kWhite = rgb(0xFFFFFF);
// Strip (calculation steps) palette.
inline constexpr Rgb kStripInput = rgb(0x7AC2AC);
inline constexpr Rgb kStripKernel = rgb(0xA9B4E1);
inline constexpr Rgb kStripCell = rgb(0x4F70F1);
inline constexpr Rgb kStripGridLine = rgb(0x293879);
inline constexpr Rgb kStripUntouched = rgb(0xC3CFFA);  // without numbers: a cell no step reached yet
inline constexpr Rgb kPlaceholder = rgb(0xF2F4F8);     // a panel not revealed yet
inline constexpr Rgb kPlaceholderOutline = rgb(0xD5DAE3);
inline constexpr Rgb kInputGridLine = rgb(0x3C6F62);   // between input cells
inline constexpr Rgb kKernelGridLine = rgb(0x5A5F73);  // between kernel cells
inline constexpr Rgb kFocus = rgb(0x000000);           // the current footprint, window or cell
// Gather view.
inline constexpr Rgb kZeroOutline = rgb(0x8A8F9E);   // dashed: an inserted or padded zero
inline constexpr Rgb kZeroDigit = rgb(0x80869A);     // the "0" in such a cell
inline constexpr Rgb kWindowWeight = rgb(0x2B3A8C);  // "×2": a weight of the sliding window
// Overlap view.
inline constexpr Rgb kPeriod = rgb(0xE8590C);  // the outline of one period of the pattern

// The text colour on fill: kWhite on dark fills (0.3 R + 0.59 G + 0.11 B below 0.6), kInk on
// light ones.
Rgb text_on(const Rgb& fill);

// The overlap heat map: count 0 is white; 1 .. max run from a pale to a deep output blue,
// evenly in lightness (max >= 1; count is clamped to [0, max]).
Rgb heat(int64_t count, int64_t max);
}  // namespace theme

// Type: every number in a cell is drawn at kMinNumberSize or larger (DejaVu Sans digits are
// 0.729 em tall, so 12.5 px makes them 9.1 px: the readability floor), inside an inner margin
// of kCellMarginX / kCellMarginY on each side, so that no digit or sign touches a grid line.
namespace type {
inline constexpr double kDigitHeight = 0.729;  // of the font size, DejaVu Sans
inline constexpr double kMinNumberSize = 12.5;
inline constexpr double kCellMarginX = 4;
inline constexpr double kCellMarginY = 3;
inline constexpr double kLinePitch = 1.15;  // of the font size, between the lines of a cell
}  // namespace type

}  // namespace tconv
