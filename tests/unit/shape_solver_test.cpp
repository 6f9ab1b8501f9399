// core/shape_solver: the derivation, the inverse problem and the matching forward convolution.
// Expected values by hand; the inverse solutions are also checked by brute force through the
// forward formula (AxisParams::output_size), which shares no code with the solver.
#include "core/shape_solver.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace tconv {
namespace {

ConvParams one_axis(int64_t kernel, int64_t stride, int64_t pad_begin, int64_t pad_end, int64_t output_padding,
                    int64_t dilation) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  axis.pad_begin = pad_begin;
  axis.pad_end = pad_end;
  axis.output_padding = output_padding;
  axis.dilation = dilation;
  ConvParams params;
  params.axes = {axis};
  return params;
}

bool same(const PaddingSolution& a, const PaddingSolution& b) {
  return a.pad_begin == b.pad_begin && a.pad_end == b.pad_end && a.output_padding == b.output_padding;
}

void check_solutions(const std::vector<PaddingSolution>& got, const std::vector<PaddingSolution>& expected) {
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i].pad_begin == expected[i].pad_begin);
    CHECK(got[i].pad_end == expected[i].pad_end);
    CHECK(got[i].output_padding == expected[i].output_padding);
  }
}

TEST_CASE("derivation of the article's output-padding-with-padding case, term by term") {
  // m=2 K=3 S=2 P=1 P_out=1 D=1: (2-1)*2 = 2, K' = 1*(3-1)+1 = 3, -2P = -2, +1 -> 4
  const std::vector<SizeDerivation> d = derive_output_size(one_axis(3, 2, 1, 1, 1, 1), {2});
  REQUIRE(d.size() == 1);
  CHECK(d[0].stretched == 2);
  CHECK(d[0].dilated_kernel == 3);
  CHECK(d[0].cropped == 2);
  CHECK(d[0].full_extent == 6);
  CHECK(d[0].output == 4);
  CHECK(d[0].symmetric());
  // Dilation: m=2 K=2 S=2 D=2: K' = 2*(2-1)+1 = 3, (2-1)*2 + 3 = 5; asymmetric pads 1 and 0 -> 4
  const std::vector<SizeDerivation> e = derive_output_size(one_axis(2, 2, 1, 0, 0, 2), {2});
  CHECK(e[0].dilated_kernel == 3);
  CHECK(e[0].cropped == 1);
  CHECK(e[0].output == 4);
  CHECK_FALSE(e[0].symmetric());
  CHECK_THROWS_WITH_AS(derive_output_size(one_axis(0, 1, 0, 0, 0, 1), {2}), "kernel_size must be >= 1, got 0",
                       InvalidParameter);
}

TEST_CASE("symmetric target: the article's sizes") {
  // m=2 K=3 S=2 D=1: base (2-1)*2 + 3 = 5; output_padding 0 or 1.
  // target 4: 5 - 2P + q = 4 -> q=1, P=1.
  check_solutions(solve_padding({2, 3, 2, 1, 4}, PaddingModel::Symmetric), {{1, 1, 1}});
  // target 5: q=0, P=0.   target 3: q=0, P=1.   target 6: q=1, P=0.
  check_solutions(solve_padding({2, 3, 2, 1, 5}, PaddingModel::Symmetric), {{0, 0, 0}});
  check_solutions(solve_padding({2, 3, 2, 1, 3}, PaddingModel::Symmetric), {{1, 1, 0}});
  check_solutions(solve_padding({2, 3, 2, 1, 6}, PaddingModel::Symmetric), {{0, 0, 1}});
  // target 7 > 5 + (2-1): none.
  CHECK(solve_padding({2, 3, 2, 1, 7}, PaddingModel::Symmetric).empty());
  // Stride 1, dilation 4: output_padding 0..3. m=3 K=2: base 2 + 4*1 + 1 = 7.
  // target 6: 2P = 1 + q -> q=1 (P=1), q=3 (P=2).
  check_solutions(solve_padding({3, 2, 1, 4, 6}, PaddingModel::Symmetric), {{1, 1, 1}, {2, 2, 3}});
}

