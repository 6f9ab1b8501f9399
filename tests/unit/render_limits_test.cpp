// The readability floor and the one grid limit of every style (render/picture_limits.hpp,
// render/draw.hpp): a number is drawn at type::kMinNumberSize or larger (digits 9 px tall) or
// not at all, and then the picture says so; a layer one style accepts, every style accepts.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/overlap_view.hpp"
#include "render/draw.hpp"
#include "render/picture_limits.hpp"
#include "render/theme.hpp"
#include "unit/cli_test_support.hpp"
#include "unit/render_test_support.hpp"

namespace tconv {
namespace {

// A 2-D (rows > 0) or 1-D layer with an arange input and the given kernel values.
SliceTrace layer(int64_t rows, int64_t cols, int64_t kernel, int64_t stride, const std::vector<double>& weights = {},
                 int64_t padding = 0, int64_t channels = 1) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  axis.pad_begin = axis.pad_end = padding;
  ConvParams params;
  Shape input{1, channels}, weight{channels, 1};
  if (rows > 0) {
    params.axes = {axis, axis};
    input.insert(input.end(), {rows, cols});
    weight.insert(weight.end(), {kernel, kernel});
  } else {
    params.axes = {axis};
    input.push_back(cols);
    weight.push_back(kernel);
  }
  Tensor<double> x(input), w(weight);
  for (size_t i = 0; i < x.data.size(); ++i) x.data[i] = static_cast<double>(i + 1);
  for (size_t i = 0; i < w.data.size(); ++i) w.data[i] = weights.empty() ? 1.0 : weights[i % weights.size()];
  return trace_slice(x, w, nullptr, params, {});
}

// Random-looking fractions in [-1, 1) (a fixed LCG), as random:SEED gives them.
SliceTrace fractions(int64_t n, int64_t kernel, int64_t stride) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  ConvParams params;
  params.axes = {axis, axis};
  Tensor<double> x({1, 1, n, n}), w({1, 1, kernel, kernel});
  uint64_t state = 7;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1.0p-52 - 1.0;
  };
  for (double& v : x.data) v = next();
  for (double& v : w.data) v = next();
  return trace_slice(x, w, nullptr, params, {});
}

OverlapView view_of(const SliceTrace& trace) {
  ConvParams params;
  Shape spatial;
  if (trace.spatial_dims == 2) {
    params.axes.push_back(trace.rows.params);
    spatial.push_back(trace.rows.in);
  }
  params.axes.push_back(trace.cols.params);
  spatial.push_back(trace.cols.in);
  return overlap_view(params, spatial);
}

void check_plan(const NumberPlan& plan, Numbers mode, const std::string& style) {
  CAPTURE(style);
  if (plan.size > 0) {
    CHECK(plan.size >= type::kMinNumberSize);
    CHECK(plan.note.empty());
  } else if (mode == Numbers::Auto) {
    CHECK(plan.note == kNumbersLeftOut);
  }
  if (mode == Numbers::Always) CHECK(plan.size >= type::kMinNumberSize);
  if (mode == Numbers::Never) CHECK(plan.size == 0);
}

void check_floor(const SliceTrace& trace, const std::string& name) {
  CAPTURE(name);
  for (Numbers mode : {Numbers::Auto, Numbers::Always, Numbers::Never}) {
    CAPTURE(static_cast<int>(mode));
    DrawOptions options;
    options.numbers = mode;
    const ScatterLayout scatter = make_scatter_layout(trace, options);
    check_plan(scatter.numbers, mode, "scatter");
    if (scatter.kernel_number_size > 0) CHECK(scatter.kernel_number_size >= type::kMinNumberSize);
    if (trace.steps.size() <= 64) {
      const StripLayout strip = make_strip_layout(trace, options);
      check_plan(strip.numbers, mode, "steps");
      for (double size : {strip.input_number_size, strip.kernel_number_size, strip.output_number_size}) {
        if (size > 0) CHECK(size >= type::kMinNumberSize);
      }
    }
    const GatherLayout gather = make_gather_layout(trace, options);
    check_plan(gather.numbers, mode, "gather");
    if (gather.kernel_number_size > 0) CHECK(gather.kernel_number_size >= type::kMinNumberSize);
    check_plan(make_overlap_layout(trace, view_of(trace), options).numbers, mode, "overlap");
  }
}

