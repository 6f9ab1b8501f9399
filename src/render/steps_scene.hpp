// The calculation strip (the article's Figures 2, 4, 6, 8, 11) as data: the kernel as the
// scatter places it (dilated, holes as zeros), and after every step the terms each output cell
// has received so far. Drawing reads only this.
//
// Term rule (the article's): a cell lists its non-zero terms in the order they arrived; a
// zero product (a dilation hole, a zero weight or input) shows as "0" only while the cell has
// no non-zero term, and is never written as "+0". With a kernel other than all ones each term
// is written x·w (cell_text.hpp's sum_pieces), so that the weights are visible.
#pragma once

#include <cstdint>
#include <vector>

#include "render/cell_text.hpp"
#include "render/output_grid.hpp"
#include "render/scatter_scene.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

struct StepCell {
  std::vector<SumTerm> terms;  // non-zero products with their factors, in arrival order
  bool zero = false;           // received a zero product (or lies in a dilation hole)
  double total = 0;            // sum so far: the engine's total for kept cells

  bool touched() const { return zero || !terms.empty(); }
};

struct StepsPanel {
  int64_t step = 0;             // index into SliceTrace::steps
  CellRect footprint;           // the dilated kernel extent on the drawn grid
  std::vector<StepCell> cells;  // per drawn cell of the OutputGrid
};

// The kernel of the drawn channel pair as the scatter places it: dilated_kernel() cells a side,
// taps at multiples of dilation, holes in between.
struct KernelPanel {
  int64_t rows = 1, cols = 1;
  std::vector<double> weights;  // per cell (0 in holes)
  std::vector<char> is_tap;     // per cell
};

struct StepsScene {
  OutputGrid grid;
  KernelPanel kernel;
  std::vector<StepsPanel> steps;
  bool factors = false;  // some weight is not 1: terms are written x·w
};

StepsScene make_steps_scene(const SliceTrace& trace);

// The kernel panel of the trace's step `step` (the weights from that step's input channel to
// the drawn output channel); all zeros without steps.
KernelPanel make_kernel_panel(const SliceTrace& trace, size_t step = 0);

}  // namespace tconv
