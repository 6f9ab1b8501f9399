// The frame descriptions, checked without pixels against the article's figures as transcribed
// in the reference analysis (ANALYSIS.md, "Step contents of the calculation-process figures"),
// and against footprints derived by hand: input (i, j) with stride S, dilation D, kernel K
// covers uncropped rows i*S + {0, D, .., D*(K-1)} and the same columns.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "render/cell_text.hpp"
#include "render/gather_scene.hpp"
#include "render/scatter_scene.hpp"
#include "render/steps_scene.hpp"
#include "unit/render_test_support.hpp"

namespace tconv {
namespace {

using test::article_trace;

// The text the strip draws in a cell when there is room: "" for an untouched cell.
std::string cell_text(const StepsScene& scene, size_t step, int64_t row, int64_t col) {
  const StepCell& cell = scene.steps[step].cells[static_cast<size_t>(scene.grid.index(row, col))];
  if (!cell.touched()) return "";
  std::vector<double> products;
  for (const SumTerm& term : cell.terms) products.push_back(term.product);
  return format_terms(products);
}

TEST_CASE("scatter frames of Figure 1: one per input element, row-major, 3x3 footprints") {
  const ScatterScene scene = make_scatter_scene(article_trace(3, 1, 0, 0, 1));
  REQUIRE(scene.frames.size() == 4);
  CHECK(scene.grid.rows.count == 4);  // (2-1)*1 + 3 = 4
  CHECK(scene.grid.cols.count == 4);
  const int64_t rows[4] = {0, 0, 1, 1}, cols[4] = {0, 1, 0, 1};
  const double values[4] = {1, 2, 3, 4};
  for (size_t k = 0; k < 4; ++k) {
    CAPTURE(k);
    const ScatterFrame& frame = scene.frames[k];
    CHECK(frame.in_row == rows[k]);
    CHECK(frame.in_col == cols[k]);
    CHECK(frame.value == values[k]);
    CHECK(frame.extent == CellRect{rows[k], cols[k], 3, 3});
    REQUIRE(frame.taps.size() == 9);
    for (const FootprintCell& tap : frame.taps) {
      CHECK(tap.row >= rows[k]);
      CHECK(tap.row < rows[k] + 3);
      CHECK(tap.col >= cols[k]);
      CHECK(tap.col < cols[k] + 3);
      CHECK_FALSE(tap.cropped);
    }
  }
  // After the last step the totals are Fig 2's output [[1,3,3,2],[4,10,10,6],[4,10,10,6],[3,7,7,4]].
  const std::vector<double> expected{1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4};
  CHECK(scene.frames.back().totals == expected);
  // After step 1 only the 3x3 block at the top left is touched.
  CHECK(scene.frames[0].touched[static_cast<size_t>(scene.grid.index(2, 2))] == 1);
  CHECK(scene.frames[0].touched[static_cast<size_t>(scene.grid.index(0, 3))] == 0);
}

TEST_CASE("Figure 5's grid: the 5x5 uncropped plane with its padding ring cropped") {
  const ScatterScene scene = make_scatter_scene(article_trace(3, 2, 1, 0, 1));
  // Uncropped extent (2-1)*2 + 3 = 5; padding 1 keeps [1, 4).
  CHECK(scene.grid.rows.count == 5);
  CHECK(scene.grid.role(0, 0) == CellRole::Cropped);
  CHECK(scene.grid.role(4, 2) == CellRole::Cropped);
  CHECK(scene.grid.role(2, 0) == CellRole::Cropped);
  CHECK(scene.grid.role(1, 1) == CellRole::Output);
  CHECK(scene.grid.role(3, 3) == CellRole::Output);
  CHECK_FALSE(scene.grid.has_role(CellRole::OutputPadding));
  // Step 1's footprint rows 0-2, cols 0-2: the 5 cells in row 0 or column 0 fall in the ring.
  int cropped = 0;
  for (const FootprintCell& tap : scene.frames[0].taps) cropped += tap.cropped ? 1 : 0;
  CHECK(cropped == 5);
  // Step 4 (input (1,1)) covers rows 2-4, cols 2-4.
  CHECK(scene.frames[3].extent == CellRect{2, 2, 3, 3});
}

TEST_CASE("Figure 7's grid: a 6x6 plane whose last row and column are output_padding") {
  const ScatterScene scene = make_scatter_scene(article_trace(3, 2, 0, 1, 1));
  CHECK(scene.grid.rows.count == 6);  // (2-1)*2 + 3 + 1
  CHECK(scene.grid.role(5, 0) == CellRole::OutputPadding);
  CHECK(scene.grid.role(0, 5) == CellRole::OutputPadding);
  CHECK(scene.grid.role(4, 4) == CellRole::Output);
  CHECK_FALSE(scene.grid.has_role(CellRole::Cropped));
  for (const ScatterFrame& frame : scene.frames)
    for (const FootprintCell& tap : frame.taps) CHECK((tap.row < 5 && tap.col < 5));
}

TEST_CASE("padding with output_padding: the added row is the one padding would have cropped") {
  // s=2, p=1, op=1: the kernel reaches u in [0, 5); the output is (2-1)*2 - 2 + 3 + 1 = 4 cells,
  // kept [1, 5). Without output_padding it would be [1, 4): the added row and column are u = 4,
  // which the kernel reaches, so they hold values (ANALYSIS.md: not zeros). Nothing lies past 5.
  const ScatterScene scene = make_scatter_scene(article_trace(3, 2, 1, 1, 1));
  CHECK(scene.grid.rows.count == 5);
  CHECK(scene.grid.role(4, 4) == CellRole::OutputPadding);
  CHECK(scene.grid.role(4, 2) == CellRole::OutputPadding);
  CHECK(scene.grid.role(3, 3) == CellRole::Output);
  CHECK(scene.grid.role(0, 2) == CellRole::Cropped);
  CHECK(scene.grid.role(4, 0) == CellRole::Cropped);  // cropped wins over added
  // The engine's totals there: x(1,1)=4 alone at (4,4); 3+4 at (4,2).
  const auto at = [&](int64_t r, int64_t c) {
    return scene.frames.back().totals[static_cast<size_t>(scene.grid.index(r, c))];
  };
  CHECK(at(4, 4) == 4);
  CHECK(at(4, 2) == 7);
  CHECK(std::count(scene.final_zero.begin(), scene.final_zero.end(), 1) == 0);
}

TEST_CASE("output_padding past the kernel's reach: zero cells the last frame shows") {
  // Figure 7: k3 s2 op1 reaches [0, 5) and keeps [0, 6): row and column 5 are added zeros.
  const ScatterScene scene = make_scatter_scene(article_trace(3, 2, 0, 1, 1));
  CHECK(scene.grid.role(5, 3) == CellRole::OutputPadding);
  CHECK(scene.final_zero[static_cast<size_t>(scene.grid.index(5, 3))] == 1);
  CHECK(scene.final_zero[static_cast<size_t>(scene.grid.index(4, 4))] == 0);
  CHECK(std::count(scene.final_zero.begin(), scene.final_zero.end(), 1) == 11);  // 6 + 6 - 1
}

TEST_CASE("dilation holes are final zeros, and ONNX's negative pads give zero-extension cells") {
  // Figure 10: k2 s2 d2 on 2x2 reaches the 5x5 at even rows and columns only: 25 - 9 = 16 holes.
  const ScatterScene fig10 = make_scatter_scene(article_trace(2, 2, 0, 0, 2));
  CHECK(std::count(fig10.final_zero.begin(), fig10.final_zero.end(), 1) == 16);
  // pads begin -1, end -2 on a 1-D input of 3, k3 s2: reach [0, 7), kept [-1, 9): one zero
  // cell before the reach, two after.
  AxisParams axis;
  axis.kernel = 3;
  axis.stride = 2;
  axis.pad_begin = -1;
  axis.pad_end = -2;
  ConvParams params;
  params.axes = {axis};
  const SliceTrace trace =
      trace_slice(Tensor<double>({1, 1, 3}, {1, 2, 3}), Tensor<double>({1, 1, 3}, {1, 1, 1}), nullptr, params, {});
  const OutputGrid grid = make_output_grid(trace);
  CHECK(grid.cols.count == 10);
  CHECK(grid.role(0, 0) == CellRole::ZeroExtension);
  CHECK(grid.role(0, 1) == CellRole::Output);
  CHECK(grid.role(0, 8) == CellRole::ZeroExtension);
  CHECK(grid.role(0, 9) == CellRole::ZeroExtension);
  CHECK_FALSE(grid.has_role(CellRole::OutputPadding));
  CHECK_FALSE(grid.has_role(CellRole::Cropped));
}

TEST_CASE("Figure 10's footprint: four taps two cells apart inside a 3x3 extent") {
  const ScatterScene scene = make_scatter_scene(article_trace(2, 2, 0, 0, 2));
  CHECK(scene.grid.rows.count == 5);            // (2-1)*2 + 2*(2-1) + 1
  const ScatterFrame& step2 = scene.frames[1];  // input (0, 1): columns 2 + {0, 2}
  CHECK(step2.extent == CellRect{0, 2, 3, 3});
  REQUIRE(step2.taps.size() == 4);
  CHECK(step2.taps[0].row == 0);
  CHECK(step2.taps[0].col == 2);
  CHECK(step2.taps[1].col == 4);
  CHECK(step2.taps[2].row == 2);
  CHECK(step2.taps[3].row == 2);
  CHECK(step2.taps[3].col == 4);
}

TEST_CASE("Figure 2's steps: the running sums as the article writes them") {
  const StepsScene scene = make_steps_scene(article_trace(3, 1, 0, 0, 1));
  REQUIRE(scene.steps.size() == 4);
  CHECK(cell_text(scene, 0, 0, 0) == "1");
  CHECK(cell_text(scene, 0, 3, 3) == "");
  CHECK(cell_text(scene, 1, 0, 1) == "1+2");
  CHECK(cell_text(scene, 1, 0, 3) == "2");
  CHECK(cell_text(scene, 2, 1, 1) == "1+2+3");
  CHECK(cell_text(scene, 2, 3, 3) == "");
  CHECK(cell_text(scene, 3, 1, 1) == "1+2+3+4");
  CHECK(cell_text(scene, 3, 1, 3) == "2+4");
  CHECK(cell_text(scene, 3, 3, 1) == "3+4");
  CHECK(cell_text(scene, 3, 3, 0) == "3");
  CHECK(scene.steps[2].footprint == CellRect{1, 0, 3, 3});
  CHECK(scene.steps[3].footprint == CellRect{1, 1, 3, 3});
  // The cell's total is the engine's: 1+2+3+4.
  CHECK(scene.steps[3].cells[static_cast<size_t>(scene.grid.index(1, 1))].total == 10);
}

TEST_CASE("Figure 4's steps: stride 2 spreads the footprints") {
  const StepsScene scene = make_steps_scene(article_trace(3, 2, 0, 0, 1));
  CHECK(cell_text(scene, 1, 0, 2) == "1+2");
  CHECK(cell_text(scene, 1, 3, 0) == "");
  CHECK(cell_text(scene, 2, 2, 0) == "1+3");
  CHECK(cell_text(scene, 2, 2, 2) == "1+2+3");
  CHECK(cell_text(scene, 3, 2, 2) == "1+2+3+4");
  CHECK(cell_text(scene, 3, 4, 4) == "4");
  CHECK(scene.steps[3].footprint == CellRect{2, 2, 3, 3});
}

TEST_CASE("Figure 11's steps: dilation holes show 0, never +0") {
  const StepsScene scene = make_steps_scene(article_trace(2, 2, 0, 0, 2));
  CHECK(cell_text(scene, 0, 0, 1) == "0");
  CHECK(cell_text(scene, 0, 1, 1) == "0");
  CHECK(cell_text(scene, 0, 2, 2) == "1");
  CHECK(cell_text(scene, 0, 0, 3) == "");
  CHECK(cell_text(scene, 1, 0, 2) == "1+2");
  CHECK(cell_text(scene, 2, 2, 1) == "0");
  CHECK(cell_text(scene, 2, 2, 2) == "1+2+3");
  CHECK(cell_text(scene, 2, 3, 0) == "0");
  CHECK(cell_text(scene, 2, 3, 3) == "");
  CHECK(cell_text(scene, 3, 2, 2) == "1+2+3+4");
  CHECK(cell_text(scene, 3, 4, 3) == "0");
  // The kernel panel is the dilated 3x3 [[1,0,1],[0,0,0],[1,0,1]].
  const std::vector<double> dilated{1, 0, 1, 0, 0, 0, 1, 0, 1};
  CHECK(scene.kernel.rows == 3);
  CHECK(scene.kernel.weights == dilated);
  CHECK(scene.kernel.is_tap == std::vector<char>{1, 0, 1, 0, 0, 0, 1, 0, 1});
}

TEST_CASE("a kernel other than all ones: each step term keeps its factors") {
  // [[1,2],[3,4]] through the 1..9 kernel: cell (1,1) gets x(0,0)*w(1,1) = 1*5, then 2*4, 3*2, 4*1.
  AxisParams axis;
  axis.kernel = 3;
  ConvParams params;
  params.axes = {axis, axis};
  const SliceTrace trace = trace_slice(Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4}),
                                       Tensor<double>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), nullptr, params, {});
  const StepsScene scene = make_steps_scene(trace);
  CHECK(scene.factors);
  const StepCell& cell = scene.steps[3].cells[static_cast<size_t>(scene.grid.index(1, 1))];
  REQUIRE(cell.terms.size() == 4);
  const std::string t = kTimes;
  CHECK(sum_pieces(cell.terms, true) ==
        std::vector<std::string>{"1" + t + "5", "+2" + t + "4", "+3" + t + "2", "+4" + t + "1"});
  CHECK(cell.total == 23);
  CHECK_FALSE(make_steps_scene(test::article_trace(3, 1, 0, 0, 1)).factors);
}

