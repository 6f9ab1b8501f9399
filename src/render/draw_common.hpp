// Pieces several figures share: the parameter panel, the legend, numbers in cells.
#pragma once

#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/cell_text.hpp"
#include "render/output_grid.hpp"
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

enum class Swatch {
  Filled,  // a square of the colour
  Hollow,  // its outline only
  Dashed,  // a dashed outline only
  Marked,  // filled, with output_padding's dashed inset edge (theme.hpp)
};

struct LegendEntry {
  std::string label;
  Rgb color;
  Swatch swatch = Swatch::Filled;
  Rgb outline = theme::kWhite;  // Filled: a thin outline of this colour when not white
};

// One entry a row, 26 px pitch, from (x, top); returns the y below the last row.
double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top);

// Entries left to right, wrapped at max_width, from (x, top); returns the y below the last line.
double draw_legend_flow(Canvas& canvas, const std::vector<LegendEntry>& entries, double x, double top,
                        double max_width);
// The height draw_legend_flow would take.
double legend_flow_height(Canvas& canvas, const std::vector<LegendEntry>& entries, double max_width);

// The legend entries of the output roles present in grid (cropped, output_padding, zeros past
// the output shape), with the style's fills.
std::vector<LegendEntry> role_legend(const OutputGrid& grid, const Rgb& cropped, const Rgb& added);

// cell_text.hpp's measure for a face: widths from the canvas's fonts.
MeasureText measurer(Canvas& canvas, FontFace face = FontFace::Sans);

// Lines of text centred on (cx, cy) at `size` in the colour that reads on fill. halo: each
// glyph is first outlined in the fill colour, so that a line drawn before never runs into a digit.
void draw_cell_lines(Canvas& canvas, const std::vector<std::string>& lines, double cx, double cy, double size,
                     const Rgb& fill, bool halo = false);

// output_padding's mark: a dashed inset outline of the current path's cell (the path is kept).
void mark_output_padding(Canvas& canvas, double line_width = 1.5);

// text broken at spaces into lines no wider than width at (face, size).
std::vector<std::string> wrap_text(Canvas& canvas, const std::string& text, FontFace face, double size, double width);

// A position of the drawn plane: "(0, 1)", or "(1)" for a 1-D layer.
std::string plane_index_text(const SliceTrace& trace, int64_t row, int64_t col);

// "input (0, 1)" / "input (1)" for 1-D, with the batch item and channel when there are several.
std::string input_name(const SliceTrace& trace, int64_t channel, int64_t row, int64_t col);

// "c1", "b0 c1", "b1" or "": the batch item and input channel of a step, when the layer has
// more than one of either (the note of slice_note explains the letters).
std::string step_tag(const SliceTrace& trace, int64_t channel);

// What the picture shows of a multi-channel or batched layer, e.g. "batch 0, output channel 1
// of 2 (input channels 0-1)"; empty for a single-channel, single-item layer.
std::string slice_note(const SliceTrace& trace);

}  // namespace tconv
