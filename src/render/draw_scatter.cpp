// The scatter animation: the article's Figures 1, 3, 5, 7 and 10, with numbers and the kernel.
#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/steps_scene.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

// The article's planes: 95 x 39 px cell diamonds, columns toward the upper right, rows toward
// the lower right, so that element (0, 0) is the plane's left corner.
constexpr double kArticleUnit = 47.5;
constexpr double kFlatten = 0.4137;  // diamond height / width
constexpr double kMaxPlaneWidth = 520;
constexpr double kMinUnit = 22;
// Numbers::Auto grows the planes for readable numbers up to this width, then leaves them out.
constexpr double kNumberPlaneBudget = 1400;
constexpr double kMaxNumberSize = 15;
constexpr double kLeft = 84;  // room for the "Output" / "Input" labels
constexpr double kTop = 26;
constexpr double kPlaneGap = 58;
constexpr double kColumnGap = 44;
constexpr double kMinColumn = 286;
constexpr double kKernelPanelBudget = 360;  // widest kernel panel with numbers
constexpr int kFrameMs = 1000;              // the last frame, the finished output, kLastFrameHold times as long

void diamond(cairo_t* cr, const Point& a, const Point& b, const Point& c, const Point& d) {
  cairo_move_to(cr, a.x, a.y);
  cairo_line_to(cr, b.x, b.y);
  cairo_line_to(cr, c.x, c.y);
  cairo_line_to(cr, d.x, d.y);
  cairo_close_path(cr);
}

template <typename Corner>
void cell_path(cairo_t* cr, const Corner& corner, double r, double c, double rows = 1, double cols = 1) {
  diamond(cr, corner(r, c), corner(r, c + cols), corner(r + rows, c + cols), corner(r + rows, c));
}

Rgb output_fill(CellRole role, bool in_footprint) {
  if (in_footprint) return role == CellRole::Cropped ? theme::kFootprintCropped : theme::kFootprint;
  switch (role) {
    case CellRole::Output:
      return theme::kOutput;
    case CellRole::OutputPadding:
    case CellRole::ZeroExtension:
      return theme::kOutputPadding;
    case CellRole::Cropped:
      return theme::kCropped;
  }
  return theme::kOutput;
}

bool dilated(const SliceTrace& trace) { return trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1; }

// The kernel panel of every input channel of the slice (one per frame's channel).
std::vector<KernelPanel> channel_kernels(const SliceTrace& trace) {
  std::vector<KernelPanel> kernels(trace.channels.size());
  std::vector<char> done(trace.channels.size(), 0);
  for (size_t s = 0; s < trace.steps.size(); ++s) {
    const auto c = static_cast<size_t>(
        std::find(trace.channels.begin(), trace.channels.end(), trace.steps[s].in_channel) - trace.channels.begin());
    if (!done[c]) kernels[c] = make_kernel_panel(trace, s);
    done[c] = 1;
  }
  for (size_t c = 0; c < kernels.size(); ++c)
    if (!done[c]) kernels[c] = make_kernel_panel(trace, trace.steps.size());
  return kernels;
}

// numbers: whether the cells show values; without them, cells no step reached yet get the
// strip's "not reached yet" colour (with them, such cells are blank).
std::vector<LegendEntry> legend_entries(const ScatterScene& scene, const SliceTrace& trace, bool numbers) {
  std::vector<LegendEntry> entries = role_legend(scene.grid, theme::kCropped, theme::kOutputPadding);
  if (scene.taps_cropped) entries.push_back({"kernel over the cropped border", theme::kFootprintCropped});
  entries.push_back({dilated(trace) ? "kernel taps" : "kernel", theme::kFootprint});
  if (dilated(trace)) entries.push_back({"dilated kernel extent", theme::kFootprintExtent, Swatch::Hollow});
  entries.push_back({"output", theme::kOutput});
  if (!numbers) entries.push_back({"not reached yet", theme::kStripUntouched});
  entries.push_back({"input", theme::kInput});
  entries.push_back({"current input", theme::kInputCurrent});
  return entries;
}

// "Step 3 of 4" and "input (1, 0) = 3, times the kernel".
std::vector<std::string> caption(const SliceTrace& trace, const ScatterScene& scene, const ScatterFrame& frame,
                                 int decimals) {
  return {"Step " + std::to_string(frame.step + 1) + " of " + std::to_string(scene.frames.size()),
          input_name(trace, trace.channels[static_cast<size_t>(frame.channel_index)], frame.in_row, frame.in_col) +
              " = " + format_number(frame.value, decimals) + ", times the kernel"};
}

