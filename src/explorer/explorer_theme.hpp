// render/theme.hpp's colours as the page's CSS variables, so that the explorer and the PNG
// frames are drawn from one palette.
#pragma once

#include <string>

namespace tconv {

// ":root { --output: #4671fb; --output-text: #ffffff; ... }": each colour, and for the fills
// the text colour theme::text_on gives them (--NAME-text).
std::string explorer_theme_css();

// The overlap heat map's colours, theme::heat(count, max), as JSON: element max-1 (max 1..limit)
// lists [fill, text] for count 0..max.
std::string explorer_heat_json(int limit);

}  // namespace tconv
