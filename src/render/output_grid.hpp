// The output plane as the pictures draw it: the whole uncropped extent of the scatter, so that
// the border padding removes stays visible, plus the cells output_padding adds at the end.
//
// Per axis, uncropped coordinate u = position*stride + tap*dilation (conv_params.hpp). The
// layer keeps u in [pad_begin, pad_begin + out); the kernel reaches u in [0, full - op) where
// full = full_extent(in) and op = output_padding. The grid spans both ranges (with ONNX's
// negative pads the kept window reaches past the computed region: those cells are zeros and
// are drawn like output_padding cells).
#pragma once

#include <cstdint>

#include "render/slice_trace.hpp"

namespace tconv {

enum class CellRole {
  Output,         // kept and reachable by the kernel
  OutputPadding,  // kept but added by output_padding (or zero extension): no kernel reaches it
  Cropped,        // reached or added, then removed by padding
};

struct GridAxis {
  int64_t first = 0;       // uncropped coordinate of drawn cell 0 (<= 0)
  int64_t count = 0;       // drawn cells
  int64_t keep_begin = 0;  // kept uncropped range [keep_begin, keep_end)
  int64_t keep_end = 0;
  int64_t reach_end = 0;   // the kernel reaches [0, reach_end)

  bool kept(int64_t drawn) const { return first + drawn >= keep_begin && first + drawn < keep_end; }
  bool reached(int64_t drawn) const { return first + drawn >= 0 && first + drawn < reach_end; }
  int64_t drawn(int64_t uncropped) const { return uncropped - first; }
};

struct OutputGrid {
  GridAxis rows, cols;

  CellRole role(int64_t row, int64_t col) const;
  int64_t cell_count() const { return rows.count * cols.count; }
  int64_t index(int64_t row, int64_t col) const { return row * cols.count + col; }
  bool has_role(CellRole wanted) const;
};

// The grid of a traced slice.
OutputGrid make_output_grid(const SliceTrace& trace);

}  // namespace tconv