TEST_CASE("Figures 6 and 8: the Output panel is the engine's output") {
  // Fig 6: [[1,3,2],[4,10,6],[3,7,4]]; Fig 8: Fig 4's 5x5 plus a zero row and column.
  CHECK(article_trace(3, 2, 1, 0, 1).output == std::vector<double>{1, 3, 2, 4, 10, 6, 3, 7, 4});
  const SliceTrace fig8 = article_trace(3, 2, 0, 1, 1);
  REQUIRE(fig8.output.size() == 36);
  CHECK(fig8.output[2 * 6 + 2] == 10);
  for (int64_t i = 0; i < 6; ++i) {
    CHECK(fig8.output[static_cast<size_t>(5 * 6 + i)] == 0);
    CHECK(fig8.output[static_cast<size_t>(i * 6 + 5)] == 0);
  }
}

TEST_CASE("Figure 9: a 1x1 input through a dilated 2x2 kernel gives the dilated kernel") {
  for (int64_t d = 1; d <= 4; ++d) {
    CAPTURE(d);
    AxisParams axis;
    axis.kernel = 2;
    axis.dilation = d;
    ConvParams params;
    params.axes = {axis, axis};
    const SliceTrace trace =
        trace_slice(Tensor<double>({1, 1, 1, 1}, {1}), Tensor<double>({1, 1, 2, 2}, {1, 1, 1, 1}), nullptr, params, {});
    const KernelPanel kernel = make_kernel_panel(trace);
    CHECK(kernel.rows == d + 1);  // d*(2-1) + 1
    int taps = 0;
    for (char tap : kernel.is_tap) taps += tap;
    CHECK(taps == 4);
    CHECK(kernel.is_tap.front() == 1);
    CHECK(kernel.is_tap.back() == 1);
    CHECK(kernel.is_tap[static_cast<size_t>(d)] == 1);  // top-right corner
    CHECK(trace.output == kernel.weights);              // the engine's output is the dilated kernel
  }
}

