// The overlap view: how many (input element, kernel tap) pairs reach each output cell of a
// transposed convolution, and whether they reach every cell equally. A kernel whose size is
// not a multiple of its stride covers the output unevenly, which leaves checkerboard artifacts
// (Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts", Distill 2016).
//
// Counts ignore the values and the channels (they are the same for every input channel /
// output channel pair of a group), so no data is needed. They are read off the reference
// engine's step stream: every update is one (input, tap) pair, counted at its output cell.
//
// Per axis, with n input cells, kernel K, stride S, dilation D, input i and tap k land at the
// uncropped coordinate u = i*S + k*D (conv_params.hpp). Away from the borders, for
//   D*(K-1) <= u <= (n-1)*S      (every tap of u's residue class has its input),
// the count depends only on u mod S; one period of it is read from the stream of the 1-D
// layer of that axis run on an input long enough to have such cells (the "pattern"). Each
// axis's pattern is even exactly when gcd(D, S) = 1 and K is a multiple of S (always with
// S = 1): the taps then fall on every residue K/S times. The count of an N-D cell is the
// product of its axes' counts, so the layer is even when every axis is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/conv_params.hpp"
#include "core/engine.hpp"
#include "core/tensor.hpp"

namespace tconv {

// One spatial axis: the counts of the 1-D layer of this axis alone.
struct OverlapAxis {
  int64_t in = 1, kernel = 1, stride = 1, dilation = 1;  // the layer's, on this axis
  int64_t pad_begin = 0;                                 // output index o = u - pad_begin
  int64_t reach = 1;                  // R = (n-1)*S + D*(K-1) + 1: the uncropped cells the kernel reaches
  std::vector<int64_t> counts;        // per output index (cells added past the reach count 0)
  std::vector<int64_t> reach_counts;  // per uncropped coordinate u in [0, R)
  int64_t interior_begin = 0;         // output indices away from the borders: [begin, end), may be empty
  int64_t interior_end = 0;
  std::vector<int64_t> pattern;  // counts away from the borders by output index mod S: pattern[j]
                                 // is the count of every interior o with o mod S == j
  int64_t period = 1;            // the smallest p (a divisor of S) with pattern[j] == pattern[(j+p) mod S]
  int64_t min = 0, max = 0;      // over the pattern
  bool uniform = true;           // min == max
};

struct OverlapView {
  Shape output;                            // spatial output size
  std::vector<int64_t> counts;             // per output cell, row-major: (input, tap) pairs that reach it
  Shape reach;                             // per axis R
  std::vector<int64_t> reach_counts;       // per uncropped cell in [0, R) per axis, row-major (cropped ones too)
  std::vector<OverlapAxis> axes;           // outermost first
  int64_t min = 0, max = 0;                // away from the borders: the products of the axes' min and max
  bool uniform = true;                     // every axis uniform
  int64_t output_min = 0, output_max = 0;  // over every output cell, borders included
  std::string reason;                      // why, in the layer's numbers
  std::string remedy;                      // what would make it even (empty when it is)
};

// Counts for a layer with the given parameters (groups are ignored) and input spatial size.
// Throws what validate_conv_params throws, and InvalidParameter (check_memory_limit) when a
// count grid would need more than memory_limit_bytes.
OverlapView overlap_view(const ConvParams& params, const Shape& input_spatial,
                         int64_t memory_limit_bytes = kDefaultMemoryLimitBytes);

// The reason for one axis, e.g. "kernel 3 is not a multiple of stride 2: away from the
// borders a cell gets 1 or 2 taps"; and what would make it even, e.g. "kernel 4 or 2 (a
// multiple of the stride)"; empty when it is even.
std::string overlap_axis_reason(const OverlapAxis& axis);
std::string overlap_axis_remedy(const OverlapAxis& axis);

}  // namespace tconv
