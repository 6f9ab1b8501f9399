// NumPy's .npy format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic "\x93NUMPY", version, a header dict {'descr', 'fortran_order', 'shape'}, raw data.
#pragma once

#include <string>
#include <string_view>

#include "core/tensor.hpp"
#include "io/dtype.hpp"

namespace tconv {

// True when bytes start with the .npy magic.
bool is_npy(std::string_view bytes);

// Reads versions 1.0, 2.0 and 3.0 with dtype float32, float64, int32 or int64, little- or
// big-endian, C order. Values widen to double exactly; int64 values beyond 2^53 are refused.
// Throws DataError naming `source` and the problem: truncated file, unknown dtype (with the
// descr), Fortran order, a data size that does not match the shape.
Tensor<double> parse_npy(std::string_view bytes, const std::string& source);

// The tensor as a version 1.0 .npy file of dtype ('<f4' or '<f8'), C order.
std::string write_npy(const Tensor<double>& tensor, Dtype dtype);

}  // namespace tconv
