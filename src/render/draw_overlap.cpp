// The overlap heat map: how many (input, tap) pairs reach each cell of the uncropped output
// (core/overlap_view.hpp), growing one kernel copy per frame, then the finished map with the
// verdict. Cropped and output_padding cells in the same language as the other styles.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/frame_count.hpp"
#include "render/output_grid.hpp"
#include "render/scatter_scene.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

constexpr double kMargin = 36;
constexpr double kTop = 48;  // room for the title
constexpr double kGridBox = 480;
constexpr double kColumnGap = 48;
constexpr double kColumn = 300;
constexpr double kMaxNumberSize = 18;
constexpr double kWidthBudget = 2000;  // Numbers::Auto: widest grid grown for numbers
constexpr int kStepMs = 700;
constexpr int kLastMs = 4000;

// The count of drawn cell (r, c): view.reach_counts at its uncropped position, 0 past the reach.
int64_t final_count(const OverlapView& view, const OutputGrid& grid, int64_t r, int64_t c) {
  const int64_t ur = grid.rows.first + r, uc = grid.cols.first + c;
  const bool two_d = view.reach.size() == 2;
  const int64_t reach_rows = two_d ? view.reach[0] : 1, reach_cols = view.reach.back();
  if (ur < 0 || ur >= reach_rows || uc < 0 || uc >= reach_cols) return 0;
  return view.reach_counts[static_cast<size_t>(ur * reach_cols + uc)];
}

Rgb cell_fill(CellRole role, int64_t count, int64_t max) {
  if (role == CellRole::Cropped) return theme::kCropped;
  if (count == 0 && role != CellRole::Output) return theme::kOutputPadding;
  return theme::heat(count, max);
}

std::vector<std::string> verdict_lines(const OverlapView& view) {
  std::string period;
  for (size_t a = 0; a < view.axes.size(); ++a) period += (a > 0 ? "x" : "") + std::to_string(view.axes[a].period);
  std::vector<std::string> lines{
      view.uniform ? "Even: away from the borders every cell gets " + std::to_string(view.min) + " (input, tap) pairs."
                   : "Uneven: away from the borders a cell gets " + std::to_string(view.min) + " to " +
                         std::to_string(view.max) + " (input, tap) pairs, in a pattern that repeats every " + period +
                         " cells (one period outlined).",
      "Why: " + view.reason + "."};
  if (!view.uniform) lines.push_back("To make it even: " + view.remedy + ".");
  return lines;
}

struct OverlapPlan {
  OverlapLayout layout;
  OutputGrid grid;
  std::vector<LegendEntry> legend, growth_legend;  // of the finished map, of the steps' frames
  double column_x = 0;
  double text_top = 0, text_width = 0;
  int64_t max_count = 1;
};

