#include "render/picture_limits.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "render/output_grid.hpp"

namespace tconv {

namespace {

void check_side(int64_t largest) {
  if (largest > kMaxCellsASide) {
    throw InvalidParameter("a grid of " + std::to_string(largest) + " cells a side is too large to draw (at most " +
                           std::to_string(kMaxCellsASide) + " in every style); use a smaller input");
  }
}

}  // namespace

int64_t largest_grid_side(const PlaneAxis& rows, const PlaneAxis& cols) {
  const OutputGrid grid = make_output_grid(rows, cols);
  return std::max({rows.in, cols.in, grid.rows.count, grid.cols.count, rows.out + rows.params.dilated_kernel() - 1,
                   cols.out + cols.params.dilated_kernel() - 1});
}

int64_t largest_grid_side(const SliceTrace& trace) { return largest_grid_side(trace.rows, trace.cols); }

void check_grid_limits(const SliceShape& shape) { check_side(largest_grid_side(shape.rows, shape.cols)); }

void check_grid_limits(const SliceTrace& trace) { check_side(largest_grid_side(trace)); }

void check_step_panels(const SliceShape& shape) {
  if (shape.steps() > kMaxStepPanels) {
    throw InvalidParameter("--style steps draws one panel per input element; " + std::to_string(shape.steps()) +
                           " are too many (at most " + std::to_string(kMaxStepPanels) +
                           "): use --style scatter or a smaller input");
  }
}

}  // namespace tconv
