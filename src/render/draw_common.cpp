#include "render/draw_common.hpp"

#include <cairo.h>

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>

#include "core/index.hpp"
#include "render/draw.hpp"
#include "render/theme.hpp"

namespace tconv {

namespace {

std::string axis_values(const SliceTrace& trace, int64_t AxisParams::*field) {
  const int64_t c = trace.cols.params.*field;
  if (trace.spatial_dims == 1) return std::to_string(c);
  const int64_t r = trace.rows.params.*field;
  return r == c ? std::to_string(r) : std::to_string(r) + "," + std::to_string(c);
}

}  // namespace

std::vector<ParameterLine> parameter_lines(const SliceTrace& trace) {
  const AxisParams& r = trace.rows.params;
  const AxisParams& c = trace.cols.params;
  const bool two_d = trace.spatial_dims == 2;
  const auto changed = [&](int64_t AxisParams::*field, int64_t default_value) {
    return c.*field != default_value || (two_d && r.*field != default_value);
  };
  std::vector<ParameterLine> lines;
  lines.push_back({"kernel: " + axis_values(trace, &AxisParams::kernel), changed(&AxisParams::kernel, 3)});
  lines.push_back({"stride: " + axis_values(trace, &AxisParams::stride), changed(&AxisParams::stride, 1)});
  const bool symmetric = r.pad_begin == r.pad_end && c.pad_begin == c.pad_end;
  if (symmetric) {
    lines.push_back({"padding: " + axis_values(trace, &AxisParams::pad_begin), changed(&AxisParams::pad_begin, 0)});
  } else {
    std::string pads = "pads: ";
    pads += two_d ? std::to_string(r.pad_begin) + "," + std::to_string(c.pad_begin) + "," + std::to_string(r.pad_end) +
                        "," + std::to_string(c.pad_end)
                  : std::to_string(c.pad_begin) + "," + std::to_string(c.pad_end);
    lines.push_back({pads, true});
  }
  lines.push_back(
      {"output_padding: " + axis_values(trace, &AxisParams::output_padding), changed(&AxisParams::output_padding, 0)});
  lines.push_back({"dilation: " + axis_values(trace, &AxisParams::dilation), changed(&AxisParams::dilation, 1)});
  if (trace.groups > 1) lines.push_back({"groups: " + std::to_string(trace.groups), true});
  return lines;
}

double draw_parameter_panel(Canvas& canvas, const std::vector<ParameterLine>& lines, double x, double top) {
  canvas.set_color(theme::kTitle);
  canvas.set_font(FontFace::MonoBold, 17);
  canvas.text("Parameters", x, top + 14, Align::Left);
  double y = top + 52;
  for (const ParameterLine& line : lines) {
    canvas.set_color(line.emphasised ? theme::kEmphasis : theme::kText);
    canvas.set_font(line.emphasised ? FontFace::MonoBold : FontFace::Mono, 17);
    canvas.text(line.text, x, y, Align::Left);
    y += 30;
  }
  return y - 14;
}

namespace {

constexpr double kSwatch = 16;
constexpr double kLegendSize = 14;

void draw_swatch(Canvas& canvas, const LegendEntry& entry, double x, double y) {
  cairo_t* cr = canvas.cr();
  switch (entry.swatch) {
    case Swatch::Filled:
      canvas.fill_rect(x, y, kSwatch, kSwatch, entry.color);
      if (entry.outline.r8() != 255 || entry.outline.g8() != 255 || entry.outline.b8() != 255) {
        canvas.stroke_rect(x + 0.5, y + 0.5, kSwatch - 1, kSwatch - 1, entry.outline, 1);
      }
      break;
    case Swatch::Hollow:
      canvas.stroke_rect(x + 1, y + 1, kSwatch - 2, kSwatch - 2, entry.color, 2);
      break;
    case Swatch::Dashed: {
      const double dashes[2] = {3, 2};
      cairo_set_dash(cr, dashes, 2, 0);
      canvas.stroke_rect(x + 1, y + 1, kSwatch - 2, kSwatch - 2, entry.color, 2);
      cairo_set_dash(cr, nullptr, 0, 0);
      break;
    }
    case Swatch::Marked:
      canvas.fill_rect(x, y, kSwatch, kSwatch, entry.color);
      cairo_rectangle(cr, x + 2.5, y + 2.5, kSwatch - 5, kSwatch - 5);
      mark_output_padding(canvas);
      cairo_new_path(cr);
      break;
  }
}

}  // namespace

double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top) {
  double y = top;
  for (const LegendEntry& entry : entries) {
    draw_swatch(canvas, entry, x, y);
    canvas.set_color(theme::kLegend);
    canvas.set_font(FontFace::Sans, kLegendSize);
    canvas.text(entry.label, x + 26, y + 8, Align::Left, true);
    y += 26;
  }
  return y;
}

namespace {

// Calls place(entry, x, y) for each entry laid out left to right, wrapped at max_width;
// returns the height.
template <typename Place>
double flow(Canvas& canvas, const std::vector<LegendEntry>& entries, double max_width, Place place) {
  double x = 0, y = 0;
  for (const LegendEntry& entry : entries) {
    const double width = 24 + canvas.text_width(entry.label, FontFace::Sans, kLegendSize);
    if (x > 0 && x + width > max_width) {
      x = 0;
      y += 24;
    }
    place(entry, x, y);
    x += width + 26;
  }
  return entries.empty() ? 0 : y + 20;
}

}  // namespace

