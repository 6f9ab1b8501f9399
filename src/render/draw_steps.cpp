// The calculation strip: the article's Figures 2, 4, 6, 8 and 11, and Figure 9's kernels.
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

constexpr double kMargin = 36;
constexpr double kGap = 44;
constexpr double kLabelGap = 34;    // panel bottom to label baseline
constexpr double kLabelSize = 19;
constexpr double kMaxRowWidth = 2400;
constexpr double kFooter = 52;      // the legend line under the panels
constexpr int kStepMs = 1200;
constexpr int kLastMs = 3000;

double grid_cell(int64_t cells, double box, double largest, double smallest) {
  return std::clamp(std::floor(box / static_cast<double>(cells)), smallest, largest);
}

struct Panel {
  double width = 0, height = 0;
  Point origin;
  double label_y = 0;  // baseline of the label: one line for the whole row
};

// Places panels left to right, wrapping into rows, each row centred on its own middle line.
double place_panels(std::vector<Panel>& panels, double& width) {
  double y = kMargin;
  width = 0;
  size_t first = 0;
  while (first < panels.size()) {
    double x = kMargin, row_height = 0;
    size_t last = first;
    while (last < panels.size() && (last == first || x + panels[last].width <= kMaxRowWidth)) {
      x += panels[last].width + kGap;
      row_height = std::max(row_height, panels[last].height);
      ++last;
    }
    x = kMargin;
    for (size_t i = first; i < last; ++i) {
      panels[i].origin = {x, y + (row_height - panels[i].height) / 2};
      panels[i].label_y = y + row_height + kLabelGap;
      x += panels[i].width + kGap;
    }
    width = std::max(width, x - kGap + kMargin);
    y += row_height + kLabelGap + 30;
    first = last;
  }
  return y - 30 + kFooter;
}

struct StripGeometry {
  StripLayout layout;
  std::vector<Panel> panels;  // input, kernel, steps..., output
};

StripGeometry strip_geometry(const SliceTrace& trace) {
  const OutputGrid grid = make_output_grid(trace);
  const KernelPanel kernel = make_kernel_panel(trace);
  StripGeometry g;
  StripLayout& l = g.layout;
  l.cell = grid_cell(std::max(grid.rows.count, grid.cols.count), 300, 72, 44);
  l.input_cell = grid_cell(std::max(trace.rows.in, trace.cols.in), 240, 60, 24);
  l.kernel_cell = grid_cell(std::max(kernel.rows, kernel.cols), 240, 60, 24);
  const auto box = [](int64_t rows, int64_t cols, double cell) {
    return Panel{static_cast<double>(cols) * cell, static_cast<double>(rows) * cell, {}, 0};
  };
  g.panels.push_back(box(trace.rows.in, trace.cols.in, l.input_cell));
  g.panels.push_back(box(kernel.rows, kernel.cols, l.kernel_cell));
  for (size_t s = 0; s < trace.steps.size(); ++s) g.panels.push_back(box(grid.rows.count, grid.cols.count, l.cell));
  g.panels.push_back(box(trace.rows.out, trace.cols.out, l.cell));
  l.height = place_panels(g.panels, l.width);
  l.input_origin = g.panels.front().origin;
  l.kernel_origin = g.panels[1].origin;
  for (size_t s = 0; s < trace.steps.size(); ++s) l.step_origins.push_back(g.panels[2 + s].origin);
  l.output_origin = g.panels.back().origin;
  return g;
}

// One cell's text by the rule of cell_text.hpp, in white on dark fills.
void cell_text(Canvas& canvas, double x, double y, double cell, const std::vector<double>& terms, double total,
               const Rgb& fill) {
  // At 3/4 of this base, five characters such as "1+2+3" fit on one line.
  const double base = std::min(25.0, cell * 0.32);
  const CellText text = fit_cell_text(terms, total, cell * 0.92, base, [&](const std::string& t, double size) {
    return canvas.text_width(t, FontFace::Sans, size);
  });
  canvas.set_font(text.summarized ? FontFace::SansBold : FontFace::Sans, text.size);
  canvas.set_color(theme::text_on(fill));
  const double pitch = text.size * 1.15;
  double cy = y + cell / 2 - pitch * static_cast<double>(text.lines.size() - 1) / 2;
  for (const std::string& line : text.lines) {
    canvas.text(line, x + cell / 2, cy, Align::Center, true);
    cy += pitch;
  }
}

