#include "explorer/explorer_theme.hpp"

#include <cstdio>
#include <utility>
#include <vector>

#include "render/theme.hpp"

namespace tconv {

namespace {

std::string hex(const Rgb& colour) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", colour.r8(), colour.g8(), colour.b8());
  return text;
}

}  // namespace

std::string explorer_theme_css() {
  namespace t = theme;
  // Fills get a text colour too; outlines and text colours do not.
  const std::vector<std::pair<const char*, Rgb>> fills{
      {"background", t::kBackground},
      {"output", t::kOutput},
      {"footprint", t::kFootprint},
      {"footprint-cropped", t::kFootprintCropped},
      {"input", t::kInput},
      {"input-current", t::kInputCurrent},
      {"output-padding", t::kOutputPadding},
      {"cropped", t::kCropped},
      {"strip-input", t::kStripInput},
      {"strip-kernel", t::kStripKernel},
      {"strip-cell", t::kStripCell},
      {"strip-untouched", t::kStripUntouched},
      {"placeholder", t::kPlaceholder},
  };
  const std::vector<std::pair<const char*, Rgb>> lines{
      {"footprint-extent", t::kFootprintExtent},
      {"output-padding-edge", t::kOutputPaddingEdge},
      {"connector", t::kConnector},
      {"title", t::kTitle},
      {"text", t::kText},
      {"emphasis", t::kEmphasis},
      {"legend", t::kLegend},
      {"ink", t::kInk},
      {"strip-grid-line", t::kStripGridLine},
      {"placeholder-outline", t::kPlaceholderOutline},
      {"focus", t::kFocus},
      {"zero-outline", t::kZeroOutline},
      {"zero-digit", t::kZeroDigit},
      {"window-weight", t::kWindowWeight},
      {"period", t::kPeriod},
      {"white", t::kWhite},
  };
  std::string css = ":root {\n";
  for (const auto& [name, colour] : fills) {
    css += "  --" + std::string(name) + ": " + hex(colour) + ";\n";
    css += "  --" + std::string(name) + "-text: " + hex(t::text_on(colour)) + ";\n";
  }
  for (const auto& [name, colour] : lines) css += "  --" + std::string(name) + ": " + hex(colour) + ";\n";
  css += "  --heat-low: " + hex(t::heat(1, 4)) + ";\n";
  css += "  --heat-high: " + hex(t::heat(4, 4)) + ";\n";
  css += "}\n";
  return css;
}

std::string explorer_heat_json(int limit) {
  std::string json = "[";
  for (int max = 1; max <= limit; ++max) {
    json += max > 1 ? ",\"" : "\"";
    for (int count = 0; count <= max; ++count) {
      const Rgb fill = theme::heat(count, max);
      const bool white_text = theme::text_on(fill).r8() == theme::kWhite.r8();
      json += hex(fill).substr(1) + (white_text ? "1" : "0");
    }
    json += "\"";
  }
  return json + "]";
}

}  // namespace tconv
