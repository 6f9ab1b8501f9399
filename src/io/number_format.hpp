// Numbers as tconv prints them: the shortest text that reads back to the same value in the
// given dtype (std::to_chars), so a float32 0.1 prints as 0.1 and not 0.100000001490116.
// Integral values print without a decimal point (3, -0, 1e+20). Non-finite values print as
// nan, inf, -inf in text and NaN, Infinity, -Infinity in JSON (what Python's json reads).
#pragma once

#include <string>

#include "io/dtype.hpp"

namespace tconv {

// value must be representable in dtype (for Float32: a float widened to double).
std::string format_number(double value, Dtype dtype);

// The same, with JSON's spelling of non-finite values.
std::string format_json_number(double value, Dtype dtype);

}  // namespace tconv
