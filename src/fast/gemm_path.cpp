#include "fast/gemm_path.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <vector>

#include "core/checked_math.hpp"
#include "core/engine.hpp"
#include "fast/blas_module.hpp"
#include "fast/library_threads.hpp"
#include "fast/thread_pool.hpp"

namespace tconv::fast {

namespace {

// Column matrices of a chunk stay below this many bytes (unless one item alone needs more):
// large enough for GEMM to run at full speed, small enough to stay mostly in L2/L3.
constexpr int64_t kColumnChunkBytes = int64_t{16} << 20;

void gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c) {
  blas().sgemm_at_b(m, n, k, a, lda, b, ldb, c);
}

void gemm(int64_t m, int64_t n, int64_t k, const double* a, int64_t lda, const double* b, int64_t ldb, double* c) {
  blas().dgemm_at_b(m, n, k, a, lda, b, ldb, c);
}

int64_t ceil_div(int64_t a, int64_t b) {  // b > 0, a of any sign
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

// Inputs i in [begin, end) whose tap t lands inside the output: 0 <= i*s + t*d - pad < out.
struct Range {
  int64_t begin = 0;
  int64_t end = 0;
};

Range valid_inputs(const AxisParams& axis, int64_t in, int64_t out, int64_t tap) {
  const int64_t shift = tap * axis.dilation - axis.pad_begin;
  Range range;
  range.begin = std::max<int64_t>(0, ceil_div(-shift, axis.stride));
  range.end = std::min<int64_t>(in, ceil_div(out - shift, axis.stride));
  return range;
}

// Adds one column row (one output channel, one tap, one batch item) into the output plane.
template <typename T>
void add_tap(const ConvProblem<T>& p, const std::array<int64_t, 3>& tap, const T* column, T* plane) {
  std::array<Range, 3> range;
  for (size_t a = 0; a < 3; ++a) {
    range[a] = valid_inputs(p.axis[a], p.in[a], p.out[a], tap[a]);
    if (range[a].begin >= range[a].end) return;
  }
  const int64_t s2 = p.axis[2].stride;
  const int64_t shift2 = tap[2] * p.axis[2].dilation - p.axis[2].pad_begin;
  for (int64_t i0 = range[0].begin; i0 < range[0].end; ++i0) {
    const int64_t o0 = i0 * p.axis[0].stride + tap[0] * p.axis[0].dilation - p.axis[0].pad_begin;
    for (int64_t i1 = range[1].begin; i1 < range[1].end; ++i1) {
      const int64_t o1 = i1 * p.axis[1].stride + tap[1] * p.axis[1].dilation - p.axis[1].pad_begin;
      const T* from = column + (i0 * p.in[1] + i1) * p.in[2];
      T* to = plane + (o0 * p.out[1] + o1) * p.out[2] + shift2;
      for (int64_t i2 = range[2].begin; i2 < range[2].end; ++i2) to[i2 * s2] += from[i2];
    }
  }
}

}  // namespace

template <typename T>
int64_t gemm_column_elements(const ConvProblem<T>& problem) {
  return checked_mul(checked_mul(problem.cout_per_group(), problem.taps(), "column matrix size"), problem.in_plane(),
                     "column matrix size");
}

template <typename T>
GemmPlan<T>::GemmPlan(const ConvProblem<T>& problem, int threads, int64_t memory_limit_bytes)
    : problem_(problem), threads_(threads) {
  blas();  // loads OpenBLAS now: a missing module fails while the layer is made, not in a run
  const int64_t item_elements = gemm_column_elements(problem);
  const auto element_bytes = static_cast<int64_t>(sizeof(T));
  check_memory_limit("the GEMM column matrix", item_elements, element_bytes, memory_limit_bytes);
  chunk_items_ = std::clamp<int64_t>(std::min(kColumnChunkBytes, memory_limit_bytes) / element_bytes / item_elements, 1,
                                     problem.batch);
  const int64_t largest =
      std::max({problem.cout_per_group() * problem.taps(), problem.cin_per_group(), chunk_items_ * problem.in_plane()});
  if (largest > std::numeric_limits<int>::max()) {
    throw InvalidParameter("a GEMM dimension of " + std::to_string(largest) +
                           " is above CBLAS's int range; use the direct path");
  }
  // Parts: up to kWantedParts per group, each at least kMinPartMultiplyAdds (a GEMM call
  // and a hand-off cost microseconds), dividing the group's output channels evenly.
  constexpr int64_t kWantedParts = 8;
  constexpr int64_t kMinPartMultiplyAdds = int64_t{4} << 20;
  const int64_t cout_g = problem.cout_per_group();
  const int64_t chunk_macs = chunk_items_ * problem.in_plane() * problem.cin_per_group() * cout_g * problem.taps();
  int64_t parts = 1;
  for (int64_t candidate = 2; candidate <= std::min(cout_g, kWantedParts); ++candidate) {
    if (cout_g % candidate == 0 && chunk_macs / candidate >= kMinPartMultiplyAdds) parts = candidate;
  }
  part_channels_ = cout_g / parts;
  column_stride_ = part_channels_ * problem.taps() * chunk_items_ * problem.in_plane();
  const int workers = static_cast<int>(std::min<int64_t>(threads, parts));
  check_memory_limit("the GEMM column matrices", checked_mul(column_stride_, workers, "column size"), element_bytes,
                     memory_limit_bytes);
  columns_ = std::make_unique_for_overwrite<T[]>(static_cast<size_t>(column_stride_ * workers));
  if (chunk_items_ > 1) {
    packed_ = std::make_unique_for_overwrite<T[]>(
        static_cast<size_t>(problem.cin_per_group() * problem.in_plane() * chunk_items_));
  }
}

template <typename T>
void GemmPlan<T>::run(const T* input, T* output) const {
  const ConvProblem<T>& p = problem_;
  const int64_t chunk_items = chunk_items_;
  const int64_t cin_g = p.cin_per_group();
  const int64_t cout_g = p.cout_per_group();
  const int64_t taps = p.taps();
  const int64_t rows = cout_g * taps;  // of W_g^T: one per (output channel, tap)
  const int64_t in_plane = p.in_plane();
  const int64_t out_plane = p.out_plane();
  const int64_t parts = cout_g / part_channels_;
  const int64_t part_rows = part_channels_ * taps;
  T* const packed = packed_.get();
  const int threads = static_cast<int>(std::min<int64_t>(threads_, parts));

  for (int64_t n0 = 0; n0 < p.batch; n0 += chunk_items) {
    const int64_t items = std::min(chunk_items, p.batch - n0);
    const int64_t columns = items * in_plane;
    for (int64_t g = 0; g < p.groups; ++g) {
      const T* x = input + (n0 * p.in_channels + g * cin_g) * in_plane;
      int64_t ldx = in_plane;
      if (items > 1) {
        parallel_for(cin_g, 8, threads_, [&](int64_t begin, int64_t end, int) {
          for (int64_t icg = begin; icg < end; ++icg)
            for (int64_t j = 0; j < items; ++j) {
              const T* from = input + ((n0 + j) * p.in_channels + g * cin_g + icg) * in_plane;
              std::copy(from, from + in_plane, packed + icg * columns + j * in_plane);
            }
        });
        x = packed;
        ldx = columns;
      }
      parallel_for(parts, 1, threads, [&](int64_t begin, int64_t end, int worker) {
        const SingleThreadedLibraries single_threaded;
        T* const column = columns_.get() + worker * column_stride_;
        for (int64_t part = begin; part < end; ++part) {
          gemm(part_rows, columns, cin_g, p.weight + g * cin_g * rows + part * part_rows, rows, x, ldx, column);
          // col2im: each output plane of the part, for each item of the chunk.
          for (int64_t j = 0; j < items; ++j) {
            for (int64_t c = 0; c < part_channels_; ++c) {
              const int64_t oc = g * cout_g + part * part_channels_ + c;
              T* plane = output + ((n0 + j) * p.out_channels + oc) * out_plane;
              std::fill(plane, plane + out_plane, p.bias != nullptr ? p.bias[oc] : T(0));
              std::array<int64_t, 3> tap{};
              for (tap[0] = 0; tap[0] < p.axis[0].kernel; ++tap[0])
                for (tap[1] = 0; tap[1] < p.axis[1].kernel; ++tap[1])
                  for (tap[2] = 0; tap[2] < p.axis[2].kernel; ++tap[2]) {
                    const int64_t t = (tap[0] * p.axis[1].kernel + tap[1]) * p.axis[2].kernel + tap[2];
                    add_tap(p, tap, column + (c * taps + t) * columns + j * in_plane, plane);
                  }
            }
          }
        }
      });
    }
  }
}

template int64_t gemm_column_elements(const ConvProblem<float>&);
template int64_t gemm_column_elements(const ConvProblem<double>&);
template class GemmPlan<float>;
template class GemmPlan<double>;

}  // namespace tconv::fast
