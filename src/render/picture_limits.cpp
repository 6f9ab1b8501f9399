#include "render/picture_limits.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "render/output_grid.hpp"

namespace tconv {

int64_t largest_grid_side(const SliceTrace& trace) {
  const OutputGrid grid = make_output_grid(trace);
  return std::max({trace.rows.in, trace.cols.in, grid.rows.count, grid.cols.count,
                   trace.rows.out + trace.rows.params.dilated_kernel() - 1,
                   trace.cols.out + trace.cols.params.dilated_kernel() - 1});
}

void check_grid_limits(const SliceTrace& trace) {
  const int64_t largest = largest_grid_side(trace);
  if (largest > kMaxCellsASide) {
    throw InvalidParameter("a grid of " + std::to_string(largest) + " cells a side is too large to draw (at most " +
                           std::to_string(kMaxCellsASide) + " in every style); use a smaller input");
  }
}

}  // namespace tconv