double draw_legend_flow(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top,
                        double max_width) {
  return top + flow(canvas, entries, max_width, [&](const LegendEntry& entry, double ex, double ey) {
           draw_swatch(canvas, entry, x + ex, top + ey);
           canvas.set_color(theme::kLegend);
           canvas.set_font(FontFace::Sans, kLegendSize);
           canvas.text(entry.label, x + ex + 24, top + ey + 8, Align::Left, true);
         });
}

double legend_flow_height(Canvas& canvas, const std::vector<LegendEntry>& entries, double max_width) {
  return flow(canvas, entries, max_width, [](const LegendEntry&, double, double) {});
}

std::vector<LegendEntry> role_legend(const OutputGrid& grid, const Rgb& cropped, const Rgb& added) {
  std::vector<LegendEntry> entries;
  if (grid.has_role(CellRole::Cropped)) entries.push_back({"cropped by padding", cropped});
  if (grid.has_role(CellRole::OutputPadding)) {
    entries.push_back({"added by output_padding", added, Swatch::Marked});
  }
  if (grid.has_role(CellRole::ZeroExtension))
    entries.push_back({"zeros past the kernel's reach (output shape)", added});
  return entries;
}

MeasureText measurer(Canvas& canvas, FontFace face) {
  // Measured once per text at a large size: text scales linearly (hinting is off), and the
  // large size keeps the rounding of the font's metrics out of small sizes.
  auto widths = std::make_shared<std::map<std::string, double>>();
  return [&canvas, face, widths](const std::string& text, double size) {
    auto found = widths->find(text);
    if (found == widths->end()) found = widths->emplace(text, canvas.text_width(text, face, 100) / 100).first;
    return found->second * size;
  };
}

void draw_cell_lines(Canvas& canvas, const std::vector<std::string>& lines, double cx, double cy, double size,
                     const Rgb& fill, bool halo) {
  if (size <= 0 || lines.empty()) return;
  canvas.set_font(FontFace::Sans, size);
  const double pitch = size * type::kLinePitch;
  const double top = cy - pitch * static_cast<double>(lines.size() - 1) / 2;
  for (size_t i = 0; i < lines.size(); ++i) {
    const double y = top + pitch * static_cast<double>(i);
    if (halo) canvas.text_halo(lines[i], cx, y, fill, std::max(2.5, size * 0.22));
    canvas.set_color(theme::text_on(fill));
    canvas.text(lines[i], cx, y, Align::Center, true);
  }
}

void mark_output_padding(Canvas& canvas, double line_width) {
  cairo_t* cr = canvas.cr();
  const double dashes[2] = {3, 2};
  cairo_set_dash(cr, dashes, 2, 0);
  canvas.set_color(theme::kOutputPaddingEdge);
  cairo_set_line_width(cr, line_width);
  cairo_stroke_preserve(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
}

std::vector<std::string> wrap_text(Canvas& canvas, const std::string& text, FontFace face, double size, double width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && canvas.text_width(longer, face, size) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string plane_index_text(const SliceTrace& trace, int64_t row, int64_t col) {
  Index index = zero_index(trace.spatial_dims);
  if (trace.spatial_dims == 1) {
    index[0] = col;
  } else {
    index[0] = row;
    index[1] = col;
  }
  return index_text(index, "(", ", ", ")");
}

std::string input_name(const SliceTrace& trace, int64_t channel, int64_t row, int64_t col) {
  std::string name = "input";
  if (trace.batch_size > 1) name += " batch " + std::to_string(trace.slice.batch) + ",";
  if (trace.in_channels > 1) name += " channel " + std::to_string(channel);
  return name + " " + plane_index_text(trace, row, col);
}

std::string step_tag(const SliceTrace& trace, int64_t channel) {
  std::string tag;
  if (trace.batch_size > 1) tag += "b" + std::to_string(trace.slice.batch);
  if (trace.in_channels > 1) tag += (tag.empty() ? "c" : " c") + std::to_string(channel);
  return tag;
}

std::string slice_note(const SliceTrace& trace) {
  if (trace.batch_size == 1 && trace.in_channels == 1 && trace.out_channels == 1) return "";
  std::string note;
  if (trace.batch_size > 1) {
    note += "batch item " + std::to_string(trace.slice.batch) + " of " + std::to_string(trace.batch_size) + ", ";
  }
  note += "output channel " + std::to_string(trace.slice.out_channel) + " of " + std::to_string(trace.out_channels);
  if (trace.channels.size() == 1) {
    note += ", from input channel " + std::to_string(trace.channels.front());
  } else {
    note +=
        ", from input channels " + std::to_string(trace.channels.front()) + "-" + std::to_string(trace.channels.back());
  }
  return note;
}

int frame_duration_ms(const DrawOptions& options, int step_ms, int last_ms, bool last) {
  if (options.delay_ms > 0) return last ? kLastFrameHold * options.delay_ms : options.delay_ms;
  return last ? last_ms : step_ms;
}

}  // namespace tconv
