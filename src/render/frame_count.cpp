#include "render/frame_count.hpp"

#include <algorithm>

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
    case AnimationStyle::Overlap: {
      const auto growth =
          static_cast<int64_t>(std::count_if(trace.steps.begin(), trace.steps.end(), [&](const auto& step) {
            return step.in_channel == trace.channels.front();
          }));
      return growth <= kMaxOverlapGrowthFrames ? growth + 1 : 1;
    }
  }
  return 0;
}

}  // namespace tconv
