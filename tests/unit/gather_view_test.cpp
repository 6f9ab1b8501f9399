// The gather view (core/gather_view.hpp): hand-derived expanded input and flipped kernel, and
// a parameter sweep in which it must be bit-identical to the scatter engine in float32 and
// float64 (same terms, same order) on random non-integer data.
#include "core/gather_view.hpp"

#include <doctest/doctest.h>

#include <cstring>

#include "core/engine.hpp"

namespace tconv {
namespace {

ConvParams params_2d(int64_t k, int64_t s, int64_t p, int64_t op, int64_t d) {
  ConvParams params;
  params.axes.assign(2, AxisParams{k, s, d, p, p, op});
  return params;
}

TEST_CASE("expanded input of the article's stride case: zeros between, K-1 padding around") {
  // [[1,2],[3,4]], k=3, s=2: one zero between elements (3x3), then 3-1-0 = 2 on each side -> 7x7.
  const Tensor<double> x({1, 1, 2, 2}, {1, 2, 3, 4});
  const Tensor<double> e = expand_input(x, params_2d(3, 2, 0, 0, 1));
  REQUIRE(e.shape == Shape{1, 1, 7, 7});
  std::vector<double> expected(49, 0.0);
  expected[2 * 7 + 2] = 1;
  expected[2 * 7 + 4] = 2;
  expected[4 * 7 + 2] = 3;
  expected[4 * 7 + 4] = 4;
  CHECK(e.data == expected);
  // Padding 1 removes one ring: 1 on each side -> 5x5; output_padding 1 adds one at the end.
  CHECK(expand_input(x, params_2d(3, 2, 1, 0, 1)).shape == Shape{1, 1, 5, 5});
  CHECK(expand_input(x, params_2d(3, 2, 0, 1, 1)).shape == Shape{1, 1, 8, 8});
}

TEST_CASE("gather_axis by hand: where input elements and taps sit") {
  // in 3, stride 2, kernel 3, padding 1: K' = 3, pad_low = 3-1-1 = 1, inserted (3-1)*2+1 = 5,
  // pad_high = 1, expanded 7 = the output 5 + K'-1. Cells: P x0 Z x1 Z x2 P.
  const GatherAxis g = gather_axis(AxisParams{3, 2, 1, 1, 1, 0}, 3);
  CHECK(g.window == 3);
  CHECK(g.pad_low == 1);
  CHECK(g.inserted == 5);
  CHECK(g.pad_high == 1);
  CHECK(g.expanded == 7);
  const ExpandedCell P = ExpandedCell::Padding, I = ExpandedCell::Input, Z = ExpandedCell::InsertedZero;
  const ExpandedCell kinds[] = {P, I, Z, I, Z, I, P};
  const int64_t inputs[] = {-1, 0, -1, 1, -1, 2, -1};
  for (int64_t e = 0; e < 7; ++e) {
    CAPTURE(e);
    CHECK(g.cell_kind(e) == kinds[e]);
    CHECK(g.input_at(e) == inputs[e]);
  }
  for (int64_t i = 0; i < 3; ++i) CHECK(g.expanded_position(i) == 1 + 2 * i);
  // Every window position of a dense kernel is a tap, flipped: j = 2 - k.
  for (int64_t k = 0; k < 3; ++k) {
    CHECK(g.window_position(k) == 2 - k);
    CHECK(g.tap_at(2 - k) == k);
  }

  // kernel 2, dilation 3: K' = 4, taps at j = 3 (tap 0) and j = 0 (tap 1), holes at 1 and 2.
  // Padding 4 > K'-1 crops: pad_low = 3 - 4 = -1, so x0 (at -1) is outside and x1 sits at 0.
  const GatherAxis d = gather_axis(AxisParams{2, 1, 3, 4, 0, 0}, 2);
  CHECK(d.window == 4);
  CHECK(d.pad_low == -1);
  CHECK(d.expanded_position(0) == -1);
  CHECK(d.input_at(0) == 1);
  CHECK(d.cell_kind(0) == ExpandedCell::Input);
  CHECK(d.tap_at(0) == 1);
  CHECK(d.tap_at(1) == -1);
  CHECK(d.tap_at(2) == -1);
  CHECK(d.tap_at(3) == 0);
  CHECK(d.window_position(0) == 3);
  CHECK(d.window_position(1) == 0);
}

TEST_CASE("the kernel is dilated and flipped") {
  // 1-D kernel [1,2] with dilation 2 -> [1,0,2] -> flipped [2,0,1].
  ConvParams params;
  params.axes = {AxisParams{2, 1, 2, 0, 0, 0}};
  const Tensor<double> flipped = flip_dilate_kernel(Tensor<double>({1, 1, 2}, {1, 2}), params);
  CHECK(flipped.shape == Shape{1, 1, 3});
  CHECK(flipped.data == std::vector<double>{2, 0, 1});
  // 2-D [[1,2],[3,4]] flipped in both axes: [[4,3],[2,1]].
  CHECK(flip_dilate_kernel(Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4}), params_2d(2, 1, 0, 0, 1)).data ==
        std::vector<double>{4, 3, 2, 1});
}

