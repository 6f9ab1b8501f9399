// The scatter animation: the article's Figures 1, 3, 5, 7 and 10, with numbers.
#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

// The article's planes: 95 x 39 px cell diamonds, columns toward the upper right, rows toward
// the lower right, so that element (0, 0) is the plane's left corner.
constexpr double kArticleUnit = 47.5;
constexpr double kFlatten = 0.4137;  // diamond height / width
constexpr double kMaxPlaneWidth = 520;
constexpr double kMinUnit = 22;
constexpr double kLeft = 84;          // room for the "Output" / "Input" labels
constexpr double kTop = 26;
constexpr double kPlaneGap = 58;
constexpr double kFrameMs = 1000;

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
      return theme::kOutputPadding;
    case CellRole::Cropped:
      return theme::kCropped;
  }
  return theme::kOutput;
}

struct NumberStyle {
  double size = 0;  // 0: no numbers
};

// One size for every number of the animation, so that frames do not jump.
NumberStyle number_style(Canvas& canvas, const ScatterScene& scene, const SliceTrace& trace,
                         const ScatterLayout& layout, bool wanted) {
  if (!wanted) return {};
  std::vector<std::string> texts;
  for (const ScatterFrame& frame : scene.frames) {
    for (size_t i = 0; i < frame.totals.size(); ++i)
      if (frame.touched[i]) texts.push_back(format_number(frame.totals[i]));
  }
  for (const std::vector<double>& plane : trace.input)
    for (double value : plane) texts.push_back(format_number(value));
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  const double size = std::min(15.0, layout.unit_y * 0.72);
  // The diamond narrows away from its middle: at half a digit's height it is this wide.
  const double room = 2 * layout.unit_x * (1 - 0.42 * size / layout.unit_y) - 8;
  return {fitting_size(canvas, texts, FontFace::Sans, size, 8, room)};
}

void draw_number(Canvas& canvas, const Point& center, double value, const Rgb& fill, const NumberStyle& style) {
  if (style.size == 0) return;
  canvas.set_font(FontFace::Sans, style.size);
  canvas.set_color(theme::text_on(fill));
  canvas.text(format_number(value), center.x, center.y, Align::Center, true);
}

std::vector<LegendEntry> legend_entries(const ScatterScene& scene, const SliceTrace& trace) {
  std::vector<LegendEntry> entries;
  if (scene.grid.has_role(CellRole::Cropped)) entries.push_back({"Padding (cropped)", theme::kOutput, Swatch::Hollow});
  if (scene.grid.has_role(CellRole::OutputPadding)) entries.push_back({"Output padding", theme::kOutputPadding});
  const bool dilated = trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1;
  entries.push_back({dilated ? "Kernel taps" : "Kernel", theme::kFootprint});
  if (dilated) entries.push_back({"Dilated kernel extent", theme::kFootprintExtent, Swatch::Hollow});
  entries.push_back({"Output", theme::kOutput});
  entries.push_back({"Input", theme::kInput});
  return entries;
}

}  // namespace

Point ScatterLayout::output_corner(double row, double col) const {
  return {output_origin.x + (col + row) * unit_x, output_origin.y + (row - col) * unit_y};
}

Point ScatterLayout::input_corner(double row, double col) const {
  return {input_origin.x + (col + row) * unit_x, input_origin.y + (row - col) * unit_y};
}

ScatterLayout make_scatter_layout(const ScatterScene& scene) {
  const auto out_rows = static_cast<double>(scene.grid.rows.count);
  const auto out_cols = static_cast<double>(scene.grid.cols.count);
  const auto in_rows = static_cast<double>(scene.in_rows);
  const auto in_cols = static_cast<double>(scene.in_cols);
  ScatterLayout layout;
  layout.unit_x = std::max(kMinUnit, std::min(kArticleUnit, kMaxPlaneWidth / (out_rows + out_cols)));
  layout.unit_y = layout.unit_x * kFlatten;
  const double out_width = (out_rows + out_cols) * layout.unit_x;
  layout.output_origin = {kLeft, kTop + out_cols * layout.unit_y};
  const double out_bottom = layout.output_origin.y + out_rows * layout.unit_y;
  // The input plane sits below and a little to the left, as in the article.
  const double in_width = (in_rows + in_cols) * layout.unit_x;
  const double in_left = std::max(kLeft, kLeft + out_width * 0.28 - in_width / 2);
  layout.input_origin = {in_left, out_bottom + kPlaneGap + in_cols * layout.unit_y};
  const double in_bottom = layout.input_origin.y + in_rows * layout.unit_y;
  layout.panel_x = std::max(600.0, kLeft + std::max(out_width, in_left - kLeft + in_width) + 44);
  layout.width = layout.panel_x + 286;
  layout.height = std::max(380.0, in_bottom + 30);
  return layout;
}

