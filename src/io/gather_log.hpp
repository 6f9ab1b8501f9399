// Writers of the gather view's steps (core/gather_view.hpp): one step per output cell.
//   text:  "  out (2,2) = 1·1 + 2·1 + 3·1 + 4·1 = 10" (input value · flipped-kernel weight; a
//          negative factor bracketed: "2·(-1)")
//   JSON:  {"cell": k, "batch": n, "out_channel": oc, "output_index": [...], "terms": [
//            {"in_channel", "input_index", "expanded_index", "flipped_index", "weight_index",
//             "input", "weight", "product"}, ...], "bias": b (when there is one), "value": v}
#pragma once

#include <iosfwd>

#include "core/engine.hpp"
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

// Above this many cells plus terms the single-document --format json gather log is refused
// (it is built in memory); --format jsonl streams any size.
constexpr int64_t kJsonGatherLogMaxEntries = 1'000'000;

// The entries of the gather log of these shapes: one cell per output element plus one term
// per input element and kernel tap that lands inside the output (per axis:
// 0 <= i*stride + k*dilation - pad_begin < out), times batch, Cout and Cin/groups.
// InvalidParameter if the count overflows 64 bits.
int64_t gather_log_entries(const ConvShapes& shapes, const ConvParams& params);

// Throws InvalidParameter when gather_log_entries exceeds kJsonGatherLogMaxEntries, naming the
// cells, the terms and jsonl.
void check_json_gather_log_size(const ConvShapes& shapes, const ConvParams& params);

}  // namespace tconv