TEST_CASE("gather view of Figure 5's case: spread, padded input and the engine's terms") {
  const GatherScene scene = make_gather_scene(article_trace(3, 2, 1, 0, 1));
  // Canvas per axis: out + K'-1 = 3 + 2 = 5 cells from z = pad_begin = 1; input i at z = 2i + 2.
  CHECK(scene.cols.count == 5);
  CHECK(scene.cols.kind(0) == CanvasCell::Padding);       // z = 1
  CHECK(scene.cols.kind(1) == CanvasCell::Input);         // z = 2: input 0
  CHECK(scene.cols.kind(2) == CanvasCell::InsertedZero);  // z = 3
  CHECK(scene.cols.kind(3) == CanvasCell::Input);         // z = 4: input 1
  CHECK(scene.cols.kind(4) == CanvasCell::Padding);
  CHECK(scene.cols.input_index(3) == 1);
  REQUIRE(scene.frames.size() == 9);
  const GatherFrame& center = scene.frames[4];  // output (1, 1) = 1+2+3+4
  CHECK(center.value == 10);
  CHECK(center.window == CellRect{1, 1, 3, 3});
  REQUIRE(center.terms.size() == 4);
  CHECK(center.terms[0].value == 1);
  CHECK(center.terms[3].value == 4);
  CHECK(center.terms[3].canvas_row == 3);
  CHECK(center.terms[3].canvas_col == 3);
  const GatherFrame& corner = scene.frames[0];  // output (0, 0) = x(0,0) only
  CHECK(corner.value == 1);
  CHECK(corner.terms.size() == 1);
}

