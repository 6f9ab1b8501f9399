// The overlap view (core/overlap_view.hpp) against an independent brute-force count written the
// other way round, gather-style: loop over the output cells and the kernel taps, and count a
// pair when the tap reads a real input element (o + pad_begin - k*D = i*S with 0 <= i < n on
// every axis). The view itself counts the scatter engine's updates, so the two formulations
// share nothing but the definition. Swept over 1-, 2- and 3-D layers with padding (symmetric,
// asymmetric, negative), dilation and output_padding; every parameter is captured.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "core/index.hpp"
#include "core/overlap_view.hpp"

namespace tconv {
namespace {

struct Layer {
  Shape input, kernel, stride, dilation, pad_begin, pad_end, output_padding;

  ConvParams params() const {
    ConvParams p;
    for (size_t a = 0; a < input.size(); ++a) {
      AxisParams axis;
      axis.kernel = kernel[a];
      axis.stride = stride[a];
      axis.dilation = dilation[a];
      axis.pad_begin = pad_begin[a];
      axis.pad_end = pad_end[a];
      axis.output_padding = output_padding[a];
      p.axes.push_back(axis);
    }
    return p;
  }
};

std::string describe(const Layer& l) {
  return "input " + shape_to_string(l.input) + " kernel " + shape_to_string(l.kernel) + " stride " +
         shape_to_string(l.stride) + " dilation " + shape_to_string(l.dilation) + " pads " +
         shape_to_string(l.pad_begin) + "/" + shape_to_string(l.pad_end) + " output_padding " +
         shape_to_string(l.output_padding);
}

// The gather-style count of one output cell.
int64_t brute_count(const Layer& l, const Index& o) {
  const Shape& kernel = l.kernel;
  int64_t count = 0;
  Index k = zero_index(o.rank);
  do {
    bool reads_input = true;
    for (int a = 0; a < o.rank && reads_input; ++a) {
      const auto u = static_cast<size_t>(a);
      const int64_t z = o[a] + l.pad_begin[u] - k[a] * l.dilation[u];
      reads_input = z >= 0 && z % l.stride[u] == 0 && z / l.stride[u] < l.input[u];
    }
    count += reads_input ? 1 : 0;
  } while (next_index(k, kernel));
  return count;
}

Shape brute_output(const Layer& l) {
  Shape out;
  for (size_t a = 0; a < l.input.size(); ++a) {
    out.push_back((l.input[a] - 1) * l.stride[a] - l.pad_begin[a] - l.pad_end[a] + l.dilation[a] * (l.kernel[a] - 1) +
                  l.output_padding[a] + 1);
  }
  return out;
}

// Far from the borders, the count of residue r is the number of taps k with k*D = r (mod S).
int64_t residue_count(int64_t kernel, int64_t stride, int64_t dilation, int64_t r) {
  int64_t count = 0;
  for (int64_t k = 0; k < kernel; ++k) count += (k * dilation) % stride == r ? 1 : 0;
  return count;
}

void check_layer(const Layer& l) {
  CAPTURE(describe(l));
  const OverlapView view = overlap_view(l.params(), l.input);
  const Shape out = brute_output(l);
  REQUIRE(view.output == out);
  Index o = zero_index(static_cast<int>(out.size()));
  int64_t lowest = -1, highest = -1;
  do {
    const int64_t expected = brute_count(l, o);
    const int64_t got = view.counts[static_cast<size_t>(flatten(o, out))];
    CAPTURE(index_text(o, "(", ",", ")"));
    CHECK(got == expected);
    // An N-D count is the product of the per-axis counts of the 1-D layers.
    int64_t product = 1;
    for (int a = 0; a < o.rank; ++a) product *= view.axes[static_cast<size_t>(a)].counts[static_cast<size_t>(o[a])];
    CHECK(got == product);
    lowest = lowest < 0 ? expected : std::min(lowest, expected);
    highest = std::max(highest, expected);
  } while (next_index(o, out));
  CHECK(view.output_min == lowest);
  CHECK(view.output_max == highest);

  bool uniform = true;
  int64_t min_all = 1, max_all = 1;
  for (size_t a = 0; a < l.input.size(); ++a) {
    CAPTURE(a);
    const OverlapAxis& axis = view.axes[a];
    const int64_t s = l.stride[a], d = l.dilation[a], k = l.kernel[a];
    // The pattern by output residue: o = u - pad_begin, so residue j holds u = j + pad_begin.
    int64_t lo = -1, hi = 0;
    for (int64_t j = 0; j < s; ++j) {
      const int64_t r = ((j + l.pad_begin[a]) % s + s) % s;
      const int64_t expected = residue_count(k, s, d, r);
      CHECK(axis.pattern[static_cast<size_t>(j)] == expected);
      lo = lo < 0 ? expected : std::min(lo, expected);
      hi = std::max(hi, expected);
    }
    CHECK(axis.min == lo);
    CHECK(axis.max == hi);
    // The rule the reasons state: even exactly when gcd(D, S) = 1 and S divides K.
    const bool rule = std::gcd(d, s) == 1 && k % s == 0;
    CHECK(axis.uniform == rule);
    CHECK(axis.uniform == (lo == hi));
    CHECK(overlap_axis_remedy(axis).empty() == axis.uniform);
    // The smallest period by brute force over the residues.
    int64_t period = s;
    for (int64_t p = s; p >= 1; --p) {
      bool repeats = true;
      for (int64_t j = 0; j < 4 * s; ++j) {
        repeats = repeats && residue_count(k, s, d, ((j + l.pad_begin[a]) % s + s) % s) ==
                                 residue_count(k, s, d, ((j + p + l.pad_begin[a]) % s + s) % s);
      }
      if (repeats) period = p;
    }
    CHECK(axis.period == period);
    // Interior cells of the layer itself follow the pattern.
    for (int64_t i = axis.interior_begin; i < axis.interior_end; ++i) {
      CHECK(axis.counts[static_cast<size_t>(i)] == axis.pattern[static_cast<size_t>(i % s)]);
    }
    uniform = uniform && rule;
    min_all *= lo;
    max_all *= hi;
  }
  CHECK(view.uniform == uniform);
  CHECK(view.min == min_all);
  CHECK(view.max == max_all);
  CHECK(view.remedy.empty() == uniform);
}

TEST_CASE("overlap counts equal a gather-style brute-force count: 1-D sweep") {
  for (int64_t n = 1; n <= 5; ++n)
    for (int64_t k = 1; k <= 5; ++k)
      for (int64_t s = 1; s <= 4; ++s)
        for (int64_t d = 1; d <= 3; ++d)
          for (int64_t p = 0; p <= 2; ++p)
            for (int64_t op = 0; op < std::max(s, d); ++op) {
              const int64_t out = (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
              if (out < 1) continue;
              check_layer({{n}, {k}, {s}, {d}, {p}, {p}, {op}});
            }
}

TEST_CASE("overlap counts: asymmetric and negative (ONNX) pads, 1-D") {
  check_layer({{4}, {3}, {2}, {1}, {0}, {2}, {0}});
  check_layer({{4}, {3}, {2}, {1}, {2}, {0}, {1}});
  check_layer({{3}, {3}, {2}, {1}, {-1}, {-2}, {0}});  // zero cells at both ends
  check_layer({{5}, {4}, {3}, {2}, {-2}, {3}, {2}});
}

TEST_CASE("overlap counts: 2-D layers with padding, dilation and output_padding") {
  const std::vector<Layer> layers = {
      {{2, 2}, {3, 3}, {1, 1}, {1, 1}, {0, 0}, {0, 0}, {0, 0}},  // the article's Figure 1
      {{2, 2}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, {1, 1}},  // k3 s2 p1 op1
      {{4, 4}, {3, 3}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, {0, 0}},  // the checkerboard
      {{4, 4}, {4, 4}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, {0, 0}},  // the even upsampler
      {{3, 5}, {3, 4}, {2, 3}, {2, 1}, {1, 0}, {1, 2}, {1, 2}},  // per-axis everything
      {{2, 2}, {2, 2}, {2, 2}, {2, 2}, {0, 0}, {0, 0}, {0, 0}},  // Figure 10: holes
      {{3, 3}, {5, 3}, {3, 3}, {1, 2}, {2, -1}, {2, 0}, {0, 1}},
  };
  for (const Layer& l : layers) check_layer(l);
}

TEST_CASE("overlap counts: 3-D layers") {
  const std::vector<Layer> layers = {
      {{2, 3, 2}, {3, 2, 3}, {2, 2, 1}, {1, 1, 2}, {1, 0, 1}, {1, 0, 1}, {1, 0, 1}},
      {{3, 2, 2}, {4, 3, 2}, {2, 3, 2}, {1, 2, 3}, {0, 1, 0}, {2, 1, 0}, {1, 1, 2}},
      {{2, 2, 2}, {2, 2, 2}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}},
  };
  for (const Layer& l : layers) check_layer(l);
}

TEST_CASE("overlap verdicts in the layer's numbers: k3 s2 uneven, k4 s2 even") {
  // k3 s2 on 4x4: u = 2i + k; away from the borders even u get taps 0 and 2, odd u tap 1.
  const OverlapView k3 = overlap_view(Layer{{4, 4}, {3, 3}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, {0, 0}}.params(), {4, 4});
  CHECK_FALSE(k3.uniform);
  CHECK(k3.min == 1);
  CHECK(k3.max == 4);
  CHECK(k3.axes[0].period == 2);
  CHECK(
      k3.reason ==
      "kernel 3 is not a multiple of stride 2: away from the borders a cell gets 1 or 2 taps per axis (1 to 4 in all)");
  CHECK(k3.remedy ==
        "kernel 4 or 2 (a multiple of stride 2); or upsample by the stride (nearest or bilinear) and apply an "
        "ordinary convolution");
  // 1-D counts of (n=4, k=3, s=2): u = 0..8 -> 1 1 2 1 2 1 2 1 1.
  CHECK(k3.axes[1].counts == std::vector<int64_t>{1, 1, 2, 1, 2, 1, 2, 1, 1});
  const OverlapView k4 = overlap_view(Layer{{4, 4}, {4, 4}, {2, 2}, {1, 1}, {0, 0}, {0, 0}, {0, 0}}.params(), {4, 4});
  CHECK(k4.uniform);
  CHECK(k4.min == 4);
  CHECK(k4.axes[0].period == 1);
  CHECK(k4.reason ==
        "kernel 4 is a multiple of stride 2: away from the borders every cell gets 2 taps per axis (4 in all)");
  CHECK(k4.remedy.empty());
  CHECK(k4.output_min == 1);  // the corners: one input, one tap
  // Figure 10: kernel 2, stride 2, dilation 2 reaches only every 2nd cell.
  const OverlapView holes = overlap_view(Layer{{2}, {2}, {2}, {2}, {0}, {0}, {0}}.params(), {2});
  CHECK(holes.reason ==
        "dilation 2 and stride 2 share the factor 2: the taps land on every 2nd cell only, so away from the borders "
        "a cell gets 0 or 2 taps");
  CHECK(holes.remedy.rfind("a dilation that shares no factor with stride 2 (e.g. 1)", 0) == 0);
}

TEST_CASE("overlap counts: cropped cells are counted in the uncropped reach") {
  // k3 s2 p1 on 2x2: reach 5 per axis, kept [1, 4); the counts of the cropped ring are in
  // reach_counts only: u = 0 gets (i=0, k=0).
  const OverlapView view = overlap_view(Layer{{2, 2}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, {0, 0}}.params(), {2, 2});
  CHECK(view.reach == Shape{5, 5});
  CHECK(view.reach_counts[0] == 1);
  CHECK(view.reach_counts[2 * 5 + 2] == 4);
  CHECK(view.counts[1 * 3 + 1] == 4);
}

}  // namespace
}  // namespace tconv
