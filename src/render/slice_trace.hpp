// The engine's step stream, recorded for the one 2-D slice a picture shows: one batch item and
// one output channel, fed by the input channels of that channel's group. Every number a frame
// draws comes from here (or from the engine's output), never from a second computation.
#pragma once

#include <cstdint>
#include <vector>

#include "core/conv_params.hpp"
#include "core/engine.hpp"
#include "core/step_record.hpp"
#include "core/tensor.hpp"

namespace tconv {

// Which slice of a batched, multi-channel convolution is drawn.
struct SliceChoice {
  int64_t batch = 0;
  int64_t out_channel = 0;
};

// One multiply-accumulate into the drawn output channel, in plane coordinates (row, col); a
// 1-D layer is drawn as one row.
struct TraceUpdate {
  int64_t tap_row = 0, tap_col = 0;
  double weight = 0;
  int64_t row = 0, col = 0;  // uncropped output position: position*stride + tap*dilation
  bool cropped = false;      // falls in the border that padding removes
  double product = 0;
  double total = 0;  // the output cell after this update (0 when cropped)
};

// One input element and what it wrote into the drawn output channel.
struct TraceStep {
  int64_t number = 0;  // 1-based among the recorded steps
  int64_t in_channel = 0;
  int64_t row = 0, col = 0;  // position in the input plane
  double value = 0;
  std::vector<TraceUpdate> updates;
};

// One plane axis: the input size, the layer's parameters and the output size.
struct PlaneAxis {
  int64_t in = 1;
  int64_t out = 1;
  AxisParams params;
};

struct SliceTrace {
  PlaneAxis rows, cols;  // a 1-D layer has rows = {1, 1, defaults}
  int spatial_dims = 2;
  int64_t in_channels = 1;  // of the whole layer
  int64_t out_channels = 1;
  int64_t batch_size = 1;
  int64_t groups = 1;
  SliceChoice slice;
  std::vector<int64_t> channels;           // the input channels feeding the drawn output channel
  std::vector<std::vector<double>> input;  // per entry of `channels`: that input plane, row-major
  std::vector<TraceStep> steps;
  bool has_bias = false;
  double bias = 0;
  std::vector<double> output;  // the engine's result for the slice (bias included), row-major
};

// The sizes of a slice, from the tensors' shapes alone: every limit of a picture or page is
// checked on these before anything is traced (the trace of a large layer takes gigabytes).
struct SliceShape {
  PlaneAxis rows, cols;  // as in SliceTrace
  int spatial_dims = 2;
  int64_t in_channels = 1;  // of the whole layer
  int64_t out_channels = 1;
  int64_t batch_size = 1;
  int64_t groups = 1;
  int64_t kernel_taps = 1;  // kernel elements of one channel pair

  // The input channels feeding one output channel: those of its group.
  int64_t channels() const { return in_channels / groups; }
  // The slice's steps: one per input element of those channels (each writes kernel_taps updates
  // into the drawn output channel).
  int64_t steps() const { return channels() * rows.in * cols.in; }
};

// The shape of the slice `slice` of the layer with these tensor shapes (bias_size < 0: no
// bias). Throws as trace_slice does, before it traces anything.
SliceShape slice_shape(const Shape& input, const Shape& weight, int64_t bias_size, const ConvParams& params,
                       const SliceChoice& slice);

// The bytes trace_slice takes for a slice of this shape: the recorded steps and updates, the
// slice's input planes and output, and the one-channel layer it runs. Throws InvalidParameter
// when the count overflows 64 bits.
int64_t slice_trace_bytes(const SliceShape& shape);

// Runs the reference engine (double precision) with an observer on the slice alone (its batch
// item, its group's input channels, its output channel: the same updates in the same order as
// in the whole layer) and keeps its steps. Throws InvalidParameter for 3-D layers (name a depth
// slice is not supported), for a batch or output channel out of range (naming the flag and
// the valid range), whatever the engine throws for shapes and parameters, and
// (check_memory_limit) when slice_trace_bytes is above max_memory: all before tracing.
SliceTrace trace_slice(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                       const ConvParams& params, const SliceChoice& slice,
                       int64_t max_memory = kDefaultMemoryLimitBytes);

}  // namespace tconv