void draw_scatter(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const ScatterScene scene = make_scatter_scene(trace);
  const ScatterLayout layout = make_scatter_layout(scene);
  const OutputGrid& grid = scene.grid;
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  const std::vector<LegendEntry> legend = legend_entries(scene, trace);
  const std::string note = slice_note(trace);
  const auto out_corner = [&](double r, double c) { return layout.output_corner(r, c); };
  const auto in_corner = [&](double r, double c) { return layout.input_corner(r, c); };
  NumberStyle numbers;
  bool numbers_measured = false;

  // The panel column may need more height than the planes.
  const double panel_height = 232 + 28.0 * static_cast<double>(legend.size() + lines.size() - 5) + 60 +
                              (note.empty() ? 0 : 18);
  const double height = std::max(layout.height, panel_height);
  for (const ScatterFrame& frame : scene.frames) {
    Canvas canvas(layout.width, height, options.scale, options.surface);
    cairo_t* cr = canvas.cr();
    if (!numbers_measured) {
      numbers = number_style(canvas, scene, trace, layout, options.numbers);
      numbers_measured = true;
    }
    std::vector<char> in_footprint(static_cast<size_t>(grid.cell_count()), 0);
    for (const FootprintCell& tap : frame.taps) in_footprint[static_cast<size_t>(grid.index(tap.row, tap.col))] = 1;

    // Output plane: fills, then white separators (blue outlines around cropped cells).
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        const CellRole role = grid.role(r, c);
        cell_path(cr, out_corner, static_cast<double>(r), static_cast<double>(c));
        canvas.set_color(output_fill(role, in_footprint[static_cast<size_t>(grid.index(r, c))] != 0));
        cairo_fill_preserve(cr);
        canvas.set_color(theme::kWhite);
        cairo_set_line_width(cr, 2);
        cairo_stroke(cr);
      }
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        if (grid.role(r, c) != CellRole::Cropped) continue;
        cell_path(cr, out_corner, r + 0.04, c + 0.04, 0.92, 0.92);
        canvas.set_color(theme::kOutput);
        cairo_set_line_width(cr, 1.6);
        cairo_stroke(cr);
      }
    const CellRect& e = frame.extent;
    if (e.rows > 1 && (trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1)) {
      // The dilated kernel spans its holes too: outline the whole extent.
      cell_path(cr, out_corner, static_cast<double>(e.row), static_cast<double>(e.col), static_cast<double>(e.rows),
                static_cast<double>(e.cols));
      canvas.set_color(theme::kFootprintExtent);
      cairo_set_line_width(cr, 2.5);
      cairo_stroke(cr);
    }

    // Dashed lines from the input cell's corners to the kernel extent's corners.
    const auto ir = static_cast<double>(frame.in_row);
    const auto ic = static_cast<double>(frame.in_col);
    const Point from[4] = {in_corner(ir, ic), in_corner(ir, ic + 1), in_corner(ir + 1, ic + 1), in_corner(ir + 1, ic)};
    const double er = static_cast<double>(e.row), ec = static_cast<double>(e.col);
    const Point to[4] = {out_corner(er, ec), out_corner(er, ec + e.cols), out_corner(er + e.rows, ec + e.cols),
                         out_corner(er + e.rows, ec)};
    const double dashes[2] = {4, 2.5};
    cairo_set_dash(cr, dashes, 2, 0);
    cairo_set_line_width(cr, 1.2);
    canvas.set_color(theme::kConnector, 0.9);
    for (int k = 0; k < 4; ++k) {
      cairo_move_to(cr, from[k].x, from[k].y);
      cairo_line_to(cr, to[k].x, to[k].y);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);

    // Running totals on the output plane.
    for (int64_t r = 0; r < grid.rows.count; ++r)
      for (int64_t c = 0; c < grid.cols.count; ++c) {
        const auto i = static_cast<size_t>(grid.index(r, c));
        if (!frame.touched[i]) continue;
        draw_number(canvas, layout.output_center(r, c), frame.totals[i], output_fill(grid.role(r, c), in_footprint[i]),
                    numbers);
      }

    // Input plane, the current cell dark.
    const std::vector<double>& plane = trace.input[static_cast<size_t>(frame.channel_index)];
    for (int64_t r = 0; r < scene.in_rows; ++r)
      for (int64_t c = 0; c < scene.in_cols; ++c) {
        const bool current = r == frame.in_row && c == frame.in_col;
        const Rgb fill = current ? theme::kInputCurrent : theme::kInput;
        cell_path(cr, in_corner, static_cast<double>(r), static_cast<double>(c));
        canvas.set_color(fill);
        cairo_fill_preserve(cr);
        canvas.set_color(theme::kWhite);
        cairo_set_line_width(cr, 2);
        cairo_stroke(cr);
        draw_number(canvas, layout.input_center(r, c), plane[static_cast<size_t>(r * scene.in_cols + c)], fill,
                    numbers);
      }

    // Plane labels.
    canvas.set_font(FontFace::SansBold, 15);
    canvas.set_color(theme::kTitle);
    canvas.text("Output", layout.output_origin.x - 12, layout.output_origin.y, Align::Right, true);
    std::string input_label = "Input";
    if (trace.channels.size() > 1) input_label += " c" + std::to_string(trace.channels[static_cast<size_t>(frame.channel_index)]);
    canvas.text(input_label, layout.input_origin.x - 12, layout.input_origin.y, Align::Right, true);

    // Parameters, legend, and what this frame does.
    const double panel_bottom = draw_parameter_panel(canvas, lines, layout.panel_x, 30);
    const double legend_bottom = draw_legend(canvas, legend, layout.panel_x, std::max(panel_bottom + 24, 232.0));
    canvas.set_font(FontFace::Sans, 13);
    canvas.set_color(theme::kInk);
    const std::string caption = "step " + std::to_string(frame.step + 1) + "/" + std::to_string(scene.frames.size()) +
                                ": " + input_name(trace, trace.channels[static_cast<size_t>(frame.channel_index)],
                                                  frame.in_row, frame.in_col) +
                                " = " + format_number(frame.value);
    canvas.text(caption, layout.panel_x, legend_bottom + 14, Align::Left);
    if (!note.empty()) {
      canvas.set_color(theme::kLegend);
      canvas.set_font(FontFace::Sans, 12);
      canvas.text(note, layout.panel_x, legend_bottom + 32, Align::Left);
    }
    sink.add(canvas, static_cast<int>(kFrameMs));
  }
}

}  // namespace tconv
