// A dense, row-major (C order) tensor of float or double with a signed 64-bit shape.
// Deliberately minimal: the engines index it through strides(); the I/O layer fills it.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/checked_math.hpp"
#include "core/error.hpp"

namespace tconv {

using Shape = std::vector<int64_t>;

// Product of the extents; throws InvalidParameter if it overflows, or if an extent is < 0.
inline int64_t element_count(const Shape& shape) {
  int64_t count = 1;
  for (int64_t extent : shape) {
    if (extent < 0) throw InvalidParameter("negative tensor extent " + std::to_string(extent));
    count = checked_mul(count, extent, "tensor size");
  }
  return count;
}

// Row-major strides in elements: strides[i] = product of shape[i+1..].
inline Shape row_major_strides(const Shape& shape) {
  Shape strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

// "2x3x4" for {2,3,4}; "scalar" for {}.
inline std::string shape_to_string(const Shape& shape) {
  if (shape.empty()) return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += 'x';
    text += std::to_string(shape[i]);
  }
  return text;
}

template <typename T>
struct Tensor {
  Shape shape;
  std::vector<T> data;  // element_count(shape) values, row-major

  Tensor() = default;
  explicit Tensor(Shape s) : shape(std::move(s)), data(static_cast<size_t>(element_count(shape)), T(0)) {}
  Tensor(Shape s, std::vector<T> values) : shape(std::move(s)), data(std::move(values)) {
    if (static_cast<int64_t>(data.size()) != element_count(shape)) {
      throw DataError("tensor of shape " + shape_to_string(shape) + " needs " +
                      std::to_string(element_count(shape)) + " values, got " +
                      std::to_string(data.size()));
    }
  }

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  int64_t size() const { return static_cast<int64_t>(data.size()); }
};

// Element-wise conversion between dtypes (double -> float rounds to nearest).
template <typename To, typename From>
Tensor<To> tensor_cast(const Tensor<From>& from) {
  std::vector<To> values(from.data.begin(), from.data.end());
  return Tensor<To>(from.shape, std::move(values));
}

// The index of the first NaN or infinity in values, or -1. Scans blocks with an integer
// maximum of the magnitudes' bits, which vectorises (a NaN or infinity has every exponent bit
// set, so its magnitude bits are the largest), and looks closer only into a block that has one.
template <typename T>
int64_t first_nonfinite_index(const std::vector<T>& values) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  constexpr Bits kMagnitude = ~Bits{0} >> 1;
  constexpr Bits kInfinity = std::bit_cast<Bits>(std::numeric_limits<T>::infinity());
  constexpr size_t kBlock = 4096;
  for (size_t start = 0; start < values.size(); start += kBlock) {
    const size_t end = std::min(values.size(), start + kBlock);
    Bits largest = 0;
    for (size_t i = start; i < end; ++i) largest = std::max(largest, std::bit_cast<Bits>(values[i]) & kMagnitude);
    if (largest < kInfinity) continue;
    for (size_t i = start; i < end; ++i) {
      if (!std::isfinite(values[i])) return static_cast<int64_t>(i);
    }
  }
  return -1;
}

// A tensor whose element type, float or double, is chosen at run time: input data is kept in
// the type it came in (a float32 .npy file is not widened) and converted once, to the type
// the run computes in.
class AnyTensor {
 public:
  AnyTensor() = default;
  AnyTensor(Tensor<double> tensor) : tensor_(std::move(tensor)) {}  // NOLINT: implicit on purpose
  AnyTensor(Tensor<float> tensor) : tensor_(std::move(tensor)) {}   // NOLINT

  const Shape& shape() const {
    return std::visit([](const auto& t) -> const Shape& { return t.shape; }, tensor_);
  }
  // Gives the same values another shape of the same element count (a layout change).
  void reshape(Shape shape) {
    std::visit([&](auto& t) { t = std::decay_t<decltype(t)>(std::move(shape), std::move(t.data)); }, tensor_);
  }
  int64_t size() const { return element_count(shape()); }

  template <typename T>
  bool holds() const {
    return std::holds_alternative<Tensor<T>>(tensor_);
  }
  // The tensor, which must hold T (convert_to<T> first).
  template <typename T>
  const Tensor<T>& get() const {
    return std::get<Tensor<T>>(tensor_);
  }
  // Converts in place to T (double -> float rounds to nearest; float -> double is exact).
  template <typename T>
  void convert_to() {
    if (!holds<T>()) tensor_ = std::visit([](const auto& t) { return tensor_cast<T>(t); }, tensor_);
  }
  // A copy as doubles: exact, for display and for the step-by-step views.
  Tensor<double> to_double() const {
    return std::visit([](const auto& t) { return tensor_cast<double>(t); }, tensor_);
  }
  double value(int64_t flat_index) const {
    return std::visit([&](const auto& t) { return static_cast<double>(t.data[static_cast<size_t>(flat_index)]); },
                      tensor_);
  }
  // The flat index of the first NaN or infinity, or -1.
  int64_t first_nonfinite() const {
    return std::visit([](const auto& t) { return first_nonfinite_index(t.data); }, tensor_);
  }

 private:
  std::variant<Tensor<double>, Tensor<float>> tensor_;
};

}  // namespace tconv
