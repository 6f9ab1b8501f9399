#include "render/steps_scene.hpp"

namespace tconv {

KernelPanel make_kernel_panel(const SliceTrace& trace, size_t step) {
  KernelPanel kernel;
  kernel.rows = trace.rows.params.dilated_kernel();
  kernel.cols = trace.cols.params.dilated_kernel();
  kernel.weights.assign(static_cast<size_t>(kernel.rows * kernel.cols), 0.0);
  kernel.is_tap.assign(kernel.weights.size(), 0);
  if (step >= trace.steps.size()) return kernel;
  for (const TraceUpdate& update : trace.steps[step].updates) {
    const int64_t r = update.tap_row * trace.rows.params.dilation;
    const int64_t c = update.tap_col * trace.cols.params.dilation;
    const auto i = static_cast<size_t>(r * kernel.cols + c);
    kernel.weights[i] = update.weight;
    kernel.is_tap[i] = 1;
  }
  return kernel;
}

StepsScene make_steps_scene(const SliceTrace& trace) {
  StepsScene scene;
  scene.grid = make_output_grid(trace);
  scene.kernel = make_kernel_panel(trace);
  const OutputGrid& grid = scene.grid;
  std::vector<StepCell> cells(static_cast<size_t>(grid.cell_count()));
  for (size_t s = 0; s < trace.steps.size(); ++s) {
    const TraceStep& step = trace.steps[s];
    StepsPanel panel;
    panel.step = static_cast<int64_t>(s);
    panel.footprint.row = grid.rows.drawn(step.row * trace.rows.params.stride);
    panel.footprint.col = grid.cols.drawn(step.col * trace.cols.params.stride);
    panel.footprint.rows = trace.rows.params.dilated_kernel();
    panel.footprint.cols = trace.cols.params.dilated_kernel();
    // The holes of a dilated kernel multiply by zero: they show "0" like a zero tap.
    for (int64_t r = 0; r < panel.footprint.rows; ++r)
      for (int64_t c = 0; c < panel.footprint.cols; ++c)
        cells[static_cast<size_t>(grid.index(panel.footprint.row + r, panel.footprint.col + c))].zero = true;
    for (const TraceUpdate& update : step.updates) {
      StepCell& cell = cells[static_cast<size_t>(grid.index(grid.rows.drawn(update.row), grid.cols.drawn(update.col)))];
      if (update.product != 0) cell.terms.push_back({step.value, update.weight, update.product});
      if (update.weight != 1) scene.factors = true;
      cell.total = update.cropped ? cell.total + update.product : update.total;
    }
    panel.cells = cells;
    scene.steps.push_back(std::move(panel));
  }
  return scene;
}

}  // namespace tconv
