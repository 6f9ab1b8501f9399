// The text step log of `tconv compute --steps`: the article's calculation-process figures
// (Figures 2, 4, 6, 8, 11) in the terminal. One step per input element: the output grid
// after the step, in which every touched cell shows its sum as terms: the products written
// x·w ("1·5+2·4"), or, with an all-ones kernel, the products alone, so that it reads
// "1+2+3+4" exactly like the article. A negative factor is bracketed: "2·(-1)". The cells this step touched
// marked [like this] (and coloured when colour is on), and the contributions that fall in
// the border removed by padding listed under the grid. A zero product is written "0" only in
// a cell that has no other term, never as "+0" (the article's rule, visible in Figure 11); the
// holes of a dilated kernel inside the footprint show "0" as well, as in Figure 11.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "core/engine.hpp"
#include "core/step_record.hpp"
#include "io/dtype.hpp"

namespace tconv {

// Above these the text log is unreadable anyway; the CLI points to --format jsonl instead.
constexpr int64_t kTextStepLogMaxSteps = 1024;
constexpr int64_t kTextStepLogMaxCells = 4096;  // output cells over all batch items and channels

// Throws InvalidParameter when shapes exceed the limits above, naming the sizes and jsonl.
void check_text_step_log_size(const ConvShapes& shapes);

class TextStepLog : public StepObserver {
 public:
  // out receives each step as soon as it is complete. show_batch / show_channels add the
  // batch item and channel labels (when the user's layout has them or they exceed 1).
  // show_weights writes each term x·w (give it unless the kernel is all ones).
  TextStepLog(std::ostream& out, const ConvShapes& shapes, Dtype dtype, bool color, bool show_batch, bool show_channels,
              bool show_weights);

  void begin_step(const InputStep& step) override;
  void update(const MacUpdate& update) override;
  void end_step() override;
  void add_bias(int64_t batch, int64_t out_channel, double bias) override;

 private:
  struct Cell {
    std::string terms;  // "1+2", "0", "" (untouched)
    bool has_nonzero = false;
  };
  void write_grid(int64_t batch, int64_t out_channel);
  std::string marked_text(const std::string& text, bool marked) const;
  void fill_kernel_holes(int64_t plane, const Index& first, const Index& last);
  int64_t plane_offset(int64_t batch, int64_t out_channel) const;

  std::ostream& out_;
  ConvShapes shapes_;
  Dtype dtype_;
  bool color_, show_batch_, show_channels_, show_weights_;
  int64_t plane_ = 1, total_steps_ = 0;
  std::vector<Cell> cells_;
  std::vector<char> touched_now_;  // per cell of the current step's planes
  InputStep step_;
  std::vector<int64_t> planes_now_;                 // (batch*Cout + oc) touched by the current step, in order
  std::vector<std::pair<Index, Index>> boxes_now_;  // per plane: the footprint's first and last cell
  std::vector<std::string> cropped_;
};

}  // namespace tconv
