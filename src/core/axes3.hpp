// The spatial axes of a layer promoted to three: the missing outer axes of a 1-D or 2-D layer
// have size 1 and trivial parameters (kernel 1, stride 1, dilation 1, no padding), so one
// loop nest over three axes serves 1-D, 2-D and 3-D without per-element index decoding. The
// reference engine and every path of the fast engine run on it.
#pragma once

#include <array>
#include <cstdint>

#include "core/conv_params.hpp"
#include "core/index.hpp"

namespace tconv {

struct Axes3 {
  std::array<AxisParams, kMaxSpatialDims> axis{};
  std::array<int64_t, kMaxSpatialDims> in{1, 1, 1};
  std::array<int64_t, kMaxSpatialDims> out{1, 1, 1};
  int rank = 0;    // the layer's own spatial rank, 1..3
  int offset = 0;  // 3 - rank: the position of the layer's first axis

  // The layer's index of a promoted position: its last `rank` coordinates.
  Index index_of(int64_t i0, int64_t i1, int64_t i2) const {
    const std::array<int64_t, kMaxSpatialDims> all{i0, i1, i2};
    Index index = zero_index(rank);
    for (int i = 0; i < rank; ++i) index[i] = all[static_cast<size_t>(offset + i)];
    return index;
  }
};

// Promotes params with the given input and output spatial sizes (one per axis of params, as
// check_conv_shapes of engine.hpp returns them; nothing is checked here).
Axes3 promote_to_3d(const ConvParams& params, const Shape& input_spatial, const Shape& output_spatial);

}  // namespace tconv
