#include "render/draw_common.hpp"

#include <algorithm>

#include "core/index.hpp"
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
    pads += two_d ? std::to_string(r.pad_begin) + "," + std::to_string(c.pad_begin) + "," +
                        std::to_string(r.pad_end) + "," + std::to_string(c.pad_end)
                  : std::to_string(c.pad_begin) + "," + std::to_string(c.pad_end);
    lines.push_back({pads, true});
  }
  lines.push_back({"output_padding: " + axis_values(trace, &AxisParams::output_padding),
                   changed(&AxisParams::output_padding, 0)});
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

double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top) {
  double y = top;
  for (const LegendEntry& entry : entries) {
    if (entry.swatch == Swatch::Filled) {
      canvas.fill_rect(x, y, 16, 16, entry.color);
    } else {
      canvas.stroke_rect(x + 1, y + 1, 14, 14, entry.color, 2);
    }
    canvas.set_color(theme::kLegend);
    canvas.set_font(FontFace::Sans, 15);
    canvas.text(entry.label, x + 26, y + 8, Align::Left, true);
    y += 28;
  }
  return y;
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
  if (trace.in_channels > 1) name += " channel " + std::to_string(channel);
  return name + " " + plane_index_text(trace, row, col);
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
    note += ", from input channels " + std::to_string(trace.channels.front()) + "-" +
            std::to_string(trace.channels.back());
  }
  return note;
}

double fitting_size(Canvas& canvas, const std::vector<std::string>& texts, FontFace face, double size,
                    double min_size, double max_width) {
  double widest = 0;
  for (const std::string& text : texts) widest = std::max(widest, canvas.text_width(text, face, size));
  if (widest <= max_width) return size;
  const double fitted = size * max_width / widest;
  return fitted >= min_size ? fitted : 0;
}

}  // namespace tconv
