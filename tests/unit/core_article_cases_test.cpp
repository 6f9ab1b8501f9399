// The article's five cases (input [[1,2],[3,4]], all-ones kernel, ConvTranspose2d, no bias) and
// padding together with output_padding, checked against values derived by hand. With an
// all-ones kernel, output cell (r, c) is the sum of the inputs x(i, j) whose footprint covers
// the uncropped cell (r + P, c + P): rows i*S + {0, D, .., D*(K-1)} and the same for columns.
#include <doctest/doctest.h>

#include <vector>

#include "core/engine.hpp"

namespace tconv {
namespace {

Tensor<double> article_input() { return Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4}); }

Tensor<double> ones_kernel(int64_t k) {
  Tensor<double> weight({1, 1, k, k});
  for (double& w : weight.data) w = 1;
  return weight;
}

ConvParams square(int64_t kernel, int64_t stride, int64_t padding, int64_t output_padding, int64_t dilation) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  axis.pad_begin = axis.pad_end = padding;
  axis.output_padding = output_padding;
  axis.dilation = dilation;
  ConvParams params;
  params.axes = {axis, axis};
  return params;
}

void check_output(const ConvParams& params, int64_t kernel, const Shape& shape, const std::vector<double>& expected) {
  const Tensor<double> out = conv_transpose_reference<double>(article_input(), ones_kernel(kernel), nullptr, params);
  CHECK(out.shape == shape);
  CHECK(out.data == expected);
  // The same in float: small integers are exact in both.
  const Tensor<float> out_f = conv_transpose_reference<float>(tensor_cast<float>(article_input()),
                                                              tensor_cast<float>(ones_kernel(kernel)), nullptr, params);
  CHECK(out_f.data == std::vector<float>(expected.begin(), expected.end()));
}

TEST_CASE("article case 1, basic: k=3 gives 4x4") {
  // Size (2-1)*1 + 3 = 4. Row 0 is covered by x(0,*) only: 1, 1+2, 1+2, 2.
  // Rows 1 and 2 by both input rows: 1+3, 1+2+3+4, 1+2+3+4, 2+4. Row 3 by x(1,*): 3, 3+4, 3+4, 4.
  check_output(square(3, 1, 0, 0, 1), 3, {1, 1, 4, 4}, {1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4});
}

TEST_CASE("article case 2, stride: k=3 s=2 gives 5x5") {
  // Size (2-1)*2 + 3 = 5. Footprints rows/cols {0,1,2} (i=0) and {2,3,4} (i=1) overlap at 2:
  // rows 0-1: 1 1 1+2 2 2; row 2: 1+3 1+3 1+2+3+4 2+4 2+4; rows 3-4: 3 3 3+4 4 4.
  check_output(square(3, 2, 0, 0, 1), 3, {1, 1, 5, 5},
               {1, 1, 3, 2, 2, 1, 1, 3, 2, 2, 4, 4, 10, 6, 6, 3, 3, 7, 4, 4, 3, 3, 7, 4, 4});
}

TEST_CASE("article case 3, padding: k=3 s=2 p=1 crops the 5x5 to 3x3") {
  // (2-1)*2 - 2*1 + 3 = 3: the 5x5 of case 2 without its outer ring (rows/cols 1..3).
  check_output(square(3, 2, 1, 0, 1), 3, {1, 1, 3, 3}, {1, 3, 2, 4, 10, 6, 3, 7, 4});
}

TEST_CASE("article case 4, output padding: k=3 s=2 op=1 adds a zero row and column") {
  // (2-1)*2 + 3 + 1 = 6: the 5x5 of case 2, then row 5 and column 5, which no footprint reaches.
  check_output(square(3, 2, 0, 1, 1), 3, {1, 1, 6, 6}, {1, 1, 3, 2, 2, 0, 1, 1, 3, 2, 2, 0, 4, 4, 10, 6, 6, 0,
                                                        3, 3, 7, 4, 4, 0, 3, 3, 7, 4, 4, 0, 0, 0, 0,  0, 0, 0});
}

TEST_CASE("article case 5, dilation: k=2 s=2 d=2 gives 5x5 with zero rows and columns") {
  // K' = 2*(2-1)+1 = 3, size (2-1)*2 + 3 = 5. Taps land at offsets {0, 2}: x(i,j) reaches rows
  // 2i, 2i+2 and cols 2j, 2j+2, so odd rows/cols stay 0; (2,2) gets 1+2+3+4 = 10.
  check_output(square(2, 2, 0, 0, 2), 2, {1, 1, 5, 5},
               {1, 0, 3, 0, 2, 0, 0, 0, 0, 0, 4, 0, 10, 0, 6, 0, 0, 0, 0, 0, 3, 0, 7, 0, 4});
}

TEST_CASE("padding with output_padding: the added row and column are not zero") {
  // k=3 s=2 p=1 op=1: uncropped extent 5+1 = 6, crop 1 at each end -> rows/cols 1..4 of the
  // 6x6 of case 4. Row/col 4 of the uncropped grid is 3 3 7 4 4 (not the zero row 5), so the
  // output is [[1,3,2,2],[4,10,6,6],[3,7,4,4],[3,7,4,4]] (as in ANALYSIS.md, checked with PyTorch).
  check_output(square(3, 2, 1, 1, 1), 3, {1, 1, 4, 4}, {1, 3, 2, 2, 4, 10, 6, 6, 3, 7, 4, 4, 3, 7, 4, 4});
}

TEST_CASE("output_spatial_size follows (in-1)*S - 2P + D*(K-1) + P_out + 1") {
  // (2-1)*2 - 2 + 1*(3-1) + 1 + 1 = 4 ; (5-1)*1 - 0 + 2 + 0 + 1 = 7 ; (7-1)*3 - 4 + 2*(4-1) + 2 + 1 = 23
  CHECK(output_spatial_size(square(3, 2, 1, 1, 1), {2, 2}) == Shape{4, 4});
  AxisParams axis;
  axis.kernel = 3;
  ConvParams one_d;
  one_d.axes = {axis};
  CHECK(output_spatial_size(one_d, {5}) == Shape{7});
  axis.kernel = 4;
  axis.stride = 3;
  axis.pad_begin = axis.pad_end = 2;
  axis.dilation = 2;
  axis.output_padding = 2;
  one_d.axes = {axis};
  CHECK(output_spatial_size(one_d, {7}) == Shape{23});
}

}  // namespace
}  // namespace tconv