// One size for every plain number of a panel, so that a panel reads evenly.
double number_size(Canvas& canvas, const std::vector<double>& values, double cell) {
  std::vector<std::string> texts;
  for (double value : values) texts.push_back(format_number(value));
  return fitting_size(canvas, texts, FontFace::Sans, std::min(25.0, cell * 0.34), 0, cell * 0.9);
}

void number(Canvas& canvas, double x, double y, double cell, double value, const Rgb& fill, double size) {
  canvas.set_font(FontFace::Sans, size);
  canvas.set_color(theme::text_on(fill));
  canvas.text(format_number(value), x + cell / 2, y + cell / 2, Align::Center, true);
}

void grid_lines(Canvas& canvas, double x, double y, int64_t rows, int64_t cols, double cell, const Rgb& color,
                double width) {
  cairo_t* cr = canvas.cr();
  canvas.set_color(color);
  cairo_set_line_width(cr, width);
  for (int64_t r = 0; r <= rows; ++r) {
    cairo_move_to(cr, x, y + static_cast<double>(r) * cell);
    cairo_line_to(cr, x + static_cast<double>(cols) * cell, y + static_cast<double>(r) * cell);
  }
  for (int64_t c = 0; c <= cols; ++c) {
    cairo_move_to(cr, x + static_cast<double>(c) * cell, y);
    cairo_line_to(cr, x + static_cast<double>(c) * cell, y + static_cast<double>(rows) * cell);
  }
  cairo_stroke(cr);
}

void label(Canvas& canvas, const Panel& panel, const std::string& text, bool revealed) {
  canvas.set_font(FontFace::Sans, kLabelSize);
  canvas.set_color(revealed ? theme::kInk : theme::kLegend);
  canvas.text(text, panel.origin.x + panel.width / 2, panel.label_y, Align::Center);
}

void placeholder(Canvas& canvas, const Panel& panel) {
  canvas.fill_rect(panel.origin.x, panel.origin.y, panel.width, panel.height, theme::kPlaceholder);
  canvas.stroke_rect(panel.origin.x + 0.5, panel.origin.y + 0.5, panel.width - 1, panel.height - 1,
                     theme::kPlaceholderOutline, 1);
}

Rgb step_fill(CellRole role) {
  switch (role) {
    case CellRole::Output:
      return theme::kStripCell;
    case CellRole::OutputPadding:
      return theme::kStripOutputPadding;
    case CellRole::Cropped:
      return theme::kStripCropped;
  }
  return theme::kStripCell;
}

void draw_input_panel(Canvas& canvas, const SliceTrace& trace, const Panel& panel, double cell, int64_t channel_index,
                      const TraceStep* current, bool numbers) {
  const std::vector<double>& plane = trace.input[static_cast<size_t>(channel_index)];
  const double size = number_size(canvas, plane, cell);
  for (int64_t r = 0; r < trace.rows.in; ++r)
    for (int64_t c = 0; c < trace.cols.in; ++c) {
      const bool now = current != nullptr && current->row == r && current->col == c;
      const Rgb fill = now ? theme::kInputCurrent : theme::kStripInput;
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      if (numbers) number(canvas, x, y, cell, plane[static_cast<size_t>(r * trace.cols.in + c)], fill, size);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, trace.rows.in, trace.cols.in, cell, theme::kInputGridLine, 1);
}

void draw_kernel_panel(Canvas& canvas, const KernelPanel& kernel, const Panel& panel, double cell, bool numbers) {
  const double size = number_size(canvas, kernel.weights, cell);
  for (int64_t r = 0; r < kernel.rows; ++r)
    for (int64_t c = 0; c < kernel.cols; ++c) {
      const auto i = static_cast<size_t>(r * kernel.cols + c);
      const Rgb fill = kernel.is_tap[i] ? theme::kStripKernel : theme::kWhite;
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      if (numbers) number(canvas, x, y, cell, kernel.weights[i], fill, size);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, kernel.rows, kernel.cols, cell, theme::kKernelGridLine, 1);
}

