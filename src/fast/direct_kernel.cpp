#include "fast/direct_kernel.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/error.hpp"
#include "fast/thread_pool.hpp"

namespace tconv::fast {

namespace {

// 64-byte vectors: one AVX-512 register, two AVX2 or four SSE registers. GCC lowers the
// vector extension to whatever the variant's target has (see run_task_avx512 below). Index is
// the matching integer vector, the lane selector of __builtin_shuffle.
template <typename T>
struct VecOf;
template <>
struct VecOf<float> {
  typedef float type __attribute__((vector_size(64)));
  typedef int32_t index __attribute__((vector_size(64)));
};
template <>
struct VecOf<double> {
  typedef double type __attribute__((vector_size(64)));
  typedef int64_t index __attribute__((vector_size(64)));
};

template <typename T>
constexpr int64_t kLanes = static_cast<int64_t>(64 / sizeof(T));

// A register tile is phases x channels x vectors of output positions. Stride-2 layers compute
// both phases of a row in one pass, so each input vector loaded serves the taps of both
// (for k4 s2 p1 the phases read input offsets {-1, 0} and {0, 1}: 3 loads serve 4 taps).
// Tiles: 1 phase x (6 channels x 2 vectors or 3 x 4) = 12 accumulators, 2 phases x the same
// = 24, which leaves 8 of the 32 AVX-512 registers for the input vectors and a broadcast.
constexpr int kMaxPhases = 2;
constexpr int kMaxChannelBlock = 6;
constexpr int kMaxVectors = 4;

constexpr int64_t channel_block(int vectors) { return vectors == 4 ? 3 : kMaxChannelBlock; }

// One valid (tap, input offset) pair.
struct TapInput {
  int64_t tap = 0;
  int64_t input = 0;
};

// For each output index of an outer axis, the taps that reach it and the input they read.
struct AxisTable {
  std::vector<int64_t> begin;  // out + 1 offsets into entries
  std::vector<TapInput> entries;
};

AxisTable make_axis_table(const AxisParams& axis, int64_t in, int64_t out) {
  AxisTable table;
  table.begin.reserve(static_cast<size_t>(out + 1));
  for (int64_t o = 0; o < out; ++o) {
    table.begin.push_back(static_cast<int64_t>(table.entries.size()));
    for (int64_t t = 0; t < axis.kernel; ++t) {
      const int64_t v = o + axis.pad_begin - t * axis.dilation;  // = i * stride
      if (v < 0 || v % axis.stride != 0 || v / axis.stride >= in) continue;
      table.entries.push_back({t, v / axis.stride});
    }
  }
  table.begin.push_back(static_cast<int64_t>(table.entries.size()));
  return table;
}

// The innermost-axis outputs o = residue + stride*m, m < count, and their taps: output m
// reads input m + input_offset through each tap (see direct_kernel.hpp).
struct Phase {
  int64_t residue = 0;
  int64_t count = 0;
  std::vector<TapInput> taps;  // TapInput::input holds the offset c
};

std::vector<Phase> make_phases(const AxisParams& axis, int64_t in, int64_t out) {
  std::vector<Phase> phases;
  for (int64_t r = 0; r < std::min(axis.stride, out); ++r) {
    Phase phase;
    phase.residue = r;
    phase.count = (out - r + axis.stride - 1) / axis.stride;
    for (int64_t t = 0; t < axis.kernel; ++t) {
      const int64_t v = r + axis.pad_begin - t * axis.dilation;
      if (v % axis.stride != 0) continue;
      const int64_t c = v / axis.stride;
      if (c + phase.count <= 0 || c >= in) continue;  // reads only the zero padding
      phase.taps.push_back({t, c});
    }
    phases.push_back(std::move(phase));
  }
  return phases;
}

// One input offset c read by a pass, and the innermost-axis tap through which each phase of
// the pass reads input m + c for its output m (-1: that phase has no tap at this offset).
struct Shift {
  int64_t offset = 0;
  int64_t tap[kMaxPhases] = {-1, -1};
};

// How a tile loads one vector of an input row: lanes [from, from + lanes) of the row, then,
// for a vector that overhangs the readable part of the row, a shuffle that moves the wanted
// lanes into place and zeroes the ones outside (perm indexes Context::perms; -1: no shuffle).
// So the kernel can read the caller's input in place, with no read out of bounds.
struct VectorLoad {
  int64_t from = 0;
  int64_t perm = -1;
};

// Consecutive phases computed together: phase p of the pass has residue first_residue + p.
struct Pass {
  int phases = 1;
  int64_t first_residue = 0;
  int64_t count[kMaxPhases] = {0, 0};  // outputs per phase
  int64_t tiles = 0;                   // tiles of `vectors * lanes` positions m
  std::vector<Shift> shifts;
  std::vector<VectorLoad> loads;  // [tile][shift][vector]
  std::vector<char> tile_has_edges;
};

// One term of an output row's reduction: an input row (at its element 0) and the packed
// weights of its outer taps.
template <typename T>
struct Source {
  const T* x;
  const T* w;  // w[tap_x * cout_per_group + ocg]
};

// Everything a run needs besides its input and output.
template <typename T>
struct Context {
  ConvProblem<T> problem;
  // The input rows are read in place, or copied by each run into zero-padded rows (see
  // DirectPlan's constructor for the choice). Loads stay in [read_begin, read_end) of a row,
  // counted from its input index 0: [0, in2) in place; the padded row when copied.
  bool copy_rows = false;
  int64_t row_stride = 0;  // values from one row to the next as the kernel reads them
  int64_t row_zero = 0;    // index of input 0 in a copied row (a whole number of vectors)
  int64_t read_begin = 0, read_end = 0;
  std::vector<T> packed;  // packed[((ic*taps) + tap)*cout_per_group + ocg]
  AxisTable axis0, axis1;
  std::vector<Pass> passes;
  std::vector<typename VecOf<T>::index> perms;
  int vectors = 1;     // vectors of output positions per tile: 1, 2 or 4
  int64_t blocks = 1;  // blocks of channel_block(vectors) output channels per group
  int threads = 1;
  size_t most_sources = 0;  // per output row
};

// The loads of a pass's tiles (see VectorLoad), for rows readable in [read_begin, read_end).
template <typename T>
void plan_loads(Pass& pass, int vectors, int64_t read_begin, int64_t read_end,
                std::vector<typename VecOf<T>::index>& perms) {
  constexpr int64_t lanes = kLanes<T>;
  const int64_t tile_width = vectors * lanes;
  for (int64_t tile = 0; tile < pass.tiles; ++tile) {
    pass.tile_has_edges.push_back(0);
    for (const Shift& shift : pass.shifts) {
      for (int64_t v = 0; v < vectors; ++v) {
        const int64_t start = tile * tile_width + shift.offset + v * lanes;
        VectorLoad load;
        load.from = std::clamp<int64_t>(start, read_begin, read_end - lanes);
        if (load.from != start) {
          typename VecOf<T>::index perm;
          for (int64_t lane = 0; lane < lanes; ++lane) {
            const int64_t i = start + lane;  // lanes + anything selects from the zero vector
            perm[lane] = i >= read_begin && i < read_end ? i - load.from : lanes;
          }
          load.perm = static_cast<int64_t>(perms.size());
          pass.tile_has_edges.back() = 1;
          perms.push_back(perm);
        }
        pass.loads.push_back(load);
      }
    }
  }
}

// Stride 2: both phases in one pass; otherwise one pass per phase (stride 1 has one phase).
template <typename T>
std::vector<Pass> make_passes(const std::vector<Phase>& phases, int64_t stride, int vectors) {
  std::vector<std::vector<const Phase*>> groups;
  if (stride == 2 && phases.size() == 2) {
    groups.push_back({&phases[0], &phases[1]});
  } else {
    for (const Phase& phase : phases) groups.push_back({&phase});
  }
  const int64_t tile_width = vectors * kLanes<T>;
  std::vector<Pass> passes;
  for (const auto& group : groups) {
    Pass pass;
    pass.phases = static_cast<int>(group.size());
    pass.first_residue = group[0]->residue;
    int64_t longest = 0;
    for (int p = 0; p < pass.phases; ++p) {
      const Phase& phase = *group[static_cast<size_t>(p)];
      pass.count[p] = phase.count;
      longest = std::max(longest, phase.count);
      for (const TapInput& tap : phase.taps) {
        auto same =
            std::find_if(pass.shifts.begin(), pass.shifts.end(), [&](const Shift& s) { return s.offset == tap.input; });
        if (same == pass.shifts.end()) {
          pass.shifts.push_back(Shift{tap.input, {-1, -1}});
          same = pass.shifts.end() - 1;
        }
        same->tap[p] = tap.tap;
      }
    }
    // In offset order, so consecutive shifts read neighbouring lanes.
    std::sort(pass.shifts.begin(), pass.shifts.end(),
              [](const Shift& a, const Shift& b) { return a.offset < b.offset; });
    pass.tiles = (longest + tile_width - 1) / tile_width;
    passes.push_back(std::move(pass));
  }
  return passes;
}

// Edges: whether the tile has vectors that overhang the row. Tiles without them (all tiles of
// copied rows, the inner tiles of long rows) skip the per-vector test.
template <bool Edges, typename T, typename V = typename VecOf<T>::type>
[[gnu::always_inline]] inline void load_vector(V& x, const T* row, const VectorLoad& load,
                                               const typename VecOf<T>::index* perms) {
  __builtin_memcpy(&x, row + load.from, sizeof(V));
  if (Edges && load.perm >= 0) {
    typename VecOf<T>::index perm;  // copied: std::vector does not give the vector types their 64-byte alignment
    __builtin_memcpy(&perm, perms + load.perm, sizeof(perm));
    x = __builtin_shuffle(x, V{}, perm);
  }
}

// The result buffer of a tile: result[((p * kMaxChannelBlock + j) * kMaxVectors + v) * lanes + lane].
template <typename T>
constexpr int64_t kResultSize = (int64_t{kMaxPhases} * kMaxChannelBlock * kMaxVectors) * kLanes<T>;

// acc[p][j][v] = sum over sources and shifts of w[tap of phase p][first_channel + j] *
// x[m0 + offset + v*lanes ...]: phases P x channels OCB x vectors NV of one tile.
template <typename T, int P, int NV, int OCB, bool Edges>
[[gnu::always_inline]] inline void tile(const Source<T>* sources, int64_t source_count, const Pass& pass,
                                        const VectorLoad* loads, const typename VecOf<T>::index* perms,
                                        int64_t cout_per_group, int64_t first_channel, T* result) {
  using V = typename VecOf<T>::type;
  constexpr int64_t lanes = kLanes<T>;
  V acc[P][OCB][NV];
  for (int p = 0; p < P; ++p)
    for (int j = 0; j < OCB; ++j)
      for (int v = 0; v < NV; ++v) acc[p][j][v] = V{};
  const Shift* shifts = pass.shifts.data();
  const auto shift_count = static_cast<int64_t>(pass.shifts.size());
  for (int64_t s = 0; s < source_count; ++s) {
    const T* x = sources[s].x;
    const T* w = sources[s].w + first_channel;
    for (int64_t k = 0; k < shift_count; ++k) {
      V xv[NV];
      for (int v = 0; v < NV; ++v) load_vector<Edges>(xv[v], x, loads[k * NV + v], perms);
      for (int p = 0; p < P; ++p) {
        const int64_t tap = shifts[k].tap[p];
        if (tap < 0) continue;
        const T* wt = w + tap * cout_per_group;
        for (int j = 0; j < OCB; ++j) {
          const V wb = wt[j] - V{};  // a broadcast (x - 0 is x, also for -0; x + 0 would not be)
          for (int v = 0; v < NV; ++v) acc[p][j][v] += wb * xv[v];
        }
      }
    }
  }
  for (int p = 0; p < P; ++p)
    for (int j = 0; j < OCB; ++j)
      for (int v = 0; v < NV; ++v)
        __builtin_memcpy(result + ((p * kMaxChannelBlock + j) * kMaxVectors + v) * lanes, &acc[p][j][v], sizeof(V));
}

template <typename T, int P, int NV, bool Edges>
[[gnu::always_inline]] inline void tile_for_block(int64_t block, const Source<T>* sources, int64_t source_count,
                                                  const Pass& pass, const VectorLoad* loads,
                                                  const typename VecOf<T>::index* perms, int64_t cout_per_group,
                                                  int64_t first_channel, T* result) {
#define TCONV_TILE(OCB) \
  return tile<T, P, NV, OCB, Edges>(sources, source_count, pass, loads, perms, cout_per_group, first_channel, result)
  if constexpr (NV == 4) {
    switch (block) {
      case 1:
        TCONV_TILE(1);
      case 2:
        TCONV_TILE(2);
      default:
        TCONV_TILE(3);
    }
  } else {
    switch (block) {
      case 1:
        TCONV_TILE(1);
      case 2:
        TCONV_TILE(2);
      case 3:
        TCONV_TILE(3);
      case 4:
        TCONV_TILE(4);
      case 5:
        TCONV_TILE(5);
      default:
        TCONV_TILE(6);
    }
  }
#undef TCONV_TILE
}

// Lane selectors that interleave two vectors a, b into (a0 b0 a1 b1 ...): the low and the
// high halves.
template <typename T>
struct Interleave;
template <>
struct Interleave<float> {
  static constexpr VecOf<float>::index low = {0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23};
  static constexpr VecOf<float>::index high = {8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31};
};
template <>
struct Interleave<double> {
  static constexpr VecOf<double>::index low = {0, 8, 1, 9, 2, 10, 3, 11};
  static constexpr VecOf<double>::index high = {4, 12, 5, 13, 6, 14, 7, 15};
};

// Writes one channel's tile (plus bias) to its output row `out` (at output index 0).
// Whole tiles go out as vectors: two phases interleaved, or one phase of a stride-1 axis;
// the rest (tails, strides above 2) element by element.
template <typename T>
[[gnu::always_inline]] inline void store_tile(const Pass& pass, int vectors, int64_t stride, int64_t m0,
                                              const T* result, T bias, T* out) {
  using V = typename VecOf<T>::type;
  constexpr int64_t lanes = kLanes<T>;
  const int64_t tile_width = vectors * lanes;
  const bool whole = m0 + tile_width <= pass.count[pass.phases - 1];  // the last phase is the shortest
  if (whole && pass.phases == 2) {
    for (int64_t v = 0; v < vectors; ++v) {
      V a, b;
      __builtin_memcpy(&a, result + v * lanes, sizeof(V));
      __builtin_memcpy(&b, result + (kMaxChannelBlock * kMaxVectors + v) * lanes, sizeof(V));
      a += bias;
      b += bias;
      const V low = __builtin_shuffle(a, b, Interleave<T>::low);
      const V high = __builtin_shuffle(a, b, Interleave<T>::high);
      T* to = out + pass.first_residue + 2 * (m0 + v * lanes);
      __builtin_memcpy(to, &low, sizeof(V));
      __builtin_memcpy(to + lanes, &high, sizeof(V));
    }
    return;
  }
  if (whole && stride == 1) {
    for (int64_t v = 0; v < vectors; ++v) {
      V a;
      __builtin_memcpy(&a, result + v * lanes, sizeof(V));
      a += bias;
      __builtin_memcpy(out + m0 + v * lanes, &a, sizeof(V));
    }
    return;
  }
  for (int p = 0; p < pass.phases; ++p) {
    const T* r = result + p * kMaxChannelBlock * kMaxVectors * lanes;
    T* to = out + pass.first_residue + p;
    const int64_t m_end = std::min(pass.count[p], m0 + tile_width);
    for (int64_t m = m0; m < m_end; ++m) to[m * stride] = r[m - m0] + bias;
  }
}

// Computes the output rows of one block of output channels:
//   task = (((n * groups + g) * out0 + o0) * out1 + o1) * blocks + block.
// Blocks of one row are neighbours, so they find the row's inputs in cache; 1-D layers with
// one batch item still have a task per block to share among threads.
template <typename T>
[[gnu::always_inline]] inline void run_task_impl(const Context<T>& context, const T* rows, T* output, int64_t task,
                                                 std::vector<Source<T>>& sources) {
  const ConvProblem<T>& p = context.problem;
  const int64_t block_index = task % context.blocks;
  const int64_t output_row = task / context.blocks;
  const int64_t o1 = output_row % p.out[1];
  const int64_t o0 = (output_row / p.out[1]) % p.out[0];
  const int64_t g = (output_row / (p.out[1] * p.out[0])) % p.groups;
  const int64_t n = output_row / (p.out[1] * p.out[0] * p.groups);
  const int64_t cin_g = p.cin_per_group();
  const int64_t cout_g = p.cout_per_group();
  const int64_t k1 = p.axis[1].kernel, k2 = p.axis[2].kernel;
  const int64_t taps = p.taps();

  sources.clear();
  for (int64_t icg = 0; icg < cin_g; ++icg) {
    const int64_t ic = g * cin_g + icg;
    for (int64_t a = context.axis0.begin[o0]; a < context.axis0.begin[o0 + 1]; ++a) {
      const TapInput e0 = context.axis0.entries[a];
      for (int64_t b = context.axis1.begin[o1]; b < context.axis1.begin[o1 + 1]; ++b) {
        const TapInput e1 = context.axis1.entries[b];
        const int64_t row = ((n * p.in_channels + ic) * p.in[0] + e0.input) * p.in[1] + e1.input;
        const int64_t tap_base = (e0.tap * k1 + e1.tap) * k2;
        sources.push_back({rows + row * context.row_stride + context.row_zero,
                           context.packed.data() + (ic * taps + tap_base) * cout_g});
      }
    }
  }

  constexpr int64_t lanes = kLanes<T>;
  const int vectors = context.vectors;
  const int64_t tile_width = vectors * lanes;
  const int64_t most_channels = channel_block(vectors);
  alignas(64) T result[kResultSize<T>];
  const int64_t block_start = block_index * most_channels;
  const int64_t block = std::min<int64_t>(most_channels, cout_g - block_start);
  const auto count = static_cast<int64_t>(sources.size());
  const auto* perms = context.perms.data();
  for (const Pass& pass : context.passes) {
    for (int64_t t = 0; t < pass.tiles; ++t) {
      const VectorLoad* loads = pass.loads.data() + t * static_cast<int64_t>(pass.shifts.size()) * vectors;
#define TCONV_TILE(P, NV)                                                                                              \
  (pass.tile_has_edges[t]                                                                                              \
       ? tile_for_block<T, P, NV, true>(block, sources.data(), count, pass, loads, perms, cout_g, block_start, result) \
       : tile_for_block<T, P, NV, false>(block, sources.data(), count, pass, loads, perms, cout_g, block_start,        \
                                         result))
      if (pass.phases == 2) {
        if (vectors == 1)
          TCONV_TILE(2, 1);
        else if (vectors == 2)
          TCONV_TILE(2, 2);
        else
          TCONV_TILE(2, 4);
      } else {
        if (vectors == 1)
          TCONV_TILE(1, 1);
        else if (vectors == 2)
          TCONV_TILE(1, 2);
        else
          TCONV_TILE(1, 4);
      }
#undef TCONV_TILE
      for (int64_t j = 0; j < block; ++j) {
        const int64_t oc = g * cout_g + block_start + j;
        const T bias = p.bias != nullptr ? p.bias[oc] : T(0);
        T* out = output + (((n * p.out_channels + oc) * p.out[0] + o0) * p.out[1] + o1) * p.out[2];
        store_tile(pass, vectors, p.axis[2].stride, t * tile_width, result + j * kMaxVectors * lanes, bias, out);
      }
    }
  }
}

// One variant per instruction set, all from the same source. The plan picks one when it is
// made (choose_isa), so tests can run each variant on a CPU that has them all.
template <typename T>
using RunTask = void (*)(const Context<T>&, const T*, T*, int64_t, std::vector<Source<T>>&);

template <typename T>
[[gnu::target("avx512f")]] void run_task_avx512(const Context<T>& context, const T* rows, T* output, int64_t task,
                                                std::vector<Source<T>>& sources) {
  run_task_impl(context, rows, output, task, sources);
}

// -march=haswell's extensions and tuning: "arch=haswell" itself would keep run_task_impl
// from being inlined (GCC inlines only across equal arch settings).
template <typename T>
[[gnu::target("avx2,fma,bmi,bmi2,f16c,movbe,popcnt,lzcnt,tune=haswell")]] void run_task_avx2(
    const Context<T>& context, const T* rows, T* output, int64_t task, std::vector<Source<T>>& sources) {
  run_task_impl(context, rows, output, task, sources);
}

template <typename T>
void run_task_baseline(const Context<T>& context, const T* rows, T* output, int64_t task,
                       std::vector<Source<T>>& sources) {
  run_task_impl(context, rows, output, task, sources);
}

template <typename T>
RunTask<T> run_task_for(KernelIsa isa) {
  switch (isa) {
    case KernelIsa::Avx512:
      return &run_task_avx512<T>;
    case KernelIsa::Avx2:
      return &run_task_avx2<T>;
    default:
      return &run_task_baseline<T>;
  }
}

}  // namespace

bool cpu_runs(KernelIsa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case KernelIsa::Best:
    case KernelIsa::Baseline:
      return true;
    case KernelIsa::Avx512:
      return __builtin_cpu_supports("avx512f");
    case KernelIsa::Avx2:
      // The extensions run_task_avx2 is compiled for.
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
             __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("f16c") && __builtin_cpu_supports("movbe") &&
             __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("lzcnt");
  }
  return false;
}

