// The step log as JSON: one object per step, written as the engine produces it.
//   {"step": k, "input": {"batch": n, "channel": c, "index": [...], "value": v}, "updates": [
//      {"out_channel": oc, "output_index": [...], "uncropped_index": [...], "weight_index": [...],
//       "weight": w, "product": p, "total": t, "cropped": false}, ...]}
// A cropped update has "output_index": null and no "total". "batch", "channel" and
// "out_channel" are always there, also for one batch item and one channel, so that a consumer
// has one code path (docs/compute.md: the schema is versioned). A bias becomes
// {"bias": {"batch": n, "out_channel": oc, "value": b}}.
// Summing the products of the non-cropped updates (plus the bias) into their output_index
// reproduces the output exactly, in the engine's order.
#pragma once

#include <iosfwd>

#include "core/engine.hpp"
#include "core/step_record.hpp"
#include "io/dtype.hpp"

namespace tconv {

// JSON Lines (one step per line, then flushed) when separator is "\n"; the steps of a JSON
// array (",\n" between steps, no trailing separator) otherwise. Constant memory: nothing is
// kept between calls.
class JsonStepWriter : public StepObserver {
 public:
  JsonStepWriter(std::ostream& out, Dtype dtype, bool lines);

  void begin_step(const InputStep& step) override;
  void update(const MacUpdate& update) override;
  void end_step() override;
  void add_bias(int64_t batch, int64_t out_channel, double bias) override;

 private:
  void separate();

  std::ostream& out_;
  Dtype dtype_;
  bool lines_;
  bool first_object_ = true, first_update_ = true;
};

// Above this many updates the single-document --format json step log is refused (it is
// built in memory); --format jsonl streams any size.
constexpr int64_t kJsonStepLogMaxUpdates = 1'000'000;

// Throws InvalidParameter when the step log would exceed kJsonStepLogMaxUpdates.
void check_json_step_log_size(const ConvShapes& shapes, const ConvParams& params);

}  // namespace tconv
