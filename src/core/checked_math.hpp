// Overflow-checked 64-bit arithmetic for sizes. Sizes and indices in tconv are signed
// 64-bit; a product that would overflow throws InvalidParameter naming `what`.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace tconv {

// a * b, or throws InvalidParameter("<what> overflows 64-bit integers") on overflow.
inline int64_t checked_mul(int64_t a, int64_t b, const std::string& what) {
  int64_t result = 0;
  if (__builtin_mul_overflow(a, b, &result)) {
    throw InvalidParameter(what + " overflows 64-bit integers");
  }
  return result;
}

// a + b, or throws InvalidParameter on overflow.
inline int64_t checked_add(int64_t a, int64_t b, const std::string& what) {
  int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) {
    throw InvalidParameter(what + " overflows 64-bit integers");
  }
  return result;
}

}  // namespace tconv
