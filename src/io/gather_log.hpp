// Writers of the gather view's steps (core/gather_view.hpp): one step per output cell.
//   text:  "  out (2,2) = 1·1 + 2·1 + 3·1 + 4·1 = 10" (input value · flipped-kernel weight; a
//          negative factor bracketed: "2·(-1)")
//   JSON:  {"cell": k, "batch": n, "out_channel": oc, "output_index": [...], "terms": [
//            {"in_channel", "input_index", "expanded_index", "flipped_index", "weight_index",
//             "input", "weight", "product"}, ...], "bias": b (when there is one), "value": v}
#pragma once

#include <iosfwd>

#include "core/gather_view.hpp"
#include "io/dtype.hpp"

namespace tconv {

class GatherTextLog : public GatherObserver {
 public:
  // show_batch / show_channel add "batch n" / "channel oc" to each line.
  GatherTextLog(std::ostream& out, Dtype dtype, bool show_batch, bool show_channel);
  void cell(const GatherCell& cell) override;

 private:
  std::ostream& out_;
  Dtype dtype_;
  bool show_batch_, show_channel_;
};

// lines: one object per line (JSON Lines); else the objects of a JSON array, ",\n" between.
class GatherJsonLog : public GatherObserver {
 public:
  GatherJsonLog(std::ostream& out, Dtype dtype, bool lines);
  void cell(const GatherCell& cell) override;

 private:
  std::ostream& out_;
  Dtype dtype_;
  bool lines_;
};

}  // namespace tconv
