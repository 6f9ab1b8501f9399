// Pixel probes on rendered frames: the colour at the centre of a cell in frame k, at the
// positions the layout reports. Numbers are switched off where a probe sits on a cell centre
// (the digits would cover it), and checked separately.
#include <doctest/doctest.h>

#include <cmath>

#include "core/overlap_view.hpp"
#include "render/article_figures.hpp"
#include "render/canvas.hpp"
#include "render/cell_text.hpp"
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
  options.numbers = numbers ? Numbers::Auto : Numbers::Never;
  options.scale = scale;
  draw_scatter(trace, options, sink);
  return std::move(sink.frames);
}

TEST_CASE("Figure 1 frames: the current input cell is dark, its footprint lavender") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
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
  // Drawn without numbers: a cell no step reached yet has its own colour, then the output's.
  const Point outside = layout.output_center(3, 3);
  CHECK(pixel_at(frames[0].image, outside.x, outside.y) == pixel_of(theme::kStripUntouched));
  CHECK(pixel_at(frames[2].image, outside.x, outside.y) ==
        pixel_of(theme::kStripUntouched));  // (1,0): rows 1-3, cols 0-2
}

TEST_CASE("Figure 5 frames: the cropped ring has the cropped colour, its own under the footprint") {
  const SliceTrace trace = article_trace(3, 2, 1, 0, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto frames = scatter_frames(trace, false);
  const Point ring = layout.output_center(4, 4);
  CHECK(pixel_at(frames[0].image, ring.x, ring.y) == pixel_of(theme::kCropped));
  const Point lit = layout.output_center(0, 1);
  CHECK(pixel_at(frames[0].image, lit.x, lit.y) == pixel_of(theme::kFootprintCropped));
  // Kept cell (3,3) is uncropped (4,4): only input (1,1) reaches it (rows and columns 2-4),
  // in the last frame; before, drawn without numbers, it is "not reached yet".
  const Point kept = layout.output_center(3, 3);
  CHECK(pixel_at(frames[0].image, kept.x, kept.y) == pixel_of(theme::kStripUntouched));
  CHECK(pixel_at(frames[3].image, kept.x, kept.y) == pixel_of(theme::kFootprint));
}

TEST_CASE("Figure 7 frames: output_padding cells keep their own colour") {
  const SliceTrace trace = article_trace(3, 2, 0, 1, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto frames = scatter_frames(trace, false);
  const Point corner = layout.output_center(5, 5);
  CHECK(pixel_at(frames[3].image, corner.x, corner.y) == pixel_of(theme::kOutputPadding));
}

TEST_CASE("--scale 2 doubles the frame and keeps the probes") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto one = scatter_frames(trace, false, 1.0);
  const auto two = scatter_frames(trace, false, 2.0);
  CHECK(two[0].image.width == 2 * one[0].image.width);
  CHECK(two[0].image.height == 2 * one[0].image.height);
  const Point current = layout.input_center(0, 0);
  CHECK(pixel_at(two[0].image, current.x, current.y, 2.0) == pixel_of(theme::kInputCurrent));
}

TEST_CASE("numbers are drawn in the cells when asked") {
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
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
  KeepFrames sink;
  DrawOptions options;
  options.numbers = Numbers::Never;
  const StripLayout layout = make_strip_layout(trace, options);
  draw_steps(trace, options, sink);
  REQUIRE(sink.frames.size() == 5);
  CHECK(sink.frames[0].duration_ms == 1200);
  CHECK(sink.frames[4].duration_ms == 3000);
  const double cell = layout.cell;
  // Frame 0: step 1 drawn (cell (3,3) not reached yet: without numbers it is pale), step 2
  // still a placeholder.
  const Point s1 = layout.step_origins[0], s2 = layout.step_origins[1];
  CHECK(pixel_at(sink.frames[0].image, s1.x + 3.5 * cell, s1.y + 3.5 * cell) == pixel_of(theme::kStripUntouched));
  CHECK(pixel_at(sink.frames[0].image, s1.x + 1.5 * cell, s1.y + 1.5 * cell) == pixel_of(theme::kStripCell));
  CHECK(pixel_at(sink.frames[0].image, s2.x + 1.5 * cell, s2.y + 1.5 * cell) == pixel_of(theme::kPlaceholder));
  CHECK(pixel_at(sink.frames[1].image, s2.x + 1.5 * cell, s2.y + 1.5 * cell) == pixel_of(theme::kStripCell));
  // The footprint outline of step 1 runs along the left edge of the grid.
  CHECK(pixel_at(sink.frames[0].image, s1.x + 1, s1.y + 1.5 * cell) == test::Pixel{0, 0, 0});
  // The output panel appears in the last frame only.
  const Point out = layout.output_origin;
  CHECK(pixel_at(sink.frames[3].image, out.x + 0.5 * cell, out.y + 0.5 * cell) == pixel_of(theme::kPlaceholder));
  CHECK(pixel_at(sink.frames[4].image, out.x + 0.5 * cell, out.y + 0.5 * cell) == pixel_of(theme::kStripCell));
  // The input cell of the current step is highlighted.
  const Point in = layout.input_origins[0];
  CHECK(pixel_at(sink.frames[2].image, in.x + 0.5 * layout.input_cell, in.y + 1.5 * layout.input_cell) ==
        pixel_of(theme::kInputCurrent));
}

TEST_CASE("Figure 1 frame 3: the connectors start at the corners of the current input cell, above both planes") {
  // Input (1, 0) is current; its top corner is the input plane's centre, corner (1, 1). The
  // line from it to the footprint's corner (1, 3) crosses input cell (0, 1): a few pixels along
  // it, the pixel is the connector's grey, not the input's teal (it was hidden behind the plane).
  const SliceTrace trace = article_trace(3, 1, 0, 0, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto frames = scatter_frames(trace, false);
  const Point from = layout.input_corner(1, 1), to = layout.output_corner(1, 3);
  const double length = std::hypot(to.x - from.x, to.y - from.y);
  const Point along{from.x + (to.x - from.x) * 3.2 / length, from.y + (to.y - from.y) * 3.2 / length};
  const test::Pixel p = pixel_at(frames[2].image, along.x, along.y);
  CHECK(p != pixel_of(theme::kInput));
  CHECK(p.g < pixel_of(theme::kInput).g);  // darker: the grey line over the teal cell
  // The corner itself carries a dot of the connector's colour.
  CHECK(pixel_at(frames[2].image, from.x, from.y) == pixel_of(theme::kConnector));
}

TEST_CASE("the last scatter frame shows 0 in the cells nothing reached (Figure 10's holes)") {
  const SliceTrace trace = article_trace(2, 2, 0, 0, 2);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto frames = scatter_frames(trace, true);
  const Point hole = layout.output_center(1, 1);  // odd row and column: a hole of every footprint
  const auto ink = [&](const RgbImage& image) {
    int count = 0;
    for (int dy = -4; dy <= 4; ++dy)
      for (int dx = -4; dx <= 4; ++dx) count += pixel_at(image, hole.x + dx, hole.y + dy) != pixel_of(theme::kOutput);
    return count;
  };
  CHECK(ink(frames[0].image) == 0);
  CHECK(ink(frames[3].image) > 5);
}

TEST_CASE("k3 s2 p1 op1: the added row holds values and is marked as output_padding") {
  // Uncropped 5x5, kept [1, 5): row and column 4 are added by output_padding (values 4, 7, ...).
  const SliceTrace trace = article_trace(3, 2, 1, 1, 1);
  const ScatterLayout layout = make_scatter_layout(trace);
  const auto frames = scatter_frames(trace, false);
  const Point added = layout.output_center(4, 1);  // not under frame 0's footprint
  CHECK(pixel_at(frames[0].image, added.x, added.y) == pixel_of(theme::kOutputPadding));
  // The dashed mark: some pixel on the inset diamond's edge is the mark's colour.
  int marked = 0;
  const Point a = layout.output_corner(4.1, 1.1), b = layout.output_corner(4.1, 1.9);
  for (int i = 0; i <= 20; ++i) {
    const double t = i / 20.0;
    marked +=
        pixel_at(frames[0].image, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t) == pixel_of(theme::kOutputPaddingEdge);
  }
  CHECK(marked > 0);
  const Point cropped = layout.output_center(0, 3);
  CHECK(pixel_at(frames[3].image, cropped.x, cropped.y) == pixel_of(theme::kCropped));
}

TEST_CASE("the scatter shows the kernel's weights beside the planes") {
  AxisParams axis;
  axis.kernel = 2;
  ConvParams params;
  params.axes = {axis, axis};
  const SliceTrace trace =
      trace_slice(Tensor<double>({1, 1, 1, 1}, {1}), Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4}), nullptr, params, {});
  const ScatterLayout layout = make_scatter_layout(trace);
  CHECK(layout.kernel_number_size >= type::kMinNumberSize);
  const auto frames = scatter_frames(trace, true);
  const double k = layout.kernel_cell;
  // The kernel panel's cells are the footprint's lavender, with a digit in each.
  const Point cell{layout.kernel_origin.x + 1.5 * k, layout.kernel_origin.y + 0.5 * k};
  CHECK(pixel_at(frames[0].image, cell.x - k / 2 + 2, cell.y - k / 2 + 2) == pixel_of(theme::kFootprint));
  int ink = 0;
  for (int dy = -5; dy <= 5; ++dy)
    for (int dx = -5; dx <= 5; ++dx)
      ink += pixel_at(frames[0].image, cell.x + dx, cell.y + dy) != pixel_of(theme::kFootprint);
  CHECK(ink > 5);
}

