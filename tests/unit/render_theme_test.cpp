// The theme (render/theme.hpp): text on a fill is white where the fill is dark.
#include <doctest/doctest.h>

#include "render/theme.hpp"

namespace tconv {
namespace {

bool same(const Rgb& a, const Rgb& b) { return a.r8() == b.r8() && a.g8() == b.g8() && a.b8() == b.b8(); }

TEST_CASE("text_on: white on dark fills, ink on light ones, by 0.3 R + 0.59 G + 0.11 B < 0.6") {
  // kStripCell 0x4F70F1: (0.3*79 + 0.59*112 + 0.11*241) / 255 = 116.29 / 255 = 0.456: dark.
  CHECK(same(theme::text_on(theme::kStripCell), theme::kWhite));
  // kStripInput 0x7AC2AC: (0.3*122 + 0.59*194 + 0.11*172) / 255 = 169.98 / 255 = 0.667: light.
  CHECK(same(theme::text_on(theme::kStripInput), theme::kInk));
  CHECK(same(theme::text_on(theme::kInputCurrent), theme::kWhite));  // 0x3F806F: 0.404
  CHECK(same(theme::text_on(theme::kWhite), theme::kInk));
  // Greys either side of the threshold: 154/255 = 0.604 and 151/255 = 0.592.
  CHECK(same(theme::text_on(rgb(0x9A9A9A)), theme::kInk));
  CHECK(same(theme::text_on(rgb(0x979797)), theme::kWhite));
}

}  // namespace
}  // namespace tconv
