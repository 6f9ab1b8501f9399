// The element types tconv computes in. float32 reproduces PyTorch's default tensors;
// float64 is for exact work.
#pragma once

#include <string>

#include "core/error.hpp"

namespace tconv {

enum class Dtype { Float32, Float64 };

inline std::string dtype_name(Dtype dtype) { return dtype == Dtype::Float32 ? "float32" : "float64"; }

// "float32"/"f32"/"float", "float64"/"f64"/"double"; anything else is a UsageError.
inline Dtype parse_dtype(const std::string& text) {
  if (text == "float32" || text == "f32" || text == "float") return Dtype::Float32;
  if (text == "float64" || text == "f64" || text == "double") return Dtype::Float64;
  throw UsageError("--dtype must be float32 or float64, got '" + text + "'");
}

}  // namespace tconv