TEST_CASE("gather view flips the kernel 180 degrees") {
  AxisParams axis;
  axis.kernel = 2;
  ConvParams params;
  params.axes = {axis, axis};
  const SliceTrace trace =
      trace_slice(Tensor<double>({1, 1, 1, 1}, {1}), Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4}), nullptr, params, {});
  CHECK(make_gather_scene(trace).flipped_kernel == std::vector<double>{4, 3, 2, 1});
}

TEST_CASE("a multi-channel slice keeps the steps of the drawn output channel's group") {
  // 2 input channels, groups 2, 2 output channels: output channel 1 is fed by input channel 1 only.
  AxisParams axis;
  axis.kernel = 1;
  ConvParams params;
  params.axes = {axis, axis};
  params.groups = 2;
  const Tensor<double> input({1, 2, 1, 2}, {1, 2, 3, 4});
  const Tensor<double> weight({2, 1, 1, 1}, {10, 100});
  const SliceTrace trace = trace_slice(input, weight, nullptr, params, SliceChoice{0, 1});
  CHECK(trace.channels == std::vector<int64_t>{1});
  REQUIRE(trace.steps.size() == 2);
  CHECK(trace.steps[0].value == 3);
  CHECK(trace.output == std::vector<double>{300, 400});
  CHECK_THROWS_WITH_AS(trace_slice(input, weight, nullptr, params, SliceChoice{0, 2}),
                       "--out-channel must be in 0..1 (the layer's output has 2), got 2", InvalidParameter);
}

