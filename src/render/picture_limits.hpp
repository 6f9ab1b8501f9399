// The one size limit of every picture style: a layer one style can draw, every style can
// (scatter, steps, gather and overlap differ in what they show, not in what they accept).
// Numbers need no limit of their own: a style that cannot fit them readably leaves them out
// and says so (render/draw.hpp). The limits are checked on the slice's shape
// (render/slice_trace.hpp: SliceShape), before the slice is traced.
#pragma once

#include <cstdint>

#include "render/slice_trace.hpp"

namespace tconv {

// Above this many cells a side, even a picture without numbers is a blur of cells.
constexpr int64_t kMaxCellsASide = 64;

// The calculation strip (animate --style steps, the page's steps view) draws one panel per
// step, at most this many.
constexpr int64_t kMaxStepPanels = 64;

// The largest grid side any style draws for the slice: the input, the uncropped output grid
// of the scatter and the strip (render/output_grid.hpp), and the gather view's spread, padded
// input (out + dilation*(kernel-1) per axis).
int64_t largest_grid_side(const PlaneAxis& rows, const PlaneAxis& cols);
int64_t largest_grid_side(const SliceTrace& trace);

// Throws InvalidParameter "a grid of N cells a side is too large to draw (at most 64)..."
// when largest_grid_side is above kMaxCellsASide.
void check_grid_limits(const SliceShape& shape);
void check_grid_limits(const SliceTrace& trace);

// Throws InvalidParameter "--style steps draws one panel per input element; N are too many
// (at most 64)..." when the slice has more steps than kMaxStepPanels.
void check_step_panels(const SliceShape& shape);

}  // namespace tconv
