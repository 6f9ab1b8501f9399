#include "io/number_format.hpp"

#include <charconv>
#include <cmath>

namespace tconv {

std::string format_number(double value, Dtype dtype) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = dtype == Dtype::Float32 ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(value))
                                              : std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

const char* nonfinite_json_name(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return nullptr;
}

std::string format_json_number(double value, Dtype dtype) {
  if (const char* name = nonfinite_json_name(value)) return std::string("\"") + name + "\"";
  return format_number(value, dtype);
}

}  // namespace tconv