TEST_CASE("asymmetric target: every begin/end split, and the P_end = 0 family for output_padding") {
  // m=3 K=4 S=2: base (3-1)*2 + 4 = 8, target 7: excess 1.
  // q=0: (0,1), (1,0); q=1: begin = 1+1 = 2, end 0.
  check_solutions(solve_padding({3, 4, 2, 1, 7}, PaddingModel::Asymmetric), {{0, 1, 0}, {1, 0, 0}, {2, 0, 1}});
  // target 9 = base + 1: only q=1 with no padding.
  check_solutions(solve_padding({3, 4, 2, 1, 9}, PaddingModel::Asymmetric), {{0, 0, 1}});
  // Stride 1 reaches the parity symmetric padding cannot: m=2 K=3 (base 4), target 3.
  CHECK(solve_padding({2, 3, 1, 1, 3}, PaddingModel::Symmetric).empty());
  check_solutions(solve_padding({2, 3, 1, 1, 3}, PaddingModel::Asymmetric), {{0, 1, 0}, {1, 0, 0}});
}

TEST_CASE("every solution reproduces the target, and none is missing (brute force)") {
  for (int64_t m = 1; m <= 4; ++m)
    for (int64_t k = 1; k <= 4; ++k)
      for (int64_t s = 1; s <= 3; ++s)
        for (int64_t d = 1; d <= 3; ++d)
          for (int64_t target = 1; target <= 16; ++target)
            for (PaddingModel model : {PaddingModel::Symmetric, PaddingModel::Asymmetric}) {
              CAPTURE(m);
              CAPTURE(k);
              CAPTURE(s);
              CAPTURE(d);
              CAPTURE(target);
              CAPTURE(model == PaddingModel::Symmetric);
              const std::vector<PaddingSolution> got = solve_padding({m, k, s, d, target}, model);
              // Brute force over pads 0..20 and every valid output_padding, keeping one
              // representative (P_end = 0 or P_out = 0) of the asymmetric families.
              std::vector<PaddingSolution> expected;
              for (int64_t b = 0; b <= 20; ++b)
                for (int64_t e = 0; e <= 20; ++e)
                  for (int64_t q = 0; q < std::max(s, d); ++q) {
                    if (model == PaddingModel::Symmetric && b != e) continue;
                    if (model == PaddingModel::Asymmetric && e > 0 && q > 0) continue;
                    AxisParams axis;
                    axis.kernel = k;
                    axis.stride = s;
                    axis.dilation = d;
                    axis.pad_begin = b;
                    axis.pad_end = e;
                    axis.output_padding = q;
                    if (axis.output_size(m) == target) expected.push_back({b, e, q});
                  }
              CHECK(got.size() == expected.size());
              for (const PaddingSolution& solution : expected) {
                CHECK(std::any_of(got.begin(), got.end(), [&](const PaddingSolution& g) { return same(g, solution); }));
              }
              if (got.empty()) CHECK_FALSE(explain_unreachable({m, k, s, d, target}).nearest.empty());
            }
}

TEST_CASE("no solution: nearest reachable sizes and advice") {
  // m=2 K=3 S=2: largest 5 + 1 = 6 (padding 0, output_padding 1). Kernel for 10:
  // (2-1)*2 + (K-1) + 1 + 1 >= 10 -> K >= 7.
  const Unreachable large = explain_unreachable({2, 3, 2, 1, 10});
  CHECK(large.nearest == std::vector<int64_t>{6});
  CHECK(large.reason == "the largest reachable size is 6 (padding 0, output_padding 1)");
  // Stride 3 reaches at most 3 + 3 + 2 = 8, stride 4: 4 + 3 + 3 = 10, with padding 0 and
  // output_padding 3 (the only way). Two k3 s2 layers: 2P*3 = (2 + 3 + q - 1)*2 + 3 + q - 10 =
  // 1 + 3q, q 0 or 1: 1, 4, no multiple of 6.
  CHECK(large.advice ==
        "kernel_size >= 7 would reach it, as would stride 4 (padding 0, output_padding 3) or a "
        "larger dilation");
  // Stride 1, dilation 1, m=2 K=3: base 4, reachable 4, 2; target 3 has the wrong parity.
  const Unreachable parity = explain_unreachable({2, 3, 1, 1, 3});
  CHECK(parity.nearest == std::vector<int64_t>{2, 4});
  CHECK(parity.reason ==
        "with stride 1 and dilation 1 output_padding must be 0 and padding P removes 2*P cells, so only 4, 2 are "
        "reachable");
  // Longer lists are shortened: m=8 K=3 -> base 7 + 3 = 10: 10, 8, 6, ..., 2; target 5 is odd.
  CHECK(explain_unreachable({8, 3, 1, 1, 5}).reason ==
        "with stride 1 and dilation 1 output_padding must be 0 and padding P removes 2*P cells, so only 10, 8, 6, "
        "..., 2 are reachable");
  CHECK(parity.advice == "a kernel_size of 4 or 2 would reach it, as would asymmetric padding (--asymmetric)");
}