void draw_step_panel(Canvas& canvas, const OutputGrid& grid, const StepsPanel& step, const Panel& panel, double cell,
                     bool numbers) {
  for (int64_t r = 0; r < grid.rows.count; ++r)
    for (int64_t c = 0; c < grid.cols.count; ++c) {
      const Rgb fill = step_fill(grid.role(r, c));
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      const StepCell& sc = step.cells[static_cast<size_t>(grid.index(r, c))];
      if (numbers && sc.touched()) cell_text(canvas, x, y, cell, sc.terms, sc.total, fill);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, grid.rows.count, grid.cols.count, cell, theme::kStripGridLine, 1);
  cairo_t* cr = canvas.cr();
  if (grid.has_role(CellRole::Cropped)) {
    // The window the layer keeps: everything outside it is cropped by padding.
    const double dashes[2] = {6, 4};
    cairo_set_dash(cr, dashes, 2, 0);
    canvas.stroke_rect(panel.origin.x + static_cast<double>(grid.cols.keep_begin - grid.cols.first) * cell,
                       panel.origin.y + static_cast<double>(grid.rows.keep_begin - grid.rows.first) * cell,
                       static_cast<double>(grid.cols.keep_end - grid.cols.keep_begin) * cell,
                       static_cast<double>(grid.rows.keep_end - grid.rows.keep_begin) * cell, theme::kInk, 2);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  const CellRect& f = step.footprint;
  canvas.stroke_rect(panel.origin.x + static_cast<double>(f.col) * cell,
                     panel.origin.y + static_cast<double>(f.row) * cell, static_cast<double>(f.cols) * cell,
                     static_cast<double>(f.rows) * cell, theme::kFocus, 4);
}

void draw_output_panel(Canvas& canvas, const SliceTrace& trace, const OutputGrid& grid, const Panel& panel, double cell,
                       bool numbers) {
  const double size = number_size(canvas, trace.output, cell);
  for (int64_t r = 0; r < trace.rows.out; ++r)
    for (int64_t c = 0; c < trace.cols.out; ++c) {
      const CellRole role = grid.role(grid.rows.drawn(r + grid.rows.keep_begin), grid.cols.drawn(c + grid.cols.keep_begin));
      const Rgb fill = step_fill(role);
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      if (numbers) number(canvas, x, y, cell, trace.output[static_cast<size_t>(r * trace.cols.out + c)], fill, size);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, trace.rows.out, trace.cols.out, cell, theme::kStripGridLine, 1);
}

// One line of swatches under the panels: what the colours and outlines mean.
void draw_footer(Canvas& canvas, const OutputGrid& grid, const StripLayout& layout, const std::string& note) {
  double x = kMargin;
  const double y = layout.height - kFooter + 6;
  const auto item = [&](const Rgb& fill, const Rgb& outline, double outline_width, bool dashed,
                        const std::string& text) {
    canvas.fill_rect(x, y, 18, 18, fill);
    if (dashed) {
      const double dashes[2] = {4, 3};
      cairo_set_dash(canvas.cr(), dashes, 2, 0);
    }
    canvas.stroke_rect(x + outline_width / 2, y + outline_width / 2, 18 - outline_width, 18 - outline_width, outline,
                       outline_width);
    cairo_set_dash(canvas.cr(), nullptr, 0, 0);
    canvas.set_font(FontFace::Sans, 15);
    canvas.set_color(theme::kLegend);
    canvas.text(text, x + 26, y + 9, Align::Left, true);
    x += 26 + canvas.text_width(text, FontFace::Sans, 15) + 30;
  };
  item(theme::kWhite, theme::kFocus, 3, false, "kernel footprint of the step");
  item(theme::kStripCell, theme::kStripGridLine, 1, false, "output cell: the sum it has received");
  if (grid.has_role(CellRole::Cropped)) {
    item(theme::kStripCropped, theme::kStripGridLine, 1, false, "cropped by padding");
    item(theme::kWhite, theme::kInk, 2, true, "kept window");
  }
  if (grid.has_role(CellRole::OutputPadding)) item(theme::kStripOutputPadding, theme::kStripGridLine, 1, false, "added by output_padding");
  if (!note.empty()) {
    canvas.set_font(FontFace::Sans, 15);
    canvas.set_color(theme::kLegend);
    canvas.text(note, x, y + 9, Align::Left, true);
  }
}

}  // namespace

StripLayout make_strip_layout(const SliceTrace& trace) { return strip_geometry(trace).layout; }