TEST_CASE("no number under the floor in any style: the worst cases of issue 13") {
  check_floor(test::article_trace(3, 1, 0, 0, 1), "Figure 1");
  check_floor(test::article_trace(3, 2, 0, 1, 1), "Figure 7/8: 1+2+3+4 in a 6x6 grid");
  check_floor(test::article_trace(3, 2, 1, 1, 1), "k3 s2 p1 op1");
  check_floor(layer(10, 10, 3, 1), "12x12 scatter");
  check_floor(layer(5, 5, 3, 3), "15x15 output of k3 s3");
  check_floor(layer(2, 2, 3, 1, {1, 2, 3, 4, 5, 6, 7, 8, 9}), "a 1..9 kernel: x*w terms");
  check_floor(fractions(3, 3, 1), "random fractions, k3 s1");
  check_floor(fractions(3, 3, 2), "random fractions, k3 s2");
  check_floor(layer(2, 2, 2, 2, {1, 2, 3, 4}, 0, 2), "two input channels");
  check_floor(layer(0, 4, 3, 2, {1, -1, 2}), "1-D");
  check_floor(layer(0, 30, 3, 2), "1-D, 63 cells");
}

TEST_CASE("the sums of the 12x12 scatter and the k3 s3 strip are readable or left out with a note") {
  DrawOptions options;
  // 10x10 arange through ones: totals up to 441, at least 12.5 px, the planes grown for them.
  const ScatterLayout scatter = make_scatter_layout(layer(10, 10, 3, 1), options);
  CHECK(scatter.numbers.size >= type::kMinNumberSize);
  // The 5x5 k3 s3 strip: 27 panels of 15x15; with numbers it would pass the budget, so they
  // are left out and the strip stays a picture (it was 2140 x 6574 px).
  const StripLayout strip = make_strip_layout(layer(5, 5, 3, 3), options);
  CHECK(strip.numbers.size == 0);
  CHECK(strip.numbers.note == kNumbersLeftOut);
  CHECK(strip.width * strip.height <= 2560.0 * 1600.0);
  CHECK(strip.width / strip.height == doctest::Approx(16.0 / 9.0).epsilon(0.35));
  options.numbers = Numbers::Always;
  const StripLayout forced = make_strip_layout(layer(5, 5, 3, 3), options);
  CHECK(forced.numbers.size >= type::kMinNumberSize);
}

TEST_CASE("strips are laid out toward 16:9 and a 1-D strip stacks its steps so the cells line up") {
  const StripLayout fig2 = make_strip_layout(test::article_trace(3, 1, 0, 0, 1));
  CHECK(fig2.rows == 2);
  const StripLayout one_d = make_strip_layout(layer(0, 4, 3, 2, {1, -1, 2}));
  CHECK(one_d.rows == 6);  // input and kernel, 4 steps, output
  for (const Point& origin : one_d.step_origins) CHECK(origin.x == one_d.step_origins.front().x);
  CHECK(one_d.output_origin.x == one_d.step_origins.front().x);
}

TEST_CASE("one grid limit for every style: the largest side any style would draw") {
  // 1-D, k3 s2: input n, output 2n + 1, gather canvas (2n + 1) + 2.
  CHECK(largest_grid_side(layer(0, 30, 3, 2)) == 63);
  CHECK_NOTHROW(check_grid_limits(layer(0, 30, 3, 2)));
  CHECK(largest_grid_side(layer(0, 31, 3, 2)) == 65);
  CHECK_THROWS_WITH_AS(
      check_grid_limits(layer(0, 31, 3, 2)),
      "a grid of 65 cells a side is too large to draw (at most 64 in every style); use a smaller input",
      InvalidParameter);
  // The gather canvas counts: padding 3 with kernel 5 keeps a small output, yet the canvas is
  // out + 4.
  const SliceTrace padded = layer(0, 29, 5, 2, {}, 1);
  CHECK(largest_grid_side(padded) == padded.cols.out + 4);
}

