// What the reference engine reports for each multiply-accumulate: the one stream that the
// step log, the JSON Lines output, the animations and the tests all consume.
#pragma once

#include <cstdint>

#include "core/index.hpp"

namespace tconv {

// One step: one input element, whose value scales the kernel and is added into the output.
struct InputStep {
  int64_t number = 0;  // 1-based, in engine order (see engine.hpp)
  int64_t batch = 0;
  int64_t in_channel = 0;
  Index position;    // spatial index in the input
  double value = 0;  // the input element (exact: float and double both widen exactly)
};

// One multiply-accumulate of a step.
struct MacUpdate {
  int64_t out_channel = 0;
  Index tap;  // kernel tap, in the weight's own (unflipped) coordinates
  double weight = 0;
  Index uncropped;       // position*stride + tap*dilation, before padding crops
  Index output;          // uncropped - pad_begin; when cropped, a position outside the output
  bool cropped = false;  // outside the output: in the border that padding removes
  double product = 0;    // input value * weight, rounded in the engine's dtype
  double total = 0;      // the output cell after this update (0 when cropped)
};

// Receives the engine's stream. All methods default to doing nothing.
// Order: begin_step, then every update of that step, then end_step; after the last step of a
// batch item, add_bias once per output channel when there is a bias.
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual void begin_step(const InputStep& /*step*/) {}
  virtual void update(const MacUpdate& /*update*/) {}
  virtual void end_step() {}
  virtual void add_bias(int64_t /*batch*/, int64_t /*out_channel*/, double /*bias*/) {}
};

}  // namespace tconv