void draw_steps(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const StepsScene scene = make_steps_scene(trace);
  const StripGeometry geometry = strip_geometry(trace);
  const StripLayout& layout = geometry.layout;
  const std::vector<Panel>& panels = geometry.panels;
  const size_t steps = scene.steps.size();
  std::string output_label = "Output";
  if (trace.has_bias) output_label += " (bias " + format_number(trace.bias) + " added)";
  const std::string note = slice_note(trace);

  for (size_t frame = 0; frame <= steps; ++frame) {
    Canvas canvas(layout.width, layout.height, options.scale, options.surface);
    const bool last = frame == steps;
    const TraceStep* current = last ? nullptr : &trace.steps[frame];
    int64_t channel_index = 0;
    if (current != nullptr) {
      channel_index = std::find(trace.channels.begin(), trace.channels.end(), current->in_channel) - trace.channels.begin();
    }
    draw_input_panel(canvas, trace, panels[0], layout.input_cell, channel_index, current, options.numbers);
    std::string input_label = "Input";
    if (trace.channels.size() > 1) input_label += " c" + std::to_string(trace.channels[static_cast<size_t>(channel_index)]);
    label(canvas, panels[0], input_label, true);
    // With several input channels each has its own kernel: show the current step's.
    const KernelPanel kernel = trace.channels.size() > 1 ? make_kernel_panel(trace, last ? 0 : frame) : scene.kernel;
    draw_kernel_panel(canvas, kernel, panels[1], layout.kernel_cell, options.numbers);
    std::string kernel_label = trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1 ? "Kernel (dilated)" : "Kernel";
    if (trace.channels.size() > 1) kernel_label += " c" + std::to_string(trace.channels[static_cast<size_t>(channel_index)]);
    label(canvas, panels[1], kernel_label, true);
    for (size_t s = 0; s < steps; ++s) {
      const Panel& panel = panels[2 + s];
      const bool revealed = s <= frame;
      if (revealed) {
        draw_step_panel(canvas, scene.grid, scene.steps[s], panel, layout.cell, options.numbers);
      } else {
        placeholder(canvas, panel);
      }
      label(canvas, panel, "Step " + std::to_string(s + 1), revealed);
    }
    if (last) {
      draw_output_panel(canvas, trace, scene.grid, panels.back(), layout.cell, options.numbers);
    } else {
      placeholder(canvas, panels.back());
    }
    label(canvas, panels.back(), output_label, last);
    draw_footer(canvas, scene.grid, layout, note);
    sink.add(canvas, last ? kLastMs : kStepMs);
  }
}

void draw_dilation(const std::vector<SliceTrace>& kernels, const DrawOptions& options, FrameSink& sink) {
  constexpr double kCell = 60;
  constexpr double kKernelGap = 120;
  std::vector<KernelPanel> panels;
  double width = 2 * kMargin, tallest = 0;
  for (const SliceTrace& trace : kernels) {
    panels.push_back(make_kernel_panel(trace));
    width += static_cast<double>(panels.back().cols) * kCell;
    tallest = std::max(tallest, static_cast<double>(panels.back().rows) * kCell);
  }
  width += kKernelGap * static_cast<double>(kernels.size() - 1);
  const double height = kMargin + tallest + kLabelGap + 34 + kMargin;
  Canvas canvas(width, height, options.scale, options.surface);
  double x = kMargin;
  for (size_t i = 0; i < panels.size(); ++i) {
    const KernelPanel& kernel = panels[i];
    Panel panel{static_cast<double>(kernel.cols) * kCell, static_cast<double>(kernel.rows) * kCell, {}, 0};
    panel.origin = {x, kMargin + (tallest - panel.height) / 2};
    draw_kernel_panel(canvas, kernel, panel, kCell, options.numbers);
    const int64_t dilation = kernels[i].cols.params.dilation;
    canvas.set_font(FontFace::Sans, kLabelSize);
    canvas.set_color(theme::kInk);
    const double label_y = kMargin + tallest + kLabelGap;
    canvas.text("dilation = " + std::to_string(dilation), x + panel.width / 2, label_y, Align::Center);
    canvas.set_color(theme::kLegend);
    canvas.set_font(FontFace::Sans, 15);
    const std::string size = std::to_string(kernel.rows) + "x" + std::to_string(kernel.cols) +
                             (dilation == 1 ? " (default)" : ", " + std::to_string(dilation - 1) + " zero" +
                                                                 (dilation == 2 ? "" : "s") + " between taps");
    canvas.text(size, x + panel.width / 2, label_y + 24, Align::Center);
    x += panel.width + kKernelGap;
  }
  sink.add(canvas, kLastMs);
}

}  // namespace tconv