std::string kernel_label(const SliceTrace& trace, int64_t channel_index) {
  std::string label = dilated(trace) ? "Kernel (dilated)" : "Kernel";
  if (trace.channels.size() > 1) label += " c" + std::to_string(trace.channels[static_cast<size_t>(channel_index)]);
  return label;
}

double widest(const MeasureText& measure, const std::vector<double>& values, int decimals) {
  double width = 0;
  for (double v : values) width = std::max(width, measure(format_number(v, decimals), 1.0));
  return width;
}

// The half-width of a diamond whose numbers of this width (at size 1) are `size` px.
double unit_for(double width_at_1, double size) {
  return ((width_at_1 * size + 2 * type::kCellMarginX) +
          (type::kDigitHeight * size + 2 * type::kCellMarginY) / kFlatten) /
         2;
}

}  // namespace

Point ScatterLayout::output_corner(double row, double col) const {
  return {output_origin.x + (col + row) * unit_x, output_origin.y + (row - col) * unit_y};
}

Point ScatterLayout::input_corner(double row, double col) const {
  return {input_origin.x + (col + row) * unit_x, input_origin.y + (row - col) * unit_y};
}

ScatterLayout make_scatter_layout(const SliceTrace& trace, const DrawOptions& options) {
  const ScatterScene scene = make_scatter_scene(trace);
  Canvas scratch(1, 1, 1, SurfaceKind::Raster);
  const MeasureText measure = measurer(scratch);
  const auto out_rows = static_cast<double>(scene.grid.rows.count);
  const auto out_cols = static_cast<double>(scene.grid.cols.count);
  const auto in_rows = static_cast<double>(scene.in_rows);
  const auto in_cols = static_cast<double>(scene.in_cols);
  const double diagonal = std::max(out_rows + out_cols, in_rows + in_cols);
  ScatterLayout layout;

  // Numbers: one size for both planes and every frame, so that frames do not jump.
  std::vector<double> values{0};
  for (const ScatterFrame& frame : scene.frames)
    for (size_t i = 0; i < frame.totals.size(); ++i)
      if (frame.touched[i]) values.push_back(frame.totals[i]);
  for (const std::vector<double>& plane : trace.input) values.insert(values.end(), plane.begin(), plane.end());
  const double preferred = std::clamp(kMaxPlaneWidth / diagonal, kMinUnit, kArticleUnit);
  layout.unit_x = preferred;
  if (options.numbers != Numbers::Never) {
    for (int decimals : {3, 2}) {
      const double size =
          diamond_text_size(widest(measure, values, decimals), preferred, preferred * kFlatten, kMaxNumberSize);
      if (size >= type::kMinNumberSize) {
        layout.numbers = {size, decimals, ""};
        break;
      }
    }
    if (layout.numbers.size == 0) {
      const double width = widest(measure, values, 2);
      const double needed = unit_for(width, type::kMinNumberSize) + 0.01;
      if (options.numbers == Numbers::Always || diagonal * needed <= kNumberPlaneBudget) {
        layout.unit_x = needed;
        layout.numbers = {diamond_text_size(width, needed, needed * kFlatten, kMaxNumberSize), 2, ""};
      } else {
        layout.numbers.note = kNumbersLeftOut;
      }
    }
  }
  layout.unit_y = layout.unit_x * kFlatten;

  const double out_width = (out_rows + out_cols) * layout.unit_x;
  layout.output_origin = {kLeft, kTop + out_cols * layout.unit_y};
  const double out_bottom = layout.output_origin.y + out_rows * layout.unit_y;
  // The input plane sits below and a little to the left, as in the article.
  const double in_width = (in_rows + in_cols) * layout.unit_x;
  const double in_left = std::max(kLeft, kLeft + out_width * 0.28 - in_width / 2);
  layout.input_origin = {in_left, out_bottom + kPlaneGap + in_cols * layout.unit_y};
  const double in_bottom = layout.input_origin.y + in_rows * layout.unit_y;
  layout.panel_x = std::max(600.0, kLeft + std::max(out_width, in_left - kLeft + in_width) + kColumnGap);

  // The column: parameters, the kernel, the legend, the caption.
  const std::vector<KernelPanel> kernels = channel_kernels(trace);
  const KernelPanel& shape = kernels.front();
  const auto k_rows = static_cast<double>(shape.rows), k_cols = static_cast<double>(shape.cols);
  std::vector<double> weights;
  for (const KernelPanel& k : kernels) weights.insert(weights.end(), k.weights.begin(), k.weights.end());
  layout.kernel_cell = std::clamp(std::floor(kKernelPanelBudget / 2 / k_cols), 12.0, 34.0);
  if (options.numbers != Numbers::Never) {
    const double width = widest(measure, weights, layout.numbers.decimals);
    const double needed = std::ceil(std::max(width * type::kMinNumberSize + 2 * type::kCellMarginX,
                                             type::kDigitHeight * type::kMinNumberSize + 2 * type::kCellMarginY));
    const double cell = std::max(layout.kernel_cell, needed);
    if (options.numbers == Numbers::Always || cell * k_cols <= kKernelPanelBudget) {
      layout.kernel_cell = cell;
      layout.kernel_number_size = std::min({kMaxNumberSize, (cell - 2 * type::kCellMarginX) / std::max(width, 1e-9),
                                            (cell - 2 * type::kCellMarginY) / type::kDigitHeight});
    }
  }
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  // draw_parameter_panel's bottom: the title, then a line every 30 px.
  const double params_bottom = 30 + 52 + 30.0 * static_cast<double>(lines.size()) - 14;
  layout.kernel_origin = {layout.panel_x, params_bottom + 34};
  const double kernel_bottom = layout.kernel_origin.y + k_rows * layout.kernel_cell;
  layout.legend_top = kernel_bottom + 24;
  const std::vector<LegendEntry> legend = legend_entries(scene, trace, layout.numbers.size > 0);
  layout.caption_top = layout.legend_top + 26.0 * static_cast<double>(legend.size()) + 10;

  double column = std::max(kMinColumn, k_cols * layout.kernel_cell);
  for (const LegendEntry& entry : legend)
    column = std::max(column, 26 + scratch.text_width(entry.label, FontFace::Sans, 14));
  for (const ScatterFrame& frame : scene.frames)
    for (const std::string& line : caption(trace, scene, frame, layout.numbers.decimals))
      column = std::max(column, scratch.text_width(line, FontFace::Sans, 13));
  layout.panel_width = column;
  const std::string note = slice_note(trace);
  const double note_lines =
      (note.empty() ? 0.0 : static_cast<double>(wrap_text(scratch, note, FontFace::Sans, 12, column).size())) +
      (layout.numbers.note.empty()
           ? 0.0
           : static_cast<double>(wrap_text(scratch, layout.numbers.note, FontFace::Sans, 12, column).size()));
  const double column_bottom = layout.caption_top + 2 * 18 + 16 * note_lines + 10;
  layout.width = layout.panel_x + column + 30;
  layout.height = std::max({380.0, in_bottom + 30, column_bottom});
  return layout;
}

