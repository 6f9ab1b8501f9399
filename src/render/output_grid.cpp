#include "render/output_grid.hpp"

#include <algorithm>

namespace tconv {

namespace {

GridAxis make_axis(const PlaneAxis& axis) {
  const AxisParams& p = axis.params;
  GridAxis g;
  const int64_t full = p.full_extent(axis.in);
  g.keep_begin = p.pad_begin;
  g.keep_end = p.pad_begin + axis.out;
  g.reach_end = full - p.output_padding;
  g.first = std::min<int64_t>(0, g.keep_begin);
  g.count = std::max(full, g.keep_end) - g.first;
  return g;
}

}  // namespace

CellRole OutputGrid::role(int64_t row, int64_t col) const {
  if (!rows.kept(row) || !cols.kept(col)) return CellRole::Cropped;
  if (!rows.reached(row) || !cols.reached(col)) return CellRole::OutputPadding;
  return CellRole::Output;
}

bool OutputGrid::has_role(CellRole wanted) const {
  for (int64_t r = 0; r < rows.count; ++r)
    for (int64_t c = 0; c < cols.count; ++c)
      if (role(r, c) == wanted) return true;
  return false;
}

OutputGrid make_output_grid(const SliceTrace& trace) { return {make_axis(trace.rows), make_axis(trace.cols)}; }

}  // namespace tconv
