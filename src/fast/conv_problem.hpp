// A layer as every path of the fast engine sees it: checked sizes, the weight and bias, and
// the spatial axes promoted to three (missing outer axes have size 1 and trivial parameters),
// so each path has one loop nest for 1-D, 2-D and 3-D. Input (N, Cin, in0, in1, in2) and
// output (N, Cout, out0, out1, out2) are given per run.
#pragma once

#include <array>
#include <cstdint>

#include "core/axes3.hpp"
#include "core/conv_params.hpp"
#include "core/engine.hpp"

namespace tconv::fast {

template <typename T>
struct ConvProblem {
  const T* weight = nullptr;  // (Cin, Cout/groups, k0, k1, k2)
  const T* bias = nullptr;    // (Cout) or null
  int64_t batch = 0;
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  int64_t groups = 1;
  int rank = 0;  // the user's spatial rank, 1..3
  std::array<AxisParams, kMaxSpatialDims> axis{};
  std::array<int64_t, kMaxSpatialDims> in{1, 1, 1};
  std::array<int64_t, kMaxSpatialDims> out{1, 1, 1};

  int64_t cin_per_group() const { return in_channels / groups; }
  int64_t cout_per_group() const { return out_channels / groups; }
  int64_t in_plane() const { return in[0] * in[1] * in[2]; }
  int64_t out_plane() const { return out[0] * out[1] * out[2]; }
  int64_t taps() const { return axis[0].kernel * axis[1].kernel * axis[2].kernel; }
};

// Fills the sizes and axes from checked shapes (weight and bias are left to the caller).
template <typename T>
ConvProblem<T> make_problem(const ConvShapes& shapes, const ConvParams& params) {
  ConvProblem<T> problem;
  problem.batch = shapes.batch;
  problem.in_channels = shapes.in_channels;
  problem.out_channels = shapes.out_channels;
  problem.groups = params.groups;
  problem.rank = params.spatial_dims();
  const Axes3 axes = promote_to_3d(params, shapes.input_spatial, shapes.output_spatial);
  problem.axis = axes.axis;
  problem.in = axes.in;
  problem.out = axes.out;
  return problem;
}

}  // namespace tconv::fast
