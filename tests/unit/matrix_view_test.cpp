// The matrix view (core/matrix_view.hpp): a hand-written C^T, C^T = transpose(C) on a sweep
// (C built from the forward convolution, an independent formulation), and C^T x = output of
// the scatter engine.
#include <doctest/doctest.h>

#include "core/engine.hpp"
#include "core/error.hpp"
#include "core/matrix_view.hpp"

namespace tconv {
namespace {

TEST_CASE("C^T of a 1-D case written out by hand") {
  // in 2, kernel [a,b] = [1,2], stride 2: x0 lands on out 0,1 and x1 on out 2,3.
  //   C^T = [[1,0],[2,0],[0,1],[0,2]]
  ConvParams params;
  params.axes = {AxisParams{2, 2, 1, 0, 0, 0}};
  const DenseMatrix ct = transposed_conv_matrix(Tensor<double>({1, 1, 2}, {1, 2}), params, {2});
  CHECK(ct.rows == 4);
  CHECK(ct.columns == 2);
  CHECK(ct.values == std::vector<double>{1, 0, 2, 0, 0, 1, 0, 2});
  // padding 1 crops out 0 and 3: rows of out 1, 2 remain.
  params.axes[0].pad_begin = params.axes[0].pad_end = 1;
  CHECK(transposed_conv_matrix(Tensor<double>({1, 1, 2}, {1, 2}), params, {2}).values ==
        std::vector<double>{2, 0, 0, 1});
}

TEST_CASE("sweep: C^T is the transpose of the convolution matrix, and C^T x is the output") {
  struct Case {
    int dims;
    int64_t in, k, s, p, op, d, groups, cin, cout_per_group;
  };
  const Case cases[] = {
      {1, 4, 3, 1, 0, 0, 1, 1, 1, 1}, {1, 3, 3, 2, 1, 1, 1, 1, 2, 2}, {1, 5, 2, 3, 1, 2, 2, 2, 2, 1},
      {2, 2, 3, 1, 0, 0, 1, 1, 1, 1}, {2, 2, 3, 2, 1, 1, 1, 1, 1, 1}, {2, 3, 2, 2, 0, 1, 2, 1, 2, 3},
      {2, 3, 3, 2, 2, 1, 1, 2, 4, 1}, {3, 2, 2, 2, 1, 0, 1, 1, 1, 2},
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
    ConvParams params;
    params.axes.assign(static_cast<size_t>(c.dims), AxisParams{c.k, c.s, c.d, c.p, c.p, c.op});
    params.groups = c.groups;
    Shape spatial, w_shape{c.cin, c.cout_per_group};
    for (int a = 0; a < c.dims; ++a) {
      spatial.push_back(c.in);
      w_shape.push_back(c.k);
    }
    std::vector<double> w_values(static_cast<size_t>(element_count(w_shape)));
    for (size_t i = 0; i < w_values.size(); ++i) w_values[i] = static_cast<double>(i % 7) - 2.5;
    const Tensor<double> w(w_shape, w_values);
    const DenseMatrix ct = transposed_conv_matrix(w, params, spatial);
    const DenseMatrix c_matrix = conv_matrix(w, params, spatial);
    CHECK(transpose(c_matrix).values == ct.values);

    Shape in_shape{1, c.cin};
    in_shape.insert(in_shape.end(), spatial.begin(), spatial.end());
    std::vector<double> x_values(static_cast<size_t>(element_count(in_shape)));
    for (size_t i = 0; i < x_values.size(); ++i) x_values[i] = static_cast<double>(i % 5) * 0.5 + 1;
    const Tensor<double> x(in_shape, x_values);
    CHECK(multiply(ct, x_values) == conv_transpose_reference<double>(x, w, nullptr, params).data);
  }
}

TEST_CASE("the matrix views refuse large cases") {
  ConvParams params;
  params.axes.assign(2, AxisParams{3, 1, 1, 0, 0, 0});
  CHECK_THROWS_WITH_AS(transposed_conv_matrix(Tensor<double>({1, 1, 3, 3}), params, {40, 40}),
                       "the matrix view is for small cases: this one would have 2822400 entries, above 1000000",
                       InvalidParameter);
}

}  // namespace
}  // namespace tconv
