// Spatial indices (core/index.hpp) and the promotion to three axes (core/axes3.hpp): flat
// positions written out by hand, and every position of 1-D, 2-D and 3-D extents enumerated by
// plain nested loops (a counter), against flatten, unflatten and next_index.
#include <doctest/doctest.h>

#include "core/axes3.hpp"
#include "core/index.hpp"

namespace tconv {
namespace {

Index index_of(std::initializer_list<int64_t> coords) {
  Index index = zero_index(static_cast<int>(coords.size()));
  int i = 0;
  for (int64_t c : coords) index[i++] = c;
  return index;
}

TEST_CASE("flatten and unflatten by hand") {
  // extents (2, 3, 4): (1, 2, 3) is (1*3 + 2)*4 + 3 = 23, the last of 24.
  const Shape extents{2, 3, 4};
  CHECK(flatten(index_of({1, 2, 3}), extents) == 23);
  CHECK(flatten(index_of({0, 1, 0}), extents) == 4);
  CHECK(flatten(index_of({1, 0, 0}), extents) == 12);
  CHECK(unflatten(23, extents) == index_of({1, 2, 3}));
  CHECK(unflatten(13, extents) == index_of({1, 0, 1}));  // 13 = 12 + 1
  // (3, 5): (2, 4) is 2*5 + 4 = 14.
  CHECK(flatten(index_of({2, 4}), {3, 5}) == 14);
  CHECK(unflatten(14, {3, 5}) == index_of({2, 4}));
  CHECK(flatten(index_of({6}), {7}) == 6);
  CHECK(unflatten(6, {7}) == index_of({6}));
  // Extents beyond the index's rank are not used.
  CHECK(flatten(index_of({1, 1}), {2, 3, 4}) == 4);
}

TEST_CASE("next_index visits every position in row-major order, as nested loops do") {
  const Shape cases[] = {{5}, {1}, {3, 4}, {4, 1}, {1, 3}, {2, 3, 4}, {3, 1, 2}, {1, 1, 1}};
  for (const Shape& extents : cases) {
    CAPTURE(shape_to_string(extents));
    const auto rank = static_cast<int>(extents.size());
    const int64_t e0 = extents[0];
    const int64_t e1 = rank > 1 ? extents[1] : 1;
    const int64_t e2 = rank > 2 ? extents[2] : 1;
    Index walked = zero_index(rank);
    int64_t counter = 0;
    bool more = true;
    for (int64_t a = 0; a < e0; ++a)
      for (int64_t b = 0; b < e1; ++b)
        for (int64_t c = 0; c < e2; ++c) {
          const Index expected = rank == 1 ? index_of({a}) : rank == 2 ? index_of({a, b}) : index_of({a, b, c});
          CAPTURE(counter);
          REQUIRE(more);
          CHECK(walked == expected);
          CHECK(flatten(expected, extents) == counter);
          CHECK(unflatten(counter, extents) == expected);
          more = next_index(walked, extents);
          ++counter;
        }
    CHECK(counter == element_count(extents));
    CHECK_FALSE(more);
    CHECK(walked == zero_index(rank));  // back at the start
  }
}

TEST_CASE("index_text joins the coordinates") {
  CHECK(index_text(index_of({1, 2}), "(", ",", ")") == "(1,2)");
  CHECK(index_text(index_of({1, 2, 30}), "[", ", ", "]") == "[1, 2, 30]");
  CHECK(index_text(index_of({-1}), "(", ", ", ")") == "(-1)");
  CHECK(index_text(zero_index(0), "[", ",", "]") == "[]");
  CHECK(index_text(Shape{0, 1, 2, 3, 4}, "[", ", ", "]") == "[0, 1, 2, 3, 4]");
}

TEST_CASE("unflatten_all: the same rule over a whole tensor's five axes") {
  // (N, C, D, H, W) = (2, 3, 2, 2, 5): flat 97 = 1*60 + 37; 37 = 1*20 + 17; 17 = 1*10 + 7;
  // 7 = 1*5 + 2 -> (1, 1, 1, 1, 2).
  CHECK(unflatten_all(97, {2, 3, 2, 2, 5}) == Shape{1, 1, 1, 1, 2});
  CHECK(unflatten_all(0, {2, 3, 2, 2, 5}) == Shape{0, 0, 0, 0, 0});
  CHECK(unflatten_all(119, {2, 3, 2, 2, 5}) == Shape{1, 2, 1, 1, 4});  // the last of 120
  CHECK(unflatten_all(5, {7}) == Shape{5});
  // Up to three axes it agrees with unflatten.
  const Shape extents{2, 3, 4};
  for (int64_t flat = 0; flat < 24; ++flat) {
    CAPTURE(flat);
    const Index index = unflatten(flat, extents);
    CHECK(unflatten_all(flat, extents) == Shape(index.coord.begin(), index.coord.end()));
  }
}

TEST_CASE("promote_to_3d: missing outer axes have size 1 and trivial parameters") {
  ConvParams params;
  params.axes = {AxisParams{3, 2, 1, 1, 0, 1}};
  const Axes3 one = promote_to_3d(params, {4}, {9});  // (4-1)*2 - 1 + 1*(3-1) + 1 + 1 = 9
  CHECK(one.rank == 1);
  CHECK(one.offset == 2);
  CHECK(one.in == std::array<int64_t, 3>{1, 1, 4});
  CHECK(one.out == std::array<int64_t, 3>{1, 1, 9});
  CHECK(one.axis[2].kernel == 3);
  CHECK(one.axis[2].stride == 2);
  CHECK(one.axis[2].output_padding == 1);
  for (size_t a = 0; a < 2; ++a) {
    CAPTURE(a);
    CHECK(one.axis[a].kernel == 1);
    CHECK(one.axis[a].stride == 1);
    CHECK(one.axis[a].dilation == 1);
    CHECK(one.axis[a].pad_begin == 0);
    CHECK(one.axis[a].pad_end == 0);
    CHECK(one.axis[a].output_padding == 0);
  }
  CHECK(one.index_of(0, 0, 5) == index_of({5}));

  params.axes = {AxisParams{2, 1, 1, 0, 0, 0}, AxisParams{3, 2, 2, 0, 0, 0}};
  const Axes3 two = promote_to_3d(params, {3, 5}, {4, 13});  // 2 + 1 + 1; 4*2 + 2*2 + 1
  CHECK(two.offset == 1);
  CHECK(two.in == std::array<int64_t, 3>{1, 3, 5});
  CHECK(two.out == std::array<int64_t, 3>{1, 4, 13});
  CHECK(two.axis[1].kernel == 2);
  CHECK(two.axis[2].dilation == 2);
  CHECK(two.index_of(0, 2, 7) == index_of({2, 7}));

  params.axes.push_back(AxisParams{});
  const Axes3 three = promote_to_3d(params, {3, 5, 6}, {4, 13, 6});
  CHECK(three.offset == 0);
  CHECK(three.in == std::array<int64_t, 3>{3, 5, 6});
  CHECK(three.index_of(1, 2, 3) == index_of({1, 2, 3}));
}

}  // namespace
}  // namespace tconv
