// The matrix view (core/matrix_view.hpp): a hand-written C^T, C^T = transpose(C) on sweeps
// (C^T read off the engine's step stream, C built from the forward convolution: independent
// formulations), and C^T x = output of the scatter engine.
#include "core/matrix_view.hpp"

#include <doctest/doctest.h>

#include "core/engine.hpp"
#include "core/error.hpp"

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

TEST_CASE("sweep: C^T read off the engine's step stream equals the transpose of the independent C") {
  // transposed_conv_matrix records the reference engine's updates; conv_matrix runs its own
  // forward-convolution loop. Sizes and kernels differ per axis so that a swapped axis shows.
  const int64_t in_sizes[] = {3, 2, 2};
  const int64_t kernels[] = {3, 2, 1};
  struct Pads {
    int64_t begin, end;
  };
  const Pads pads[] = {{0, 0}, {1, 0}, {2, 1}, {-1, 1}};  // -1: ONNX's negative pad
  int cases = 0;
  for (int dims = 1; dims <= 3; ++dims)
    for (int64_t stride : {1, 2, 3})
      for (const auto [pad_begin, pad_end] : pads)
        for (int64_t output_padding : {0, 1})
          for (int64_t dilation : {1, 2})
            for (int64_t groups : {1, 2}) {
              const int64_t cin = groups * (dims == 3 ? 1 : 2);
              const int64_t cout_per_group = dims == 3 ? 1 : 2;
              CAPTURE(dims);
              CAPTURE(stride);
              CAPTURE(pad_begin);
              CAPTURE(pad_end);
              CAPTURE(output_padding);
              CAPTURE(dilation);
              CAPTURE(groups);
              CAPTURE(cin);
              CAPTURE(cout_per_group);
              ConvParams params;
              params.groups = groups;
              Shape spatial, w_shape{cin, cout_per_group};
              for (int a = 0; a < dims; ++a) {
                const auto u = static_cast<size_t>(a);
                params.axes.push_back(AxisParams{kernels[u], stride, dilation, pad_begin, pad_end, output_padding});
                spatial.push_back(in_sizes[u]);
                w_shape.push_back(kernels[u]);
              }
              CAPTURE(shape_to_string(spatial));
              CAPTURE(shape_to_string(w_shape));
              bool valid = true;
              for (int a = 0; a < dims; ++a) {
                valid = valid && params.axes[static_cast<size_t>(a)].output_size(spatial[static_cast<size_t>(a)]) >= 1;
              }
              if (!valid) continue;
              // Distinct weights, so that an entry in the wrong place cannot go unnoticed.
              std::vector<double> w_values(static_cast<size_t>(element_count(w_shape)));
              for (size_t i = 0; i < w_values.size(); ++i) w_values[i] = 1 + 0.25 * static_cast<double>(i);
              const Tensor<double> w(w_shape, w_values);
              const DenseMatrix ct = transposed_conv_matrix(w, params, spatial);
              const DenseMatrix c_matrix = conv_matrix(w, params, spatial);
              CHECK(ct.rows == c_matrix.columns);
              CHECK(ct.columns == c_matrix.rows);
              CHECK(transpose(c_matrix).values == ct.values);
              // Some layers crop every product (e.g. kernel 1, stride 3, pads 2,1 on a size 2
              // axis), so that C^T is zero: count the others, to know the sweep tests something.
              bool any_weight = false;
              for (double value : ct.values) any_weight = any_weight || value != 0;
              cases += any_weight ? 1 : 0;
            }
  CHECK(cases > 200);
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
