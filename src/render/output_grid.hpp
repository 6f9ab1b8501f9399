// The output plane as the pictures draw it: the whole uncropped extent of the scatter, so that
// the border padding removes stays visible, plus the cells output_padding adds at the end.
//
// Per axis, uncropped coordinate u = position*stride + tap*dilation (conv_params.hpp). The
// kernel reaches u in [0, R), R = (in-1)*stride + dilation*(kernel-1) + 1. The layer keeps
// u in [pad_begin, pad_begin + out), out = R + output_padding - pad_begin - pad_end, so the
// cells output_padding adds are the last ones kept, u in [R - pad_end, R - pad_end +
// output_padding): zeros past R, and with pad_end > 0 cells the kernel reaches, which padding
// would otherwise have cropped (real values). The grid spans both ranges. ONNX's negative pads
// keep cells past the reach on either side (zeros): a role of their own.
#pragma once

#include <cstdint>

#include "render/slice_trace.hpp"

namespace tconv {

enum class CellRole {
  Output,         // kept and reachable by the kernel
  OutputPadding,  // kept because output_padding added it (values where the kernel reaches it)
  ZeroExtension,  // kept past the kernel's reach by a negative pad: zeros
  Cropped,        // reached by the kernel, then removed by padding
};

struct GridAxis {
  int64_t first = 0;       // uncropped coordinate of drawn cell 0 (<= 0)
  int64_t count = 0;       // drawn cells
  int64_t keep_begin = 0;  // kept uncropped range [keep_begin, keep_end)
  int64_t keep_end = 0;
  int64_t reach_end = 0;    // the kernel reaches [0, reach_end)
  int64_t added_begin = 0;  // added by output_padding: [added_begin, added_end), within the kept range
  int64_t added_end = 0;

  bool kept(int64_t drawn) const { return first + drawn >= keep_begin && first + drawn < keep_end; }
  bool reached(int64_t drawn) const { return first + drawn >= 0 && first + drawn < reach_end; }
  bool added(int64_t drawn) const { return first + drawn >= added_begin && first + drawn < added_end; }
  int64_t drawn(int64_t uncropped) const { return uncropped - first; }
  // The drawn cell of output index o.
  int64_t drawn_of_output(int64_t o) const { return o + keep_begin - first; }
};

struct OutputGrid {
  GridAxis rows, cols;

  // Cropped on either axis wins, then added by output_padding, then past the reach.
  CellRole role(int64_t row, int64_t col) const;
  int64_t cell_count() const { return rows.count * cols.count; }
  int64_t index(int64_t row, int64_t col) const { return row * cols.count + col; }
  bool has_role(CellRole wanted) const;
};

// The grid of one plane axis.
GridAxis make_grid_axis(const PlaneAxis& axis);

// The grid of a traced slice, or of its two plane axes.
OutputGrid make_output_grid(const SliceTrace& trace);
OutputGrid make_output_grid(const PlaneAxis& rows, const PlaneAxis& cols);

}  // namespace tconv