KernelIsa best_kernel_isa() {
  for (KernelIsa isa : {KernelIsa::Avx512, KernelIsa::Avx2})
    if (cpu_runs(isa)) return isa;
  return KernelIsa::Baseline;
}

const char* kernel_isa_name(KernelIsa isa) {
  switch (isa) {
    case KernelIsa::Best:
      return "best";
    case KernelIsa::Avx512:
      return "avx512";
    case KernelIsa::Avx2:
      return "avx2";
    case KernelIsa::Baseline:
      return "baseline";
  }
  return "?";
}

template <typename T>
struct DirectPlan<T>::Impl {
  Context<T> context;
  KernelIsa isa = KernelIsa::Baseline;
  RunTask<T> run_task = nullptr;
  // The padded rows (copy_rows only), from the first 64-byte boundary of the allocation. Kept
  // between runs: a fresh buffer would be new pages from the kernel on every run.
  std::unique_ptr<T[]> padded_allocation;
  T* padded = nullptr;
  std::vector<std::vector<Source<T>>> sources_per_thread;
};

template <typename T>
DirectPlan<T>::DirectPlan(const ConvProblem<T>& problem, int threads, int64_t memory_limit_bytes, KernelIsa isa)
    : impl_(std::make_unique<Impl>()) {
  if (!cpu_runs(isa))
    throw InvalidParameter(std::string("this CPU cannot run the direct kernel's ") + kernel_isa_name(isa) + " variant");
  impl_->isa = isa == KernelIsa::Best ? best_kernel_isa() : isa;
  impl_->run_task = run_task_for<T>(impl_->isa);
  Context<T>& context = impl_->context;
  context.problem = problem;
  // About a million multiply-adds per thread: below that, starting and joining a thread costs
  // more than it saves.
  constexpr int64_t kMultiplyAddsPerThread = int64_t{1} << 20;
  const int64_t multiply_adds =
      problem.batch * problem.in_channels * problem.cout_per_group() * problem.in_plane() * problem.taps();
  context.threads = static_cast<int>(std::clamp<int64_t>(multiply_adds / kMultiplyAddsPerThread, 1, threads));
  context.axis0 = make_axis_table(problem.axis[0], problem.in[0], problem.out[0]);
  context.axis1 = make_axis_table(problem.axis[1], problem.in[1], problem.out[1]);
  const std::vector<Phase> phases = make_phases(problem.axis[2], problem.in[2], problem.out[2]);

  int64_t longest = 0;
  for (const Phase& phase : phases) longest = std::max(longest, phase.count);
  const int64_t lanes = kLanes<T>;
  context.vectors = longest <= lanes ? 1 : (longest <= 2 * lanes || problem.cout_per_group() > 3) ? 2 : 4;
  context.blocks = (problem.cout_per_group() + channel_block(context.vectors) - 1) / channel_block(context.vectors);

  context.passes = make_passes<T>(phases, problem.axis[2].stride, context.vectors);

  // In place or copied? Reading in place costs a shuffle wherever a tile's vector overhangs a
  // row, on every use of the row; a padded copy costs a pass over the input on every run (and,
  // on (d), more than that: the copy's cache lines move to the core that reads them). So rows
  // are copied when each input value feeds many multiply-adds (cout/groups x taps), which is
  // when the shuffles add up, and when a row is shorter than one vector.
  constexpr int64_t kCopyFromMultiplyAddsPerValue = 256;
  const int64_t in2 = problem.in[2];
  context.copy_rows = in2 < lanes || problem.cout_per_group() * problem.taps() >= kCopyFromMultiplyAddsPerValue;
  if (context.copy_rows) {
    // Zeros wide enough for every load of every tile, and input 0 on a vector boundary so
    // that the common offset 0 loads whole cache lines.
    int64_t low = 0, high = in2;
    for (const Pass& pass : context.passes) {
      for (const Shift& shift : pass.shifts) {
        low = std::min(low, shift.offset);
        high = std::max(high, pass.tiles * context.vectors * lanes + shift.offset);
      }
    }
    const auto round_up = [&](int64_t n) { return (n + lanes - 1) / lanes * lanes; };
    context.row_zero = round_up(-low);
    context.row_stride = context.row_zero + round_up(high);
    context.read_begin = -context.row_zero;
    context.read_end = context.row_stride - context.row_zero;
  } else {
    context.row_stride = in2;
    context.read_end = in2;
  }
  for (Pass& pass : context.passes)
    plan_loads<T>(pass, context.vectors, context.read_begin, context.read_end, context.perms);
  const int64_t rows = problem.batch * problem.in_channels * problem.in[0] * problem.in[1];
  if (context.copy_rows) {
    const int64_t values = checked_mul(rows, context.row_stride, "padded input size") + lanes;
    check_memory_limit("the direct kernel's padded input", values, static_cast<int64_t>(sizeof(T)), memory_limit_bytes);
    impl_->padded_allocation = std::make_unique_for_overwrite<T[]>(static_cast<size_t>(values));
    void* start = impl_->padded_allocation.get();
    size_t space = static_cast<size_t>(values) * sizeof(T);
    impl_->padded = static_cast<T*>(std::align(64, sizeof(T), start, space));
  }

  const int64_t taps = problem.taps();
  const int64_t cout_g = problem.cout_per_group();
  context.packed.resize(static_cast<size_t>(problem.in_channels * cout_g * taps));
  for (int64_t ic = 0; ic < problem.in_channels; ++ic)
    for (int64_t ocg = 0; ocg < cout_g; ++ocg)
      for (int64_t tap = 0; tap < taps; ++tap)
        context.packed[static_cast<size_t>((ic * taps + tap) * cout_g + ocg)] =
            problem.weight[(ic * cout_g + ocg) * taps + tap];

  int64_t widest0 = 0, widest1 = 0;
  for (int64_t o = 0; o < problem.out[0]; ++o)
    widest0 = std::max(widest0, context.axis0.begin[o + 1] - context.axis0.begin[o]);
  for (int64_t o = 0; o < problem.out[1]; ++o)
    widest1 = std::max(widest1, context.axis1.begin[o + 1] - context.axis1.begin[o]);
  context.most_sources = static_cast<size_t>(problem.cin_per_group() * widest0 * widest1);

  // Reserved up front: nothing may throw inside a parallel loop.
  impl_->sources_per_thread.resize(static_cast<size_t>(context.threads));
  for (auto& sources : impl_->sources_per_thread) sources.reserve(context.most_sources);
}

