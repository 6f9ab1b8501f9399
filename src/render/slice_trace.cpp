#include "render/slice_trace.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/checked_math.hpp"
#include "core/engine.hpp"
#include "core/error.hpp"

namespace tconv {

namespace {

// Records the steps of the one-channel layer trace_slice runs: every step and update belongs
// to the slice; the input channel is renumbered to the whole layer's.
class SliceRecorder : public StepObserver {
 public:
  SliceRecorder(SliceTrace& trace, int dims, int64_t first_channel, int64_t taps)
      : trace_(trace), dims_(dims), first_channel_(first_channel), taps_(taps) {}

  void begin_step(const InputStep& step) override {
    current_ = TraceStep{};
    current_.in_channel = first_channel_ + step.in_channel;
    current_.row = dims_ == 2 ? step.position[0] : 0;
    current_.col = step.position[dims_ - 1];
    current_.value = step.value;
    current_.updates.reserve(static_cast<size_t>(taps_));  // exactly: one output channel
  }

  void update(const MacUpdate& update) override {
    TraceUpdate u;
    u.tap_row = dims_ == 2 ? update.tap[0] : 0;
    u.tap_col = update.tap[dims_ - 1];
    u.weight = update.weight;
    u.row = dims_ == 2 ? update.uncropped[0] : 0;
    u.col = update.uncropped[dims_ - 1];
    u.cropped = update.cropped;
    u.product = update.product;
    u.total = update.total;
    current_.updates.push_back(u);
  }

  void end_step() override {
    if (!current_.updates.empty()) {
      current_.number = static_cast<int64_t>(trace_.steps.size()) + 1;
      trace_.steps.push_back(std::move(current_));
    }
    current_ = TraceStep{};
  }

