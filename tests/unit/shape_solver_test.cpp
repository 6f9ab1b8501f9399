// core/shape_solver: the derivation, the inverse problem and the matching forward convolution.
// Expected values by hand; the inverse solutions are also checked by brute force through the
// forward formula (AxisParams::output_size), which shares no code with the solver.
#include "core/shape_solver.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
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
  CHECK(large.advice == "kernel_size >= 7 would reach it, as would a larger stride or dilation");
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
