// The figures, drawn with Cairo from the scene descriptions. Each draw_X renders its frames one
// at a time into a Canvas and hands each to a FrameSink (which encodes or collects it).
//
// Numbers in cells follow cell_text.hpp's rules and the readability floor of theme.hpp
// (digits at least 9 px tall at --scale 1). When a grid's numbers would be smaller, a style
// first fits them (fewer decimals, a larger cell, strips wrapped into rows); if the picture
// would then pass its size budget, Numbers::Auto leaves the numbers out and the picture says
// so in one line naming --numbers, which draws them at any size.
#pragma once

#include <string>
#include <vector>

#include "core/overlap_view.hpp"
#include "render/canvas.hpp"
#include "render/scatter_scene.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

enum class Numbers {
  Auto,    // draw them when they fit the size budget, else leave them out with a note
  Always,  // draw them, growing the picture as much as they need (--numbers)
  Never,   // cells without values (--no-numbers)
};

struct DrawOptions {
  double scale = 1.0;
  SurfaceKind surface = SurfaceKind::Raster;
  Numbers numbers = Numbers::Auto;
  int delay_ms = 0;  // --delay: how long every frame shows (0: each style's own times)
};

// How long a frame shows: the style's own times (step_ms, and last_ms for the last frame, which
// holds the result), or with --delay that time for every frame and kLastFrameHold times it for
// the last. The one timing rule of every style.
inline constexpr int kLastFrameHold = 3;
int frame_duration_ms(const DrawOptions& options, int step_ms, int last_ms, bool last);

// The one-line note of a picture whose numbers were left out.
inline constexpr const char* kNumbersLeftOut =
    "numbers left out: they would be under 9 px here; --numbers draws them on a larger picture";

// Receives each finished frame and how long it shows.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void add(Canvas& canvas, int duration_ms) = 0;
};

// The scatter animation: one frame per step.
void draw_scatter(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
// The calculation strip: one frame per step, then the whole strip with the output.
void draw_steps(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
// conv_arithmetic's gather view: one frame per output cell.
void draw_gather(const SliceTrace& trace, const DrawOptions& options, FrameSink& sink);
// The overlap heat map of a 1-D or 2-D layer: one frame per input element (the counts growing
// as its kernel copy lands), then the finished map with the verdict. trace gives the layer
// and the order of the steps (its values are not drawn).
void draw_overlap(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options, FrameSink& sink);
// Figure 9: one kernel per trace (each the trace of a 1x1 input through a dilated kernel),
// side by side, in one frame.
void draw_dilation(const std::vector<SliceTrace>& kernels, const DrawOptions& options, FrameSink& sink);

// Where the scatter figure puts things, in logical pixels (pixel probes in the tests use it).
struct Point {
  double x = 0, y = 0;
};

// How a picture's numbers came out: the font size of each kind (0: none drawn), and the note
// when Numbers::Auto left them out.
struct NumberPlan {
  double size = 0;  // cell values (0: no numbers)
  int decimals = 3;
  std::string note;  // kNumbersLeftOut, or empty
};

struct ScatterLayout {
  double width = 0, height = 0;
  double unit_x = 0, unit_y = 0;  // half a cell's diamond: width and height
  Point output_origin;            // left corner of output cell (0, 0)
  Point input_origin;             // left corner of input cell (0, 0)
  double panel_x = 0, panel_width = 0;
  Point kernel_origin;  // top-left of the kernel panel
  double kernel_cell = 0;
  double legend_top = 0, caption_top = 0;
  NumberPlan numbers;
  double kernel_number_size = 0;

  // Corner (row, col) of the grid: (0,0) is the plane's left corner.
  Point output_corner(double row, double col) const;
  Point input_corner(double row, double col) const;
  Point output_center(int64_t row, int64_t col) const { return output_corner(row + 0.5, col + 0.5); }
  Point input_center(int64_t row, int64_t col) const { return input_corner(row + 0.5, col + 0.5); }
};

ScatterLayout make_scatter_layout(const SliceTrace& trace, const DrawOptions& options = {});

// Where the steps figure puts the panels (pixel probes in the tests use it).
struct StripLayout {
  double width = 0, height = 0;
  double cell = 0;                                   // step and output grid cell size
  std::vector<Point> step_origins;                   // top-left of each step grid
  std::vector<Point> input_origins, kernel_origins;  // per input channel of the slice
  Point output_origin;
  double input_cell = 0, kernel_cell = 0;
  int rows = 1;         // rows the panels are wrapped into
  bool totals = false;  // step cells show running totals, not their terms
  NumberPlan numbers;   // the step cells'
  double output_number_size = 0, input_number_size = 0, kernel_number_size = 0;
};

StripLayout make_strip_layout(const SliceTrace& trace, const DrawOptions& options = {});

// Where the gather figure puts things.
struct GatherLayout {
  double width = 0, height = 0;
  double cell = 0, kernel_cell = 0;
  std::vector<Point> canvas_origins;                   // per input channel of the slice
  std::vector<Point> kernel_origins, flipped_origins;  // per input channel
  Point output_origin;
  NumberPlan numbers;  // canvas and output values
  double kernel_number_size = 0;
};

GatherLayout make_gather_layout(const SliceTrace& trace, const DrawOptions& options = {});

// Where the overlap heat map puts things.
struct OverlapLayout {
  double width = 0, height = 0;
  double cell = 0;
  Point grid_origin;  // top-left of drawn cell (0, 0) of the output grid
  NumberPlan numbers;
};

OverlapLayout make_overlap_layout(const SliceTrace& trace, const OverlapView& view, const DrawOptions& options = {});

}  // namespace tconv