OverlapPlan plan_overlap(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options) {
  Canvas scratch(1, 1, 1, SurfaceKind::Raster);
  const MeasureText measure = measurer(scratch);
  OverlapPlan plan;
  OverlapLayout& l = plan.layout;
  plan.grid = make_output_grid(trace);
  const OutputGrid& grid = plan.grid;
  const int64_t n = std::max(grid.rows.count, grid.cols.count);
  const double preferred = std::clamp(std::floor(kGridBox / static_cast<double>(n)), 10.0, 56.0);
  std::set<int64_t> counts;
  for (int64_t r = 0; r < grid.rows.count; ++r)
    for (int64_t c = 0; c < grid.cols.count; ++c) counts.insert(final_count(view, grid, r, c));
  plan.max_count = std::max<int64_t>(1, *counts.rbegin());
  l.cell = preferred;
  if (options.numbers != Numbers::Never) {
    const double width = measure(std::to_string(*counts.rbegin()), 1.0);
    const double needed = std::ceil(std::max(width * type::kMinNumberSize + 2 * type::kCellMarginX,
                                             type::kDigitHeight * type::kMinNumberSize + 2 * type::kCellMarginY));
    const double cell = std::max(preferred, needed);
    if (options.numbers == Numbers::Always || cell * static_cast<double>(n) <= kWidthBudget) {
      l.cell = cell;
      l.numbers = {
          std::min({kMaxNumberSize, std::max(cell * 0.42, type::kMinNumberSize),
                    (cell - 2 * type::kCellMarginX) / width, (cell - 2 * type::kCellMarginY) / type::kDigitHeight}),
          0, ""};
    } else {
      l.numbers.note = kNumbersLeftOut;
    }
  }
  l.grid_origin = {kMargin, kTop};
  const double grid_w = static_cast<double>(grid.cols.count) * l.cell;
  const double grid_h = static_cast<double>(grid.rows.count) * l.cell;
  plan.column_x = kMargin + grid_w + kColumnGap;
  // The growing counts pass through values the finished map may not have (3 on the way to 4):
  // the frames of the steps have their own legend.
  const ScatterScene scene = make_scatter_scene(trace);
  std::set<int64_t> growing;
  std::vector<int64_t> running(static_cast<size_t>(grid.cell_count()), 0);
  for (const ScatterFrame& frame : scene.frames) {
    if (trace.steps[static_cast<size_t>(frame.step)].in_channel != trace.channels.front()) continue;
    for (const FootprintCell& tap : frame.taps)
      growing.insert(++running[static_cast<size_t>(grid.index(tap.row, tap.col))]);
  }
  bool zero_kept = false, zero_added = false;
  for (int64_t r = 0; r < grid.rows.count; ++r)
    for (int64_t c = 0; c < grid.cols.count; ++c) {
      if (final_count(view, grid, r, c) != 0) continue;
      const CellRole role = grid.role(r, c);
      zero_kept = zero_kept || role == CellRole::Output;
      zero_added = zero_added || role == CellRole::OutputPadding || role == CellRole::ZeroExtension;
    }
  const auto legend = [&](const std::set<int64_t>& shown, bool final) {
    std::vector<LegendEntry> entries;
    for (int64_t count : shown) {
      if (count == 0 && !zero_kept) continue;
      entries.push_back({std::to_string(count) + (count == 1 ? " pair" : " pairs"), theme::heat(count, plan.max_count),
                         Swatch::Filled, theme::kStripGridLine});
    }
    if (grid.has_role(CellRole::Cropped)) entries.push_back({"cropped by padding", theme::kCropped});
    if (grid.has_role(CellRole::OutputPadding))
      entries.push_back({"added by output_padding", theme::kWhite, Swatch::Marked});
    if (zero_added) entries.push_back({"added, reached by no pair: 0", theme::kOutputPadding});
    if (grid.has_role(CellRole::Cropped)) entries.push_back({"kept window", theme::kInk, Swatch::Dashed});
    if (!final) entries.push_back({"the kernel copy of the step", theme::kFocus, Swatch::Hollow});
    if (final && !view.uniform) entries.push_back({"one period of the pattern", theme::kPeriod, Swatch::Hollow});
    return entries;
  };
  plan.legend = legend(counts, true);
  plan.growth_legend = legend(growing, false);
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  const double column_bottom = 30 + 52 + 30.0 * static_cast<double>(lines.size() - 1) + 30 +
                               26.0 * static_cast<double>(std::max(plan.legend.size(), plan.growth_legend.size()));
  l.width = plan.column_x + kColumn + kMargin;
  plan.text_width = std::max(640.0, l.width - 2 * kMargin);
  l.width = std::max(l.width, plan.text_width + 2 * kMargin);
  plan.text_top = std::max(kTop + grid_h + 36, column_bottom + 16);
  double text_lines = 1;  // the caption
  for (const std::string& line : verdict_lines(view)) {
    text_lines += static_cast<double>(wrap_text(scratch, line, FontFace::Sans, 15, plan.text_width).size());
  }
  const std::string slice = slice_note(trace);
  for (const std::string& note : {l.numbers.note, slice}) {
    if (!note.empty())
      text_lines += static_cast<double>(wrap_text(scratch, note, FontFace::Sans, 13, plan.text_width).size());
  }
  l.height = plan.text_top + 22 * text_lines + 12;
  return plan;
}

}  // namespace

OverlapLayout make_overlap_layout(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options) {
  return plan_overlap(trace, view, options).layout;
}

