// Pixel probes on rendered frames: the colour at the centre of a cell in frame k, at the
// positions the layout reports. Numbers are switched off where a probe sits on a cell centre
// (the digits would cover it), and checked separately.
#include <doctest/doctest.h>

#include "render/article_figures.hpp"
#include "render/png_encoder.hpp"
#include "render/scatter_scene.hpp"
#include "render/theme.hpp"
#include "unit/render_test_support.hpp"

namespace tconv {
namespace {

using test::article_trace;
using test::KeepFrames;
using test::pixel_at;
using test::pixel_of;

std::vector<test::Frame> scatter_frames(const SliceTrace& trace, bool numbers, double scale = 1.0) {
  KeepFrames sink;
  DrawOptions options;
  options.numbers = numbers;
  options.scale = scale;
  draw_scatter(trace, options, sink);
  return std::move(sink.frames);
}

TEST_CASE("Figure 1 frames: the current input cell is dark, its footprint lavender") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(make_scatter_scene(trace));
  const auto frames = scatter_frames(trace, false);
  REQUIRE(frames.size() == 4);
  CHECK(frames[0].duration_ms == 1000);
  for (size_t k = 0; k < 4; ++k) {
    CAPTURE(k);
    const int64_t row = static_cast<int64_t>(k / 2), col = static_cast<int64_t>(k % 2);
    const Point current = layout.input_center(row, col);
    CHECK(pixel_at(frames[k].image, current.x, current.y) == pixel_of(theme::kInputCurrent));
    const Point other = layout.input_center(1 - row, 1 - col);
    CHECK(pixel_at(frames[k].image, other.x, other.y) == pixel_of(theme::kInput));
    // The middle of the footprint, and a cell outside it.
    const Point inside = layout.output_center(row + 1, col + 1);
    CHECK(pixel_at(frames[k].image, inside.x, inside.y) == pixel_of(theme::kFootprint));
  }
  const Point outside = layout.output_center(3, 3);
  CHECK(pixel_at(frames[0].image, outside.x, outside.y) == pixel_of(theme::kOutput));
}

TEST_CASE("Figure 5 frames: the cropped ring is white, lit grey under the footprint") {
  const SliceTrace trace = article_trace(3, 2, 1, 0, 1);
  const ScatterLayout layout = make_scatter_layout(make_scatter_scene(trace));
  const auto frames = scatter_frames(trace, false);
  const Point ring = layout.output_center(4, 4);
  CHECK(pixel_at(frames[0].image, ring.x, ring.y) == pixel_of(theme::kCropped));
  const Point lit = layout.output_center(0, 1);
  CHECK(pixel_at(frames[0].image, lit.x, lit.y) == pixel_of(theme::kFootprintCropped));
  const Point kept = layout.output_center(3, 3);
  CHECK(pixel_at(frames[0].image, kept.x, kept.y) == pixel_of(theme::kOutput));
}

TEST_CASE("Figure 7 frames: output_padding cells keep their own colour") {
  const SliceTrace trace = article_trace(3, 2, 0, 1, 1);
  const ScatterLayout layout = make_scatter_layout(make_scatter_scene(trace));
  const auto frames = scatter_frames(trace, false);
  const Point corner = layout.output_center(5, 5);
  CHECK(pixel_at(frames[3].image, corner.x, corner.y) == pixel_of(theme::kOutputPadding));
}

TEST_CASE("--scale 2 doubles the frame and keeps the probes") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(make_scatter_scene(trace));
  const auto one = scatter_frames(trace, false, 1.0);
  const auto two = scatter_frames(trace, false, 2.0);
  CHECK(two[0].image.width == 2 * one[0].image.width);
  CHECK(two[0].image.height == 2 * one[0].image.height);
  const Point current = layout.input_center(0, 0);
  CHECK(pixel_at(two[0].image, current.x, current.y, 2.0) == pixel_of(theme::kInputCurrent));
}

