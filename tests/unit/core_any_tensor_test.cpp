// AnyTensor (core/any_tensor.hpp): data kept in the type it came in, converted once; and the scan
// for non-finite values, checked against a plain loop with std::isfinite.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "core/any_tensor.hpp"
#include "core/error.hpp"

namespace tconv {
namespace {

TEST_CASE("AnyTensor keeps its type until converted, conversion to the same type is a move") {
  AnyTensor t(Tensor<float>({2, 2}, {1.5f, -2.0f, 0.1f, 4.0f}));
  CHECK(t.holds<float>());
  CHECK(t.shape() == Shape{2, 2});
  const float* storage = t.get<float>().data.data();
  t.convert_to<float>();
  CHECK(t.get<float>().data.data() == storage);  // no copy
  CHECK(t.to_double().data == std::vector<double>{1.5, -2.0, static_cast<double>(0.1f), 4.0});
  t.convert_to<double>();
  REQUIRE(t.holds<double>());
  CHECK(t.get<double>().data[2] == static_cast<double>(0.1f));  // widening is exact
  t.reshape({4});
  CHECK(t.shape() == Shape{4});
  CHECK(t.size() == 4);
  AnyTensor d(Tensor<double>({1}, {0.1}));
  d.convert_to<float>();
  CHECK(d.get<float>().data[0] == 0.1f);  // rounds to nearest
}

TEST_CASE("a borrowed AnyTensor reads the owner's values in place until made owned") {
  auto storage = std::make_shared<std::vector<float>>(std::vector<float>{1, 2, 3, 4, 5, 6});
  AnyTensor t(BorrowedTensor<float>{{6}, storage->data(), storage});
  CHECK(t.borrowed());
  CHECK(t.holds<float>());
  t.reshape({2, 3});
  CHECK(t.view<float>().shape == Shape{2, 3});
  CHECK(t.view<float>().data == storage->data());  // no copy
  t.convert_to<float>();
  CHECK(t.borrowed());
  CHECK_THROWS_AS(t.reshape({4}), DataError);  // 6 values cannot be 4
  (*storage)[0] = 10;                          // borrowed: the owner's change shows
  CHECK(t.value(0) == 10);
  t.make_owned();
  CHECK_FALSE(t.borrowed());
  (*storage)[0] = 20;  // owned: it does not
  CHECK(t.get<float>().data == std::vector<float>{10, 2, 3, 4, 5, 6});
  AnyTensor widened(BorrowedTensor<float>{{2}, storage->data() + 1, storage});
  widened.convert_to<double>();
  CHECK_FALSE(widened.borrowed());
  CHECK(widened.get<double>().data == std::vector<double>{2, 3});
}

template <typename T>
int64_t first_nonfinite_by_loop(const std::vector<T>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) return static_cast<int64_t>(i);
  }
  return -1;
}

TEST_CASE_TEMPLATE("the non-finite scan finds the first NaN or infinity in any block", T, float, double) {
  const T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const T huge = std::numeric_limits<T>::max();
  std::vector<T> values(10000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<T>(i % 7) - T(3);
  values[17] = huge;  // finite: the largest magnitude below infinity
  values[18] = -huge;
  values[19] = std::numeric_limits<T>::denorm_min();
  CHECK(first_nonfinite_index<T>(values) == -1);
  for (size_t at : {size_t{0}, size_t{4095}, size_t{4096}, size_t{9999}}) {
    for (T bad : {inf, -inf, nan, -nan}) {
      std::vector<T> copy = values;
      copy[at] = bad;
      copy[9999] = at == 9999 ? bad : nan;  // a later one must not be reported first
      CAPTURE(at);
      CHECK(first_nonfinite_index<T>(copy) == first_nonfinite_by_loop(copy));
      CHECK(first_nonfinite_index<T>(copy) == static_cast<int64_t>(at));
    }
  }
  CHECK(AnyTensor(Tensor<T>({2}, {T(1), nan})).first_nonfinite() == 1);
}

}  // namespace
}  // namespace tconv
