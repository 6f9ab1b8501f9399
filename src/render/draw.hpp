// The figures, drawn with Cairo from the scene descriptions. Each draw_X renders its frames one
// at a time into a Canvas and hands each to a FrameSink (which encodes or collects it).
#pragma once

#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/scatter_scene.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

struct DrawOptions {
  double scale = 1.0;
  SurfaceKind surface = SurfaceKind::Raster;
  bool numbers = true;  // draw values and sums in the cells
};

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
// Figure 9: one kernel per trace (each the trace of a 1x1 input through a dilated kernel),
// side by side, in one frame.
void draw_dilation(const std::vector<SliceTrace>& kernels, const DrawOptions& options, FrameSink& sink);

// Where the scatter figure puts things, in logical pixels (pixel probes in the tests use it).
struct Point {
  double x = 0, y = 0;
};

struct ScatterLayout {
  double width = 0, height = 0;
  double unit_x = 0, unit_y = 0;  // half a cell's diamond: width and height
  Point output_origin;            // left corner of output cell (0, 0)
  Point input_origin;             // left corner of input cell (0, 0)
  double panel_x = 0;

  // Corner (row, col) of the grid: (0,0) is the plane's left corner.
  Point output_corner(double row, double col) const;
  Point input_corner(double row, double col) const;
  Point output_center(int64_t row, int64_t col) const { return output_corner(row + 0.5, col + 0.5); }
  Point input_center(int64_t row, int64_t col) const { return input_corner(row + 0.5, col + 0.5); }
};

ScatterLayout make_scatter_layout(const ScatterScene& scene);

// Where the steps figure puts the step panels (pixel probes in the tests use it).
struct StripLayout {
  double width = 0, height = 0;
  double cell = 0;                     // step and output grid cell size
  std::vector<Point> step_origins;     // top-left of each step grid
  Point input_origin, kernel_origin, output_origin;
  double input_cell = 0, kernel_cell = 0;
};

StripLayout make_strip_layout(const SliceTrace& trace);

}  // namespace tconv
