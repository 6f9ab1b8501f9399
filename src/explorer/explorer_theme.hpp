// render/theme.hpp's colours as the page's CSS variables, so that the explorer and the PNG
// frames are drawn from one palette.
#pragma once

#include <string>

namespace tconv {

// ":root { --output: #4671fb; --output-text: #ffffff; ... }": each colour, and for the fills
// the text colour theme::text_on gives them (--NAME-text).
std::string explorer_theme_css();

// The overlap heat map's colours, theme::heat(count, max), as JSON: element max-1 (max 1..limit)
// is a string of 7 characters per count 0..max: the fill "rrggbb", then 1 for white text on it
// (theme::text_on) or 0 for ink. Compact: the table is most of the page's data.
std::string explorer_heat_json(int limit);

}  // namespace tconv
