// NumPy's .npy format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// magic "\x93NUMPY", version, a header dict {'descr', 'fortran_order', 'shape'}, raw data.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "core/any_tensor.hpp"
#include "io/dtype.hpp"

namespace tconv {

// True when bytes start with the .npy magic.
bool is_npy(std::string_view bytes);

// Reads versions 1.0, 2.0 and 3.0 with dtype float32, float64, int32 or int64, little- or
// big-endian, C order. Values widen to double exactly; int64 values float64 cannot hold exactly
// (2^53 + 1) are refused, and the first int32/int64 value float32 cannot hold exactly is
// reported through first_inexact_float32_integer (as parse_tensor does). Values that would be
// copied into more than max_bytes are refused (MemoryLimitError).
// Throws DataError naming `source` and the problem: truncated file, unknown dtype (with the
// descr), Fortran order, a data size that does not match the shape.
// The values in their own type where tconv computes in it (float32 files give float, not
// widened), else widened to double. With an owner (what keeps `bytes` alive, e.g. the mapped
// file), float32/float64 data in the machine's byte order is not even copied: the result
// borrows it and holds the owner.
AnyTensor parse_npy_values(std::string_view bytes, const std::string& source, std::shared_ptr<const void> owner,
                           int64_t max_bytes = std::numeric_limits<int64_t>::max(),
                           int64_t* first_inexact_float32_integer = nullptr);
Tensor<double> parse_npy(std::string_view bytes, const std::string& source);

// The tensor as a version 1.0 .npy file of dtype ('<f4' or '<f8'), C order.
std::string write_npy(const Tensor<double>& tensor, Dtype dtype);

// values (row-major, of `shape`) as a .npy file of their own dtype, written straight to out.
template <typename T>
void write_npy(std::ostream& out, const Shape& shape, const std::vector<T>& values);

}  // namespace tconv
