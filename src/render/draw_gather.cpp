// The gather view: conv_arithmetic's picture of a transposed convolution, with numbers, the
// kernel shown as given and flipped 180 degrees, one spread input per input channel, and the
// planes labelled.
#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/gather_scene.hpp"
#include "render/output_grid.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

constexpr double kMargin = 36;
constexpr double kGap = 56;
constexpr double kLabelRoom = 40;  // under a panel: its label
constexpr double kMaxNumberSize = 20;
// Numbers::Auto grows the cells for readable numbers while the picture stays this wide.
constexpr double kWidthBudget = 2400;
constexpr int kFrameMs = 900;

void dashed_cell(Canvas& canvas, double x, double y, double cell) {
  const double dashes[2] = {3, 3};
  cairo_set_dash(canvas.cr(), dashes, 2, 0);
  canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kZeroOutline, 1);
  cairo_set_dash(canvas.cr(), nullptr, 0, 0);
}

std::string factor(double value, int decimals) {
  const std::string text = format_number(value, decimals);
  return text.front() == '-' ? "(" + text + ")" : text;
}

// "output (1, 1) = 1·1 + 2·1 + 3·1 + 4·1 = 10": the engine's products in its order, grouped by
// input channel when there are several; the count alone when long.
std::string equation(const GatherFrame& frame, const SliceTrace& trace, int decimals) {
  std::string text = "output " + plane_index_text(trace, frame.out_row, frame.out_col) + " = ";
  if (frame.terms.empty()) {
    text += "0  (the window covers only zeros)";
    if (trace.has_bias)
      text += " + bias " + format_number(trace.bias, decimals) + " = " + format_number(frame.value, decimals);
    return text;
  }
  if (frame.terms.size() > 12) {
    return text + "the sum of " + std::to_string(frame.terms.size()) + " products" + (trace.has_bias ? " + bias" : "") +
           " = " + format_number(frame.value, decimals);
  }
  int64_t channel = -1;
  for (size_t i = 0; i < frame.terms.size(); ++i) {
    const GatherFrameTerm& term = frame.terms[i];
    if (i > 0) text += " + ";
    if (trace.channels.size() > 1 && term.channel_index != channel) {
      channel = term.channel_index;
      text += "[c" + std::to_string(trace.channels[static_cast<size_t>(channel)]) + "] ";
    }
    text += factor(term.value, decimals) + kTimes + factor(term.weight, decimals);
  }
  if (trace.has_bias) text += " + bias " + format_number(trace.bias, decimals);
  return text + " = " + format_number(frame.value, decimals);
}

// The kernel of channel c as given (kernel_rows x kernel_cols, undilated).
std::vector<double> kernel_of(const SliceTrace& trace, const GatherScene& scene, size_t channel) {
  std::vector<double> kernel(static_cast<size_t>(scene.kernel_rows * scene.kernel_cols), 0.0);
  for (const TraceStep& step : trace.steps) {
    if (step.in_channel != trace.channels[channel]) continue;
    for (const TraceUpdate& u : step.updates)
      kernel[static_cast<size_t>(u.tap_row * scene.kernel_cols + u.tap_col)] = u.weight;
    break;
  }
  return kernel;
}

std::vector<double> flipped(const std::vector<double>& kernel) { return {kernel.rbegin(), kernel.rend()}; }

struct GatherPlan {
  GatherLayout layout;
  std::vector<std::vector<double>> kernels;  // per channel, as given
  std::vector<std::string> notes;            // under the panels, before the equation
  double notes_top = 0;
  std::vector<LegendEntry> legend;  // before the notes
  double legend_height = 0;
  Point params_origin;  // the first parameter line's baseline
  double equation_width = 0;
  double window_weight_size = 0;
};

double widest(const MeasureText& measure, const std::vector<std::string>& texts) {
  double width = 0;
  for (const std::string& t : texts) width = std::max(width, measure(t, 1.0));
  return width;
}

