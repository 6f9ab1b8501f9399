// AnyTensor: a tensor whose element type, float or double, is chosen at run time, and whose
// values may live in a file mapped into memory. Input data is kept in the type it came in (a
// float32 .npy file is not widened, and when mapped not even copied) and converted once, to
// the type the run computes in.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/tensor.hpp"

namespace tconv {

// The index of the first NaN or infinity in values, or -1. Scans blocks with an integer
// maximum of the magnitudes' bits (a NaN or infinity has every exponent bit set, so its
// magnitude bits are the largest) and looks closer only into a block that has one. Full
// blocks have a fixed length, which GCC vectorises even at -O2.
template <typename T>
int64_t first_nonfinite_index(std::span<const T> values) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  constexpr Bits kMagnitude = ~Bits{0} >> 1;
  constexpr Bits kInfinity = std::bit_cast<Bits>(std::numeric_limits<T>::infinity());
  constexpr size_t kBlock = 4096;
  const auto first_in = [&](size_t start, size_t end) -> int64_t {
    for (size_t i = start; i < end; ++i) {
      if (!std::isfinite(values[i])) return static_cast<int64_t>(i);
    }
    return -1;
  };
  size_t start = 0;
  for (; start + kBlock <= values.size(); start += kBlock) {
    const T* block = values.data() + start;
    Bits largest = 0;
    for (size_t i = 0; i < kBlock; ++i) largest = std::max(largest, std::bit_cast<Bits>(block[i]) & kMagnitude);
    if (largest >= kInfinity) return first_in(start, start + kBlock);
  }
  return first_in(start, values.size());
}

// Values that live elsewhere (a mapped file), kept alive by `owner`.
template <typename T>
struct BorrowedTensor {
  Shape shape;
  const T* data = nullptr;
  std::shared_ptr<const void> owner;
};

class AnyTensor {
 public:
  AnyTensor() = default;
  AnyTensor(Tensor<double> tensor) : tensor_(std::move(tensor)) {}          // NOLINT: implicit on purpose
  AnyTensor(Tensor<float> tensor) : tensor_(std::move(tensor)) {}           // NOLINT
  AnyTensor(BorrowedTensor<double> tensor) : tensor_(std::move(tensor)) {}  // NOLINT
  AnyTensor(BorrowedTensor<float> tensor) : tensor_(std::move(tensor)) {}   // NOLINT

  const Shape& shape() const {
    return std::visit([](const auto& t) -> const Shape& { return t.shape; }, tensor_);
  }
  int64_t size() const { return element_count(shape()); }
  // Gives the same values another shape of the same element count (a layout change).
  void reshape(Shape shape) {
    std::visit([&](auto& t) { reshape(t, std::move(shape)); }, tensor_);
  }

  // Whether the values are of type T (owned or borrowed).
  template <typename T>
  bool holds() const {
    return std::holds_alternative<Tensor<T>>(tensor_) || std::holds_alternative<BorrowedTensor<T>>(tensor_);
  }
  // Converts to T, copying only when the type changes (double -> float rounds to nearest;
  // float -> double is exact). Borrowed values of type T stay borrowed.
  template <typename T>
  void convert_to() {
    if (holds<T>()) return;
    tensor_ = std::visit(
        [](const auto& t) {
          const auto v = values(t);
          return Tensor<T>(t.shape, std::vector<T>(v.begin(), v.end()));
        },
        tensor_);
  }
  // Copies borrowed values into a Tensor of their own.
  void make_owned() {
    if (const auto* f = std::get_if<BorrowedTensor<float>>(&tensor_)) tensor_ = owned_copy(*f);
    if (const auto* d = std::get_if<BorrowedTensor<double>>(&tensor_)) tensor_ = owned_copy(*d);
  }
  bool borrowed() const {
    return std::holds_alternative<BorrowedTensor<float>>(tensor_) ||
           std::holds_alternative<BorrowedTensor<double>>(tensor_);
  }

  // The values of type T, owned or borrowed (holds<T>() must be true).
  template <typename T>
  TensorView<T> view() const {
    if (const auto* b = std::get_if<BorrowedTensor<T>>(&tensor_)) return TensorView<T>(b->shape, b->data);
    return TensorView<T>(std::get<Tensor<T>>(tensor_));
  }
  // The owned Tensor of type T (convert_to<T> and make_owned first).
  template <typename T>
  const Tensor<T>& get() const {
    return std::get<Tensor<T>>(tensor_);
  }

  // A copy as doubles: exact, for display and for the step-by-step views.
  Tensor<double> to_double() const {
    return std::visit(
        [](const auto& t) {
          const auto v = values(t);
          return Tensor<double>(t.shape, std::vector<double>(v.begin(), v.end()));
        },
        tensor_);
  }
  double value(int64_t flat_index) const {
    return std::visit([&](const auto& t) { return static_cast<double>(values(t)[static_cast<size_t>(flat_index)]); },
                      tensor_);
  }
  // The flat index of the first NaN or infinity, or -1.
  int64_t first_nonfinite() const {
    return std::visit([](const auto& t) { return first_nonfinite_index(values(t)); }, tensor_);
  }

 private:
  template <typename T>
  static std::span<const T> values(const Tensor<T>& t) {
    return t.data;
  }
  template <typename T>
  static std::span<const T> values(const BorrowedTensor<T>& t) {
    return {t.data, static_cast<size_t>(element_count(t.shape))};
  }
  template <typename T>
  static Tensor<T> owned_copy(const BorrowedTensor<T>& t) {
    const auto v = values(t);
    return Tensor<T>(t.shape, std::vector<T>(v.begin(), v.end()));
  }
  template <typename T>
  static void reshape(Tensor<T>& t, Shape shape) {
    t = Tensor<T>(std::move(shape), std::move(t.data));
  }
  template <typename T>
  static void reshape(BorrowedTensor<T>& t, Shape shape) {
    if (element_count(shape) != element_count(t.shape)) {
      throw DataError("cannot view " + shape_to_string(t.shape) + " as " + shape_to_string(shape));
    }
    t.shape = std::move(shape);
  }

  std::variant<Tensor<double>, Tensor<float>, BorrowedTensor<double>, BorrowedTensor<float>> tensor_;
};

}  // namespace tconv
