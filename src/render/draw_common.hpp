// Pieces several figures share: the parameter panel, the legend, numbers in cells.
#pragma once

#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

// One line of the parameter panel; emphasised when the value is not PyTorch's default.
struct ParameterLine {
  std::string text;
  bool emphasised = false;
};

// "kernel: 3", "stride: 2", "padding: 1" (or "pads: 1,0,1,0" when asymmetric),
// "output_padding: 0", "dilation: 1", then "groups: 2" when groups > 1.
std::vector<ParameterLine> parameter_lines(const SliceTrace& trace);

// Draws "Parameters" and the lines from (x, top); returns the y below the last line.
double draw_parameter_panel(Canvas& canvas, const std::vector<ParameterLine>& lines, double x, double top);

enum class Swatch { Filled, Hollow };

struct LegendEntry {
  std::string label;
  Rgb color;
  Swatch swatch = Swatch::Filled;
};

// One entry a row, 28 px pitch, from (x, top); returns the y below the last row.
double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top);

// A position of the drawn plane: "(0, 1)", or "(1)" for a 1-D layer.
std::string plane_index_text(const SliceTrace& trace, int64_t row, int64_t col);

// "input (0, 1)" / "input (1)" for 1-D, with the channel when there are several.
std::string input_name(const SliceTrace& trace, int64_t channel, int64_t row, int64_t col);

// What the picture shows of a multi-channel or batched layer, e.g. "batch 0, output channel 1
// of 2 (input channels 0-1)"; empty for a single-channel, single-item layer.
std::string slice_note(const SliceTrace& trace);

// The largest size <= size at which every text fits max_width (at least min_size; 0 if even
// that does not fit).
double fitting_size(Canvas& canvas, const std::vector<std::string>& texts, FontFace face, double size,
                    double min_size, double max_width);

}  // namespace tconv
