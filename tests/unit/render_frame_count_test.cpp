// animation_frame_count, the prediction animate checks against its frame cap before drawing,
// against the frames the drawing functions really hand over, for every style and a range of
// layers (strides, padding, dilation, output padding, a 1-D row, several channels); and the
// count from the slice's shape alone, which animate checks before tracing.
#include <doctest/doctest.h>

#include "core/overlap_view.hpp"
#include "render/article_figures.hpp"
#include "render/draw.hpp"
#include "render/frame_count.hpp"
#include "unit/render_test_support.hpp"

namespace tconv {
namespace {

// Counts frames without keeping them.
struct CountFrames : FrameSink {
  int64_t count = 0;
  void add(Canvas&, int) override { ++count; }
};

struct Traced {
  SliceTrace trace;
  OverlapView overlap;
  SliceShape shape;  // the same slice from its shapes alone (what animate checks before tracing)
};

Traced trace_of(const Shape& input_shape, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation,
                int64_t output_padding) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  axis.pad_begin = axis.pad_end = padding;
  axis.dilation = dilation;
  axis.output_padding = output_padding;
  ConvParams params;
  params.axes.assign(input_shape.size() - 2, axis);
  Shape weight_shape{input_shape[1], 1};
  for (size_t i = 2; i < input_shape.size(); ++i) weight_shape.push_back(kernel);
  const Tensor<double> input(input_shape, std::vector<double>(static_cast<size_t>(element_count(input_shape)), 1.0));
  const Tensor<double> weight(weight_shape, std::vector<double>(static_cast<size_t>(element_count(weight_shape)), 1.0));
  const Shape spatial(input_shape.begin() + 2, input_shape.end());
  return {trace_slice(input, weight, nullptr, params, SliceChoice{}), overlap_view(params, spatial),
          slice_shape(input_shape, weight_shape, -1, params, SliceChoice{})};
}

TEST_CASE("the predicted frame count is the number of frames drawn") {
  DrawOptions options;
  options.numbers = Numbers::Never;
  options.scale = 0.25;  // small canvases: the count does not depend on the size
  const Traced traces[] = {
      trace_of({1, 1, 2, 2}, 3, 1, 0, 1, 0), trace_of({1, 1, 3, 2}, 3, 2, 1, 1, 1),
      trace_of({1, 1, 2, 3}, 2, 1, 0, 2, 0), trace_of({1, 1, 5}, 3, 2, 0, 1, 0),
      trace_of({1, 2, 2, 2}, 2, 2, 0, 1, 0),
  };
  for (const Traced& traced : traces) {
    const SliceTrace& trace = traced.trace;
    CountFrames scatter, steps, gather, overlap;
    draw_scatter(trace, options, scatter);
    draw_steps(trace, options, steps);
    draw_gather(trace, options, gather);
    draw_overlap(trace, traced.overlap, options, overlap);
    CHECK(animation_frame_count(trace, AnimationStyle::Scatter) == scatter.count);
    CHECK(animation_frame_count(trace, AnimationStyle::Steps) == steps.count);
    CHECK(animation_frame_count(trace, AnimationStyle::Gather) == gather.count);
    CHECK(animation_frame_count(trace, AnimationStyle::Overlap) == overlap.count);
    CHECK(animation_frame_count(traced.shape, AnimationStyle::Scatter) == scatter.count);
    CHECK(animation_frame_count(traced.shape, AnimationStyle::Steps) == steps.count);
    CHECK(animation_frame_count(traced.shape, AnimationStyle::Gather) == gather.count);
    CHECK(animation_frame_count(traced.shape, AnimationStyle::Overlap) == overlap.count);
  }
  // By hand for the first: 2x2 input -> 4 scatter frames, 4 steps + the strip, 4x4 output cells.
  CHECK(animation_frame_count(traces[0].trace, AnimationStyle::Scatter) == 4);
  CHECK(animation_frame_count(traces[0].trace, AnimationStyle::Steps) == 5);
  CHECK(animation_frame_count(traces[0].trace, AnimationStyle::Gather) == 16);
  // The overlap map: 4 kernel copies landing, then the finished map; the 2-channel input
  // (the last) grows with its first channel only: 4 steps + 1.
  CHECK(animation_frame_count(traces[0].trace, AnimationStyle::Overlap) == 5);
  CHECK(animation_frame_count(traces[4].trace, AnimationStyle::Overlap) == 5);
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

// Records how long each frame shows.
struct FrameTimes : FrameSink {
  std::vector<int> durations;
  void add(Canvas&, int duration_ms) override { durations.push_back(duration_ms); }
};

TEST_CASE("figure frame count: the frames draw_article_figure hands over, known before drawing") {
  // By hand: a 2x2 input gives 4 scatter steps; the strips (Figures 2, 4, 6, 8, 11) add the
  // finished strip; Figure 9 is one picture of the four dilated kernels.
  const int64_t expected[] = {4, 5, 4, 5, 4, 5, 4, 5, 1, 4, 5};
  for (int number = 1; number <= 11; ++number) {
    CAPTURE(number);
    CountFrames drawn;
    draw_article_figure(number, DrawOptions{}, drawn);
    CHECK(figure_frame_count(number) == expected[number - 1]);
    CHECK(drawn.count == expected[number - 1]);
  }
}

TEST_CASE("frame timing: each style's own pace, or --delay with the last frame held 3 times as long") {
  DrawOptions options;
  CHECK(frame_duration_ms(options, 1200, 3000, false) == 1200);
  CHECK(frame_duration_ms(options, 1200, 3000, true) == 3000);
  options.delay_ms = 250;
  CHECK(frame_duration_ms(options, 1200, 3000, false) == 250);
  CHECK(frame_duration_ms(options, 1200, 3000, true) == 750);
  // Drawn: Figure 1 (scatter, 4 frames) at 250 ms shows 250, 250, 250 and 750.
  FrameTimes times;
  draw_article_figure(1, options, times);
  CHECK(times.durations == std::vector<int>{250, 250, 250, 750});
  // Without --delay, scatter's 1000 ms a frame, the finished output 3000.
  FrameTimes own;
  draw_article_figure(1, DrawOptions{}, own);
  CHECK(own.durations == std::vector<int>{1000, 1000, 1000, 3000});
}

}  // namespace
}  // namespace tconv
