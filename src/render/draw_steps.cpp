// The calculation strip: the article's Figures 2, 4, 6, 8 and 11, and Figure 9's kernels.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/steps_scene.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

constexpr double kMargin = 36;
constexpr double kGap = 44;
constexpr double kLabelGap = 30;  // panel bottom to label baseline
constexpr double kRowGap = 34;    // label baseline to the next row
constexpr double kLabelSize = 19;
constexpr double kAspect = 16.0 / 9.0;  // the strip's shape: rows are balanced toward it
constexpr double kStepBox = 360;        // the article's step panel
constexpr double kMaxCell = 132;        // cells grow up to this for readable sums
constexpr double kComfortable = 15;     // sums grow their cells up to kMaxCell to reach this size
// Numbers::Auto keeps numbers while the strip stays within this many pixels, else leaves them out.
constexpr double kStripBudget = 2560.0 * 1600.0;
constexpr int kStepMs = 1200;
constexpr int kLastMs = 3000;

struct Panel {
  double width = 0, height = 0;
  Point origin;
  double label_y = 0;  // baseline of the label: one line for the whole row
};

// Places panels left to right in rows of at most `limit` px (each row at least one panel),
// each row centred on its own middle line; returns the bottom of the last label and sets width.
double place_rows(std::vector<Panel>& panels, double limit, double& width, int& rows) {
  double y = kMargin;
  width = 0;
  rows = 0;
  size_t first = 0;
  while (first < panels.size()) {
    double x = 0, row_height = 0;
    size_t last = first;
    while (last < panels.size() && (last == first || x + panels[last].width <= limit)) {
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
    y += row_height + kLabelGap + kRowGap;
    first = last;
    ++rows;
  }
  return y - kRowGap + 8;
}

// The number of rows whose balanced layout comes closest to kAspect (with the footer's
// height), preferring fewer rows on a tie; the panels are placed accordingly.
double place_panels(std::vector<Panel>& panels, double footer, double& width, int& rows) {
  double total = 0, widest = 0;
  for (const Panel& p : panels) {
    total += p.width + kGap;
    widest = std::max(widest, p.width);
  }
  double best_score = 1e300, best_limit = total;
  for (size_t want = 1; want <= panels.size(); ++want) {
    // The narrowest limit that keeps the panels in `want` rows: balanced rows.
    double lo = widest, hi = total;
    for (int i = 0; i < 40; ++i) {
      const double mid = (lo + hi) / 2;
      std::vector<Panel> trial = panels;
      double w = 0;
      int r = 0;
      place_rows(trial, mid, w, r);
      if (static_cast<size_t>(r) <= want) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    std::vector<Panel> trial = panels;
    double w = 0;
    int r = 0;
    const double h = place_rows(trial, hi, w, r) + footer;
    if (static_cast<size_t>(r) != want) continue;
    const double score = std::fabs(std::log(w / h / kAspect));
    if (score < best_score - 1e-9) {
      best_score = score;
      best_limit = hi;
    }
  }
  return place_rows(panels, best_limit, width, rows) + footer;
}

// A 1-D strip: the inputs and kernels on the first row, then one row per step and the output,
// so that the same output position lines up in every row: the steps left-aligned, the output
// (the last panel, the kept cells only) indented by output_indent, the width of the cells
// padding crops before it.
double stack_panels(std::vector<Panel>& panels, size_t first_row, double output_indent, double footer, double& width,
                    int& rows) {
  double y = kMargin;
  width = 0;
  rows = 0;
  size_t i = 0;
  while (i < panels.size()) {
    const size_t end = i == 0 ? std::min(first_row, panels.size()) : i + 1;
    double x = kMargin + (i + 1 == panels.size() && i > 0 ? output_indent : 0), row_height = 0;
    for (size_t p = i; p < end; ++p) row_height = std::max(row_height, panels[p].height);
    for (size_t p = i; p < end; ++p) {
      panels[p].origin = {x, y + (row_height - panels[p].height) / 2};
      panels[p].label_y = y + row_height + kLabelGap;
      x += panels[p].width + kGap;
    }
    width = std::max(width, x - kGap + kMargin);
    y += row_height + kLabelGap + kRowGap;
    i = end;
    ++rows;
  }
  return y - kRowGap + 8 + footer;
}

// Everything the strip decides before drawing.
struct StripPlan {
  StripLayout layout;
  std::vector<Panel> panels;         // per channel input then kernel, steps..., output
  std::vector<KernelPanel> kernels;  // per channel
  std::vector<LegendEntry> legend;
  std::vector<std::string> notes;
  double footer = 0;  // height of the legend and notes
  // Per step panel, per drawn cell: its lines (empty when untouched).
  std::vector<std::vector<std::vector<std::string>>> step_lines;
};

double widest(const MeasureText& measure, const std::vector<std::string>& texts) {
  double width = 0;
  for (const std::string& t : texts) width = std::max(width, measure(t, 1.0));
  return width;
}

// The cell (>= preferred) at which one-line texts of this width are at least the floor.
double cell_for(double width_at_1, double preferred) {
  return std::max(preferred, std::ceil(std::max(width_at_1 * type::kMinNumberSize + 2 * type::kCellMarginX,
                                                type::kDigitHeight * type::kMinNumberSize + 2 * type::kCellMarginY)));
}

// The style's base size in a cell: the article's proportion, but never below the floor.
double base_size(double cell) { return std::max(std::min(25.0, cell * 0.34), type::kMinNumberSize); }

// The font of one-line texts in a cell of `cell` px: the largest up to the base.
double value_size(double width_at_1, double cell) {
  const double base = base_size(cell);
  return std::min({base, (cell - 2 * type::kCellMarginX) / std::max(width_at_1, 1e-9),
                   (cell - 2 * type::kCellMarginY) / type::kDigitHeight});
}

TextBox box_of(double cell) { return {cell - 2 * type::kCellMarginX, cell - 2 * type::kCellMarginY}; }

std::vector<LegendEntry> strip_legend(const SliceTrace& trace, const StepsScene& scene, bool numbers) {
  std::vector<LegendEntry> entries{
      {"kernel footprint of the step", theme::kFocus, Swatch::Hollow},
      {numbers ? "output cell: what it has received so far" : "output cell, reached", theme::kStripCell}};
  if (!numbers) entries.push_back({"not reached yet", theme::kStripUntouched});
  std::vector<LegendEntry> roles = role_legend(scene.grid, theme::kCropped, theme::kOutputPadding);
  for (LegendEntry& e : roles) e.outline = theme::kStripGridLine;
  entries.insert(entries.end(), roles.begin(), roles.end());
  if (scene.grid.has_role(CellRole::Cropped)) entries.push_back({"kept window", theme::kInk, Swatch::Dashed});
  entries.push_back({"input", theme::kStripInput});
  entries.push_back({"current input", theme::kInputCurrent});
  const bool dilated = trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1;
  entries.push_back({dilated ? "kernel tap" : "kernel", theme::kStripKernel});
  if (dilated)
    entries.push_back({"hole of the dilated kernel (0)", theme::kWhite, Swatch::Filled, theme::kKernelGridLine});
  return entries;
}

std::vector<KernelPanel> channel_kernels(const SliceTrace& trace) {
  std::vector<KernelPanel> kernels;
  for (int64_t channel : trace.channels) {
    size_t step = trace.steps.size();
    for (size_t s = 0; s < trace.steps.size() && step == trace.steps.size(); ++s)
      if (trace.steps[s].in_channel == channel) step = s;
    kernels.push_back(make_kernel_panel(trace, step));
  }
  return kernels;
}

StripPlan plan_strip(const SliceTrace& trace, const StepsScene& scene, const DrawOptions& options) {
  Canvas scratch(1, 1, 1, SurfaceKind::Raster);
  const MeasureText measure = measurer(scratch);
  StripPlan plan;
  StripLayout& l = plan.layout;
  const OutputGrid& grid = scene.grid;
  plan.kernels = channel_kernels(trace);
  const int64_t n = std::max(grid.rows.count, grid.cols.count);
  const double preferred = std::clamp(std::floor(kStepBox / static_cast<double>(n)), 24.0, 72.0);
  const int64_t n_in = std::max(trace.rows.in, trace.cols.in);
  const int64_t n_k = std::max(plan.kernels.front().rows, plan.kernels.front().cols);
  const double in_preferred = std::clamp(std::floor(240 / static_cast<double>(n_in)), 24.0, 60.0);
  const double k_preferred = std::clamp(std::floor(240 / static_cast<double>(n_k)), 24.0, 60.0);
  const bool numbers = options.numbers != Numbers::Never;

  // The texts of each kind.
  const auto step_contents = [&](bool totals, int decimals) {
    std::vector<std::vector<std::string>> contents;
    for (const StepsPanel& step : scene.steps)
      for (const StepCell& cell : step.cells) {
        if (!cell.touched()) continue;
        if (totals || cell.terms.empty()) {
          contents.push_back({cell.terms.empty() ? std::string("0") : format_number(cell.total, decimals)});
        } else {
          contents.push_back(sum_pieces(cell.terms, scene.factors, decimals));
        }
      }
    std::sort(contents.begin(), contents.end());
    contents.erase(std::unique(contents.begin(), contents.end()), contents.end());
    return contents;
  };
  const auto texts = [](const std::vector<double>& values, int decimals) {
    std::vector<std::string> out;
    for (double v : values) out.push_back(format_number(v, decimals));
    return out;
  };
  std::vector<double> inputs, weights;
  for (const auto& plane : trace.input) inputs.insert(inputs.end(), plane.begin(), plane.end());
  for (const KernelPanel& k : plan.kernels) weights.insert(weights.end(), k.weights.begin(), k.weights.end());

  // The numbers of the step cells: the terms if every sum fits (on up to two lines) in a cell
  // of at most kMaxCell, else the running totals; at a comfortable size if the cells may grow
  // to it within the budget, else at the floor. The output's values must fit the same cells.
  struct Fit {
    double cell = 0, size = 0;
    int decimals = 3;
    bool totals = false;
  };
  const auto find_fit = [&](double wanted) {
    Fit found;
    for (int decimals : {3, 2})
      for (bool totals : {false, true}) {
        if (found.size > 0) return found;
        const auto contents = step_contents(totals, decimals);
        const double out_width = widest(measure, texts(trace.output, decimals));
        for (double cell = preferred; cell <= kMaxCell; cell += 2) {
          const double base = base_size(cell);
          const GridText fit = fit_grid_text(contents, box_of(cell), base, 2, measure);
          if (fit.size >= std::min(wanted, base) && fit.size >= type::kMinNumberSize &&
              value_size(out_width, cell) >= type::kMinNumberSize) {
            found = {cell, fit.size, decimals, totals};
            break;
          }
        }
      }
    if (found.size == 0 && wanted <= type::kMinNumberSize) {
      // Not even the totals fit a kMaxCell cell at the floor: cells as large as they need.
      std::vector<std::string> flat;
      for (const auto& c : step_contents(true, 2)) flat.push_back(c.front());
      for (const std::string& t : texts(trace.output, 2)) flat.push_back(t);
      found.cell = cell_for(widest(measure, flat), preferred);
      found = {found.cell, value_size(widest(measure, flat), found.cell), 2, true};
    }
    return found;
  };
  const auto use = [&](const Fit& fit) {
    l.cell = fit.cell;
    l.totals = fit.totals;
    l.numbers = {fit.size, fit.decimals, ""};
    const double in_width = widest(measure, texts(inputs, fit.decimals));
    const double k_width = widest(measure, texts(weights, fit.decimals));
    l.input_cell = cell_for(in_width, in_preferred);
    l.kernel_cell = cell_for(k_width, k_preferred);
    l.input_number_size = value_size(in_width, l.input_cell);
    l.kernel_number_size = value_size(k_width, l.kernel_cell);
    l.output_number_size = value_size(widest(measure, texts(trace.output, fit.decimals)), l.cell);
  };

  const auto build = [&]() {
    plan.panels.clear();
    const auto box = [](int64_t rows, int64_t cols, double cell) {
      return Panel{static_cast<double>(cols) * cell, static_cast<double>(rows) * cell, {}, 0};
    };
    for (size_t c = 0; c < trace.channels.size(); ++c) {
      plan.panels.push_back(box(trace.rows.in, trace.cols.in, l.input_cell));
      plan.panels.push_back(box(plan.kernels[c].rows, plan.kernels[c].cols, l.kernel_cell));
    }
    for (size_t s = 0; s < trace.steps.size(); ++s)
      plan.panels.push_back(box(grid.rows.count, grid.cols.count, l.cell));
    plan.panels.push_back(box(trace.rows.out, trace.cols.out, l.cell));
    plan.legend = strip_legend(trace, scene, l.numbers.size > 0);
    plan.notes.clear();
    if (l.totals && l.numbers.size > 0) {
      plan.notes.push_back(
          "Each cell shows its running total: the sums are too long to write out here (tconv "
          "compute --steps lists every term).");
    }
    if (!l.numbers.note.empty()) plan.notes.push_back(l.numbers.note);
    const std::string slice = slice_note(trace);
    if (!slice.empty()) plan.notes.push_back("This strip: " + slice + ".");
    // The footer's height depends on the width, the width on the rows: two rounds settle it.
    double width = 1200;
    for (int round = 0; round < 2; ++round) {
      const double footer = legend_flow_height(scratch, plan.legend, width - 2 * kMargin) +
                            18.0 * static_cast<double>(plan.notes.size()) + 26;
      plan.footer = footer;
      if (trace.spatial_dims == 1) {
        const double indent = static_cast<double>(grid.cols.drawn_of_output(0)) * l.cell;
        l.height = stack_panels(plan.panels, 2 * trace.channels.size(), indent, footer, l.width, l.rows);
      } else {
        l.height = place_panels(plan.panels, footer, l.width, l.rows);
      }
      width = l.width;
    }
  };

  bool placed = false;
  if (numbers) {
    for (double wanted : {kComfortable, type::kMinNumberSize}) {
      const Fit fit = find_fit(wanted);
      if (fit.size <= 0) continue;
      use(fit);
      build();
      if (options.numbers == Numbers::Always || l.width * l.height <= kStripBudget) {
        placed = true;
        break;
      }
    }
  }
  if (!placed) {
    // Without numbers the cells only need to show where each step lands.
    l.cell = std::clamp(std::floor(kStepBox / 2 / static_cast<double>(n)), 10.0, 36.0);
    l.input_cell = std::clamp(std::floor(120 / static_cast<double>(n_in)), 10.0, 36.0);
    l.kernel_cell = std::clamp(std::floor(120 / static_cast<double>(n_k)), 10.0, 36.0);
    l.totals = false;
    l.numbers = {0, 3, numbers ? kNumbersLeftOut : ""};
    l.input_number_size = l.kernel_number_size = l.output_number_size = 0;
    build();
  }
  const int decimals = l.numbers.decimals;

  // The lines of every step cell at the chosen size.
  if (l.numbers.size > 0) {
    for (const StepsPanel& step : scene.steps) {
      std::vector<std::vector<std::string>> cells(step.cells.size());
      for (size_t i = 0; i < step.cells.size(); ++i) {
        const StepCell& cell = step.cells[i];
        if (!cell.touched()) continue;
        if (l.totals || cell.terms.empty()) {
          cells[i] = {cell.terms.empty() ? std::string("0") : format_number(cell.total, decimals)};
        } else {
          // The fewest lines that fit the common size (every sum fits it on one or two).
          cells[i] = fit_grid_text({sum_pieces(cell.terms, scene.factors, decimals)}, box_of(l.cell), l.numbers.size, 2,
                                   measure)
                         .lines.front();
        }
      }
      plan.step_lines.push_back(std::move(cells));
    }
  }

  const size_t channels = trace.channels.size();
  for (size_t c = 0; c < channels; ++c) {
    l.input_origins.push_back(plan.panels[2 * c].origin);
    l.kernel_origins.push_back(plan.panels[2 * c + 1].origin);
  }
  for (size_t s = 0; s < trace.steps.size(); ++s) l.step_origins.push_back(plan.panels[2 * channels + s].origin);
  l.output_origin = plan.panels.back().origin;
  return plan;
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
    case CellRole::ZeroExtension:
      return theme::kOutputPadding;
    case CellRole::Cropped:
      return theme::kCropped;
  }
  return theme::kStripCell;
}

void mark_cell(Canvas& canvas, double x, double y, double cell) {
  cairo_rectangle(canvas.cr(), x + 3.5, y + 3.5, cell - 7, cell - 7);
  mark_output_padding(canvas);
  cairo_new_path(canvas.cr());
}

void draw_input_panel(Canvas& canvas, const SliceTrace& trace, const Panel& panel, const StripLayout& l,
                      size_t channel_index, const TraceStep* current) {
  const std::vector<double>& plane = trace.input[channel_index];
  const double cell = l.input_cell;
  for (int64_t r = 0; r < trace.rows.in; ++r)
    for (int64_t c = 0; c < trace.cols.in; ++c) {
      const bool now = current != nullptr && current->row == r && current->col == c;
      const Rgb fill = now ? theme::kInputCurrent : theme::kStripInput;
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      draw_cell_lines(canvas, {format_number(plane[static_cast<size_t>(r * trace.cols.in + c)], l.numbers.decimals)},
                      x + cell / 2, y + cell / 2, l.input_number_size, fill);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, trace.rows.in, trace.cols.in, cell, theme::kInputGridLine, 1);
}

void draw_kernel_panel(Canvas& canvas, const KernelPanel& kernel, const Panel& panel, double cell, double size,
                       int decimals) {
  for (int64_t r = 0; r < kernel.rows; ++r)
    for (int64_t c = 0; c < kernel.cols; ++c) {
      const auto i = static_cast<size_t>(r * kernel.cols + c);
      const Rgb fill = kernel.is_tap[i] ? theme::kStripKernel : theme::kWhite;
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      draw_cell_lines(canvas, {format_number(kernel.weights[i], decimals)}, x + cell / 2, y + cell / 2, size, fill);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, kernel.rows, kernel.cols, cell, theme::kKernelGridLine, 1);
}

void draw_step_panel(Canvas& canvas, const OutputGrid& grid, const StepsPanel& step,
                     const std::vector<std::vector<std::string>>* lines, const Panel& panel, const StripLayout& l) {
  const double cell = l.cell;
  for (int64_t r = 0; r < grid.rows.count; ++r)
    for (int64_t c = 0; c < grid.cols.count; ++c) {
      const CellRole role = grid.role(r, c);
      // Without numbers, what the steps have reached so far shows as the full colour.
      const bool untouched =
          lines == nullptr && role == CellRole::Output && !step.cells[static_cast<size_t>(grid.index(r, c))].touched();
      const Rgb fill = untouched ? theme::kStripUntouched : step_fill(role);
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      if (role == CellRole::OutputPadding) mark_cell(canvas, x, y, cell);
      if (lines != nullptr) {
        draw_cell_lines(canvas, (*lines)[static_cast<size_t>(grid.index(r, c))], x + cell / 2, y + cell / 2,
                        l.numbers.size, fill);
      }
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

void draw_output_panel(Canvas& canvas, const SliceTrace& trace, const OutputGrid& grid, const Panel& panel,
                       const StripLayout& l) {
  const double cell = l.cell;
  for (int64_t r = 0; r < trace.rows.out; ++r)
    for (int64_t c = 0; c < trace.cols.out; ++c) {
      const CellRole role = grid.role(grid.rows.drawn_of_output(r), grid.cols.drawn_of_output(c));
      const Rgb fill = step_fill(role);
      const double x = panel.origin.x + static_cast<double>(c) * cell;
      const double y = panel.origin.y + static_cast<double>(r) * cell;
      canvas.fill_rect(x, y, cell, cell, fill);
      if (role == CellRole::OutputPadding) mark_cell(canvas, x, y, cell);
      draw_cell_lines(canvas,
                      {format_number(trace.output[static_cast<size_t>(r * trace.cols.out + c)], l.numbers.decimals)},
                      x + cell / 2, y + cell / 2, l.output_number_size, fill);
    }
  grid_lines(canvas, panel.origin.x, panel.origin.y, trace.rows.out, trace.cols.out, cell, theme::kStripGridLine, 1);
}

// The legend and the notes under the panels.
void draw_footer(Canvas& canvas, const StripPlan& plan) {
  const StripLayout& l = plan.layout;
  double y = l.height - plan.footer + 16;
  y = draw_legend_flow(canvas, plan.legend, kMargin, y, l.width - 2 * kMargin) + 4;
  canvas.set_font(FontFace::Sans, 14);
  canvas.set_color(theme::kLegend);
  for (const std::string& note : plan.notes) {
    canvas.set_font(FontFace::Sans, 14);
    canvas.text(note, kMargin, y + 10, Align::Left);
    y += 18;
  }
}

}  // namespace

StripLayout make_strip_layout(const SliceTrace& trace, const DrawOptions& options) {
  return plan_strip(trace, make_steps_scene(trace), options).layout;
}

void draw_steps(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const StepsScene scene = make_steps_scene(trace);
  const StripPlan plan = plan_strip(trace, scene, options);
  const StripLayout& layout = plan.layout;
  const std::vector<Panel>& panels = plan.panels;
  const size_t steps = scene.steps.size();
  const size_t channels = trace.channels.size();
  std::string output_label = "Output";
  if (trace.has_bias) output_label += " (bias " + format_number(trace.bias, layout.numbers.decimals) + " added)";
  const bool dilated = trace.rows.params.dilation > 1 || trace.cols.params.dilation > 1;
  std::map<int64_t, size_t> channel_index;
  for (size_t c = 0; c < channels; ++c) channel_index[trace.channels[c]] = c;

  for (size_t frame = 0; frame <= steps; ++frame) {
    Canvas canvas(layout.width, layout.height, options.scale, options.surface);
    const bool last = frame == steps;
    const TraceStep* current = last ? nullptr : &trace.steps[frame];
    for (size_t c = 0; c < channels; ++c) {
      const bool active = current != nullptr && channel_index[current->in_channel] == c;
      draw_input_panel(canvas, trace, panels[2 * c], layout, c, active ? current : nullptr);
      draw_kernel_panel(canvas, plan.kernels[c], panels[2 * c + 1], layout.kernel_cell, layout.kernel_number_size,
                        layout.numbers.decimals);
      const std::string tag = channels > 1 ? " c" + std::to_string(trace.channels[c]) : "";
      label(canvas, panels[2 * c], "Input" + tag, true);
      label(canvas, panels[2 * c + 1], (dilated ? "Kernel (dilated)" : "Kernel") + tag, true);
    }
    for (size_t s = 0; s < steps; ++s) {
      const Panel& panel = panels[2 * channels + s];
      const bool revealed = s <= frame;
      if (revealed) {
        draw_step_panel(canvas, scene.grid, scene.steps[s], plan.step_lines.empty() ? nullptr : &plan.step_lines[s],
                        panel, layout);
      } else {
        placeholder(canvas, panel);
      }
      const std::string tag = step_tag(trace, trace.steps[s].in_channel);
      label(canvas, panel, "Step " + std::to_string(s + 1) + (tag.empty() ? "" : " \xC2\xB7 " + tag), revealed);
    }
    if (last) {
      draw_output_panel(canvas, trace, scene.grid, panels.back(), layout);
    } else {
      placeholder(canvas, panels.back());
    }
    label(canvas, panels.back(), output_label, last);
    draw_footer(canvas, plan);
    sink.add(canvas, frame_duration_ms(options, kStepMs, kLastMs, last));
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
  const double height = kMargin + tallest + kLabelGap + 38 + kMargin;
  Canvas canvas(width, height, options.scale, options.surface);
  double x = kMargin;
  const double size = options.numbers == Numbers::Never ? 0 : 20;
  for (size_t i = 0; i < panels.size(); ++i) {
    const KernelPanel& kernel = panels[i];
    Panel panel{static_cast<double>(kernel.cols) * kCell, static_cast<double>(kernel.rows) * kCell, {}, 0};
    panel.origin = {x, kMargin + (tallest - panel.height) / 2};
    draw_kernel_panel(canvas, kernel, panel, kCell, size, 3);
    const int64_t dilation = kernels[i].cols.params.dilation;
    canvas.set_font(FontFace::Sans, kLabelSize);
    canvas.set_color(theme::kInk);
    const double label_y = kMargin + tallest + kLabelGap + 4;
    canvas.text("dilation = " + std::to_string(dilation), x + panel.width / 2, label_y, Align::Center);
    canvas.set_color(theme::kLegend);
    canvas.set_font(FontFace::Sans, 15);
    const std::string extent =
        std::to_string(kernel.rows) + "x" + std::to_string(kernel.cols) +
        (dilation == 1 ? " (default)"
                       : ", " + std::to_string(dilation - 1) + " zero" + (dilation == 2 ? "" : "s") + " between taps");
    canvas.text(extent, x + panel.width / 2, label_y + 24, Align::Center);
    x += panel.width + kKernelGap;
  }
  sink.add(canvas, frame_duration_ms(options, kStepMs, kLastMs, true));
}

}  // namespace tconv
