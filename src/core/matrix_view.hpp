// Why it is called "transposed": a convolution is a linear map, so it is a matrix C, and the
// transposed convolution with the same kernel and parameters is the map of C's transpose.
//
// For one batch item, with the engine's layouts flattened row-major:
//   C^T  rows = output (Cout, out spatial...), columns = input (Cin, in spatial...)
//        C^T[o][i] = weight[ic, oc - g*Cout/groups, k] where input i's tap k lands on o
//        (the scatter rule of conv_params.hpp), so output = C^T * input (+ bias).
//        Read off the reference engine's step stream: each update's weight at (its output
//        cell, its input element).
//   C    the ordinary convolution (PyTorch Conv{1,2,3}d with the same weight tensor read as
//        (Cout_conv = Cin, Cin_conv/groups = Cout/groups, k...), stride, padding, dilation and
//        groups) that maps a tensor of the output's size back to the input's size:
//          y[ic, i] = sum_{oc, k} weight[ic, oc', k] * x[oc, i*stride + k*dilation - pad_begin]
//        built column by column by running that convolution on unit vectors.
// The two are independent formulations; the test suite checks C^T == transpose(C) on a
// parameter sweep.
#pragma once

#include <cstdint>
#include <vector>

#include "core/conv_params.hpp"
#include "core/tensor.hpp"

namespace tconv {

struct DenseMatrix {
  int64_t rows = 0;
  int64_t columns = 0;
  std::vector<double> values;  // row-major

  double at(int64_t row, int64_t column) const { return values[static_cast<size_t>(row * columns + column)]; }
};

// Above this many entries the matrix views refuse (InvalidParameter, with the size).
constexpr int64_t kMaxMatrixEntries = 1'000'000;

// Throws what transposed_conv_matrix would, without building anything: lets a caller refuse a
// too-large case before it writes any output.
void check_matrix_view_size(const Shape& weight, const ConvParams& params, const Shape& input_spatial);

// C^T for weight (Cin, Cout/groups, k...) and an input of spatial size input_spatial.
// Throws InvalidParameter for invalid parameters, a weight that does not fit them
// (check_conv_shapes of engine.hpp) or a matrix above kMaxMatrixEntries.
DenseMatrix transposed_conv_matrix(const Tensor<double>& weight, const ConvParams& params, const Shape& input_spatial);

// C, the matrix of the ordinary convolution described above. Same throws.
DenseMatrix conv_matrix(const Tensor<double>& weight, const ConvParams& params, const Shape& input_spatial);

DenseMatrix transpose(const DenseMatrix& matrix);

// matrix * vector, summed in double in column order. vector must have `columns` values.
std::vector<double> multiply(const DenseMatrix& matrix, const std::vector<double>& vector);

}  // namespace tconv
