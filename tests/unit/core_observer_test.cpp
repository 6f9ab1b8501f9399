// The engine's step stream (step_record.hpp): order and count of steps and updates, cropped
// flags, uncropped vs output coordinates, running totals, bias calls, and that the stream adds
// up to the output it came with.
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "core/engine.hpp"

namespace tconv {
namespace {

struct Recorder : StepObserver {
  std::vector<InputStep> steps;
  std::vector<std::vector<MacUpdate>> updates;      // per step
  std::vector<int> events;                          // 0 begin, 1 update, 2 end, 3 bias
  std::vector<std::pair<int64_t, int64_t>> biases;  // (batch, out_channel)

  void begin_step(const InputStep& step) override {
    steps.push_back(step);
    updates.emplace_back();
    events.push_back(0);
  }
  void update(const MacUpdate& update) override {
    updates.back().push_back(update);
    events.push_back(1);
  }
  void end_step() override { events.push_back(2); }
  void add_bias(int64_t batch, int64_t out_channel, double /*bias*/) override {
    biases.emplace_back(batch, out_channel);
    events.push_back(3);
  }
};

ConvParams article_padding_params() {
  AxisParams axis;
  axis.kernel = 3;
  axis.stride = 2;
  axis.pad_begin = axis.pad_end = 1;
  ConvParams params;
  params.axes = {axis, axis};
  return params;
}

Index index2(int64_t a, int64_t b) {
  Index i;
  i.rank = 2;
  i[0] = a;
  i[1] = b;
  return i;
}

TEST_CASE("article case 3 (k3 s2 p1): 4 steps in row-major order, 9 updates each") {
  Recorder recorder;
  const Tensor<double> input({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor<double> weight({1, 1, 3, 3});
  for (size_t i = 0; i < weight.data.size(); ++i) weight.data[i] = static_cast<double>(i + 1);  // taps 1..9
  const Tensor<double> out =
      conv_transpose_reference<double>(input, weight, nullptr, article_padding_params(), &recorder);

  REQUIRE(recorder.steps.size() == 4);
  const std::vector<Index> positions{index2(0, 0), index2(0, 1), index2(1, 0), index2(1, 1)};
  for (size_t s = 0; s < 4; ++s) {
    CAPTURE(s);
    CHECK(recorder.steps[s].number == static_cast<int64_t>(s + 1));
    CHECK(recorder.steps[s].position == positions[s]);
    CHECK(recorder.steps[s].value == input.data[s]);
    REQUIRE(recorder.updates[s].size() == 9);
    for (size_t t = 0; t < 9; ++t) {
      const MacUpdate& u = recorder.updates[s][t];
      CAPTURE(t);
      // Taps in row-major order; uncropped = position*2 + tap; output = uncropped - 1.
      CHECK(u.tap == index2(static_cast<int64_t>(t / 3), static_cast<int64_t>(t % 3)));
      CHECK(u.weight == static_cast<double>(t + 1));
      CHECK(u.uncropped == index2(positions[s][0] * 2 + u.tap[0], positions[s][1] * 2 + u.tap[1]));
      CHECK(u.output == index2(u.uncropped[0] - 1, u.uncropped[1] - 1));
      // The 5x5 uncropped grid keeps rows/cols 1..3: row or column 0 or 4 is cropped.
      const bool border = u.uncropped[0] == 0 || u.uncropped[0] == 4 || u.uncropped[1] == 0 || u.uncropped[1] == 4;
      CHECK(u.cropped == border);
      CHECK(u.product == input.data[s] * u.weight);
    }
  }
  // Step 1 (x at (0,0)) covers uncropped rows/cols 0..2: row 0 or col 0 -> 5 of 9 cropped.
  int cropped = 0;
  for (const MacUpdate& u : recorder.updates[0]) cropped += u.cropped ? 1 : 0;
  CHECK(cropped == 5);
  // begin, 9 updates, end for each step; no bias.
  std::vector<int> expected_events;
  for (int s = 0; s < 4; ++s) {
    expected_events.push_back(0);
    expected_events.insert(expected_events.end(), 9, 1);
    expected_events.push_back(2);
  }
  CHECK(recorder.events == expected_events);
  CHECK(recorder.biases.empty());
  CHECK(out.shape == Shape{1, 1, 3, 3});
}

TEST_CASE("running totals and the sum of non-cropped products reproduce the output") {
  Recorder recorder;
  const Tensor<double> input({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor<double> weight({1, 1, 3, 3});
  for (size_t i = 0; i < weight.data.size(); ++i) weight.data[i] = static_cast<double>(i + 1);
  const Tensor<double> out =
      conv_transpose_reference<double>(input, weight, nullptr, article_padding_params(), &recorder);

  std::map<std::pair<int64_t, int64_t>, double> sums;
  for (const auto& step : recorder.updates) {
    for (const MacUpdate& u : step) {
      if (u.cropped) {
        CHECK(u.total == 0);
        continue;
      }
      double& cell = sums[{u.output[0], u.output[1]}];
      cell += u.product;
      CHECK(u.total == cell);  // the cell's value right after this update
    }
  }
  for (int64_t r = 0; r < 3; ++r)
    for (int64_t c = 0; c < 3; ++c) {
      CAPTURE(r);
      CAPTURE(c);
      CHECK(sums[{r, c}] == out.data[static_cast<size_t>(r * 3 + c)]);
    }
}

TEST_CASE("batch, channels, groups and bias: step and update counts, bias after each batch item") {
  // N=2, Cin=4, groups 2, Cout/groups 3 (Cout 6), 1-D input 3, kernel 2:
  // steps = N*Cin*3 = 24; updates per step = (Cout/groups)*taps = 3*2 = 6; bias 6 per batch item.
  Recorder recorder;
  ConvParams params;
  AxisParams axis;
  axis.kernel = 2;
  axis.stride = 2;
  params.axes = {axis};
  params.groups = 2;
  Tensor<double> input({2, 4, 3});
  for (size_t i = 0; i < input.data.size(); ++i) input.data[i] = static_cast<double>(i % 5);
  Tensor<double> weight({4, 3, 2});
  for (size_t i = 0; i < weight.data.size(); ++i) weight.data[i] = static_cast<double>(i % 3) - 1;
  const Tensor<double> bias({6}, {1, 2, 3, 4, 5, 6});
  const Tensor<double> out = conv_transpose_reference<double>(input, weight, &bias, params, &recorder);

  REQUIRE(recorder.steps.size() == 24);
  for (size_t s = 0; s < recorder.steps.size(); ++s) {
    CAPTURE(s);
    const InputStep& step = recorder.steps[s];
    CHECK(step.number == static_cast<int64_t>(s + 1));
    CHECK(step.batch == static_cast<int64_t>(s / 12));
    CHECK(step.in_channel == static_cast<int64_t>((s / 3) % 4));
    CHECK(step.position[0] == static_cast<int64_t>(s % 3));
    REQUIRE(recorder.updates[s].size() == 6);
    // Input channels 0,1 feed output channels 0..2; channels 2,3 feed 3..5.
    const int64_t first_oc = step.in_channel < 2 ? 0 : 3;
    for (size_t t = 0; t < 6; ++t) {
      CHECK(recorder.updates[s][t].out_channel == first_oc + static_cast<int64_t>(t / 2));
      CHECK_FALSE(recorder.updates[s][t].cropped);
    }
  }
  // Bias calls: after the 12 steps of each batch item, once per output channel.
  std::vector<std::pair<int64_t, int64_t>> expected_bias;
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t oc = 0; oc < 6; ++oc) expected_bias.emplace_back(n, oc);
  CHECK(recorder.biases == expected_bias);
  size_t position_of_first_bias = 0;
  while (recorder.events[position_of_first_bias] != 3) ++position_of_first_bias;
  CHECK(position_of_first_bias == 12 * (6 + 2));  // 12 steps of begin + 6 updates + end

  // Observing changes nothing in the result.
  const Tensor<double> unobserved = conv_transpose_reference<double>(input, weight, &bias, params);
  CHECK(unobserved.data == out.data);
}

TEST_CASE("output_padding cells are never written, negative pads shift coordinates") {
  // 1-D, x = [5], k = 2, stride 2, output_padding 1, pads begin -1 end 0:
  // full extent (1-1)*2 + 2 + 1 = 3, output 3 - (-1) - 0 = 4. Tap t lands at uncropped t and
  // output t + 1; output cells 0 (extension) and 3 (output_padding) stay 0.
  Recorder recorder;
  ConvParams params;
  AxisParams axis;
  axis.kernel = 2;
  axis.stride = 2;
  axis.output_padding = 1;
  axis.pad_begin = -1;
  params.axes = {axis};
  const Tensor<double> out = conv_transpose_reference<double>(
      Tensor<double>({1, 1, 1}, {5}), Tensor<double>({1, 1, 2}, {1, 2}), nullptr, params, &recorder);
  CHECK(out.data == std::vector<double>{0, 5, 10, 0});
  REQUIRE(recorder.updates.size() == 1);
  REQUIRE(recorder.updates[0].size() == 2);
  CHECK(recorder.updates[0][0].uncropped[0] == 0);
  CHECK(recorder.updates[0][0].output[0] == 1);
  CHECK(recorder.updates[0][1].uncropped[0] == 1);
  CHECK(recorder.updates[0][1].output[0] == 2);
}

}  // namespace
}  // namespace tconv
