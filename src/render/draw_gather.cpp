// The gather view: conv_arithmetic's picture of a transposed convolution, with numbers, the
// kernel drawn flipped, and planes labelled.
#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "render/cell_text.hpp"
#include "render/draw.hpp"
#include "render/draw_common.hpp"
#include "render/gather_scene.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

constexpr double kMargin = 36;
constexpr double kGap = 64;
constexpr int kFrameMs = 900;

void centered_number(Canvas& canvas, double x, double y, double cell, double value, const Rgb& fill, double size) {
  canvas.set_font(FontFace::Sans, size);
  canvas.set_color(theme::text_on(fill));
  canvas.text(format_number(value), x + cell / 2, y + cell / 2, Align::Center, true);
}

void dashed_cell(Canvas& canvas, double x, double y, double cell) {
  const double dashes[2] = {3, 3};
  cairo_set_dash(canvas.cr(), dashes, 2, 0);
  canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kZeroOutline, 1);
  cairo_set_dash(canvas.cr(), nullptr, 0, 0);
}

// "1·1 + 2·1 = 3": the engine's products in its order, or the value alone when long.
std::string equation(const GatherFrame& frame, const SliceTrace& trace) {
  std::string text = "output " + plane_index_text(trace, frame.out_row, frame.out_col) + " = ";
  if (frame.terms.empty()) {
    text += "0  (the window covers only zeros)";
  } else if (frame.terms.size() <= 9) {
    for (size_t i = 0; i < frame.terms.size(); ++i) {
      if (i > 0) text += " + ";
      const std::string x = format_number(frame.terms[i].value);
      const std::string w = format_number(frame.terms[i].weight);
      text += (x.front() == '-' ? "(" + x + ")" : x) + "\xC2\xB7" + (w.front() == '-' ? "(" + w + ")" : w);
    }
    if (trace.has_bias) text += " + bias " + format_number(trace.bias);
    text += " = " + format_number(frame.value);
  } else {
    text += "the sum of " + std::to_string(frame.terms.size()) + " products" +
            (trace.has_bias ? " + bias" : "") + " = " + format_number(frame.value);
  }
  return text;
}

}  // namespace

