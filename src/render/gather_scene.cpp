#include "render/gather_scene.hpp"

#include <algorithm>

namespace tconv {

int64_t GatherCanvasAxis::input_index(int64_t drawn) const {
  const int64_t shifted = first + drawn - margin;
  if (shifted < 0 || shifted % stride != 0) return -1;
  const int64_t i = shifted / stride;
  return i < in ? i : -1;
}

CanvasCell GatherCanvasAxis::kind(int64_t drawn) const {
  if (input_index(drawn) >= 0) return CanvasCell::Input;
  const int64_t shifted = first + drawn - margin;
  return shifted > 0 && shifted < (in - 1) * stride ? CanvasCell::InsertedZero : CanvasCell::Padding;
}

namespace {

GatherCanvasAxis make_axis(const PlaneAxis& axis) {
  GatherCanvasAxis g;
  g.margin = axis.params.dilated_kernel() - 1;
  g.first = axis.params.pad_begin;
  g.count = axis.out + g.margin;
  g.stride = axis.params.stride;
  g.in = axis.in;
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
      // Window of uncropped u = o + pad_begin starts at canvas z = u, i.e. drawn cell o.
      frame.window = {r, c, trace.rows.params.dilated_kernel(), trace.cols.params.dilated_kernel()};
      frame.value = trace.output[static_cast<size_t>(r * scene.out_cols + c)];
    }
  for (const TraceStep& step : trace.steps) {
    const auto channel = std::find(trace.channels.begin(), trace.channels.end(), step.in_channel);
    for (const TraceUpdate& u : step.updates) {
      if (u.cropped) continue;
      const int64_t r = u.row - trace.rows.params.pad_begin;
      const int64_t c = u.col - trace.cols.params.pad_begin;
      GatherFrameTerm term;
      term.canvas_row = step.row * scene.rows.stride + scene.rows.margin - scene.rows.first;
      term.canvas_col = step.col * scene.cols.stride + scene.cols.margin - scene.cols.first;
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
