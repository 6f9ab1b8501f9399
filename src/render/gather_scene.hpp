// The gather view (conv_arithmetic's picture of a transposed convolution) as data: the same
// result read as a direct convolution of a stride-spread, zero-padded input with the kernel
// flipped 180 degrees. One frame per kept output cell, row-major.
//
// The drawn canvas of each axis is core's expanded input (core/gather_view.hpp): drawn cell d
// is expanded position d, input element i sits at i*stride + pad_low with pad_low =
// dilation*(kernel-1) - pad_begin (PyTorch: d(k-1) - p), and the window of output o covers
// cells o .. o + K'-1, where flipped tap a (0..kernel-1) at o + a*dilation multiplies
// weight[kernel-1-a]. The terms of each frame are the engine's products into that output
// cell, nothing recomputed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/gather_view.hpp"
#include "render/scatter_scene.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

using CanvasCell = ExpandedCell;

// One axis of the drawn canvas.
struct GatherCanvasAxis {
  GatherAxis geometry;  // core's gather axis of the layer's axis
  int64_t count = 0;    // cells drawn: the expanded input, out + K'-1

  // The input index at drawn cell `drawn`, or -1 for a zero (inserted or padding).
  int64_t input_index(int64_t drawn) const { return geometry.input_at(drawn); }
  CanvasCell kind(int64_t drawn) const { return geometry.cell_kind(drawn); }
};

struct GatherFrameTerm {
  int64_t canvas_row = 0, canvas_col = 0;  // drawn canvas cell of the input element
  int64_t channel_index = 0;
  double value = 0, weight = 0, product = 0;
};

struct GatherFrame {
  int64_t out_row = 0, out_col = 0;    // in the kept output
  CellRect window;                     // on the drawn canvas
  std::vector<GatherFrameTerm> terms;  // in the engine's accumulation order
  double value = 0;                    // the engine's output (bias included)
};

struct GatherScene {
  GatherCanvasAxis rows, cols;
  int64_t out_rows = 1, out_cols = 1;
  int64_t kernel_rows = 1, kernel_cols = 1, dilation_rows = 1, dilation_cols = 1;
  std::vector<double> flipped_kernel;  // kernel_rows x kernel_cols, weight[k-1-a][k-1-b]
  std::vector<GatherFrame> frames;
};

GatherScene make_gather_scene(const SliceTrace& trace);

}  // namespace tconv
