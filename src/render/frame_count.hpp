// How many frames an animation of a layer will have, known before anything is drawn, so that a
// run above the frame cap is refused at once instead of after drawing 999 frames.
#pragma once

#include <cstdint>

#include "render/slice_trace.hpp"

namespace tconv {

// The three ways `tconv animate` draws a layer (render/draw.hpp).
enum class AnimationStyle { Scatter, Steps, Gather };

// The frames draw_scatter, draw_steps and draw_gather make for trace: one per step (scatter),
// one per step and then the whole strip (steps), one per output cell of the slice (gather).
int64_t animation_frame_count(const SliceTrace& trace, AnimationStyle style);

}  // namespace tconv