TEST_CASE("the limits hold on the shapes alone, and the trace is bounded before it is taken") {
  // 3000x3000, k3: output 3002, the gather view's spread input 3004; nothing is allocated.
  AxisParams axis;
  axis.kernel = 3;
  ConvParams params;
  params.axes = {axis, axis};
  const SliceShape big = slice_shape({1, 1, 3000, 3000}, {1, 1, 3, 3}, -1, params, {});
  CHECK(largest_grid_side(big.rows, big.cols) == 3004);
  CHECK_THROWS_WITH_AS(check_grid_limits(big),
                       "a grid of 3004 cells a side is too large to draw (at most 64 in every style); use a smaller "
                       "input",
                       InvalidParameter);
  // The same number as the trace gives, for a layer small enough to trace.
  const SliceTrace traced = layer(0, 29, 5, 2, {}, 1);
  AxisParams padded;
  padded.kernel = 5;
  padded.stride = 2;
  padded.pad_begin = padded.pad_end = 1;
  ConvParams one_d;
  one_d.axes = {padded};
  const SliceShape shape = slice_shape({1, 1, 29}, {1, 1, 5}, -1, one_d, {});
  CHECK(largest_grid_side(shape.rows, shape.cols) == largest_grid_side(traced));
  // 8 input channels in 2 groups of 4, 4x4, k3: 4 * 16 = 64 steps of 9 updates each.
  params.groups = 2;
  const SliceShape grouped = slice_shape({1, 8, 4, 4}, {8, 1, 3, 3}, -1, params, {});
  CHECK(grouped.channels() == 4);
  CHECK(grouped.steps() == 64);
  CHECK(grouped.kernel_taps == 9);
  CHECK_NOTHROW(check_step_panels(grouped));
  // 2 channels of 6x6: 72 steps, one panel each.
  CHECK_THROWS_WITH_AS(check_step_panels(slice_shape({1, 2, 6, 6}, {2, 1, 3, 3}, -1, ConvParams{{axis, axis}}, {})),
                       "--style steps draws one panel per input element; 72 are too many (at most 64): use --style "
                       "scatter or a smaller input",
                       InvalidParameter);
  // The bytes: every step and update, the planes twice (the one-channel layer and the trace),
  // the weights once, the 6x6 output twice.
  const int64_t bytes = 64 * static_cast<int64_t>(sizeof(TraceStep)) +
                        64 * 9 * static_cast<int64_t>(sizeof(TraceUpdate)) + 4 * 16 * 2 * 8 + 4 * 9 * 8 + 36 * 2 * 8;
  CHECK(slice_trace_bytes(grouped) == bytes);
  Tensor<double> x({1, 8, 4, 4}), w({8, 1, 3, 3});
  CHECK_THROWS_WITH_AS(trace_slice(x, w, nullptr, params, {}, bytes - 1),
                       ("the step trace would need " + std::to_string(bytes) + " bytes, above the memory limit of " +
                        std::to_string(bytes - 1) + " bytes")
                           .c_str(),
                       MemoryLimitError);  // the command line adds "(raise it with --max-memory BYTES)"
  const SliceTrace fits = trace_slice(x, w, nullptr, params, {}, bytes);
  CHECK(fits.steps.size() == 64);
}

// The CLI refuses the same layers in every style, and draws the same ones.
TEST_CASE("animate: every style accepts and refuses the same layers") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tconv_limits_" + std::to_string(getpid()));
  for (const std::string style : {"scatter", "steps", "gather", "overlap"}) {
    CAPTURE(style);
    const auto big = testing::run_tconv({"animate", "--dims", "1", "--input", "ones", "--input-size", "31", "--weight",
                                         "ones", "-k", "3", "-s", "2", "--style", style, "-O", (dir / style).string()});
    CHECK(big.status == 1);
    CHECK(big.err ==
          "tconv: error: a grid of 65 cells a side is too large to draw (at most 64 in every style); use a smaller "
          "input\n");
    const auto fits =
        testing::run_tconv({"animate", "--dims", "1", "--input", "ones", "--input-size", "30", "--weight", "ones", "-k",
                            "3", "-s", "2", "--style", style, "--scale", "0.25", "-O", (dir / style).string()});
    CHECK(fits.status == 0);
    CHECK(fs::exists(dir / style / "frames.json"));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

TEST_CASE("1-D strip: the output row lines up with the kept cells of the step rows (issue 25, item 1)") {
  // Input 5, kernel 3, stride 2, padding 1: the uncropped row has (5-1)*2 + 3 = 11 cells, of
  // which padding crops cell 0 (and 10). Kept output cell 0 is uncropped cell 1, so the output
  // row starts one cell to the right of the step rows; before the fix it started with them,
  // putting -0.25 under the cropped "0.5*1".
  AxisParams axis;
  axis.kernel = 3;
  axis.stride = 2;
  axis.pad_begin = axis.pad_end = 1;
  ConvParams params;
  params.axes = {axis};
  const SliceTrace trace = trace_slice(Tensor<double>({1, 1, 5}, {0.5, -1.25, 2, 3.5, -0.75}),
                                       Tensor<double>({1, 1, 3}, {1, -0.5, 0.25}), nullptr, params, SliceChoice{});
  const StripLayout strip = make_strip_layout(trace);
  REQUIRE(!strip.step_origins.empty());
  CHECK(strip.output_origin.x == doctest::Approx(strip.step_origins.front().x + strip.cell));
}

}  // namespace
}  // namespace tconv