 private:
  SliceTrace& trace_;
  int dims_;
  int64_t first_channel_;
  int64_t taps_;
  TraceStep current_;
};

void check_choice(const char* flag, int64_t value, int64_t count, const char* what) {
  if (value < 0 || value >= count) {
    throw InvalidParameter(std::string(flag) + " must be in 0.." + std::to_string(count - 1) + " (the " + what +
                           " has " + std::to_string(count) + "), got " + std::to_string(value));
  }
}

}  // namespace

SliceShape slice_shape(const Shape& input, const Shape& weight, int64_t bias_size, const ConvParams& params,
                       const SliceChoice& slice) {
  const int dims = params.spatial_dims();
  if (dims == 3) {
    throw InvalidParameter("animate draws 1-D and 2-D layers; this layer has 3 spatial dimensions");
  }
  const ConvShapes shapes = check_conv_shapes(input, weight, bias_size, params);
  check_choice("--batch-index", slice.batch, shapes.batch, "input batch");
  check_choice("--out-channel", slice.out_channel, shapes.out_channels, "layer's output");
  SliceShape shape;
  shape.spatial_dims = dims;
  shape.in_channels = shapes.in_channels;
  shape.out_channels = shapes.out_channels;
  shape.batch_size = shapes.batch;
  shape.groups = params.groups;
  if (dims == 2) shape.rows = {shapes.input_spatial[0], shapes.output_spatial[0], params.axes[0]};
  const auto last = static_cast<size_t>(dims - 1);
  shape.cols = {shapes.input_spatial[last], shapes.output_spatial[last], params.axes[last]};
  shape.kernel_taps = element_count(Shape(weight.begin() + 2, weight.end()));
  return shape;
}

int64_t slice_trace_bytes(const SliceShape& shape) {
  const std::string what = "the step trace";
  const auto mul = [&](int64_t a, int64_t b) { return checked_mul(a, b, what); };
  const auto add = [&](int64_t a, int64_t b) { return checked_add(a, b, what); };
  const auto bytes = [](size_t size) { return static_cast<int64_t>(size); };
  const int64_t steps = shape.steps();
  const int64_t in_plane = mul(shape.rows.in, shape.cols.in);
  const int64_t out_plane = mul(shape.rows.out, shape.cols.out);
  const int64_t inputs = mul(shape.channels(), in_plane);  // the slice's input planes
  const int64_t weights = mul(shape.channels(), shape.kernel_taps);
  int64_t total = mul(steps, bytes(sizeof(TraceStep)));
  total = add(total, mul(mul(steps, shape.kernel_taps), bytes(sizeof(TraceUpdate))));
  total =
      add(total, mul(mul(inputs, 2), bytes(sizeof(double))));  // the one-channel layer's input, and the trace's copy
  total = add(total, mul(weights, bytes(sizeof(double))));
  total = add(total, mul(mul(out_plane, 2), bytes(sizeof(double))));  // its output, and the trace's copy
  return total;
}

SliceTrace trace_slice(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                       const ConvParams& params, const SliceChoice& slice, int64_t max_memory) {
  const SliceShape shape = slice_shape(input.shape, weight.shape, bias ? bias->size() : -1, params, slice);
  check_memory_limit("the step trace", slice_trace_bytes(shape), 1, max_memory);

  SliceTrace trace;
  trace.spatial_dims = shape.spatial_dims;
  trace.in_channels = shape.in_channels;
  trace.out_channels = shape.out_channels;
  trace.batch_size = shape.batch_size;
  trace.groups = shape.groups;
  trace.slice = slice;
  trace.rows = shape.rows;
  trace.cols = shape.cols;

  // The one-channel layer of the slice: its batch item, its group's input channels, its output
  // channel. The engine's loop order (core/engine.hpp) gives every output cell of the slice the
  // same updates in the same order as in the whole layer, so the same values.
  const int64_t per_group = shape.channels();
  const int64_t cout_per_group = shape.out_channels / shape.groups;
  const int64_t group = slice.out_channel / cout_per_group;
  const int64_t in_plane = trace.rows.in * trace.cols.in;
  const int64_t taps = shape.kernel_taps;
  Shape sub_input_shape = input.shape;
  sub_input_shape[0] = 1;
  sub_input_shape[1] = per_group;
  const auto input_first = input.data.begin() + (slice.batch * shape.in_channels + group * per_group) * in_plane;
  const Tensor<double> sub_input(sub_input_shape, std::vector<double>(input_first, input_first + per_group * in_plane));
  Shape sub_weight_shape = weight.shape;
  sub_weight_shape[0] = per_group;
  sub_weight_shape[1] = 1;
  Tensor<double> sub_weight(sub_weight_shape);
  for (int64_t ic = 0; ic < per_group; ++ic) {
    const auto from =
        weight.data.begin() + ((group * per_group + ic) * cout_per_group + slice.out_channel % cout_per_group) * taps;
    std::copy(from, from + taps, sub_weight.data.begin() + ic * taps);
  }
  std::optional<Tensor<double>> sub_bias;
  if (bias != nullptr)
    sub_bias.emplace(Shape{1}, std::vector<double>{bias->data[static_cast<size_t>(slice.out_channel)]});
  ConvParams sub_params = params;
  sub_params.groups = 1;

  trace.steps.reserve(static_cast<size_t>(shape.steps()));
  SliceRecorder recorder(trace, shape.spatial_dims, group * per_group, taps);
  Tensor<double> output = conv_transpose_reference(sub_input, sub_weight, sub_bias ? &*sub_bias : nullptr, sub_params,
                                                   &recorder, max_memory);

  for (int64_t ic = 0; ic < per_group; ++ic) {
    trace.channels.push_back(group * per_group + ic);
    const auto first = sub_input.data.begin() + ic * in_plane;
    trace.input.emplace_back(first, first + in_plane);
  }
  trace.output = std::move(output.data);
  if (bias != nullptr) {
    trace.has_bias = true;
    trace.bias = bias->data[static_cast<size_t>(slice.out_channel)];
  }
  return trace;
}

}  // namespace tconv
