#include "render/output_grid.hpp"

#include <algorithm>

namespace tconv {

GridAxis make_grid_axis(const PlaneAxis& axis) {
  const AxisParams& p = axis.params;
  GridAxis g;
  g.reach_end = p.full_extent(axis.in) - p.output_padding;
  g.keep_begin = p.pad_begin;
  g.keep_end = p.pad_begin + axis.out;
  g.added_begin = std::max(g.keep_begin, g.reach_end - p.pad_end);
  g.added_end = std::min(g.keep_end, g.reach_end - p.pad_end + p.output_padding);
  if (g.added_end < g.added_begin) g.added_end = g.added_begin;
  g.first = std::min<int64_t>(0, g.keep_begin);
  g.count = std::max(g.reach_end, g.keep_end) - g.first;
  return g;
}

CellRole OutputGrid::role(int64_t row, int64_t col) const {
  if (!rows.kept(row) || !cols.kept(col)) return CellRole::Cropped;
  if (rows.added(row) || cols.added(col)) return CellRole::OutputPadding;
  if (!rows.reached(row) || !cols.reached(col)) return CellRole::ZeroExtension;
  return CellRole::Output;
}

bool OutputGrid::has_role(CellRole wanted) const {
  for (int64_t r = 0; r < rows.count; ++r)
    for (int64_t c = 0; c < cols.count; ++c)
      if (role(r, c) == wanted) return true;
  return false;
}

OutputGrid make_output_grid(const PlaneAxis& rows, const PlaneAxis& cols) {
  return {make_grid_axis(rows), make_grid_axis(cols)};
}

OutputGrid make_output_grid(const SliceTrace& trace) { return make_output_grid(trace.rows, trace.cols); }

}  // namespace tconv