TEST_CASE("the overlap map: heat by count, cropped and output_padding in the shared colours") {
  // k3 s2 p1 op1 on 2x2: uncropped 5x5 reach, counts per axis 1 1 2 1 1: the centre 4, corners 1.
  const SliceTrace trace = article_trace(3, 2, 1, 1, 1);
  ConvParams params;
  params.axes = {trace.rows.params, trace.cols.params};
  const OverlapView view = overlap_view(params, {2, 2});
  const OverlapLayout layout = make_overlap_layout(trace, view);
  KeepFrames sink;
  DrawOptions options;
  options.numbers = Numbers::Never;
  draw_overlap(trace, view, options, sink);
  REQUIRE(sink.frames.size() == 5);  // 4 steps, then the finished map
  const RgbImage& last = sink.frames.back().image;
  const auto center = [&](int64_t r, int64_t c) {
    return Point{layout.grid_origin.x + (static_cast<double>(c) + 0.5) * layout.cell,
                 layout.grid_origin.y + (static_cast<double>(r) + 0.5) * layout.cell};
  };
  const Point mid = center(2, 2), one = center(1, 1), cropped = center(0, 2), added = center(4, 4);
  CHECK(pixel_at(last, mid.x, mid.y) == pixel_of(theme::heat(4, 4)));
  CHECK(pixel_at(last, one.x, one.y) == pixel_of(theme::heat(1, 4)));
  CHECK(pixel_at(last, cropped.x, cropped.y) == pixel_of(theme::kCropped));
  CHECK(pixel_at(last, added.x, added.y) == pixel_of(theme::heat(1, 4)));  // reached once, and marked
  // After the first step only the first kernel copy has landed: the centre holds 1.
  CHECK(pixel_at(sink.frames[0].image, mid.x, mid.y) == pixel_of(theme::heat(1, 4)));
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

namespace tconv {
namespace {

TEST_CASE("scatter without numbers: cells no step reached yet have the strip's colour (issue 25, item 6)") {
  // Figure 1's layer with numbers dropped: frame 0 (input (0,0), taps on output rows and
  // columns 0-2) leaves output cell (3,3) unreached: "not reached yet"; the last frame reached
  // it (input (1,1)'s taps cover rows and columns 1-3), and with numbers it is output-coloured
  // from the start (the values say which cells are reached).
  const SliceTrace trace = test::article_trace(3, 1, 0, 0, 1);
  DrawOptions options;
  options.numbers = Numbers::Never;
  const ScatterLayout layout = make_scatter_layout(trace, options);
  test::KeepFrames sink;
  draw_scatter(trace, options, sink);
  REQUIRE(sink.frames.size() == 4);
  const Point far = layout.output_center(3, 3);
  CHECK(test::pixel_at(sink.frames[0].image, far.x, far.y) == test::pixel_of(theme::kStripUntouched));
  const Point near = layout.output_center(0, 3);  // column 3 is out of frame 0's reach too
  CHECK(test::pixel_at(sink.frames[1].image, near.x, near.y) ==
        test::pixel_of(theme::kFootprint));  // frame 1 reaches it
  CHECK(test::pixel_at(sink.frames[3].image, near.x, near.y) == test::pixel_of(theme::kOutput));
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

TEST_CASE("scatter: the dashed connector lines stop at every number's box (issue 25, item 4)") {
  // A 3x3 input, kernel 2, stride 2, as in the 2-channel layer: the connectors of an
  // input cell run over the numbers of the cells beside it, on both planes. Inside a number's
  // box (its width and the digits' height) no pixel may have the connector's own grey, which
  // neither the digits' ink nor any fill has. Before the fix the lines ran between the digits
  // (the halo only outlines each glyph).
  AxisParams axis;
  axis.kernel = 2;
  axis.stride = 2;
  ConvParams params;
  params.axes = {axis, axis};
  const Tensor<double> input({1, 1, 3, 3}, {0.777, 0.397, 0.424, -0.04, -0.328, 0.435, 0.598, -0.388, -0.792});
  const Tensor<double> weight({1, 1, 2, 2}, {0.086, 0.362, 0.702, 0.589});
  const SliceTrace trace = trace_slice(input, weight, nullptr, params, SliceChoice{});
  DrawOptions options;
  options.numbers = Numbers::Always;
  const ScatterLayout layout = make_scatter_layout(trace, options);
  KeepFrames sink;
  draw_scatter(trace, options, sink);
  const ScatterScene scene = make_scatter_scene(trace);
  Canvas measure(10, 10, 1.0, SurfaceKind::Raster);
  const double size = layout.numbers.size;
  REQUIRE(size > 0);
  const test::Pixel grey = pixel_of(theme::kConnector);  // #676767
  int touching = 0, probed = 0;
  const auto probe = [&](const RgbImage& image, const std::string& text, const Point& center) {
    const double w = measure.text_width(text, FontFace::Sans, size), h = size * type::kDigitHeight;
    for (double y = center.y - h / 2; y <= center.y + h / 2; y += 1)
      for (double x = center.x - w / 2; x <= center.x + w / 2; x += 1) {
        ++probed;
        const test::Pixel p = pixel_at(image, x, y);
        // The connector's grey, whole or blended with a fill: near-neutral and mid-dark. The
        // fills are coloured, the digits' ink darker, the separators white.
        const bool neutral = std::abs(p.r - p.g) <= 8 && std::abs(p.g - p.b) <= 8;
        if (neutral && p.g >= grey.g - 20 && p.g <= grey.g + 60) ++touching;
      }
  };
  for (size_t f = 0; f < scene.frames.size(); ++f) {
    const ScatterFrame& frame = scene.frames[f];
    const RgbImage& image = sink.frames[f].image;
    for (int64_t r = 0; r < scene.grid.rows.count; ++r)
      for (int64_t c = 0; c < scene.grid.cols.count; ++c) {
        const auto i = static_cast<size_t>(scene.grid.index(r, c));
        if (frame.touched[i])
          probe(image, format_number(frame.totals[i], layout.numbers.decimals), layout.output_center(r, c));
      }
    for (int64_t r = 0; r < 3; ++r)
      for (int64_t c = 0; c < 3; ++c) {
        probe(image, format_number(input.data[static_cast<size_t>(r * 3 + c)], layout.numbers.decimals),
              layout.input_center(r, c));
      }
  }
  CHECK(probed > 0);
  CHECK(touching == 0);
}

}  // namespace
}  // namespace tconv