// The whole layer's stream, kept for one batch item and one output channel: what trace_slice
// recorded before it ran the slice alone (the independent reference for the test below).
struct WholeLayerRecorder : StepObserver {
  int64_t batch = 0, out_channel = 0;
  bool active = false;
  struct Step {
    int64_t in_channel, row, col;
    double value;
    std::vector<TraceUpdate> updates;
  };
  Step current{};
  std::vector<Step> steps;
  void begin_step(const InputStep& step) override {
    current = Step{step.in_channel, step.position[0], step.position[1], step.value, {}};
    active = step.batch == batch;
  }
  void update(const MacUpdate& update) override {
    if (!active || update.out_channel != out_channel) return;
    TraceUpdate u;
    u.tap_row = update.tap[0];
    u.tap_col = update.tap[1];
    u.weight = update.weight;
    u.row = update.uncropped[0];
    u.col = update.uncropped[1];
    u.cropped = update.cropped;
    u.product = update.product;
    u.total = update.total;
    current.updates.push_back(u);
  }
  void end_step() override {
    if (!current.updates.empty()) steps.push_back(current);
  }
};

TEST_CASE("the slice traced alone is the whole layer's stream for that slice, bit for bit") {
  // 2 batch items, 4 input channels in 2 groups, 6 output channels (3 a group), a bias, stride
  // 2, padding 1, output padding 1, dilation 2: values that do not add up exactly in any order.
  AxisParams axis;
  axis.kernel = 3;
  axis.stride = 2;
  axis.pad_begin = axis.pad_end = 1;
  axis.output_padding = 1;
  axis.dilation = 2;
  ConvParams params;
  params.axes = {axis, axis};
  params.groups = 2;
  Tensor<double> input({2, 4, 3, 2});
  for (size_t i = 0; i < input.data.size(); ++i) input.data[i] = 0.1 * static_cast<double>(i) - 1.7;
  Tensor<double> weight({4, 3, 3, 3});
  for (size_t i = 0; i < weight.data.size(); ++i) weight.data[i] = 1.0 / (3.0 + static_cast<double>(i));
  const Tensor<double> bias({6}, {0.5, -0.25, 1.0 / 3, 2, -1, 0.125});
  const Tensor<double> whole = conv_transpose_reference(input, weight, &bias, params);
  for (const SliceChoice slice : {SliceChoice{1, 4}, SliceChoice{0, 2}}) {
    CAPTURE(slice.batch);
    CAPTURE(slice.out_channel);
    WholeLayerRecorder reference;
    reference.batch = slice.batch;
    reference.out_channel = slice.out_channel;
    conv_transpose_reference(input, weight, &bias, params, &reference);
    const SliceTrace trace = trace_slice(input, weight, &bias, params, slice);
    const int64_t first = slice.out_channel / 3 * 2;  // the group's first input channel
    CHECK(trace.channels == std::vector<int64_t>{first, first + 1});
    CHECK(trace.in_channels == 4);
    CHECK(trace.out_channels == 6);
    CHECK(trace.batch_size == 2);
    REQUIRE(trace.steps.size() == reference.steps.size());
    for (size_t k = 0; k < trace.steps.size(); ++k) {
      const TraceStep& got = trace.steps[k];
      const WholeLayerRecorder::Step& want = reference.steps[k];
      CHECK(got.number == static_cast<int64_t>(k) + 1);
      CHECK(got.in_channel == want.in_channel);
      CHECK(got.row == want.row);
      CHECK(got.col == want.col);
      CHECK(got.value == want.value);
      REQUIRE(got.updates.size() == want.updates.size());
      for (size_t u = 0; u < got.updates.size(); ++u) {
        CHECK(got.updates[u].tap_row == want.updates[u].tap_row);
        CHECK(got.updates[u].tap_col == want.updates[u].tap_col);
        CHECK(got.updates[u].row == want.updates[u].row);
        CHECK(got.updates[u].col == want.updates[u].col);
        CHECK(got.updates[u].cropped == want.updates[u].cropped);
        CHECK(got.updates[u].weight == want.updates[u].weight);
        CHECK(got.updates[u].product == want.updates[u].product);
        CHECK(got.updates[u].total == want.updates[u].total);
      }
    }
    const int64_t plane = trace.rows.out * trace.cols.out;
    const auto from = whole.data.begin() + (slice.batch * 6 + slice.out_channel) * plane;
    CHECK(trace.output == std::vector<double>(from, from + plane));
    CHECK(trace.bias == bias.data[static_cast<size_t>(slice.out_channel)]);
    for (size_t c = 0; c < 2; ++c) {
      const auto plane_first = input.data.begin() + (slice.batch * 4 + first + static_cast<int64_t>(c)) * 6;
      CHECK(trace.input[c] == std::vector<double>(plane_first, plane_first + 6));
    }
  }
}

}  // namespace
}  // namespace tconv