TEST_CASE("solver input validation") {
  CHECK_THROWS_WITH_AS(solve_padding({2, 3, 0, 1, 4}, PaddingModel::Symmetric), "stride must be >= 1, got 0",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(solve_padding({2, 3, 1, 1, 0}, PaddingModel::Symmetric), "target size must be >= 1, got 0",
                       InvalidParameter);
  // Stride 10^6, m=1, K=1: base 1, target 1 -> every even output_padding below 10^6 works (500000).
  CHECK_THROWS_WITH_AS(solve_padding({1, 1, 1000000, 1, 1}, PaddingModel::Symmetric),
                       "more than 10000 (padding, output_padding) pairs reach target size 1: too many to list; fix the "
                       "padding or output_padding instead",
                       InvalidParameter);
}

TEST_CASE("forward conv ranges equal a brute-force search") {
  for (int64_t m = 1; m <= 4; ++m)
    for (int64_t k = 1; k <= 3; ++k)
      for (int64_t s = 1; s <= 3; ++s)
        for (int64_t d = 1; d <= 3; ++d)
          for (int64_t p = 0; p <= 2; ++p)
            for (int64_t q = 0; q < std::max(s, d); ++q) {
              CAPTURE(m);
              CAPTURE(k);
              CAPTURE(s);
              CAPTURE(d);
              CAPTURE(p);
              CAPTURE(q);
              const ConvParams params = one_axis(k, s, p, p, q, d);
              const AxisParams& axis = params.axes[0];
              const int64_t n = axis.output_size(m);
              if (n < 1) continue;
              const ForwardConv conv = matching_forward_conv(params, {m})[0];
              CHECK(conv.transposed_output == n);
              // The Conv, written out: floor((x + 2P - D*(K-1) - 1) / S) + 1 for x + 2P >= D*(K-1) + 1.
              const auto conv_size = [&](int64_t x) {
                const int64_t numerator = x + 2 * p - d * (k - 1) - 1;
                return numerator < 0 ? int64_t{-1} : numerator / s + 1;
              };
              CHECK(conv.conv_output == conv_size(n));
              int64_t first = 0, last = 0;
              for (int64_t x = 1; x <= 60; ++x) {
                if (conv_size(x) != conv.conv_output) continue;
                if (first == 0) first = x;
                last = x;
              }
              CHECK(conv.same_first == first);
              CHECK(conv.same_last == last);
              // ConvTranspose inputs m' that reach n with some valid output_padding q'.
              first = last = 0;
              for (int64_t other = 1; other <= 30; ++other) {
                for (int64_t q2 = 0; q2 < std::max(s, d); ++q2) {
                  AxisParams a2 = axis;
                  a2.output_padding = q2;
                  if (a2.output_size(other) != n) continue;
                  if (first == 0) first = other;
                  last = other;
                }
              }
              CHECK(conv.inputs_first == first);
              CHECK(conv.inputs_last == last);
            }
}

TEST_CASE("extreme sizes neither overflow nor produce endless lists") {
  const int64_t max = std::numeric_limits<int64_t>::max();
  // Stride max: output_padding 0 .. max-1 all valid -> the count saturates, no overflow.
  CHECK_THROWS_WITH_AS(solve_padding({1, 1, max, 1, 1}, PaddingModel::Asymmetric),
                       "more than 10000 (padding, output_padding) pairs reach target size 1: too many to list; fix the "
                       "padding or output_padding instead",
                       InvalidParameter);
  // Input max-1 with stride 1 and kernel 2: base max; target max is reachable only with P=0, q=0.
  check_solutions(solve_padding({max - 1, 2, 1, 1, max}, PaddingModel::Symmetric), {{0, 0, 0}});
  // Kernel max, stride 1: largest = max; target max - 1 has the wrong parity.
  const Unreachable parity = explain_unreachable({1, max, 1, 1, max - 1});
  CHECK(parity.nearest == std::vector<int64_t>{max - 2, max});
  CHECK(parity.advice ==
        "a kernel_size of 9223372036854775806 would reach it, as would asymmetric padding (--asymmetric)");
  // Forward conv with a stride near the limit: m=2 K=1 S=2^62 -> n = 2^62 + 1; Conv(n) = 2 and
  // the sizes mapping to 2 run from 2^62 + 1 up to 2^62 + 1 + (2^62 - 1), saturated at 2^63 - 1.
  const std::vector<ForwardConv> conv = matching_forward_conv(
      [] {
        AxisParams axis;
        axis.stride = int64_t{1} << 62;
        ConvParams params;
        params.axes = {axis};
        return params;
      }(),
      {2});
  CHECK(conv[0].conv_output == 2);
  CHECK(conv[0].same_first == (int64_t{1} << 62) + 1);
  CHECK(conv[0].same_last == max);
  CHECK_THROWS_WITH_AS(solve_padding({3, 2, max, 1, 4}, PaddingModel::Symmetric),
                       "output size overflows 64-bit integers", InvalidParameter);
}

TEST_CASE("matching forward convolution") {
  // ConvTranspose m=2 K=3 S=2 P=1 P_out=1 -> 4. Conv(4) = floor((4 + 2 - 3)/2) + 1 = 2.
  // Sizes n with floor((n - 1)/2) = 1: n = 3, 4.
  std::vector<ForwardConv> conv = matching_forward_conv(one_axis(3, 2, 1, 1, 1, 1), {2});
  REQUIRE(conv.size() == 1);
  CHECK(conv[0].transposed_output == 4);
  CHECK(conv[0].conv_output == 2);
  CHECK(conv[0].same_first == 3);
  CHECK(conv[0].same_last == 4);
  // Stride 1: only the one size maps back. m=5 K=3 -> 7 -> conv 5.
  conv = matching_forward_conv(one_axis(3, 1, 0, 0, 0, 1), {5});
  CHECK(conv[0].conv_output == 5);
  CHECK(conv[0].same_first == 7);
  CHECK(conv[0].same_last == 7);
  // output_padding 2 >= stride 1 (allowed by dilation 3): m=2 K=2 D=3 -> 1 + 4 + 2 = 7;
  // Conv(7) = (7 - 4)/1 + 1 = 4, not 2.
  conv = matching_forward_conv(one_axis(2, 1, 0, 0, 2, 3), {2});
  CHECK(conv[0].transposed_output == 7);
  CHECK(conv[0].conv_output == 4);
  // Inputs 3 (output_padding 1: 2 + 4 + 1) and 4 (output_padding 0: 3 + 4) reach 7 too.
  CHECK(conv[0].inputs_first == 2);
  CHECK(conv[0].inputs_last == 4);
  // Stride 3, large padding: m=2 K=3 S=3 P=2 -> 3 - 4 + 3 = 2; Conv(2) = (2 + 4 - 3)/3 + 1 = 2;
  // sizes n with floor((n + 1)/3) = 1: n = 2, 3, 4.
  conv = matching_forward_conv(one_axis(3, 3, 2, 2, 0, 1), {2});
  CHECK(conv[0].conv_output == 2);
  CHECK(conv[0].same_first == 2);
  CHECK(conv[0].same_last == 4);
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

TEST_CASE("solve_stride_and_padding: every (stride, padding, output_padding), the usual one marked") {
  // m = 7 -> 14 with kernel 4: stride 2, padding 1 is the usual DCGAN choice, (7-1)*2 + 4 - 2 = 14.
  AxisTarget axis;
  axis.input = 7;
  axis.kernel = 4;
  axis.target = 14;
  const std::vector<StrideSolution> solutions = solve_stride_and_padding(axis, PaddingModel::Symmetric);
  int usual = 0;
  for (const StrideSolution& s : solutions) {
    CAPTURE(s.stride);
    CAPTURE(s.padding.pad_begin);
    CAPTURE(s.padding.output_padding);
    const AxisParams params{4, s.stride, 1, s.padding.pad_begin, s.padding.pad_end, s.padding.output_padding};
    CHECK(params.output_size(7) == 14);
    if (s.usual) {
      ++usual;
      CHECK(s.stride == 2);
      CHECK(s.padding.pad_begin == 1);
    }
  }
  CHECK(usual == 1);
  // Complete: a brute force over stride 1..14, every padding, output_padding < stride.
  size_t expected = 0;
  for (int64_t stride = 1; stride <= 14; ++stride) {
    for (int64_t p = 0; p <= 6 * stride + 4; ++p) {
      for (int64_t op = 0; op < stride; ++op) expected += (6 * stride + 4 - 2 * p + op == 14) ? 1 : 0;
    }
  }
  CHECK(solutions.size() == expected);
  // Asymmetric: the solutions include begin != end, all reaching 14.
  const std::vector<StrideSolution> asymmetric = solve_stride_and_padding(axis, PaddingModel::Asymmetric);
  CHECK(asymmetric.size() > solutions.size());
  for (const StrideSolution& s : asymmetric) {
    const AxisParams params{4, s.stride, 1, s.padding.pad_begin, s.padding.pad_end, s.padding.output_padding};
    CHECK(params.output_size(7) == 14);
  }
}

TEST_CASE("expressible_in and same_values: the issue's example") {
  // ONNX SAME_UPPER, k 3, s 2, 5 -> 10: pads begin 0, end 1.
  const AxisParams onnx{3, 2, 1, 0, 1, 0};
  const Expressible e = expressible_in(onnx, 5);
  CHECK_FALSE(e.pytorch);  // needs output_padding -1
  CHECK(e.onnx);
  CHECK(e.tensorflow);  // SAME with output_shape 10
  CHECK(e.tensorflow_explicit);
  CHECK(e.keras);  // same, output_padding None
  // The size-only answer padding 1, output_padding 1 reaches 10 but keeps window [1, 11).
  const AxisParams size_only{3, 2, 1, 1, 1, 1};
  CHECK(size_only.output_size(5) == 10);
  CHECK_FALSE(same_values(onnx, size_only, 5));
  // Pads 0, 2 with output_padding 1: window [0, 10) too, the same values.
  CHECK(same_values(onnx, AxisParams{3, 2, 1, 0, 2, 1}, 5));
  CHECK_FALSE(same_values(onnx, AxisParams{3, 1, 1, 0, 1, 0}, 5));  // another stride
  // The kernel below the stride: TF SAME (zeros at the end) expresses what ONNX Runtime's SAME cannot.
  const AxisParams tf_same{2, 3, 1, 0, -1, 0};  // n=3: full 8, window [0, 9)
  const Expressible below = expressible_in(tf_same, 3);
  CHECK(below.tensorflow);
  CHECK(below.pytorch);  // padding 0, output_padding 1
  CHECK(below.onnx);     // pads 0, output_padding 1
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

// The cells a layer writes, scattered one by one: input i with tap t writes uncropped cell
// i*S + t*D. A second formulation of layer_use, sharing no code with it.
LayerUse scattered_use(const AxisParams& axis, int64_t input) {
  const int64_t full = axis.full_extent(input);  // with output_padding
  std::vector<bool> written(static_cast<size_t>(full), false);
  std::vector<bool> input_seen(static_cast<size_t>(input), false);
  const int64_t begin = axis.pad_begin;
  const int64_t end = axis.pad_begin + axis.output_size(input);  // the kept window [begin, end)
  for (int64_t i = 0; i < input; ++i) {
    for (int64_t t = 0; t < axis.kernel; ++t) {
      const int64_t u = i * axis.stride + t * axis.dilation;
      written[static_cast<size_t>(u)] = true;
      if (u >= begin && u < end) input_seen[static_cast<size_t>(i)] = true;
    }
  }
  LayerUse use;
  for (int64_t u = begin; u < end; ++u) {
    // A negative pad_end (ONNX output_shape) keeps zero cells past the uncropped output.
    if (u < 0 || u >= full || !written[static_cast<size_t>(u)]) {
      use.output_without_input = u - begin;
      break;
    }
  }
  use.inputs_reach_output = std::all_of(input_seen.begin(), input_seen.end(), [](bool seen) { return seen; });
  return use;
}

TEST_CASE("layer_use: which output cells get no input, and whether padding crops an input away") {
  // The usual k4 s2 p1 on 7 (-> 14): taps of input i cover [2i, 2i+3], no holes; the first
  // input reaches u 0..3 and padding 1 keeps u 1..14: every cell gets an input.
  LayerUse use = layer_use({4, 2, 1, 1, 1, 0}, 7);
  CHECK_FALSE(use.output_without_input);
  CHECK(use.inputs_reach_output);
  CHECK(use.useful());
  // 7 -> 28 with k4 s5 p3: input i covers [5i, 5i+3], so u = 4 is a hole; the window starts at
  // u = 3, so output cell 4 - 3 = 1 gets no input.
  use = layer_use({4, 5, 1, 3, 3, 0}, 7);
  REQUIRE(use.output_without_input);
  CHECK(*use.output_without_input == 1);
  CHECK(use.inputs_reach_output);  // padding 3 <= D*(K-1) = 3
  // 7 -> 28 with k4 s4 p1 op2: the last tap is u = 6*4 + 3 = 27; the window [1, 29) ends with
  // u = 28, which only output_padding adds (op 2 > pad_end 1): output cell 28 - 1 = 27.
  use = layer_use({4, 4, 1, 1, 1, 2}, 7);
  REQUIRE(use.output_without_input);
  CHECK(*use.output_without_input == 27);
  // 7 -> 14 with k4 s3 p4: stride 3 <= kernel 4, no holes, but padding 4 > reach 3 crops all
  // of input 0's cells u 0..3 away.
  use = layer_use({4, 3, 1, 4, 4, 0}, 7);
  CHECK_FALSE(use.output_without_input);
  CHECK_FALSE(use.inputs_reach_output);
  // At the end: pad_end - output_padding is what crops the last input. k3 s2 on 2: last input
  // reaches u 2..4, reach 2. pad_end 3, op 0: 3 > 2, cropped; pad_end 3, op 1: 2 <= 2, kept.
  CHECK_FALSE(layer_use({3, 2, 1, 0, 3, 0}, 2).inputs_reach_output);
  CHECK(layer_use({3, 2, 1, 0, 3, 1}, 2).inputs_reach_output);
  // Dilation: k2 d4 s1 on 3 writes i + 4t = {0,1,2} and {4,5,6}: u = 3 is a hole. Padding 1,
  // op 1 keeps [1, 7): output cell 3 - 1 = 2.
  use = layer_use({2, 1, 4, 1, 1, 1}, 3);
  REQUIRE(use.output_without_input);
  CHECK(*use.output_without_input == 2);
  // gcd(S, D) = 2: k3 s2 d2 on 3 writes only even u (2i + 2t): output cell 1 (u = 1).
  CHECK(layer_use({3, 2, 2, 0, 0, 0}, 3).output_without_input == std::optional<int64_t>(1));
  // Holes at the edges only: k4 s2 d3 on 5 writes 2i + 3t (i 0..4, t 0..3) = every u in 0..17
  // but 1 and 16. Pads (2, 2) keep [2, 16): useful. Pads (1, 1) keep [1, 17): cell 0.
  // Pads (2, 1) keep [2, 17): u = 16, cell 14.
  CHECK(layer_use({4, 2, 3, 2, 2, 0}, 5).useful());
  CHECK(layer_use({4, 2, 3, 1, 1, 0}, 5).output_without_input == std::optional<int64_t>(0));
  CHECK(layer_use({4, 2, 3, 2, 1, 0}, 5).output_without_input == std::optional<int64_t>(14));
  // ONNX output_shape past the uncropped output (pad_end -1): the added zero cell.
  CHECK(layer_use({4, 2, 1, 0, -1, 0}, 3).output_without_input == std::optional<int64_t>(8));
}

TEST_CASE("layer_use equals scattering every tap (brute force)") {
  for (int64_t m = 1; m <= 6; ++m)
    for (int64_t k = 1; k <= 5; ++k)
      for (int64_t s = 1; s <= 6; ++s)
        for (int64_t d = 1; d <= 4; ++d)
          for (int64_t b = 0; b <= 6; ++b)
            for (int64_t e = -1; e <= 6; ++e)
              for (int64_t q = 0; q < std::max(s, d); ++q) {
                const AxisParams axis{k, s, d, b, e, q};
                if (axis.output_size(m) < 1) continue;
                CAPTURE(m);
                CAPTURE(k);
                CAPTURE(s);
                CAPTURE(d);
                CAPTURE(b);
                CAPTURE(e);
                CAPTURE(q);
                const LayerUse got = layer_use(axis, m);
                const LayerUse expected = scattered_use(axis, m);
                CHECK(got.output_without_input == expected.output_without_input);
                CHECK(got.inputs_reach_output == expected.inputs_reach_output);
              }
}

TEST_CASE("rank_solutions: every output cell reached first, then padding within reach, then stride and padding") {
  // The 7x7 -> 28x28 with k4: 206 solutions. Only stride 4, padding 0 is useful:
  // 6*4 + 4 = 28 with 4 = K taps per stride, no hole, padding 0.
  AxisTarget axis{7, 4, 1, 1, 28};
  const std::vector<RankedSolution> ranked =
      rank_solutions(axis, solve_stride_and_padding(axis, PaddingModel::Symmetric));
  REQUIRE(ranked.size() == 206);
  CHECK(ranked[0].rank == 1);
  CHECK(ranked[0].solution.stride == 4);
  CHECK(ranked[0].solution.padding.pad_begin == 0);
  CHECK(ranked[0].use.useful());
  // Then no solution gets every output cell an input: the next by stride, then padding.
  // Stride 4, padding 1, op 2: 24 + 4 - 2 + 2 = 28, the last cell added by output_padding.
  // Stride 5, padding 3: 30 + 4 - 6 = 28, holes at 5i + 4.
  CHECK(ranked[1].solution.stride == 4);
  CHECK(ranked[1].solution.padding.pad_begin == 1);
  CHECK(ranked[1].solution.padding.output_padding == 2);
  CHECK(ranked[2].solution.stride == 5);
  CHECK(ranked[2].solution.padding.pad_begin == 3);
  // The "stride 28, padding 85" (6*28 + 4 - 170 + 26 = 28, output_padding 26 > padding:
  // holes between inputs 28 apart, padding far beyond the reach 3) ranks low, not useful.
  const auto far = std::find_if(ranked.begin(), ranked.end(), [](const RankedSolution& r) {
    return r.solution.stride == 28 && r.solution.padding.pad_begin == 85;
  });
  REQUIRE(far != ranked.end());
  CHECK_FALSE(far->use.useful());
  CHECK(far->rank > 100);
  // 7 -> 14 with k4: the usual stride 2, padding 1 first; then every cell reached but padding
  // beyond the reach 3 (stride 3 padding 4: 18 + 4 - 8 = 14; stride 3 padding 5 op 2; stride 4
  // padding 7: 24 + 4 - 14 = 14; stride 4 padding 8 op 2) before stride 5 with its holes.
  axis.target = 14;
  const std::vector<RankedSolution> fourteen =
      rank_solutions(axis, solve_stride_and_padding(axis, PaddingModel::Symmetric));
  CHECK(fourteen[0].solution.usual);
  const std::vector<std::pair<int64_t, int64_t>> next{{3, 4}, {3, 5}, {4, 7}, {4, 8}, {5, 10}};
  for (size_t i = 0; i < next.size(); ++i) {
    CAPTURE(i);
    CHECK(fourteen[i + 1].solution.stride == next[i].first);
    CHECK(fourteen[i + 1].solution.padding.pad_begin == next[i].second);
  }
  CHECK_FALSE(fourteen[1].use.inputs_reach_output);
  CHECK_FALSE(fourteen[1].use.output_without_input);
  CHECK(fourteen[5].use.output_without_input);
  // Asymmetric ties: 3 -> 6 with k4 s2 (base 4 + 4 = 8, 2 cells to crop): pads (0, 2), (1, 1),
  // (2, 0) and (3, 0) with output_padding 1. All useful but the last ([3, 9) ends with u = 8,
  // past the last tap 7). Total padding 2 each; the even (1, 1) first, then pad_begin order.
  const AxisTarget six{3, 4, 2, 1, 6};
  std::vector<StrideSolution> pads;
  for (const PaddingSolution& p : solve_padding(six, PaddingModel::Asymmetric)) pads.push_back({2, p, false});
  const std::vector<RankedSolution> even = rank_solutions(six, pads);
  REQUIRE(even.size() == 4);
  const std::vector<std::pair<int64_t, int64_t>> order{{1, 1}, {0, 2}, {2, 0}, {3, 0}};
  for (size_t i = 0; i < order.size(); ++i) {
    CAPTURE(i);
    CHECK(even[i].solution.padding.pad_begin == order[i].first);
    CHECK(even[i].solution.padding.pad_end == order[i].second);
  }
  CHECK(even[3].use.output_without_input == std::optional<int64_t>(5));
  // The rule as a whole: the keys never go down along the ranking.
  for (size_t i = 1; i < ranked.size(); ++i) {
    const RankedSolution& x = ranked[i - 1];
    const RankedSolution& y = ranked[i];
    CHECK(x.rank + 1 == y.rank);
    CHECK(x.use.output_without_input.has_value() <= y.use.output_without_input.has_value());
    if (x.use.output_without_input.has_value() == y.use.output_without_input.has_value()) {
      CHECK(!x.use.inputs_reach_output <= !y.use.inputs_reach_output);
      if (x.use.inputs_reach_output == y.use.inputs_reach_output) CHECK(x.solution.stride <= y.solution.stride);
    }
  }
}

TEST_CASE("usual_layer and is_usual_choice: kernel 2*stride, padding stride/2, stride = target/input even") {
  // 7 -> 28: stride 4, kernel 8, padding 2: 6*4 + 8 - 4 = 28.
  const std::optional<AxisParams> usual = usual_layer(7, 28);
  REQUIRE(usual);
  CHECK(usual->kernel == 8);
  CHECK(usual->stride == 4);
  CHECK(usual->pad_begin == 2);
  CHECK(usual->pad_end == 2);
  CHECK(usual->output_padding == 0);
  CHECK(usual->output_size(7) == 28);
  CHECK(usual_layer(7, 14)->kernel == 4);  // stride 2, padding 1
  CHECK_FALSE(usual_layer(7, 21));         // stride 3 is odd: padding 1.5
  CHECK_FALSE(usual_layer(7, 27));         // not a multiple of 7
  CHECK(is_usual_choice({4, 2, 1, 1, 1, 0}));
  CHECK_FALSE(is_usual_choice({4, 2, 2, 1, 1, 0}));  // dilation 2
  CHECK_FALSE(is_usual_choice({4, 2, 1, 1, 1, 1}));  // output_padding 1
  CHECK_FALSE(is_usual_choice({6, 3, 1, 1, 1, 0}));  // odd stride
}

TEST_CASE("two_layer_chain: two identical useful layers when one layer is awkward") {
  // 7 -> 28 with k4: 2P*(S+1) = (6S + 4 + q - 1)*S + 4 + q - 28. Stride 1 (q 0): 2P*2 = 9 + 4 - 28
  // < 0. Stride 2, q 0: 2P*3 = 15*2 + 4 - 28 = 6, P = 1: 7 -> 12 + 4 - 2 = 14 -> 26 + 4 - 2 = 28.
  const AxisTarget axis{7, 4, 2, 1, 28};
  std::optional<LayerChain> chain = two_layer_chain(axis, false);
  REQUIRE(chain);
  CHECK(chain->middle == 14);
  CHECK(chain->layer.stride == 2);
  CHECK(chain->layer.pad_begin == 1);
  CHECK(chain->layer.output_padding == 0);
  // With the stride given (2) the same.
  CHECK(two_layer_chain(axis, true)->middle == 14);
  // Stride 3 given: 2P*4 = (18 + 3 + q)*3 + 4 + q - 28 = 39 + 4q, q 0..2: 39, 43, 47, none a
  // multiple of 8.
  CHECK_FALSE(two_layer_chain({7, 4, 3, 1, 28}, true));
}

TEST_CASE("no solution with the stride given: the larger stride and two layers that would reach it") {
  // 7 -> 28 with k4 s2: at most 12 + 4 + 1 = 17. Kernel: 12 + (K-1) + 1 + 1 >= 28 -> K >= 15.
  // Stride 3: 18 + 4 + 2 = 24 < 28; stride 4: 24 + 4 + 3 = 31 >= 28, padding 0 (24 + 4 = 28).
  // Two k4 s2 p1 layers: 7 -> 14 -> 28 (two_layer_chain above).
  CHECK(explain_unreachable({7, 4, 2, 1, 28}).advice ==
        "kernel_size >= 15 would reach it, as would stride 4 (padding 0, output_padding 0) or a larger dilation, "
        "or two such layers 7 -> 14 -> 28, each stride 2, padding 1, output_padding 0");
}

TEST_CASE("compare_values: a solution that keeps the given layer's cells and more") {
  // The range: k3 s2 p1 on 2 gives (2-1)*2 + 3 - 2 = 3 cells, keeping [1, 4) of the
  // uncropped 5 (cells 0..4). The only PyTorch layer of size 4 is padding 1, output_padding 1:
  // 2 + 3 - 2 + 1 = 4 cells from u = 1, [1, 5). That is not "other values": the same uncropped
  // output (kernel, stride, dilation equal), the given layer's 3 cells and 1 more.
  const AxisParams given{3, 2, 1, 1, 1, 0};
  const AxisParams candidate{3, 2, 1, 1, 1, 1};
  CHECK(given.output_size(2) == 3);
  CHECK(candidate.output_size(2) == 4);
  CHECK(compare_values(given, candidate, 2) == ValuesRelation::Extends);
  CHECK(compare_values(given, given, 2) == ValuesRelation::Same);
  // Pads (2, 0), op 1: [2, 6) leaves cell 1 out: other values.
  CHECK(compare_values(given, AxisParams{3, 2, 1, 2, 0, 1}, 2) == ValuesRelation::Other);
  // Another stride: another uncropped output.
  CHECK(compare_values(given, AxisParams{3, 1, 1, 0, 0, 0}, 2) == ValuesRelation::Other);
}

}  // namespace
}  // namespace tconv
