// Helpers shared by the fast engine's tests (fast_engine_test, fast_direct_kernel_test,
// fast_threads_test): a layer case, its parameters and weight shape, and its tensors drawn from
// one seeded generator, so that every test checks the same values for the same seed.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/engine.hpp"

namespace tconv::test {

// One axis's parameters, in AxisParams' order.
inline AxisParams axis(int64_t kernel, int64_t stride, int64_t dilation, int64_t pad_begin, int64_t pad_end,
                       int64_t output_padding) {
  AxisParams a;
  a.kernel = kernel;
  a.stride = stride;
  a.dilation = dilation;
  a.pad_begin = pad_begin;
  a.pad_end = pad_end;
  a.output_padding = output_padding;
  return a;
}

// A layer to test: the input (N, Cin, spatial...), Cout, groups, one AxisParams per spatial
// axis, and whether the bias is applied (it is drawn either way: see draw_layer).
struct LayerCase {
  const char* name;
  Shape input;
  int64_t out_channels;
  int64_t groups;
  std::vector<AxisParams> axes;
  bool bias = true;
};

// The case's axes and groups.
inline ConvParams params_of(const LayerCase& c) {
  ConvParams params;
  params.axes = c.axes;
  params.groups = c.groups;
  return params;
}

// (Cin, Cout/groups, k...): PyTorch's ConvTranspose weight layout.
inline Shape weight_shape(const LayerCase& c) {
  Shape shape{c.input[1], c.out_channels / c.groups};
  for (const AxisParams& a : c.axes) shape.push_back(a.kernel);
  return shape;
}

// Integers in [-4, 4]: every product and partial sum of a test layer is an exact integer far
// below 2^24, so any summation order gives the same bits.
template <typename T>
Tensor<T> small_integers(const Shape& shape, std::mt19937& rng) {
  Tensor<T> t(shape);
  std::uniform_int_distribution<int> value(-4, 4);
  for (T& v : t.data) v = static_cast<T>(value(rng));
  return t;
}

// Uniform in [-1, 1): results then differ by summation order in the last bits.
template <typename T>
Tensor<T> uniform(const Shape& shape, std::mt19937& rng) {
  Tensor<T> t(shape);
  std::uniform_real_distribution<T> value(-1, 1);
  for (T& v : t.data) v = value(rng);
  return t;
}

// A case's input, weight and bias.
template <typename T>
struct LayerTensors {
  Tensor<T> x, w, b;
  // &b when the case applies a bias, else nullptr.
  const Tensor<T>* bias(const LayerCase& c) const { return c.bias ? &b : nullptr; }
};

// Draws x, w, then b (always, so the next case's values do not depend on this one's bias flag)
// from rng with draw (small_integers<T> or uniform<T>).
template <typename T, typename Draw>
LayerTensors<T> draw_layer(const LayerCase& c, std::mt19937& rng, Draw draw) {
  LayerTensors<T> t;
  t.x = draw(c.input, rng);
  t.w = draw(weight_shape(c), rng);
  t.b = draw(Shape{c.out_channels}, rng);
  return t;
}

}  // namespace tconv::test