void draw_gather(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink) {
  const GatherScene scene = make_gather_scene(trace);
  const int64_t largest = std::max({scene.rows.count, scene.cols.count, scene.out_rows, scene.out_cols});
  const double cell = std::clamp(std::floor(400.0 / static_cast<double>(largest)), 24.0, 56.0);
  const double kcell = std::clamp(std::floor(200.0 / static_cast<double>(std::max(scene.kernel_rows, scene.kernel_cols))), 24.0, 56.0);
  const double number_size = cell * 0.34;
  const auto rows_d = [](int64_t n) { return static_cast<double>(n); };

  const Point canvas_origin{kMargin, kMargin + 10};
  const double canvas_w = rows_d(scene.cols.count) * cell, canvas_h = rows_d(scene.rows.count) * cell;
  const Point kernel_origin{canvas_origin.x + canvas_w + kGap, canvas_origin.y};
  const double kernel_w = rows_d(scene.kernel_cols) * kcell, kernel_h = rows_d(scene.kernel_rows) * kcell;
  const Point out_origin{kernel_origin.x + std::max(kernel_w, 170.0) + kGap, canvas_origin.y};
  const double out_w = rows_d(scene.out_cols) * cell, out_h = rows_d(scene.out_rows) * cell;
  const double panels_bottom = canvas_origin.y + std::max({canvas_h, kernel_h, out_h});
  const double width = out_origin.x + std::max(out_w, 120.0) + kMargin;
  const std::vector<ParameterLine> lines = parameter_lines(trace);
  // The notes and the sum go under everything, the kernel's parameter lines included.
  const double notes_top = std::max(panels_bottom + 52, kernel_origin.y + kernel_h + 52 + 18.0 * static_cast<double>(lines.size()));
  const bool has_note = !slice_note(trace).empty();
  const double height = notes_top + (has_note ? 84 : 64);

  const std::string pad_note = [&] {
    std::string text = "stride " + std::to_string(scene.cols.geometry.stride) + " spreads the input, zeros padded: ";
    text += std::to_string(scene.cols.geometry.pad_low) + " = d(k-1)-p";
    return text;
  }();

  for (size_t f = 0; f < scene.frames.size(); ++f) {
    const GatherFrame& frame = scene.frames[f];
    Canvas canvas(width, height, options.scale, options.surface);
    cairo_t* cr = canvas.cr();
    // The spread, padded input: cells, then the kernel window over them, then the numbers.
    const CellRect& w = frame.window;
    for (int pass = 0; pass < 3; ++pass) {
      if (pass == 1) {
        for (int64_t a = 0; a < scene.kernel_rows; ++a)
          for (int64_t b = 0; b < scene.kernel_cols; ++b) {
            const double x = canvas_origin.x + rows_d(w.col + b * scene.dilation_cols) * cell;
            const double y = canvas_origin.y + rows_d(w.row + a * scene.dilation_rows) * cell;
            canvas.set_color(theme::kFootprint, 0.5);
            cairo_rectangle(cr, x, y, cell, cell);
            cairo_fill(cr);
          }
        continue;
      }
      for (int64_t r = 0; r < scene.rows.count; ++r)
        for (int64_t c = 0; c < scene.cols.count; ++c) {
          const double x = canvas_origin.x + rows_d(c) * cell, y = canvas_origin.y + rows_d(r) * cell;
          const int64_t ir = scene.rows.input_index(r), ic = scene.cols.input_index(c);
          const bool input = ir >= 0 && ic >= 0;
          const bool padding = scene.rows.kind(r) == CanvasCell::Padding || scene.cols.kind(c) == CanvasCell::Padding;
          if (pass == 0) {
            if (input) {
              canvas.fill_rect(x, y, cell, cell, theme::kStripInput);
              canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kInputGridLine, 1);
            } else {
              if (padding) canvas.fill_rect(x, y, cell, cell, theme::kPlaceholder);
              dashed_cell(canvas, x, y, cell);
            }
          } else if (options.numbers && input) {
            // Frames draw the first channel of the group; the terms name the others.
            const double value = trace.input.front()[static_cast<size_t>(ir * trace.cols.in + ic)];
            centered_number(canvas, x, y, cell, value, theme::kStripInput, number_size);
          } else if (options.numbers) {
            canvas.set_font(FontFace::Sans, number_size * 0.8);
            canvas.set_color(theme::kZeroDigit);
            canvas.text("0", x + cell / 2, y + cell / 2, Align::Center, true);
          }
        }
    }
    // Each tap of the flipped kernel with its weight.
    for (int64_t a = 0; a < scene.kernel_rows; ++a)
      for (int64_t b = 0; b < scene.kernel_cols; ++b) {
        const double x = canvas_origin.x + rows_d(w.col + b * scene.dilation_cols) * cell;
        const double y = canvas_origin.y + rows_d(w.row + a * scene.dilation_rows) * cell;
        if (options.numbers) {
          canvas.set_font(FontFace::SansBold, cell * 0.22);
          canvas.set_color(theme::kWindowWeight);
          canvas.text("\xC3\x97" + format_number(scene.flipped_kernel[static_cast<size_t>(a * scene.kernel_cols + b)]),
                      x + cell - 3, y + cell - 4, Align::Right);
        }
      }
    canvas.stroke_rect(canvas_origin.x + rows_d(w.col) * cell, canvas_origin.y + rows_d(w.row) * cell,
                       rows_d(w.cols) * cell, rows_d(w.rows) * cell, theme::kFocus, 3);

    // The flipped kernel on its own.
    for (int64_t a = 0; a < scene.kernel_rows; ++a)
      for (int64_t b = 0; b < scene.kernel_cols; ++b) {
        const double x = kernel_origin.x + rows_d(b) * kcell, y = kernel_origin.y + rows_d(a) * kcell;
        canvas.fill_rect(x, y, kcell, kcell, theme::kStripKernel);
        canvas.stroke_rect(x + 0.5, y + 0.5, kcell - 1, kcell - 1, theme::kKernelGridLine, 1);
        if (options.numbers) {
          centered_number(canvas, x, y, kcell, scene.flipped_kernel[static_cast<size_t>(a * scene.kernel_cols + b)],
                          theme::kStripKernel, kcell * 0.34);
        }
      }

    // The output, filled up to the current cell.
    for (int64_t r = 0; r < scene.out_rows; ++r)
      for (int64_t c = 0; c < scene.out_cols; ++c) {
        const size_t i = static_cast<size_t>(r * scene.out_cols + c);
        const double x = out_origin.x + rows_d(c) * cell, y = out_origin.y + rows_d(r) * cell;
        if (i < f) {
          canvas.fill_rect(x, y, cell, cell, theme::kStripCell);
          if (options.numbers) centered_number(canvas, x, y, cell, scene.frames[i].value, theme::kStripCell, number_size);
        } else if (i == f) {
          canvas.fill_rect(x, y, cell, cell, theme::kFootprint);
          if (options.numbers) centered_number(canvas, x, y, cell, frame.value, theme::kFootprint, number_size);
        }
        canvas.stroke_rect(x + 0.5, y + 0.5, cell - 1, cell - 1, theme::kStripGridLine, 1);
      }
    canvas.stroke_rect(out_origin.x + rows_d(frame.out_col) * cell, out_origin.y + rows_d(frame.out_row) * cell, cell,
                       cell, theme::kFocus, 3);

    // Labels and the sum.
    canvas.set_font(FontFace::Sans, 18);
    canvas.set_color(theme::kInk);
    const std::string input_label = trace.channels.size() > 1
                                        ? "Input c" + std::to_string(trace.channels.front()) + ", spread and padded"
                                        : "Input, spread and padded";
    canvas.text(input_label, canvas_origin.x, panels_bottom + 30, Align::Left);
    canvas.text(trace.channels.size() > 1 ? "Kernel c" + std::to_string(trace.channels.front()) + ", flipped 180\xC2\xB0"
                                          : std::string("Kernel, flipped 180\xC2\xB0"),
                kernel_origin.x, kernel_origin.y + kernel_h + 30, Align::Left);
    canvas.text("Output", out_origin.x, panels_bottom + 30, Align::Left);
    canvas.set_font(FontFace::Sans, 14);
    canvas.set_color(theme::kLegend);
    canvas.text(pad_note, canvas_origin.x, notes_top, Align::Left);
    double param_y = kernel_origin.y + kernel_h + 52;
    for (const ParameterLine& line : lines) {
      canvas.set_font(line.emphasised ? FontFace::MonoBold : FontFace::Mono, 13);
      canvas.set_color(line.emphasised ? theme::kEmphasis : theme::kText);
      canvas.text(line.text, kernel_origin.x, param_y, Align::Left);
      param_y += 18;
    }
    const std::string note = slice_note(trace);
    canvas.set_font(FontFace::Sans, 14);
    canvas.set_color(theme::kLegend);
    if (!note.empty()) canvas.text(note, canvas_origin.x, notes_top + 20, Align::Left);
    canvas.set_font(FontFace::Sans, 18);
    canvas.set_color(theme::kInk);
    canvas.text(equation(frame, trace), canvas_origin.x, notes_top + (note.empty() ? 40 : 60), Align::Left);
    sink.add(canvas, f + 1 == scene.frames.size() ? 2 * kFrameMs : kFrameMs);
  }
}

}  // namespace tconv