TEST_CASE("numbers are drawn in the cells when asked") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(make_scatter_scene(trace));
  const auto with = scatter_frames(trace, true);
  const auto without = scatter_frames(trace, false);
  // Around the centre of input cell (1, 1) (value 4, not current in frame 0): the digit's pixels.
  const auto digit_pixels = [&](const RgbImage& image) {
    const Point c = layout.input_center(1, 1);
    int count = 0;
    for (int dy = -6; dy <= 6; ++dy)
      for (int dx = -6; dx <= 6; ++dx) count += pixel_at(image, c.x + dx, c.y + dy) != pixel_of(theme::kInput);
    return count;
  };
  CHECK(digit_pixels(without[0].image) == 0);
  CHECK(digit_pixels(with[0].image) > 5);
}

TEST_CASE("Figure 2 frames: one step revealed per frame, then the whole strip") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const StripLayout layout = make_strip_layout(trace);
  KeepFrames sink;
  DrawOptions options;
  options.numbers = false;
  draw_steps(trace, options, sink);
  REQUIRE(sink.frames.size() == 5);
  CHECK(sink.frames[0].duration_ms == 1200);
  CHECK(sink.frames[4].duration_ms == 3000);
  const double cell = layout.cell;
  // Frame 0: step 1 drawn (cell (3,3) untouched but an output cell), step 2 still a placeholder.
  const Point s1 = layout.step_origins[0], s2 = layout.step_origins[1];
  CHECK(pixel_at(sink.frames[0].image, s1.x + 3.5 * cell, s1.y + 3.5 * cell) == pixel_of(theme::kStripCell));
  CHECK(pixel_at(sink.frames[0].image, s2.x + 1.5 * cell, s2.y + 1.5 * cell) == pixel_of(theme::kPlaceholder));
  CHECK(pixel_at(sink.frames[1].image, s2.x + 1.5 * cell, s2.y + 1.5 * cell) == pixel_of(theme::kStripCell));
  // The footprint outline of step 1 runs along the left edge of the grid.
  CHECK(pixel_at(sink.frames[0].image, s1.x + 1, s1.y + 1.5 * cell) == test::Pixel{0, 0, 0});
  // The output panel appears in the last frame only.
  const Point out = layout.output_origin;
  CHECK(pixel_at(sink.frames[3].image, out.x + 0.5 * cell, out.y + 0.5 * cell) == pixel_of(theme::kPlaceholder));
  CHECK(pixel_at(sink.frames[4].image, out.x + 0.5 * cell, out.y + 0.5 * cell) == pixel_of(theme::kStripCell));
  // The input cell of the current step is highlighted.
  const Point in = layout.input_origin;
  CHECK(pixel_at(sink.frames[2].image, in.x + 0.5 * layout.input_cell, in.y + 1.5 * layout.input_cell) ==
        pixel_of(theme::kInputCurrent));
}

TEST_CASE("frame counts of the article's figures") {
  const int expected[12] = {0, 4, 5, 4, 5, 4, 5, 4, 5, 1, 4, 5};
  for (int figure = 1; figure <= kArticleFigureCount; ++figure) {
    CAPTURE(figure);
    KeepFrames sink;
    DrawOptions options;
    options.scale = 0.25;  // counts only: small frames are quick
    draw_article_figure(figure, options, sink);
    CHECK(static_cast<int>(sink.frames.size()) == expected[figure]);
  }
}

TEST_CASE("rendering is deterministic: the same figure gives the same PNG bytes") {
  KeepFrames a, b;
  DrawOptions options;
  draw_article_figure(10, options, a);
  draw_article_figure(10, options, b);
  REQUIRE(a.frames.size() == b.frames.size());
  for (size_t i = 0; i < a.frames.size(); ++i) CHECK(encode_png(a.frames[i].image) == encode_png(b.frames[i].image));
}

}  // namespace
}  // namespace tconv
