// The fast engine gives bit-identical results for every thread count, on every path: work is
// cut by the shape alone (fast/thread_pool.hpp, the oneDNN path's tasks), never by the number
// of threads, and each piece is computed in a fixed order. Random data in [-1, 1], so that any
// change of summation order would show in the last bits (checked against the reference too).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "fast/fast_engine.hpp"
#include "unit/fast_test_support.hpp"

namespace tconv {

namespace {

struct Layer {
  const char* name;
  Shape input;
  int64_t out_channels;
  int64_t groups;
  int64_t kernel, stride, pad;
  bool bias;
  FastPath path;
};

template <typename T>
void check_thread_counts(const Layer& layer) {
  std::mt19937 rng(15);
  // The same kernel, stride and padding on every spatial axis.
  const test::LayerCase c{layer.name,
                          layer.input,
                          layer.out_channels,
                          layer.groups,
                          std::vector<AxisParams>(layer.input.size() - 2,
                                                  test::axis(layer.kernel, layer.stride, 1, layer.pad, layer.pad, 0)),
                          layer.bias};
  const ConvParams params = test::params_of(c);
  const test::LayerTensors<T> t = test::draw_layer<T>(c, rng, test::uniform<T>);
  const Tensor<T>& x = t.x;
  const Tensor<T>& w = t.w;
  const Tensor<T>* bias = t.bias(c);

  FastOptions options;
  options.path = layer.path;
  options.threads = 1;
  const FastConvTranspose<T> one(x.shape, w, bias, params, options);
  REQUIRE(one.path() == layer.path);
  const Tensor<T> expected = one.run(x);
  // Sanity: the same layer as the reference computes it, up to summation order.
  const Tensor<T> reference = conv_transpose_reference(x, w, bias, params);
  REQUIRE(reference.data.size() == expected.data.size());
  for (size_t i = 0; i < expected.data.size(); ++i) {
    REQUIRE(std::abs(static_cast<double>(expected.data[i] - reference.data[i])) < 1e-3);
  }
  for (const int threads : {2, 3, 4, 7}) {
    CAPTURE(threads);
    options.threads = threads;
    const FastConvTranspose<T> many(x.shape, w, bias, params, options);
    Tensor<T> got;
    for (int run = 0; run < 3; ++run) {  // repeated runs reuse the layer's work buffers
      many.run(x, got);
      CHECK(got.data == expected.data);
    }
  }
}

std::vector<Layer> layers() {
  return {
      {"direct, in place, both stride phases", {1, 16, 24, 40}, 3, 1, 4, 2, 1, true, FastPath::Direct},
      {"direct, rows copied (many multiply-adds per value)", {2, 8, 6, 20}, 32, 1, 3, 2, 1, true, FastPath::Direct},
      {"direct, 3-D, groups", {1, 4, 6, 6, 20}, 4, 2, 3, 1, 1, false, FastPath::Direct},
      {"gemm, batch packed side by side", {3, 32, 5, 6}, 17, 1, 4, 2, 1, true, FastPath::Gemm},
      {"gemm, groups", {2, 8, 7, 7}, 8, 2, 3, 2, 0, true, FastPath::Gemm},
  };
}

std::vector<Layer> onednn_layers() {
  return {
      // One task per batch item (16.8M multiply-adds each).
      {"onednn, batch cut into items", {3, 64, 16, 16}, 64, 1, 4, 2, 1, true, FastPath::OneDnn},
      // One item cut into 4 output-channel parts (75.5M multiply-adds).
      {"onednn, output channels cut into parts", {1, 128, 24, 24}, 64, 1, 4, 2, 1, true, FastPath::OneDnn},
      // 2 parts sharing an input of 128 KiB, reordered in 2 slices of channels.
      {"onednn, parts and a sliced input", {1, 128, 16, 16}, 64, 1, 4, 2, 1, false, FastPath::OneDnn},
      {"onednn, small items grouped", {5, 16, 4, 4}, 32, 1, 4, 2, 1, false, FastPath::OneDnn},
      // 17 output channels: blocks of 16 padded to 32; the 139 KB of weights are reordered in
      // 2 slices of input channels, each of which must zero its share of the padding.
      {"onednn, padded output channels, weights in slices", {2, 128, 5, 5}, 17, 1, 4, 2, 1, true, FastPath::OneDnn},
      {"onednn, groups", {2, 64, 6, 6}, 64, 2, 3, 1, 1, true, FastPath::OneDnn},
      {"onednn, 1-D", {2, 32, 50}, 48, 1, 5, 2, 2, true, FastPath::OneDnn},
  };
}

}  // namespace

TEST_CASE("every thread count gives bit-identical results: direct and gemm, float and double") {
  for (const Layer& layer : layers()) {
    const std::string name = layer.name;
    CAPTURE(name);
    check_thread_counts<float>(layer);
    check_thread_counts<double>(layer);
  }
}

TEST_CASE("every thread count gives bit-identical results: onednn") {
  for (const Layer& layer : onednn_layers()) {
    const std::string name = layer.name;
    CAPTURE(name);
    check_thread_counts<float>(layer);
  }
}

}  // namespace tconv
