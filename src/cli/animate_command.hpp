// `tconv animate`: the article's Figures 1-11, and scatter / steps / gather animations of any
// 1-D or 2-D layer, as PNG or SVG frames with a frames.json manifest, and/or an animated GIF.
#pragma once

#include "cli/command.hpp"

namespace tconv {

Command add_animate_command(CLI::App& parent);

}  // namespace tconv
