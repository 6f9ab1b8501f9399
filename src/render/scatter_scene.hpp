// The scatter animation (the article's Figures 1, 3, 5, 7, 10) as data: one frame per step of
// the trace, saying which input cell is highlighted, which output cells its kernel footprint
// covers, and the running totals. Drawing reads only this.
#pragma once

#include <cstdint>
#include <vector>

#include "render/output_grid.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

// One kernel tap of the current step, on the drawn output grid.
struct FootprintCell {
  int64_t row = 0, col = 0;
  double weight = 0;
  double product = 0;
  bool cropped = false;
};

// The rectangle of drawn cells [row, row+rows) x [col, col+cols).
struct CellRect {
  int64_t row = 0, col = 0, rows = 0, cols = 0;
  friend bool operator==(const CellRect&, const CellRect&) = default;
};

struct ScatterFrame {
  int64_t step = 0;           // index into SliceTrace::steps
  int64_t channel_index = 0;  // index into SliceTrace::channels / input
  int64_t in_row = 0, in_col = 0;
  double value = 0;
  std::vector<FootprintCell> taps;
  CellRect extent;             // the dilated kernel: taps and the holes between them
  std::vector<double> totals;  // per drawn cell, after this step (cropped cells: sum of products)
  std::vector<char> touched;   // per drawn cell, written by this or an earlier step
};

struct ScatterScene {
  OutputGrid grid;
  int64_t in_rows = 1, in_cols = 1;
  std::vector<ScatterFrame> frames;
  // Per drawn cell: kept but reached by no step (a dilation hole, an empty output_padding
  // cell): its value is 0, which the last frame shows.
  std::vector<char> final_zero;
  bool taps_cropped = false;  // some tap lands in the cropped border
};

ScatterScene make_scatter_scene(const SliceTrace& trace);

}  // namespace tconv
