// Spatial indices and the row-major (C order) rule that maps them to flat positions: the one
// definition the engines, the views and the renderers share.
//
// For extents (e0, e1, e2) the flat position of (i0, i1, i2) is (i0*e1 + i1)*e2 + i2; the last
// coordinate varies fastest. A 1-D or 2-D index is the same rule with fewer terms.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/conv_params.hpp"
#include "core/tensor.hpp"

namespace tconv {

// A spatial index of 1 to 3 coordinates, outermost first.
struct Index {
  std::array<int64_t, kMaxSpatialDims> coord{};
  int rank = 0;

  int64_t operator[](int i) const { return coord[static_cast<size_t>(i)]; }
  int64_t& operator[](int i) { return coord[static_cast<size_t>(i)]; }
  friend bool operator==(const Index& a, const Index& b) { return a.rank == b.rank && a.coord == b.coord; }
  friend bool operator!=(const Index& a, const Index& b) { return !(a == b); }
};

// The index (0, ..., 0) of the given rank (0..3).
inline Index zero_index(int rank) {
  Index index;
  index.rank = rank;
  return index;
}

// The flat position of index among extents (at least index.rank of them, the first ones used):
// flat = (...(i0*e1 + i1)*e2 + ...). Each coordinate must lie in [0, its extent).
inline int64_t flatten(const Index& index, const Shape& extents) {
  int64_t flat = 0;
  for (int i = 0; i < index.rank; ++i) flat = flat * extents[static_cast<size_t>(i)] + index[i];
  return flat;
}

// The inverse of flatten: the index of flat position `flat` (0 <= flat < element_count(extents))
// among 1 to 3 extents.
inline Index unflatten(int64_t flat, const Shape& extents) {
  Index index = zero_index(static_cast<int>(extents.size()));
  for (int i = index.rank; i-- > 0;) {
    const int64_t extent = extents[static_cast<size_t>(i)];
    index[i] = flat % extent;
    flat /= extent;
  }
  return index;
}

// Steps index to the next one in row-major order among extents; after the last one it returns
// false and index is back at zero. Iterates every index from zero_index with a do-while loop.
inline bool next_index(Index& index, const Shape& extents) {
  for (int i = index.rank; i-- > 0;) {
    if (++index[i] < extents[static_cast<size_t>(i)]) return true;
    index[i] = 0;
  }
  return false;
}

// The index of flat position `flat` (0 <= flat < element_count(extents)) among any number of
// extents: unflatten's rule for a whole tensor, batch and channel axes included (an Index holds
// at most three spatial coordinates).
inline Shape unflatten_all(int64_t flat, const Shape& extents) {
  Shape coords(extents.size());
  for (size_t i = extents.size(); i-- > 0;) {
    coords[i] = flat % extents[i];
    flat /= extents[i];
  }
  return coords;
}

// The coordinates between open and close, joined by separator: with ("(", ", ", ")") the
// coordinates (1, 2) read "(1, 2)", with ("[", ",", "]") they read "[1,2]".
inline std::string index_text(std::span<const int64_t> coords, std::string_view open, std::string_view separator,
                              std::string_view close) {
  std::string text(open);
  for (size_t i = 0; i < coords.size(); ++i) {
    if (i > 0) text += separator;
    text += std::to_string(coords[i]);
  }
  text += close;
  return text;
}

// The same for an Index: its first index.rank coordinates.
inline std::string index_text(const Index& index, std::string_view open, std::string_view separator,
                              std::string_view close) {
  return index_text(std::span<const int64_t>(index.coord.data(), static_cast<size_t>(index.rank)), open, separator,
                    close);
}

}  // namespace tconv
