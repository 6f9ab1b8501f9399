// How many frames an animation of a layer will have, known before anything is drawn, so that a
// run above the frame cap is refused at once instead of after drawing 999 frames.
#pragma once

#include <cstdint>

#include "render/slice_trace.hpp"

namespace tconv {

// The four ways `tconv animate` draws a layer (render/draw.hpp).
enum class AnimationStyle { Scatter, Steps, Gather, Overlap };

// The overlap map shows its counts growing, one kernel copy a frame, only up to this many
// input elements; past it, the finished map alone.
constexpr int64_t kMaxOverlapGrowthFrames = 64;

// The frames draw_scatter, draw_steps, draw_gather and draw_overlap make for trace: one per
// step (scatter), one per step and then the whole strip (steps), one per output cell of the
// slice (gather), one per step of the first input channel and then the finished map, or the
// map alone past kMaxOverlapGrowthFrames (overlap).
// Known from the slice's shape before it is traced; the trace gives the same count.
int64_t animation_frame_count(const SliceShape& shape, AnimationStyle style);
int64_t animation_frame_count(const SliceTrace& trace, AnimationStyle style);

// The frames of the article's Figure `number` (1..11), as draw_article_figure draws it: its
// case's slice in the figure's style; Figure 9, the dilated kernels, is one picture.
int64_t figure_frame_count(int number);

}  // namespace tconv
