// The fast engine against the reference engine (the definition of the results): a sweep of
// parameter cases, every path, both dtypes.
//  - Small-integer data in [-4, 4]: every product and every partial sum is an integer far
//    below 2^24, so any summation order (and fused multiply-add) gives the exact value; the
//    results must be bitwise equal.
//  - Random data in [-1, 1]: results differ by summation order only. The bound is relative to
//    the sum of |products| of each output element, which is the reference engine run on |x|,
//    |w| and |bias|: 1e-5 for float (about 80 float epsilons), 1e-13 for double.
#include "fast/fast_engine.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "unit/fast_test_support.hpp"

namespace tconv {

namespace {

using test::axis;
using test::LayerCase;
using test::small_integers;
using test::uniform;

std::vector<LayerCase> sweep_cases() {
  return {
      {"2-D k3 s2 p1 output_padding 1", {1, 2, 3, 3}, 3, 1, {axis(3, 2, 1, 1, 1, 1), axis(3, 2, 1, 1, 1, 1)}, false},
      {"1-D dilation 2, asymmetric pads, batch", {2, 3, 7}, 2, 1, {axis(4, 3, 2, 1, 2, 1)}, true},
      {"3-D mixed per-axis parameters",
       {1, 2, 3, 4, 2},
       3,
       1,
       {axis(2, 2, 1, 0, 0, 1), axis(3, 1, 2, 1, 1, 0), axis(2, 2, 1, 1, 0, 0)},
       true},
      {"groups 2, dilation, bias", {2, 4, 5, 4}, 6, 2, {axis(3, 2, 2, 2, 2, 1), axis(3, 2, 1, 0, 0, 1)}, true},
      {"ONNX negative pads", {1, 2, 4, 3}, 2, 1, {axis(3, 2, 1, -1, -2, 0), axis(2, 1, 1, -2, 1, 0)}, true},
      {"stride above kernel: bias-only cells",
       {1, 3, 4, 5},
       2,
       1,
       {axis(2, 3, 1, 0, 0, 2), axis(1, 3, 1, 0, 1, 1)},
       true},
      {"padding larger than the kernel", {1, 2, 9}, 2, 1, {axis(5, 1, 1, 4, 4, 0)}, false},
      {"depthwise (groups = channels)", {2, 4, 6, 5}, 4, 4, {axis(3, 2, 1, 1, 1, 0), axis(3, 2, 1, 1, 1, 0)}, true},
      {"long rows, 3 channels (4-vector tiles)", {1, 3, 41}, 3, 1, {axis(4, 2, 1, 1, 1, 0)}, true},
      {"7 channels (a 6-channel block and a remainder)",
       {1, 2, 3, 11},
       7,
       1,
       {axis(3, 1, 1, 1, 1, 0), axis(3, 1, 1, 0, 0, 0)},
       true},
      {"wide channels, batch 3", {3, 32, 5, 6}, 17, 1, {axis(4, 2, 1, 1, 1, 0), axis(4, 2, 1, 1, 1, 0)}, true},
      {"wide grouped channels", {1, 32, 4, 4}, 32, 2, {axis(4, 2, 1, 1, 2, 1), axis(3, 1, 2, 0, 1, 0)}, false},
      // The direct kernel reads rows of at least one vector in place (edges shuffled into
      // place) and computes both phases of stride 2 in one pass; it copies short rows and rows
      // feeding many multiply-adds per value.
      {"stride 2 both phases, odd output row, output_padding", {1, 3, 37}, 3, 1, {axis(4, 2, 1, 1, 1, 1)}, true},
      {"stride 2 both phases, dilation 2, asymmetric pads",
       {1, 2, 3, 21},
       4,
       1,
       {axis(3, 2, 1, 1, 1, 0), axis(3, 2, 2, 2, 1, 1)},
       true},
      {"stride 1, long rows in place, edges on both sides",
       {2, 3, 2, 40},
       5,
       1,
       {axis(2, 1, 1, 0, 0, 0), axis(5, 1, 1, 2, 2, 0)},
       true},
      {"stride 2 both phases, one vector per phase read in place", {1, 2, 16}, 3, 1, {axis(4, 2, 1, 1, 1, 0)}, true},
      {"stride 3, one pass per phase, long rows", {1, 2, 35}, 2, 1, {axis(4, 3, 1, 1, 0, 2)}, false},
      {"rows copied: many multiply-adds per input value",
       {1, 4, 3, 20},
       32,
       1,
       {axis(3, 2, 1, 1, 1, 0), axis(3, 2, 1, 1, 1, 0)},
       true},
  };
}

template <typename T>
Tensor<T> absolute(const Tensor<T>& t) {
  Tensor<T> a = t;
  for (T& v : a.data) v = std::abs(v);
  return a;
}

template <typename T>
std::vector<FastPath> paths() {
  if constexpr (sizeof(T) == 4) return {FastPath::Auto, FastPath::Direct, FastPath::Gemm, FastPath::OneDnn};
  return {FastPath::Auto, FastPath::Direct, FastPath::Gemm};
}

// oneDNN refuses some parameters (the explicit path then throws); the others must run.
template <typename T>
bool run_fast(const Tensor<T>& x, const Tensor<T>& w, const Tensor<T>* b, const ConvParams& params, FastPath path,
              Tensor<T>& out) {
  FastOptions options;
  options.path = path;
  options.threads = 2;
  if (path == FastPath::OneDnn) {
    try {
      out = conv_transpose_fast(x, w, b, params, options);
    } catch (const InvalidParameter&) {
      return false;
    }
    return true;
  }
  FastReport report;
  out = conv_transpose_fast(x, w, b, params, options, &report);
  CHECK(report.path != FastPath::Auto);
  CHECK(report.threads >= 1);
  CHECK(report.threads <= 2);
  return true;
}

template <typename T>
void check_exact_sweep() {
  std::mt19937 rng(20261125);
  int onednn_runs = 0;
  for (const LayerCase& c : sweep_cases()) {
    const ConvParams params = test::params_of(c);
    const test::LayerTensors<T> t = test::draw_layer<T>(c, rng, small_integers<T>);
    const Tensor<T>& x = t.x;
    const Tensor<T>& w = t.w;
    const Tensor<T>* bias = t.bias(c);
    const Tensor<T> expected = conv_transpose_reference(x, w, bias, params);
    for (FastPath path : paths<T>()) {
      const std::string case_name = c.name;
      CAPTURE(case_name);
      CAPTURE(fast_path_name(path));
      Tensor<T> got;
      if (!run_fast(x, w, bias, params, path, got)) continue;
      onednn_runs += path == FastPath::OneDnn ? 1 : 0;
      CHECK(got.shape == expected.shape);
      CHECK(got.data == expected.data);
    }
  }
  if constexpr (sizeof(T) == 4) CHECK(onednn_runs >= 10);  // refusals stay the exception
}

template <typename T>
void check_rounding_sweep(double relative) {
  std::mt19937 rng(7);
  for (const LayerCase& c : sweep_cases()) {
    const ConvParams params = test::params_of(c);
    const test::LayerTensors<T> t = test::draw_layer<T>(c, rng, uniform<T>);
    const Tensor<T>& x = t.x;
    const Tensor<T>& w = t.w;
    const Tensor<T>& b = t.b;
    const Tensor<T>* bias = t.bias(c);
    const Tensor<T> expected = conv_transpose_reference(x, w, bias, params);
    const Tensor<T> abs_b = absolute(b);
    const Tensor<T> magnitude = conv_transpose_reference(absolute(x), absolute(w), c.bias ? &abs_b : nullptr, params);
    for (FastPath path : paths<T>()) {
      const std::string case_name = c.name;
      CAPTURE(case_name);
      CAPTURE(fast_path_name(path));
      Tensor<T> got;
      if (!run_fast(x, w, bias, params, path, got)) continue;
      REQUIRE(got.data.size() == expected.data.size());
      int64_t outside = 0;
      for (size_t i = 0; i < got.data.size(); ++i) {
        const double error = std::abs(static_cast<double>(got.data[i]) - static_cast<double>(expected.data[i]));
        if (error > relative * static_cast<double>(magnitude.data[i])) ++outside;
      }
      CHECK(outside == 0);
    }
  }
}

}  // namespace

TEST_CASE("fast engine equals the reference bitwise on small integers, every path, float") {
  check_exact_sweep<float>();
}

TEST_CASE("fast engine equals the reference bitwise on small integers, every path, double") {
  check_exact_sweep<double>();
}

TEST_CASE("fast engine stays within the rounding bound on random data") {
  check_rounding_sweep<float>(1e-5);
  check_rounding_sweep<double>(1e-13);
}

TEST_CASE("a prepared layer gives the same result on every run and checks the input shape") {
  std::mt19937 rng(3);
  ConvParams params;
  params.axes = {axis(4, 2, 1, 1, 1, 0), axis(4, 2, 1, 1, 1, 0)};
  const Tensor<float> w = small_integers<float>({8, 3, 4, 4}, rng);
  const Tensor<float> x1 = small_integers<float>({1, 8, 6, 6}, rng);
  const Tensor<float> x2 = small_integers<float>({1, 8, 6, 6}, rng);
  Tensor<float> weight_copy = w;
  const FastConvTranspose<float> layer(x1.shape, weight_copy, nullptr, params);
  weight_copy.data.assign(weight_copy.data.size(), 0.0F);  // the layer keeps its own copy
  CHECK(layer.output_shape() == Shape{1, 3, 12, 12});
  CHECK(layer.threads() >= 1);
  CHECK(layer.run(x1).data == conv_transpose_reference(x1, w, nullptr, params).data);
  CHECK(layer.run(x2).data == conv_transpose_reference(x2, w, nullptr, params).data);
  CHECK_THROWS_WITH_AS(layer.run(small_integers<float>({2, 8, 6, 6}, rng)),
                       "input of shape 2x8x6x6 given to a layer prepared for 1x8x6x6", InvalidParameter);

  // run(input, output) overwrites every element of a reused buffer, on every path, and no
  // path reads the caller's weight after construction.
  const Tensor<float> expected = conv_transpose_reference(x2, w, nullptr, params);
  for (FastPath path : {FastPath::Direct, FastPath::Gemm, FastPath::OneDnn}) {
    CAPTURE(fast_path_name(path));
    FastOptions options;
    options.path = path;
    Tensor<float> lent = w;
    const FastConvTranspose<float> forced(x2.shape, lent, nullptr, params, options);
    lent.data.assign(lent.data.size(), 0.0F);  // every path keeps what it needs
    CHECK(forced.path() == path);
    Tensor<float> output(forced.output_shape());
    output.data.assign(output.data.size(), 99.0F);
    forced.run(x2, output);
    CHECK(output.data == expected.data);
    forced.run(x2, output);
    CHECK(output.data == expected.data);
  }
}

TEST_CASE("dispatch: oneDNN for wide float32, GEMM for wide float64 on short rows, direct otherwise") {
  ConvParams params;
  params.axes = {axis(4, 2, 1, 1, 1, 0), axis(4, 2, 1, 1, 1, 0)};
  // 4x4 -> 8x8: 4 outputs per stride phase; 32x32 -> 64x64: 32; 64x64 -> 128x128: 64.
  const ConvShapes wide_short = check_conv_shapes({16, 512, 4, 4}, {512, 256, 4, 4}, -1, params);
  const ConvShapes wide_long = check_conv_shapes({1, 128, 32, 32}, {128, 64, 4, 4}, -1, params);
  const ConvShapes narrow = check_conv_shapes({1, 64, 64, 64}, {64, 3, 4, 4}, -1, params);
  CHECK(choose_fast_path(wide_short, params, 4) == FastPath::OneDnn);
  CHECK(choose_fast_path(wide_long, params, 4) == FastPath::OneDnn);
  CHECK(choose_fast_path(narrow, params, 4) == FastPath::Direct);
  CHECK(choose_fast_path(wide_short, params, 8) == FastPath::Gemm);
  CHECK(choose_fast_path(wide_long, params, 8) == FastPath::Direct);
  CHECK(choose_fast_path(narrow, params, 8) == FastPath::Direct);
}

TEST_CASE("the direct kernel threads only layers with about a million multiply-adds per thread") {
  ConvParams params;
  params.axes = {axis(4, 2, 1, 1, 1, 0), axis(4, 2, 1, 1, 1, 0)};
  FastOptions options;
  options.threads = 2;
  // 64*3*(64*64)*(4*4) = 12.6M multiply-adds: both threads. 4*3*(8*8)*16 = 12288: one.
  const Tensor<float> big_weight({64, 3, 4, 4});
  CHECK(FastConvTranspose<float>({1, 64, 64, 64}, big_weight, nullptr, params, options).threads() == 2);
  const Tensor<float> small_weight({4, 3, 4, 4});
  CHECK(FastConvTranspose<float>({1, 4, 8, 8}, small_weight, nullptr, params, options).threads() == 1);
}

TEST_CASE("memory limit: Auto avoids the GEMM column matrix, an explicit gemm path is refused") {
  std::mt19937 rng(5);
  ConvParams params;
  params.axes = {axis(4, 2, 1, 1, 1, 0), axis(4, 2, 1, 1, 1, 0)};
  const Tensor<double> x = small_integers<double>({1, 16, 4, 4}, rng);
  const Tensor<double> w = small_integers<double>({16, 16, 4, 4}, rng);
  // Output 16*8*8 doubles = 8192 bytes; column matrix 16*16*16 doubles = 32768 bytes.
  FastOptions options;
  options.memory_limit_bytes = 20000;
  FastReport report;
  const Tensor<double> got = conv_transpose_fast(x, w, nullptr, params, options, &report);
  CHECK(report.path == FastPath::Direct);
  CHECK(got.data == conv_transpose_reference(x, w, nullptr, params).data);
  options.path = FastPath::Gemm;
  CHECK_THROWS_WITH_AS(conv_transpose_fast(x, w, nullptr, params, options),
                       "the GEMM column matrix would need 32768 bytes, above the memory limit of 20000 bytes",
                       MemoryLimitError);
}

TEST_CASE("fast engine errors: thread count, oneDNN with double, path names, bad shapes") {
  ConvParams params;
  params.axes = {axis(3, 1, 1, 0, 0, 0)};
  const Tensor<double> x({1, 2, 5});
  const Tensor<double> w({2, 2, 3});
  FastOptions options;
  options.threads = -1;
  CHECK_THROWS_WITH_AS(conv_transpose_fast(x, w, nullptr, params, options),
                       "threads must be >= 0 (0: all cores), got -1", InvalidParameter);
  options.threads = 1;
  options.path = FastPath::OneDnn;
  CHECK_THROWS_WITH_AS(conv_transpose_fast(x, w, nullptr, params, options),
                       "the onednn path computes float32 only; use float32 data or another path", InvalidParameter);
  CHECK(parse_fast_path("gemm") == FastPath::Gemm);
  CHECK_THROWS_WITH_AS(parse_fast_path("fastest"),
                       "fast engine path must be auto, direct, gemm or onednn, got 'fastest'", InvalidParameter);
  // The same validation as the reference engine, message included.
  const Tensor<double> bad_weight({3, 2, 3});
  std::string reference_message;
  try {
    conv_transpose_reference(x, bad_weight, nullptr, params);
  } catch (const InvalidParameter& error) {
    reference_message = error.what();
  }
  CHECK(!reference_message.empty());
  CHECK_THROWS_WITH_AS(conv_transpose_fast(x, bad_weight, nullptr, params), reference_message.c_str(),
                       InvalidParameter);
}

}  // namespace tconv
