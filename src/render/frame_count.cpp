#include "render/frame_count.hpp"

namespace tconv {

int64_t animation_frame_count(const SliceTrace& trace, AnimationStyle style) {
  const auto steps = static_cast<int64_t>(trace.steps.size());
  switch (style) {
    case AnimationStyle::Scatter:
      return steps;
    case AnimationStyle::Steps:
      return steps + 1;
    case AnimationStyle::Gather:
      return trace.rows.out * trace.cols.out;
  }
  return 0;
}

}  // namespace tconv
