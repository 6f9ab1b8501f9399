// A dense, row-major (C order) tensor of float or double with a signed 64-bit shape.
// Deliberately minimal: a shape and its values. The engines compute their own offsets (the
// row-major rule is core/index.hpp); the I/O layer fills it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
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
      throw DataError("tensor of shape " + shape_to_string(shape) + " needs " + std::to_string(element_count(shape)) +
                      " values, got " + std::to_string(data.size()));
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

// Read-only access to a row-major tensor's values wherever they live: in a Tensor, or in a
// file mapped into memory (core/any_tensor.hpp). Valid while the values are.
template <typename T>
struct TensorView {
  Shape shape;
  const T* data = nullptr;

  TensorView() = default;
  TensorView(const Tensor<T>& tensor) : shape(tensor.shape), data(tensor.data.data()) {}  // NOLINT: implicit
  TensorView(Shape s, const T* values) : shape(std::move(s)), data(values) {}
  int64_t size() const { return element_count(shape); }
  Tensor<T> copy() const { return Tensor<T>(shape, std::vector<T>(data, data + size())); }
};

}  // namespace tconv