void draw_scatter(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const ScatterScene scene = make_scatter_scene(trace);
  const ScatterLayout layout = make_scatter_layout(trace, options);
  const OutputGrid& grid = scene.grid;
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  const std::vector<LegendEntry> legend = legend_entries(scene, trace, layout.numbers.size > 0);
  const std::vector<KernelPanel> kernels = channel_kernels(trace);
  const std::string note = slice_note(trace);
  const auto out_corner = [&](double r, double c) { return layout.output_corner(r, c); };
  const auto in_corner = [&](double r, double c) { return layout.input_corner(r, c); };
  const double number_size = layout.numbers.size;
  const int decimals = layout.numbers.decimals;

  for (size_t f = 0; f < scene.frames.size(); ++f) {
    const ScatterFrame& frame = scene.frames[f];
    const bool last = f + 1 == scene.frames.size();
    Canvas canvas(layout.width, layout.height, options.scale, options.surface);
    cairo_t* cr = canvas.cr();
    std::vector<char> in_footprint(static_cast<size_t>(grid.cell_count()), 0);
    for (const FootprintCell& tap : frame.taps) in_footprint[static_cast<size_t>(grid.index(tap.row, tap.col))] = 1;

    // Output plane: fills and white separators, then output_padding's mark.
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        cell_path(cr, out_corner, static_cast<double>(r), static_cast<double>(c));
        const auto i = static_cast<size_t>(grid.index(r, c));
        const bool untouched = number_size <= 0 && grid.role(r, c) == CellRole::Output && !frame.touched[i];
        canvas.set_color(untouched && in_footprint[i] == 0 ? theme::kStripUntouched
                                                           : output_fill(grid.role(r, c), in_footprint[i] != 0));
        cairo_fill_preserve(cr);
        canvas.set_color(theme::kWhite);
        cairo_set_line_width(cr, 2);
        cairo_stroke(cr);
      }
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        if (grid.role(r, c) != CellRole::OutputPadding) continue;
        cell_path(cr, out_corner, r + 0.1, c + 0.1, 0.8, 0.8);
        mark_output_padding(canvas);
        cairo_new_path(cr);
      }
    const CellRect& e = frame.extent;
    if (dilated(trace) && (e.rows > 1 || e.cols > 1)) {
      // The dilated kernel spans its holes too: outline the whole extent.
      cell_path(cr, out_corner, static_cast<double>(e.row), static_cast<double>(e.col), static_cast<double>(e.rows),
                static_cast<double>(e.cols));
      canvas.set_color(theme::kFootprintExtent);
      cairo_set_line_width(cr, 2.5);
      cairo_stroke(cr);
    }

    // Input plane, the current cell dark.
    const std::vector<double>& plane = trace.input[static_cast<size_t>(frame.channel_index)];
    for (int64_t r = 0; r < scene.in_rows; ++r)
      for (int64_t c = 0; c < scene.in_cols; ++c) {
        const bool current = r == frame.in_row && c == frame.in_col;
        cell_path(cr, in_corner, static_cast<double>(r), static_cast<double>(c));
        canvas.set_color(current ? theme::kInputCurrent : theme::kInput);
        cairo_fill_preserve(cr);
        canvas.set_color(theme::kWhite);
        cairo_set_line_width(cr, 2);
        cairo_stroke(cr);
      }

    // Dashed lines from the 4 corners of the input cell to the 4 corners of the kernel's
    // extent, above both planes (a line behind a plane seems to start at another cell); the
    // numbers come after, each with a halo, and the lines stop at each number's box (halo
    // included), so that no dash runs through a digit or between two of them.
    cairo_save(cr);
    if (number_size > 0) {
      const double halo = std::max(2.5, number_size * 0.22);  // draw_cell_lines' halo
      const auto keep_out = [&](const std::string& text, const Point& center) {
        const double w = canvas.text_width(text, FontFace::Sans, number_size) + 2 * halo;
        const double h = number_size * type::kDigitHeight + 2 * halo;
        cairo_rectangle(cr, center.x - w / 2, center.y - h / 2, w, h);
      };
      cairo_rectangle(cr, 0, 0, layout.width, layout.height);
      for (int64_t r = 0; r < grid.rows.count; ++r)
        for (int64_t c = 0; c < grid.cols.count; ++c) {
          const auto i = static_cast<size_t>(grid.index(r, c));
          if (!frame.touched[i] && !(last && scene.final_zero[i])) continue;
          keep_out(format_number(frame.touched[i] ? frame.totals[i] : 0.0, decimals), layout.output_center(r, c));
        }
      for (int64_t r = 0; r < scene.in_rows; ++r)
        for (int64_t c = 0; c < scene.in_cols; ++c) {
          keep_out(format_number(plane[static_cast<size_t>(r * scene.in_cols + c)], decimals),
                   layout.input_center(r, c));
        }
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);  // the page minus the boxes
      cairo_clip(cr);
    }
    const auto ir = static_cast<double>(frame.in_row);
    const auto ic = static_cast<double>(frame.in_col);
    const Point from[4] = {in_corner(ir, ic), in_corner(ir, ic + 1), in_corner(ir + 1, ic + 1), in_corner(ir + 1, ic)};
    const double er = static_cast<double>(e.row), ec = static_cast<double>(e.col);
    const Point to[4] = {out_corner(er, ec), out_corner(er, ec + e.cols), out_corner(er + e.rows, ec + e.cols),
                         out_corner(er + e.rows, ec)};
    const double dashes[2] = {4, 2.5};
    cairo_set_dash(cr, dashes, 2, 0);
    cairo_set_line_width(cr, 1.2);
    canvas.set_color(theme::kConnector);
    for (int k = 0; k < 4; ++k) {
      cairo_move_to(cr, from[k].x, from[k].y);
      cairo_line_to(cr, to[k].x, to[k].y);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_restore(cr);
    canvas.set_color(theme::kConnector);  // the restore brought back the colour before the lines
    for (const Point& p : from) {
      cairo_arc(cr, p.x, p.y, 2.2, 0, 2 * M_PI);
      cairo_fill(cr);
    }

    // Running totals on the output plane (the last frame also shows the zeros nothing
    // reached), and the input values.
    if (number_size > 0) {
      for (int64_t r = 0; r < grid.rows.count; ++r)
        for (int64_t c = 0; c < grid.cols.count; ++c) {
          const auto i = static_cast<size_t>(grid.index(r, c));
          if (!frame.touched[i] && !(last && scene.final_zero[i])) continue;
          const Point center = layout.output_center(r, c);
          draw_cell_lines(canvas, {format_number(frame.touched[i] ? frame.totals[i] : 0.0, decimals)}, center.x,
                          center.y, number_size, output_fill(grid.role(r, c), in_footprint[i] != 0), true);
        }
      for (int64_t r = 0; r < scene.in_rows; ++r)
        for (int64_t c = 0; c < scene.in_cols; ++c) {
          const bool current = r == frame.in_row && c == frame.in_col;
          const Point center = layout.input_center(r, c);
          draw_cell_lines(canvas, {format_number(plane[static_cast<size_t>(r * scene.in_cols + c)], decimals)},
                          center.x, center.y, number_size, current ? theme::kInputCurrent : theme::kInput, true);
        }
    }

    // Plane labels.
    canvas.set_font(FontFace::SansBold, 15);
    canvas.set_color(theme::kTitle);
    canvas.text("Output", layout.output_origin.x - 12, layout.output_origin.y, Align::Right, true);
    std::string input_label = "Input";
    if (trace.channels.size() > 1) {
      input_label += " c" + std::to_string(trace.channels[static_cast<size_t>(frame.channel_index)]);
    }
    canvas.text(input_label, layout.input_origin.x - 12, layout.input_origin.y, Align::Right, true);

    // The column: parameters, the kernel this step multiplies, the legend, what the frame does.
    draw_parameter_panel(canvas, lines, layout.panel_x, 30);
    const KernelPanel& kernel = kernels[static_cast<size_t>(frame.channel_index)];
    canvas.set_font(FontFace::SansBold, 14);
    canvas.set_color(theme::kTitle);
    canvas.text(kernel_label(trace, frame.channel_index), layout.panel_x, layout.kernel_origin.y - 9, Align::Left);
    const double kc = layout.kernel_cell;
    for (int64_t r = 0; r < kernel.rows; ++r)
      for (int64_t c = 0; c < kernel.cols; ++c) {
        const auto i = static_cast<size_t>(r * kernel.cols + c);
        const Rgb fill = kernel.is_tap[i] ? theme::kFootprint : theme::kWhite;
        const double x = layout.kernel_origin.x + static_cast<double>(c) * kc;
        const double y = layout.kernel_origin.y + static_cast<double>(r) * kc;
        canvas.fill_rect(x, y, kc, kc, fill);
        canvas.stroke_rect(x + 0.5, y + 0.5, kc - 1, kc - 1, theme::kKernelGridLine, 1);
        if (layout.kernel_number_size > 0) {
          draw_cell_lines(canvas, {format_number(kernel.weights[i], decimals)}, x + kc / 2, y + kc / 2,
                          layout.kernel_number_size, fill);
        }
      }
    draw_legend(canvas, legend, layout.panel_x, layout.legend_top);
    double y = layout.caption_top + 12;
    const std::vector<std::string> text = caption(trace, scene, frame, decimals);
    canvas.set_font(FontFace::SansBold, 13);
    canvas.set_color(theme::kInk);
    canvas.text(text[0], layout.panel_x, y, Align::Left);
    canvas.set_font(FontFace::Sans, 13);
    canvas.text(text[1], layout.panel_x, y + 18, Align::Left);
    y += 18 + 20;
    canvas.set_color(theme::kLegend);
    canvas.set_font(FontFace::Sans, 12);
    for (const std::string& message : {note, layout.numbers.note}) {
      if (message.empty()) continue;
      for (const std::string& line : wrap_text(canvas, message, FontFace::Sans, 12, layout.panel_width)) {
        canvas.set_font(FontFace::Sans, 12);
        canvas.text(line, layout.panel_x, y, Align::Left);
        y += 16;
      }
    }
    sink.add(canvas, frame_duration_ms(options, kFrameMs, kLastFrameHold * kFrameMs, last));
  }
}

}  // namespace tconv
