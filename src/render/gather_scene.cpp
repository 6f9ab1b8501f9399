#include "render/gather_scene.hpp"

#include <algorithm>

namespace tconv {

namespace {

GatherCanvasAxis make_axis(const PlaneAxis& axis) {
  GatherCanvasAxis g;
  g.geometry = gather_axis(axis.params, axis.in);
  g.count = g.geometry.expanded;
  return g;
}

}  // namespace

GatherScene make_gather_scene(const SliceTrace& trace) {
  GatherScene scene;
  scene.rows = make_axis(trace.rows);
  scene.cols = make_axis(trace.cols);
  scene.out_rows = trace.rows.out;
  scene.out_cols = trace.cols.out;
  scene.kernel_rows = trace.rows.params.kernel;
  scene.kernel_cols = trace.cols.params.kernel;
  scene.dilation_rows = trace.rows.params.dilation;
  scene.dilation_cols = trace.cols.params.dilation;
  scene.flipped_kernel.assign(static_cast<size_t>(scene.kernel_rows * scene.kernel_cols), 0.0);
  if (!trace.steps.empty()) {
    for (const TraceUpdate& u : trace.steps.front().updates) {
      const int64_t r = scene.kernel_rows - 1 - u.tap_row;
      const int64_t c = scene.kernel_cols - 1 - u.tap_col;
      scene.flipped_kernel[static_cast<size_t>(r * scene.kernel_cols + c)] = u.weight;
    }
  }
  scene.frames.resize(static_cast<size_t>(scene.out_rows * scene.out_cols));
  for (int64_t r = 0; r < scene.out_rows; ++r)
    for (int64_t c = 0; c < scene.out_cols; ++c) {
      GatherFrame& frame = scene.frames[static_cast<size_t>(r * scene.out_cols + c)];
      frame.out_row = r;
      frame.out_col = c;
      // The window of output o starts at expanded position o.
      frame.window = {r, c, scene.rows.geometry.window, scene.cols.geometry.window};
      frame.value = trace.output[static_cast<size_t>(r * scene.out_cols + c)];
    }
  for (const TraceStep& step : trace.steps) {
    const auto channel = std::find(trace.channels.begin(), trace.channels.end(), step.in_channel);
    for (const TraceUpdate& u : step.updates) {
      if (u.cropped) continue;
      const int64_t r = u.row - trace.rows.params.pad_begin;
      const int64_t c = u.col - trace.cols.params.pad_begin;
      GatherFrameTerm term;
      term.canvas_row = scene.rows.geometry.expanded_position(step.row);
      term.canvas_col = scene.cols.geometry.expanded_position(step.col);
      term.channel_index = static_cast<int64_t>(channel - trace.channels.begin());
      term.value = step.value;
      term.weight = u.weight;
      term.product = u.product;
      scene.frames[static_cast<size_t>(r * scene.out_cols + c)].terms.push_back(term);
    }
  }
  return scene;
}

}  // namespace tconv
