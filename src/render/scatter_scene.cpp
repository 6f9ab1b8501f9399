#include "render/scatter_scene.hpp"

#include <algorithm>

namespace tconv {

namespace {

int64_t channel_index_of(const SliceTrace& trace, int64_t in_channel) {
  const auto found = std::find(trace.channels.begin(), trace.channels.end(), in_channel);
  return static_cast<int64_t>(found - trace.channels.begin());
}

}  // namespace

ScatterScene make_scatter_scene(const SliceTrace& trace) {
  ScatterScene scene;
  scene.grid = make_output_grid(trace);
  scene.in_rows = trace.rows.in;
  scene.in_cols = trace.cols.in;
  const OutputGrid& grid = scene.grid;
  std::vector<double> totals(static_cast<size_t>(grid.cell_count()), 0.0);
  std::vector<char> touched(static_cast<size_t>(grid.cell_count()), 0);
  for (size_t s = 0; s < trace.steps.size(); ++s) {
    const TraceStep& step = trace.steps[s];
    ScatterFrame frame;
    frame.step = static_cast<int64_t>(s);
    frame.channel_index = channel_index_of(trace, step.in_channel);
    frame.in_row = step.row;
    frame.in_col = step.col;
    frame.value = step.value;
    frame.extent.row = grid.rows.drawn(step.row * trace.rows.params.stride);
    frame.extent.col = grid.cols.drawn(step.col * trace.cols.params.stride);
    frame.extent.rows = trace.rows.params.dilated_kernel();
    frame.extent.cols = trace.cols.params.dilated_kernel();
    for (const TraceUpdate& update : step.updates) {
      FootprintCell cell;
      cell.row = grid.rows.drawn(update.row);
      cell.col = grid.cols.drawn(update.col);
      cell.weight = update.weight;
      cell.product = update.product;
      cell.cropped = update.cropped;
      frame.taps.push_back(cell);
      const auto i = static_cast<size_t>(grid.index(cell.row, cell.col));
      // Kept cells take the engine's running total; cropped ones have none, so their sum of
      // products is shown (the value padding throws away).
      totals[i] = update.cropped ? totals[i] + update.product : update.total;
      touched[i] = 1;
      scene.taps_cropped = scene.taps_cropped || update.cropped;
    }
    frame.totals = totals;
    frame.touched = touched;
    scene.frames.push_back(std::move(frame));
  }
  scene.final_zero.assign(touched.size(), 0);
  for (int64_t r = 0; r < grid.rows.count; ++r)
    for (int64_t c = 0; c < grid.cols.count; ++c) {
      const auto i = static_cast<size_t>(grid.index(r, c));
      scene.final_zero[i] = grid.role(r, c) != CellRole::Cropped && !touched[i] ? 1 : 0;
    }
  return scene;
}

}  // namespace tconv