GatherPlan plan_gather(const SliceTrace& trace, const GatherScene& scene, const DrawOptions& options) {
  Canvas scratch(1, 1, 1, SurfaceKind::Raster);
  const MeasureText measure = measurer(scratch);
  GatherPlan plan;
  GatherLayout& l = plan.layout;
  const size_t channels = trace.channels.size();
  for (size_t c = 0; c < channels; ++c) plan.kernels.push_back(kernel_of(trace, scene, c));
  const int64_t largest = std::max({scene.rows.count, scene.cols.count, scene.out_rows, scene.out_cols});
  const double preferred = std::clamp(std::floor(400.0 / static_cast<double>(largest)), 24.0, 56.0);
  const double k_preferred =
      std::clamp(std::floor(160.0 / static_cast<double>(std::max(scene.kernel_rows, scene.kernel_cols))), 24.0, 48.0);
  const auto d = [](int64_t n) { return static_cast<double>(n); };

  std::vector<double> weights;
  for (const auto& k : plan.kernels) weights.insert(weights.end(), k.begin(), k.end());
  const auto texts = [](const std::vector<double>& values, int decimals, const std::string& prefix) {
    std::vector<std::string> out;
    for (double v : values) out.push_back(prefix + format_number(v, decimals));
    return out;
  };
  std::vector<double> values{0};
  for (const auto& plane : trace.input) values.insert(values.end(), plane.begin(), plane.end());
  values.insert(values.end(), trace.output.begin(), trace.output.end());

  const auto arrange = [&]() {
    l.canvas_origins.clear();
    l.kernel_origins.clear();
    l.flipped_origins.clear();
    const double canvas_w = d(scene.cols.count) * l.cell, canvas_h = d(scene.rows.count) * l.cell;
    const double kernel_w = d(scene.kernel_cols) * l.kernel_cell, kernel_h = d(scene.kernel_rows) * l.kernel_cell;
    const double row_h = std::max(canvas_h, kernel_h) + kLabelRoom + 24;
    const double kernels_x = kMargin + canvas_w + kGap;
    const double kernels_w = std::max(2 * kernel_w + 40, 300.0);
    for (size_t c = 0; c < channels; ++c) {
      const double y = kMargin + 10 + d(static_cast<int64_t>(c)) * row_h;
      l.canvas_origins.push_back({kMargin, y});
      l.kernel_origins.push_back({kernels_x, y});
      l.flipped_origins.push_back({kernels_x + kernel_w + 40, y});
    }
    l.output_origin = {kernels_x + kernels_w + kGap, kMargin + 10};
    const double out_w = d(scene.out_cols) * l.cell, out_h = d(scene.out_rows) * l.cell;
    // The parameters under the kernel, or with several channels (one kernel pair each) under
    // the output and its legend.
    plan.params_origin = channels == 1 ? Point{kernels_x, l.kernel_origins.front().y + kernel_h + 28 + 26}
                                       : Point{l.output_origin.x, l.output_origin.y + out_h + 28 + 26};
    const double params_bottom = plan.params_origin.y + 18 * 6;
    plan.notes_top = std::max({l.canvas_origins.back().y + canvas_h + kLabelRoom + 10,
                               l.output_origin.y + out_h + kLabelRoom + 10, params_bottom + 10});
    l.width = l.output_origin.x + std::max(out_w, 140.0) + kMargin;
  };

  l.cell = preferred;
  l.kernel_cell = k_preferred;
  if (options.numbers != Numbers::Never) {
    // A canvas cell holds its value and, under the window, "×w" on a second line.
    for (int decimals : {3, 2}) {
      std::vector<std::string> window_weights;
      for (double w : weights) window_weights.push_back("\xC3\x97" + factor(w, decimals));
      const double w1 = std::max(widest(measure, texts(values, decimals, "")), widest(measure, window_weights));
      const double size = std::min({kMaxNumberSize, (preferred - 2 * type::kCellMarginX) / w1,
                                    (preferred - 2 * type::kCellMarginY) / lines_height(2)});
      if (size >= type::kMinNumberSize || decimals == 2) {
        l.numbers = {size, decimals, ""};
        if (size < type::kMinNumberSize) {
          l.cell = std::ceil(std::max(w1 * type::kMinNumberSize + 2 * type::kCellMarginX,
                                      lines_height(2) * type::kMinNumberSize + 2 * type::kCellMarginY));
          l.numbers.size = type::kMinNumberSize;
        }
        break;
      }
    }
    const double kw = widest(measure, texts(weights, l.numbers.decimals, ""));
    l.kernel_cell = std::max(k_preferred, std::ceil(kw * type::kMinNumberSize + 2 * type::kCellMarginX));
    l.kernel_number_size = std::min({kMaxNumberSize, (l.kernel_cell - 2 * type::kCellMarginX) / kw,
                                     (l.kernel_cell - 2 * type::kCellMarginY) / type::kDigitHeight});
    plan.window_weight_size = l.numbers.size;
  }
  arrange();
  if (options.numbers == Numbers::Auto && l.width > kWidthBudget && l.cell > preferred) {
    l.cell = preferred;
    l.kernel_cell = k_preferred;
    l.numbers = {0, 3, kNumbersLeftOut};
    l.kernel_number_size = plan.window_weight_size = 0;
    arrange();
  }

  const GatherCanvasAxis& cols = scene.cols;
  plan.notes.push_back(
      "Input spread by stride " + std::to_string(cols.geometry.stride) + " (" +
      std::to_string(cols.geometry.stride - 1) + " zero" + (cols.geometry.stride == 2 ? "" : "s") +
      " between elements), padded with dilation*(kernel-1) - padding = " + std::to_string(cols.geometry.pad_low) +
      " zeros before and " + std::to_string(cols.geometry.pad_high) + " after" +
      (trace.cols.params.output_padding > 0
           ? " (output_padding adds " + std::to_string(trace.cols.params.output_padding) + ")"
           : "") +
      "; the flipped kernel slides over it with stride 1.");
  const std::string slice = slice_note(trace);
  if (!slice.empty()) plan.notes.push_back("This picture: " + slice + ".");
  if (!l.numbers.note.empty()) plan.notes.push_back(l.numbers.note);
  plan.equation_width = l.width - 2 * kMargin;
  double equation_lines = 1;
  for (const GatherFrame& frame : scene.frames) {
    equation_lines =
        std::max(equation_lines,
                 static_cast<double>(
                     wrap_text(scratch, equation(frame, trace, 3), FontFace::Sans, 17, plan.equation_width).size()));
  }
  double notes_height = 0;
  for (const std::string& note : plan.notes) {
    notes_height += 18 * static_cast<double>(wrap_text(scratch, note, FontFace::Sans, 14, plan.equation_width).size());
  }
  const bool dilated = scene.dilation_rows > 1 || scene.dilation_cols > 1;
  plan.legend = {
      {"input element", theme::kStripInput, Swatch::Filled, theme::kInputGridLine},
      {"zero inserted by the stride", theme::kWhite, Swatch::Filled, theme::kZeroOutline},
      {"padding zero", theme::kPlaceholder, Swatch::Filled, theme::kZeroOutline},
      {dilated ? "the flipped kernel's taps (the window outlined)" : "the flipped kernel's window", theme::kFootprint},
      {"output computed", theme::kStripCell},
      {"the output cell of the frame", theme::kFocus, Swatch::Hollow}};
  if (make_output_grid(trace).has_role(CellRole::OutputPadding)) {
    plan.legend.push_back({"added by output_padding", theme::kOutputPadding, Swatch::Marked});
  }
  plan.legend_height = legend_flow_height(scratch, plan.legend, plan.equation_width) + 10;
  l.height = plan.notes_top + plan.legend_height + notes_height + 12 + 24 * equation_lines + kMargin / 2;
  return plan;
}

}  // namespace

