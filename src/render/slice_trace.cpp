#include "render/slice_trace.hpp"

#include <string>

#include "core/engine.hpp"
#include "core/error.hpp"

namespace tconv {

namespace {

class SliceRecorder : public StepObserver {
 public:
  SliceRecorder(SliceTrace& trace, int dims) : trace_(trace), dims_(dims) {}

  void begin_step(const InputStep& step) override {
    current_ = TraceStep{};
    active_ = step.batch == trace_.slice.batch;
    current_.in_channel = step.in_channel;
    current_.row = dims_ == 2 ? step.position[0] : 0;
    current_.col = step.position[dims_ - 1];
    current_.value = step.value;
  }

  void update(const MacUpdate& update) override {
    if (!active_ || update.out_channel != trace_.slice.out_channel) return;
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
  bool active_ = false;
  TraceStep current_;
};

void check_choice(const char* flag, int64_t value, int64_t count, const char* what) {
  if (value < 0 || value >= count) {
    throw InvalidParameter(std::string(flag) + " must be in 0.." + std::to_string(count - 1) + " (the " + what +
                           " has " + std::to_string(count) + "), got " + std::to_string(value));
  }
}

}  // namespace

SliceTrace trace_slice(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                       const ConvParams& params, const SliceChoice& slice) {
  const int dims = params.spatial_dims();
  if (dims == 3) {
    throw InvalidParameter("animate draws 1-D and 2-D layers; this layer has 3 spatial dimensions");
  }
  const ConvShapes shapes = check_conv_shapes(input.shape, weight.shape, bias ? bias->size() : -1, params);
  check_choice("--batch-index", slice.batch, shapes.batch, "input batch");
  check_choice("--out-channel", slice.out_channel, shapes.out_channels, "layer's output");

  SliceTrace trace;
  trace.spatial_dims = dims;
  trace.in_channels = shapes.in_channels;
  trace.out_channels = shapes.out_channels;
  trace.batch_size = shapes.batch;
  trace.groups = params.groups;
  trace.slice = slice;
  if (dims == 2) {
    trace.rows = {shapes.input_spatial[0], shapes.output_spatial[0], params.axes[0]};
  }
  trace.cols = {shapes.input_spatial[static_cast<size_t>(dims - 1)],
                shapes.output_spatial[static_cast<size_t>(dims - 1)], params.axes[static_cast<size_t>(dims - 1)]};

  SliceRecorder recorder(trace, dims);
  const Tensor<double> output = conv_transpose_reference(input, weight, bias, params, &recorder);

  const int64_t in_plane = trace.rows.in * trace.cols.in;
  const int64_t out_plane = trace.rows.out * trace.cols.out;
  const int64_t per_group = shapes.in_channels / params.groups;
  const int64_t group = slice.out_channel / (shapes.out_channels / params.groups);
  for (int64_t ic = group * per_group; ic < (group + 1) * per_group; ++ic) {
    trace.channels.push_back(ic);
    const auto first = input.data.begin() + (slice.batch * shapes.in_channels + ic) * in_plane;
    trace.input.emplace_back(first, first + in_plane);
  }
  const auto first = output.data.begin() + (slice.batch * shapes.out_channels + slice.out_channel) * out_plane;
  trace.output.assign(first, first + out_plane);
  if (bias != nullptr) {
    trace.has_bias = true;
    trace.bias = bias->data[static_cast<size_t>(slice.out_channel)];
  }
  return trace;
}

}  // namespace tconv