TEST_CASE("one gather step per output cell, with its dot-product terms") {
  struct Cells : GatherObserver {
    std::vector<GatherCell> cells;
    void cell(const GatherCell& c) override { cells.push_back(c); }
  } cells;
  // The article's basic case: output (1,1) = 1+2+3+4 = 10, from all four inputs.
  const Tensor<double> x({1, 1, 2, 2}, {1, 2, 3, 4});
  const Tensor<double> w({1, 1, 3, 3}, std::vector<double>(9, 1.0));
  conv_transpose_gather<double>(x, w, nullptr, params_2d(3, 1, 0, 0, 1), &cells);
  REQUIRE(cells.cells.size() == 16);
  const GatherCell& c = cells.cells[5];  // row-major (1,1)
  CHECK(c.output[0] == 1);
  CHECK(c.output[1] == 1);
  REQUIRE(c.terms.size() == 4);
  CHECK(c.terms[0].input_value == 1);
  CHECK(c.terms[3].input_value == 4);
  CHECK(c.terms[0].tap[0] == 1);  // input (0,0) reaches (1,1) through tap (1,1)
  CHECK(c.value == 10);
  CHECK(cells.cells[0].terms.size() == 1);  // corner: only x(0,0)
}

// Deterministic non-integer data: sums depend on their order, so bit equality means the
// same order.
std::vector<double> noise(int64_t n, uint64_t seed) {
  std::vector<double> values(static_cast<size_t>(n));
  for (auto& v : values) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    v = static_cast<double>(static_cast<int64_t>(seed >> 40) % 2001 - 1000) / 37.0;
  }
  return values;
}

template <typename T>
bool bit_equal(const Tensor<T>& a, const Tensor<T>& b) {
  return a.shape == b.shape && std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(T)) == 0;
}

TEST_CASE("sweep: the gather view is bit-identical to the scatter engine") {
  struct Case {
    int dims;
    int64_t in, k, s, p, op, d, groups, cin, cout_per_group, batch;
    bool bias;
  };
  const Case cases[] = {
      {1, 5, 3, 1, 0, 0, 1, 1, 1, 1, 1, false}, {1, 4, 3, 2, 1, 1, 1, 1, 2, 3, 1, true},
      {1, 3, 2, 3, 0, 2, 1, 1, 1, 1, 2, false}, {1, 6, 3, 2, 2, 0, 2, 2, 4, 1, 1, true},
      {1, 3, 5, 1, 2, 0, 1, 1, 1, 1, 1, false}, {2, 2, 3, 1, 0, 0, 1, 1, 1, 1, 1, false},
      {2, 2, 3, 2, 1, 1, 1, 1, 1, 1, 1, false}, {2, 3, 2, 2, 0, 0, 2, 1, 2, 2, 1, true},
      {2, 4, 3, 3, 1, 2, 1, 2, 2, 2, 2, true},  {2, 3, 3, 1, 2, 0, 3, 1, 1, 1, 1, false},
      {2, 5, 1, 2, 0, 1, 1, 1, 3, 2, 1, true},  {3, 2, 2, 2, 0, 1, 1, 1, 1, 2, 1, false},
      {3, 3, 3, 1, 1, 0, 2, 1, 2, 1, 1, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.dims);
    CAPTURE(c.in);
    CAPTURE(c.k);
    CAPTURE(c.s);
    CAPTURE(c.p);
    CAPTURE(c.op);
    CAPTURE(c.d);
    CAPTURE(c.groups);
    CAPTURE(c.cin);
    CAPTURE(c.cout_per_group);
    CAPTURE(c.batch);
    ConvParams params;
    params.axes.assign(static_cast<size_t>(c.dims), AxisParams{c.k, c.s, c.d, c.p, c.p, c.op});
    params.groups = c.groups;
    Shape in_shape{c.batch, c.cin}, w_shape{c.cin, c.cout_per_group};
    for (int a = 0; a < c.dims; ++a) {
      in_shape.push_back(c.in + a);  // non-square
      w_shape.push_back(c.k);
    }
    const Tensor<double> x(in_shape, noise(element_count(in_shape), 1));
    const Tensor<double> w(w_shape, noise(element_count(w_shape), 2));
    const Tensor<double> b({c.cout_per_group * c.groups}, noise(c.cout_per_group * c.groups, 3));
    const Tensor<double>* bias = c.bias ? &b : nullptr;
    CHECK(bit_equal(conv_transpose_gather(x, w, bias, params), conv_transpose_reference(x, w, bias, params)));
    const Tensor<float> xf = tensor_cast<float>(x), wf = tensor_cast<float>(w), bf = tensor_cast<float>(b);
    const Tensor<float>* biasf = c.bias ? &bf : nullptr;
    CHECK(bit_equal(conv_transpose_gather(xf, wf, biasf, params), conv_transpose_reference(xf, wf, biasf, params)));
  }
}

TEST_CASE("asymmetric and negative (ONNX) pads") {
  ConvParams params;
  params.axes = {AxisParams{3, 2, 1, 3, -1, 0}};  // pad_begin 3 > K'-1 = 2: the window starts inside
  const Tensor<double> x({1, 1, 4}, noise(4, 4));
  const Tensor<double> w({1, 1, 3}, noise(3, 5));
  CHECK(bit_equal(conv_transpose_gather<double>(x, w, nullptr, params),
                  conv_transpose_reference<double>(x, w, nullptr, params)));
}

}  // namespace
}  // namespace tconv