GatherLayout make_gather_layout(const SliceTrace& trace, const DrawOptions& options) {
  return plan_gather(trace, make_gather_scene(trace), options).layout;
}

void draw_gather(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const GatherScene scene = make_gather_scene(trace);
  const GatherPlan plan = plan_gather(trace, scene, options);
  const GatherLayout& l = plan.layout;
  const OutputGrid grid = make_output_grid(trace);
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  const auto d = [](int64_t n) { return static_cast<double>(n); };
  const double cell = l.cell, kcell = l.kernel_cell;
  const int decimals = l.numbers.decimals;
  const size_t channels = trace.channels.size();
  const auto tag = [&](size_t c) { return channels > 1 ? " c" + std::to_string(trace.channels[c]) : std::string(); };

  for (size_t f = 0; f < scene.frames.size(); ++f) {
    const GatherFrame& frame = scene.frames[f];
    Canvas canvas(l.width, l.height, options.scale, options.surface);
    cairo_t* cr = canvas.cr();
    const CellRect& w = frame.window;
    for (size_t ch = 0; ch < channels; ++ch) {
      const Point origin = l.canvas_origins[ch];
      const std::vector<double> flip = flipped(plan.kernels[ch]);
      // The spread, padded input; the window's taps over it; then the numbers.
      std::vector<char> tap_here(static_cast<size_t>(scene.rows.count * scene.cols.count), 0);
      std::vector<double> weight_here(tap_here.size(), 0);
      for (int64_t a = 0; a < scene.kernel_rows; ++a)
        for (int64_t b = 0; b < scene.kernel_cols; ++b) {
          const int64_t r = w.row + a * scene.dilation_rows, c = w.col + b * scene.dilation_cols;
          tap_here[static_cast<size_t>(r * scene.cols.count + c)] = 1;
          weight_here[static_cast<size_t>(r * scene.cols.count + c)] =
              flip[static_cast<size_t>(a * scene.kernel_cols + b)];
        }
      for (int64_t r = 0; r < scene.rows.count; ++r)
        for (int64_t c = 0; c < scene.cols.count; ++c) {
          const double x = origin.x + d(c) * cell, y = origin.y + d(r) * cell;
          const int64_t ir = scene.rows.input_index(r), ic = scene.cols.input_index(c);
          const bool input = ir >= 0 && ic >= 0;
          const bool padding = scene.rows.kind(r) == CanvasCell::Padding || scene.cols.kind(c) == CanvasCell::Padding;
          const auto i = static_cast<size_t>(r * scene.cols.count + c);
          Rgb fill = theme::kWhite;
          if (input) {
            fill = theme::kStripInput;
            canvas.fill_rect(x, y, cell, cell, fill);
            canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kInputGridLine, 1);
          } else {
            if (padding) fill = theme::kPlaceholder;
            canvas.fill_rect(x, y, cell, cell, fill);
            dashed_cell(canvas, x, y, cell);
          }
          if (tap_here[i]) {
            canvas.set_color(theme::kFootprint, 0.55);
            cairo_rectangle(cr, x, y, cell, cell);
            cairo_fill(cr);
          }
          if (l.numbers.size <= 0) continue;
          const std::string value =
              input ? format_number(trace.input[ch][static_cast<size_t>(ir * trace.cols.in + ic)], decimals) : "0";
          const Rgb shown = tap_here[i] ? theme::kFootprint : fill;
          std::vector<std::string> text{value};
          if (tap_here[i]) text.push_back("\xC3\x97" + factor(weight_here[i], decimals));
          if (!input && !tap_here[i]) {
            canvas.set_font(FontFace::Sans, l.numbers.size);
            canvas.set_color(theme::kZeroDigit);
            canvas.text("0", x + cell / 2, y + cell / 2, Align::Center, true);
          } else {
            draw_cell_lines(canvas, text, x + cell / 2, y + cell / 2, l.numbers.size, shown);
          }
        }
      canvas.stroke_rect(origin.x + d(w.col) * cell, origin.y + d(w.row) * cell, d(w.cols) * cell, d(w.rows) * cell,
                         theme::kFocus, 3);
      canvas.set_font(FontFace::Sans, 17);
      canvas.set_color(theme::kInk);
      canvas.text("Input" + tag(ch) + ", spread and padded", origin.x, origin.y + d(scene.rows.count) * cell + 28,
                  Align::Left);

      // The kernel as given and flipped 180 degrees: the flip is what the gather view adds.
      const Point k0 = l.kernel_origins[ch], k1 = l.flipped_origins[ch];
      for (int pass = 0; pass < 2; ++pass) {
        const Point o = pass == 0 ? k0 : k1;
        const std::vector<double>& k = pass == 0 ? plan.kernels[ch] : flip;
        for (int64_t a = 0; a < scene.kernel_rows; ++a)
          for (int64_t b = 0; b < scene.kernel_cols; ++b) {
            const double x = o.x + d(b) * kcell, y = o.y + d(a) * kcell;
            canvas.fill_rect(x, y, kcell, kcell, theme::kStripKernel);
            canvas.stroke_rect(x + 0.5, y + 0.5, kcell - 1, kcell - 1, theme::kKernelGridLine, 1);
            draw_cell_lines(canvas, {format_number(k[static_cast<size_t>(a * scene.kernel_cols + b)], decimals)},
                            x + kcell / 2, y + kcell / 2, l.kernel_number_size, theme::kStripKernel);
          }
      }
      const double kernel_bottom = k0.y + d(scene.kernel_rows) * kcell;
      canvas.set_font(FontFace::Sans, 17);
      canvas.set_color(theme::kInk);
      canvas.text("Kernel" + tag(ch), k0.x, kernel_bottom + 28, Align::Left);
      canvas.text("flipped 180\xC2\xB0", k1.x, kernel_bottom + 28, Align::Left);
      canvas.set_font(FontFace::Sans, 22);
      canvas.set_color(theme::kLegend);
      canvas.text("\xE2\x86\x92", (k0.x + d(scene.kernel_cols) * kcell + k1.x) / 2,
                  k0.y + d(scene.kernel_rows) * kcell / 2, Align::Center, true);
    }
    double param_y = plan.params_origin.y;
    for (const ParameterLine& line : lines) {
      canvas.set_font(line.emphasised ? FontFace::MonoBold : FontFace::Mono, 13);
      canvas.set_color(line.emphasised ? theme::kEmphasis : theme::kText);
      canvas.text(line.text, plan.params_origin.x, param_y, Align::Left);
      param_y += 18;
    }

    // The output, filled up to the current cell; output_padding's cells marked from the start.
    const Point out = l.output_origin;
    for (int64_t r = 0; r < scene.out_rows; ++r)
      for (int64_t c = 0; c < scene.out_cols; ++c) {
        const size_t i = static_cast<size_t>(r * scene.out_cols + c);
        const double x = out.x + d(c) * cell, y = out.y + d(r) * cell;
        const CellRole role = grid.role(grid.rows.drawn_of_output(r), grid.cols.drawn_of_output(c));
        const bool added = role == CellRole::OutputPadding || role == CellRole::ZeroExtension;
        Rgb fill = theme::kWhite;
        if (i < f) fill = added ? theme::kOutputPadding : theme::kStripCell;
        if (i == f) fill = theme::kFootprint;
        canvas.fill_rect(x, y, cell, cell, fill);
        if (role == CellRole::OutputPadding) {
          cairo_rectangle(cr, x + 3.5, y + 3.5, cell - 7, cell - 7);
          mark_output_padding(canvas);
          cairo_new_path(cr);
        }
        if (i <= f) {
          draw_cell_lines(canvas, {format_number(scene.frames[i].value, decimals)}, x + cell / 2, y + cell / 2,
                          l.numbers.size, fill);
        }
        canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kStripGridLine, 1);
      }
    canvas.stroke_rect(out.x + d(frame.out_col) * cell, out.y + d(frame.out_row) * cell, cell, cell, theme::kFocus, 3);
    canvas.set_font(FontFace::Sans, 17);
    canvas.set_color(theme::kInk);
    canvas.text("Output", out.x, out.y + d(scene.out_rows) * cell + 28, Align::Left);

    // The legend, the notes, then the sum.
    draw_legend_flow(canvas, plan.legend, kMargin, plan.notes_top - 12, plan.equation_width);
    double y = plan.notes_top + plan.legend_height;
    canvas.set_color(theme::kLegend);
    for (const std::string& note : plan.notes)
      for (const std::string& line : wrap_text(canvas, note, FontFace::Sans, 14, plan.equation_width)) {
        canvas.set_font(FontFace::Sans, 14);
        canvas.text(line, kMargin, y, Align::Left);
        y += 18;
      }
    y += 12;
    canvas.set_color(theme::kInk);
    for (const std::string& line :
         wrap_text(canvas, equation(frame, trace, 3), FontFace::Sans, 17, plan.equation_width)) {
      canvas.set_font(FontFace::Sans, 17);
      canvas.text(line, kMargin, y, Align::Left);
      y += 24;
    }
    sink.add(canvas, frame_duration_ms(options, kFrameMs, 2 * kFrameMs, f + 1 == scene.frames.size()));
  }
}

}  // namespace tconv