template <typename T>
DirectPlan<T>::~DirectPlan() = default;

template <typename T>
int DirectPlan<T>::threads() const {
  return impl_->context.threads;
}

template <typename T>
KernelIsa DirectPlan<T>::isa() const {
  return impl_->isa;
}

template <typename T>
void DirectPlan<T>::run(const T* input, T* output) const {
  const Context<T>& context = impl_->context;
  const ConvProblem<T>& problem = context.problem;
  const int64_t rows = problem.batch * problem.in_channels * problem.in[0] * problem.in[1];
  const int64_t in2 = problem.in[2];
  T* padded = impl_->padded;
  const T* source_rows = context.copy_rows ? padded : input;
  const int64_t tasks = problem.batch * problem.groups * problem.out[0] * problem.out[1] * context.blocks;
  if (context.copy_rows) {
    // Rows of about 16 KiB or more per chunk: a copy is cheap, a hand-off is not.
    const int64_t grain =
        std::max<int64_t>(1, (int64_t{16} << 10) / (context.row_stride * static_cast<int64_t>(sizeof(T))));
    parallel_for(rows, grain, context.threads, [&](int64_t begin, int64_t end, int) {
      for (int64_t row = begin; row < end; ++row) {
        T* to = padded + row * context.row_stride;
        std::fill(to, to + context.row_zero, T(0));
        std::copy(input + row * in2, input + (row + 1) * in2, to + context.row_zero);
        std::fill(to + context.row_zero + in2, to + context.row_stride, T(0));
      }
    });
  }
  // Four tasks (output rows x channel blocks) per chunk, as OpenMP's dynamic schedule had them:
  // small enough that a thread preempted inside one holds up little.
  parallel_for(tasks, 4, context.threads, [&](int64_t begin, int64_t end, int worker) {
    std::vector<Source<T>>& sources = impl_->sources_per_thread[static_cast<size_t>(worker)];
    for (int64_t task = begin; task < end; ++task) impl_->run_task(context, source_rows, output, task, sources);
  });
}

template class DirectPlan<float>;
template class DirectPlan<double>;

}  // namespace tconv::fast
