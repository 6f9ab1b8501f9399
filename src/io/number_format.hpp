// Numbers as tconv prints them: the shortest text that reads back to the same value in the
// given dtype (std::to_chars), so a float32 0.1 prints as 0.1 and not 0.100000001490116.
// Integral values print without a decimal point (3, -0, 1e+20).
//
// Non-finite values (only with --allow-nonfinite, or a float32 sum beyond float32's range) print
// as nan, inf, -inf in text and CSV. JSON has no number for them, so JSON, JSON Lines and the
// explorer page's data write them as the strings "NaN", "Infinity", "-Infinity" (the names
// JavaScript's Number(), Python's float() and numpy read back), and tconv's JSON parser reads
// these strings back as the values they name. nonfinite_json_name is that one encoding.
#pragma once

#include <string>

#include "io/dtype.hpp"

namespace tconv {

// value must be representable in dtype (for Float32: a float widened to double).
std::string format_number(double value, Dtype dtype);

// "NaN", "Infinity" or "-Infinity" for a non-finite value (the JSON string's contents, without
// quotes); nullptr for a finite one.
const char* nonfinite_json_name(double value);

// A JSON value: format_number for a finite value, else the quoted nonfinite_json_name.
std::string format_json_number(double value, Dtype dtype);

}  // namespace tconv