void draw_overlap(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options, FrameSink& sink) {
  const OverlapPlan plan = plan_overlap(trace, view, options);
  const OverlapLayout& l = plan.layout;
  const OutputGrid& grid = plan.grid;
  const ScatterScene scene = make_scatter_scene(trace);
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  const double cell = l.cell;
  const auto d = [](int64_t v) { return static_cast<double>(v); };
  // The counts grow with the steps of one input channel (each channel pair has the same map).
  std::vector<size_t> steps;
  for (size_t s = 0; s < trace.steps.size(); ++s)
    if (trace.steps[s].in_channel == trace.channels.front()) steps.push_back(s);
  const bool growth = static_cast<int64_t>(steps.size()) <= kMaxOverlapGrowthFrames;
  std::vector<int64_t> counts(static_cast<size_t>(grid.cell_count()), 0);
  const std::string title = "How many (input, tap) pairs reach each output cell";

  const size_t frames = growth ? steps.size() + 1 : 1;
  size_t next = 0;
  for (size_t f = 0; f < frames; ++f) {
    const bool last = f + 1 == frames;
    const ScatterFrame* frame = nullptr;
    if (!last) {
      frame = &scene.frames[steps[next++]];
      for (const FootprintCell& tap : frame->taps) ++counts[static_cast<size_t>(grid.index(tap.row, tap.col))];
    }
    Canvas canvas(l.width, l.height, options.scale, options.surface);
    cairo_t* cr = canvas.cr();
    canvas.set_font(FontFace::SansBold, 17);
    canvas.set_color(theme::kTitle);
    canvas.text(title, kMargin, 30, Align::Left);
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        const CellRole role = grid.role(r, c);
        const int64_t count = last ? final_count(view, grid, r, c) : counts[static_cast<size_t>(grid.index(r, c))];
        const Rgb fill = cell_fill(role, count, plan.max_count);
        const double x = l.grid_origin.x + d(c) * cell, y = l.grid_origin.y + d(r) * cell;
        canvas.fill_rect(x, y, cell, cell, fill);
        if (role == CellRole::OutputPadding) {
          cairo_rectangle(cr, x + 3.5, y + 3.5, cell - 7, cell - 7);
          mark_output_padding(canvas);
          cairo_new_path(cr);
        }
        canvas.stroke_rect(x, y, cell, cell, theme::kStripGridLine, 0.6);
        if (l.numbers.size > 0 && (last || count > 0)) {
          draw_cell_lines(canvas, {std::to_string(count)}, x + cell / 2, y + cell / 2, l.numbers.size, fill);
        }
      }
    if (grid.has_role(CellRole::Cropped)) {
      const double dashes[2] = {6, 4};
      cairo_set_dash(cr, dashes, 2, 0);
      canvas.stroke_rect(l.grid_origin.x + d(grid.cols.keep_begin - grid.cols.first) * cell,
                         l.grid_origin.y + d(grid.rows.keep_begin - grid.rows.first) * cell,
                         d(grid.cols.keep_end - grid.cols.keep_begin) * cell,
                         d(grid.rows.keep_end - grid.rows.keep_begin) * cell, theme::kInk, 2);
      cairo_set_dash(cr, nullptr, 0, 0);
    }
    if (frame != nullptr) {
      const CellRect& e = frame->extent;
      canvas.stroke_rect(l.grid_origin.x + d(e.col) * cell, l.grid_origin.y + d(e.row) * cell, d(e.cols) * cell,
                         d(e.rows) * cell, theme::kFocus, 3);
    } else if (!view.uniform) {
      // One period of the pattern, in the interior of the kept output when it has one.
      const OverlapAxis& col_axis = view.axes.back();
      const bool two_d = view.axes.size() == 2;
      const int64_t pr = two_d ? view.axes[0].period : 1, pc = col_axis.period;
      const int64_t r0 = two_d ? view.axes[0].interior_begin : 0, c0 = col_axis.interior_begin;
      const bool room = col_axis.interior_end - c0 >= pc && (!two_d || view.axes[0].interior_end - r0 >= pr);
      if (room) {
        canvas.stroke_rect(l.grid_origin.x + d(grid.cols.drawn_of_output(c0)) * cell + 1.5,
                           l.grid_origin.y + d(grid.rows.drawn_of_output(r0)) * cell + 1.5, d(pc) * cell - 3,
                           d(pr) * cell - 3, theme::kPeriod, 3);
      }
    }

    draw_parameter_panel(canvas, lines, plan.column_x, 30);
    draw_legend(canvas, last ? plan.legend : plan.growth_legend, plan.column_x,
                30 + 52 + 30.0 * static_cast<double>(lines.size() - 1) + 30);

    double y = plan.text_top;
    canvas.set_font(FontFace::SansBold, 15);
    canvas.set_color(theme::kInk);
    if (frame != nullptr) {
      canvas.text("Step " + std::to_string(next) + " of " + std::to_string(steps.size()) + ": the kernel copy of " +
                      input_name(trace, trace.channels.front(), frame->in_row, frame->in_col) + " lands (outlined)",
                  kMargin, y, Align::Left);
    } else {
      canvas.text("All " + std::to_string(trace.rows.in * trace.cols.in) + " input elements", kMargin, y, Align::Left);
    }
    y += 24;
    canvas.set_font(FontFace::Sans, 15);
    for (const std::string& text : verdict_lines(view))
      for (const std::string& line : wrap_text(canvas, text, FontFace::Sans, 15, plan.text_width)) {
        canvas.set_font(FontFace::Sans, 15);
        canvas.set_color(theme::kInk);
        canvas.text(line, kMargin, y, Align::Left);
        y += 22;
      }
    for (const std::string& note : {l.numbers.note, slice_note(trace)}) {
      if (note.empty()) continue;
      for (const std::string& line : wrap_text(canvas, note, FontFace::Sans, 13, plan.text_width)) {
        canvas.set_font(FontFace::Sans, 13);
        canvas.set_color(theme::kLegend);
        canvas.text(line, kMargin, y, Align::Left);
        y += 22;
      }
    }
    sink.add(canvas, frame_duration_ms(options, kStepMs, kLastMs, last));
  }
}

}  // namespace tconv
