// The scatter engine against the test-only gather engine (gather_reference.hpp) over a table of
// parameters: 1-D/2-D/3-D, strides, dilations, symmetric, asymmetric and negative pads,
// output_padding, groups, depthwise, batch, bias. Values are small integers, so every sum is
// exact in double and float and the two engines must agree exactly, whatever their order.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/gather_view.hpp"
#include "core/stride_phases.hpp"
#include "unit/gather_reference.hpp"

namespace tconv {
namespace {

struct SweepCase {
  const char* name;
  int64_t batch, in_channels, out_per_group, groups;
  Shape input;                                                         // spatial
  Shape kernel, stride, dilation, pad_begin, pad_end, output_padding;  // one per dimension
  bool bias;
};

// Deterministic small integers in [-4, 4] (a fixed LCG: the same on every platform).
struct Values {
  uint64_t state;
  double next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(static_cast<int64_t>((state >> 33) % 9) - 4);
  }
};

Tensor<double> filled(const Shape& shape, Values& values) {
  Tensor<double> t(shape);
  for (double& v : t.data) v = values.next();
  return t;
}

// clang-format off
const std::vector<SweepCase> kCases = {
    // name                        N Cin Co/g g  input       kernel     stride     dilation   begin      end        out_pad    bias
    {"1d plain",                   1, 1, 1, 1, {5},        {3},       {1},       {1},       {0},       {0},       {0},       false},
    {"1d stride 3",                1, 1, 1, 1, {4},        {2},       {3},       {1},       {0},       {0},       {0},       false},
    {"1d stride < kernel, pads",   2, 2, 3, 1, {6},        {5},       {2},       {1},       {2},       {2},       {1},       true},
    {"1d dilation > stride, op",   1, 2, 2, 1, {3},        {3},       {2},       {3},       {1},       {1},       {2},       false},
    {"1d asymmetric pads",         1, 1, 2, 1, {5},        {4},       {2},       {1},       {0},       {3},       {0},       true},
    {"1d negative pads",           1, 1, 1, 1, {3},        {3},       {2},       {1},       {-1},      {-2},      {0},       false},
    {"1d kernel 1 stride 4",       1, 3, 1, 1, {3},        {1},       {4},       {1},       {0},       {0},       {3},       false},
    {"2d article padding",         1, 1, 1, 1, {2, 2},     {3, 3},    {2, 2},    {1, 1},    {1, 1},    {1, 1},    {1, 1},    false},
    {"2d non-square per-dim",      1, 2, 2, 1, {3, 4},     {2, 3},    {1, 2},    {2, 1},    {0, 1},    {0, 1},    {1, 1},    true},
    {"2d groups 2",                2, 4, 3, 2, {3, 3},     {3, 2},    {2, 3},    {1, 1},    {1, 0},    {1, 0},    {0, 2},    true},
    {"2d depthwise",               1, 3, 1, 3, {4, 3},     {3, 3},    {2, 2},    {1, 1},    {1, 1},    {1, 1},    {1, 0},    false},
    {"2d depthwise multiplier 2",  1, 2, 2, 2, {3, 3},     {2, 2},    {3, 1},    {1, 2},    {0, 1},    {0, 1},    {2, 1},    true},
    {"2d asymmetric and negative", 1, 2, 1, 1, {3, 3},     {3, 3},    {2, 2},    {1, 1},    {2, -1},   {0, 1},    {0, 0},    false},
    {"2d large padding",           1, 1, 1, 1, {4, 4},     {5, 5},    {1, 1},    {1, 1},    {3, 4},    {3, 2},    {0, 0},    false},
    {"2d dilation 3 stride 1",     1, 1, 2, 1, {3, 3},     {2, 3},    {1, 1},    {3, 2},    {0, 1},    {0, 1},    {2, 1},    false},
    {"3d plain",                   1, 1, 1, 1, {2, 2, 2},  {2, 2, 2}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, false},
    {"3d mixed",                   2, 2, 2, 2, {2, 3, 2},  {2, 3, 1}, {2, 1, 3}, {1, 2, 1}, {1, 1, 0}, {0, 1, 1}, {1, 0, 2}, true},
    {"3d dilation and pads",       1, 3, 1, 1, {3, 2, 2},  {3, 2, 2}, {1, 2, 2}, {2, 1, 2}, {2, 0, 1}, {2, 0, 1}, {1, 1, 0}, false},
};
// clang-format on

// A case's layer and its tensors' shapes (input (N, Cin, spatial...), weight (Cin, Cout/groups, k...)).
struct SweepLayer {
  ConvParams params;
  Shape input_shape, weight_shape;
};

SweepLayer sweep_layer(const SweepCase& c) {
  SweepLayer layer;
  layer.params.groups = c.groups;
  for (size_t a = 0; a < c.input.size(); ++a) {
    layer.params.axes.push_back(
        {c.kernel[a], c.stride[a], c.dilation[a], c.pad_begin[a], c.pad_end[a], c.output_padding[a]});
  }
  layer.input_shape = {c.batch, c.in_channels};
  layer.input_shape.insert(layer.input_shape.end(), c.input.begin(), c.input.end());
  layer.weight_shape = {c.in_channels, c.out_per_group};
  layer.weight_shape.insert(layer.weight_shape.end(), c.kernel.begin(), c.kernel.end());
  return layer;
}

TEST_CASE("scatter engine equals the gather engine over the parameter table") {
  Values values{12345};
  for (const SweepCase& c : kCases) {
    CAPTURE(c.name);
    CAPTURE(c.batch);
    CAPTURE(c.in_channels);
    CAPTURE(c.out_per_group);
    CAPTURE(c.groups);
    CAPTURE(shape_to_string(c.input));
    CAPTURE(shape_to_string(c.kernel));
    CAPTURE(shape_to_string(c.stride));
    CAPTURE(shape_to_string(c.dilation));
    CAPTURE(shape_to_string(c.pad_begin));
    CAPTURE(shape_to_string(c.pad_end));
    CAPTURE(shape_to_string(c.output_padding));
    CAPTURE(c.bias);
    const SweepLayer layer = sweep_layer(c);
    const ConvParams& params = layer.params;
    const Shape& input_shape = layer.input_shape;
    const Shape& weight_shape = layer.weight_shape;
    const Tensor<double> input = filled(input_shape, values);
    const Tensor<double> weight = filled(weight_shape, values);
    const Tensor<double> bias = filled({c.out_per_group * c.groups}, values);
    const Tensor<double>* bias_ptr = c.bias ? &bias : nullptr;

    const Tensor<double> expected = test::conv_transpose_gather(input, weight, bias_ptr, params);
    const Tensor<double> got = conv_transpose_reference<double>(input, weight, bias_ptr, params);
    CHECK(got.shape == expected.shape);
    CHECK(got.data == expected.data);

    const Tensor<float> bias_f = tensor_cast<float>(bias);
    const Tensor<float> got_f = conv_transpose_reference<float>(tensor_cast<float>(input), tensor_cast<float>(weight),
                                                                c.bias ? &bias_f : nullptr, params);
    CHECK(got_f.data == tensor_cast<float>(expected).data);
  }
}

// A plain ordinary convolution, written here for the test alone: valid cross-correlation with
// stride 1, no padding and `groups` groups, of x (N, Cin, e...) with w (Cout, Cin/groups, k...),
// as torch.nn.functional.conv{1,2,3}d computes it. Axes padded to 3 keep one loop nest.
Tensor<double> plain_cross_correlation(const Tensor<double>& x, const Tensor<double>& w, int64_t groups) {
  const size_t rank = x.shape.size() - 2;
  Shape e{1, 1, 1}, k{1, 1, 1};
  for (size_t a = 0; a < rank; ++a) {
    e[3 - rank + a] = x.shape[2 + a];
    k[3 - rank + a] = w.shape[2 + a];
  }
  const int64_t n_count = x.shape[0], cin = x.shape[1], cout = w.shape[0], cin_g = w.shape[1];
  Shape out_shape{n_count, cout};
  for (size_t a = 0; a < rank; ++a) out_shape.push_back(x.shape[2 + a] - w.shape[2 + a] + 1);
  Tensor<double> y(out_shape);
  const int64_t o0 = e[0] - k[0] + 1, o1 = e[1] - k[1] + 1, o2 = e[2] - k[2] + 1;
  for (int64_t n = 0; n < n_count; ++n)
    for (int64_t oc = 0; oc < cout; ++oc)
      for (int64_t p = 0; p < o0; ++p)
        for (int64_t q = 0; q < o1; ++q)
          for (int64_t r = 0; r < o2; ++r) {
            double sum = 0;
            for (int64_t i = 0; i < cin_g; ++i) {
              const int64_t ic = oc / (cout / groups) * cin_g + i;
              for (int64_t a = 0; a < k[0]; ++a)
                for (int64_t b = 0; b < k[1]; ++b)
                  for (int64_t c = 0; c < k[2]; ++c) {
                    const double xv =
                        x.data[static_cast<size_t>((((n * cin + ic) * e[0] + p + a) * e[1] + q + b) * e[2] + r + c)];
                    const double wv =
                        w.data[static_cast<size_t>((((oc * cin_g + i) * k[0] + a) * k[1] + b) * k[2] + c)];
                    sum += xv * wv;
                  }
            }
            y.data[static_cast<size_t>((((n * cout + oc) * o0 + p) * o1 + q) * o2 + r)] = sum;
          }
  return y;
}

TEST_CASE("zero insertion: an ordinary convolution of the expanded input gives the output (issue 25, item 7)") {
  Values values{777};
  for (const SweepCase& c : kCases) {
    CAPTURE(c.name);
    const SweepLayer layer = sweep_layer(c);
    const ConvParams& params = layer.params;
    const Shape& input_shape = layer.input_shape;
    const Shape& weight_shape = layer.weight_shape;
    const Tensor<double> input = filled(input_shape, values);
    const Tensor<double> weight = filled(weight_shape, values);
    const Tensor<double> expanded = expand_input(input, params);
    const Tensor<double> kernel = equivalent_conv_weight(flip_dilate_kernel(weight, params), c.groups);
    CHECK(kernel.shape[0] == c.out_per_group * c.groups);  // (Cout, Cin/groups, k...)
    CHECK(kernel.shape[1] == c.in_channels / c.groups);
    const Tensor<double> got = plain_cross_correlation(expanded, kernel, c.groups);
    const Tensor<double> expected = test::conv_transpose_gather<double>(input, weight, nullptr, params);
    CHECK(got.shape == expected.shape);
    CHECK(got.data == expected.data);
  }
}

TEST_CASE("stride phases: each phase's own convolution, put back together, is the output (issue 25, item 8)") {
  Values values{4242};
  for (const SweepCase& c : kCases) {
    CAPTURE(c.name);
    const SweepLayer layer = sweep_layer(c);
    const ConvParams& params = layer.params;
    const Shape& input_shape = layer.input_shape;
    const Shape& weight_shape = layer.weight_shape;
    int64_t phase_count = 1;
    for (const int64_t stride : c.stride) phase_count *= stride;
    const Tensor<double> input = filled(input_shape, values);
    const Tensor<double> weight = filled(weight_shape, values);
    const Tensor<double> bias = filled({c.out_per_group * c.groups}, values);
    const Tensor<double>* bias_ptr = c.bias ? &bias : nullptr;
    const Tensor<double> expected = test::conv_transpose_gather<double>(input, weight, bias_ptr, params);
    const std::vector<StridePhase> phases = stride_phases(input, weight, bias_ptr, params);
    CHECK(static_cast<int64_t>(phases.size()) == phase_count);  // one per offset below the stride
    const Tensor<double> got = reassemble_phases(phases, params, expected.shape);
    CHECK(got.data == expected.data);
  }
}

TEST_CASE("stride phases by hand: kernel 3, stride 2 (the checkerboard), and a phase of holes") {
  // k3 s2 d1 p0: phase 0 takes the taps a with a = 0 (mod 2): a = 2 and 0, starting at input
  // c_2 = (0 - 2)/2 = -1; phase 1 takes a = 1 alone, at c_1 = (1 - 1)/2 = 0. Two taps against
  // one: the uneven counts of the checkerboard. Input 3 gives output (3-1)*2+3 = 7: phase 0
  // holds cells 0, 2, 4, 6 (4 cells), phase 1 cells 1, 3, 5 (3).
  const std::vector<PhaseAxis> k3s2 = axis_phases({3, 2, 1, 0, 0, 0}, 3);
  REQUIRE(k3s2.size() == 2);
  CHECK(k3s2[0].taps == std::vector<int64_t>{2, 0});
  CHECK(k3s2[0].input_offset == -1);
  CHECK(k3s2[0].cells == 4);
  CHECK(k3s2[1].taps == std::vector<int64_t>{1});
  CHECK(k3s2[1].input_offset == 0);
  CHECK(k3s2[1].cells == 3);
  // k2 s2 d2 p1: every tap a*2 is even, and phase r needs a*2 = r + 1 (mod 2): phase 1 gets
  // both taps (a = 1, 0; c = (2 - 2)/2 = 0, then 1: kernel_dilation 2/gcd(2,2) = 1); phase 0
  // none: its cells hold only the bias. Output (2-1)*2 - 2 + 3 = 3 cells: 0, 2 in phase 0.
  const std::vector<PhaseAxis> holes = axis_phases({2, 2, 2, 1, 1, 0}, 2);
  CHECK(holes[0].taps.empty());
  CHECK(holes[0].cells == 2);
  CHECK(holes[1].taps == std::vector<int64_t>{1, 0});
  CHECK(holes[1].input_offset == 0);
  CHECK(holes[1].kernel_dilation == 1);
  CHECK(holes[1].cells == 1);
}

TEST_CASE("the gather engine itself reproduces a hand-computed 1-D case") {
  // x = [1, 2], w = [1, 10, 100], stride 2: scatter gives 1*[1,10,100] at 0..2 and
  // 2*[1,10,100] at 2..4 -> [1, 10, 102, 20, 200]; padding 1 keeps cells 1..3 -> [10, 102, 20].
  ConvParams params;
  AxisParams axis;
  axis.kernel = 3;
  axis.stride = 2;
  axis.pad_begin = axis.pad_end = 1;
  params.axes = {axis};
  const Tensor<double> out = test::conv_transpose_gather<double>(
      Tensor<double>({1, 1, 2}, {1, 2}), Tensor<double>({1, 1, 3}, {1, 10, 100}), nullptr, params);
  CHECK(out.shape == Shape{1, 1, 3});
  CHECK(out.data == std::vector<double>{10, 102, 20});
}

}  // namespace
}  // namespace tconv
