#include "fast/direct_kernel.hpp"

#include <omp.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/engine.hpp"

namespace tconv::fast {

namespace {

// 64-byte vectors: one AVX-512 register, two AVX2 or four SSE registers. GCC lowers the
// vector extension to whatever the clone's target has (see target_clones below).
template <typename T>
struct VecOf;
template <>
struct VecOf<float> {
  typedef float type __attribute__((vector_size(64)));
};
template <>
struct VecOf<double> {
  typedef double type __attribute__((vector_size(64)));
};

// A register tile is up to 6 output channels x 2 vectors, or 3 x 4 (narrow layers, long
// rows): 12 accumulators, enough independent FMA chains to hide their latency.
constexpr int kMaxChannelBlock = 6;
constexpr int kMaxVectors = 4;

constexpr int64_t channel_block(int vectors) { return vectors == 4 ? 3 : kMaxChannelBlock; }

template <typename T>
constexpr int64_t kLanes = static_cast<int64_t>(64 / sizeof(T));

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

// One term of an output row's reduction: an input row (already offset to input index 0 of
// the padded copy) and the packed weights of its outer taps.
template <typename T>
struct Source {
  const T* x;
  const T* w;  // w[tap_x * cout_per_group + ocg]
};

// Everything a run needs besides its input and output.
template <typename T>
struct Context {
  ConvProblem<T> problem;
  int64_t row_width = 0;       // padded input rows: (N*Cin*in0*in1) rows of row_width values
  int64_t row_zero = 0;        // index of input 0 in a padded row
  std::vector<T> packed;       // packed[((ic*taps) + tap)*cout_per_group + ocg]
  AxisTable axis0, axis1;
  std::vector<Phase> phases;
  int vectors = 1;             // vectors of output positions per tile: 1, 2 or 4
  int64_t blocks = 1;          // blocks of channel_block(vectors) output channels per group
  int threads = 1;
  size_t most_sources = 0;     // per output row
};

// The buffers of one run.
template <typename T>
struct RunData {
  const T* padded = nullptr;
  T* output = nullptr;
};

// acc[j][v] = sum over sources and phase taps of w[tap][first_channel + j] * x[m0 + c + v*lanes
// ...]; the result goes to result[j * kMaxVectors * lanes + ...].
template <typename T, int NV, int OCB>
[[gnu::always_inline]] inline void tile(const Source<T>* sources, int64_t source_count, const Phase& phase,
                                        int64_t m0, int64_t cout_per_group, int64_t first_channel, T* result) {
  using V = typename VecOf<T>::type;
  constexpr int64_t lanes = kLanes<T>;
  V acc[OCB][NV];
  for (int j = 0; j < OCB; ++j)
    for (int v = 0; v < NV; ++v) acc[j][v] = V{};
  const TapInput* taps = phase.taps.data();
  const auto tap_count = static_cast<int64_t>(phase.taps.size());
  for (int64_t s = 0; s < source_count; ++s) {
    const T* x = sources[s].x + m0;
    const T* w = sources[s].w;
    for (int64_t k = 0; k < tap_count; ++k) {
      V xv[NV];
      for (int v = 0; v < NV; ++v) __builtin_memcpy(&xv[v], x + taps[k].input + v * lanes, sizeof(V));
      const T* wt = w + taps[k].tap * cout_per_group + first_channel;
      for (int j = 0; j < OCB; ++j) {
        const V wb = wt[j] - V{};  // a broadcast (x - 0 is x, also for -0; x + 0 would not be)
        for (int v = 0; v < NV; ++v) acc[j][v] += wb * xv[v];
      }
    }
  }
  for (int j = 0; j < OCB; ++j)
    for (int v = 0; v < NV; ++v) __builtin_memcpy(result + (j * kMaxVectors + v) * lanes, &acc[j][v], sizeof(V));
}

template <typename T, int NV>
[[gnu::always_inline]] inline void tile_for_block(int64_t block, const Source<T>* sources, int64_t source_count,
                                                  const Phase& phase, int64_t m0, int64_t cout_per_group,
                                                  int64_t first_channel, T* result) {
  if constexpr (NV == 4) {
    switch (block) {
      case 1: return tile<T, NV, 1>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
      case 2: return tile<T, NV, 2>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
      default: return tile<T, NV, 3>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    }
  }
  switch (block) {
    case 1: return tile<T, NV, 1>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    case 2: return tile<T, NV, 2>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    case 3: return tile<T, NV, 3>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    case 4: return tile<T, NV, 4>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    case 5: return tile<T, NV, 5>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
    default: return tile<T, NV, 6>(sources, source_count, phase, m0, cout_per_group, first_channel, result);
  }
}

// Computes the output rows of one block of output channels:
//   task = (((n * groups + g) * out0 + o0) * out1 + o1) * blocks + block.
// Blocks of one row are neighbours, so they find the row's inputs in cache; 1-D layers with
// one batch item still have a task per block to share among threads.
template <typename T>
[[gnu::always_inline]] inline void run_task_impl(const Context<T>& context, const RunData<T>& data,
                                                 int64_t task, std::vector<Source<T>>& sources) {
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
        sources.push_back({data.padded + row * context.row_width + context.row_zero,
                           context.packed.data() + (ic * taps + tap_base) * cout_g});
      }
    }
  }

  constexpr int64_t lanes = kLanes<T>;
  const int64_t tile_width = context.vectors * lanes;
  const int64_t stride = p.axis[2].stride;
  const int64_t most_channels = channel_block(context.vectors);
  T result[kMaxChannelBlock * kMaxVectors * lanes];
  const int64_t block_start = block_index * most_channels;
  const int64_t block = std::min<int64_t>(most_channels, cout_g - block_start);
  for (const Phase& phase : context.phases) {
    for (int64_t m0 = 0; m0 < phase.count; m0 += tile_width) {
      const auto count = static_cast<int64_t>(sources.size());
      if (context.vectors == 1) {
        tile_for_block<T, 1>(block, sources.data(), count, phase, m0, cout_g, block_start, result);
      } else if (context.vectors == 2) {
        tile_for_block<T, 2>(block, sources.data(), count, phase, m0, cout_g, block_start, result);
      } else {
        tile_for_block<T, 4>(block, sources.data(), count, phase, m0, cout_g, block_start, result);
      }
      const int64_t m_end = std::min(phase.count, m0 + tile_width);
      for (int64_t j = 0; j < block; ++j) {
        const int64_t oc = g * cout_g + block_start + j;
        const T bias = p.bias != nullptr ? p.bias[oc] : T(0);
        T* out = data.output + (((n * p.out_channels + oc) * p.out[0] + o0) * p.out[1] + o1) * p.out[2] +
                 phase.residue;
        const T* r = result + j * kMaxVectors * lanes;
        for (int64_t m = m0; m < m_end; ++m) out[m * stride] = r[m - m0] + bias;
      }
    }
  }
}

// One clone per instruction set; the loader picks the best the CPU has (GCC ifunc).
[[gnu::target_clones("avx512f", "arch=haswell", "default")]] void run_task(const Context<float>& context,
                                                                           const RunData<float>& data,
                                                                           int64_t task,
                                                                           std::vector<Source<float>>& sources) {
  run_task_impl(context, data, task, sources);
}

[[gnu::target_clones("avx512f", "arch=haswell", "default")]] void run_task(const Context<double>& context,
                                                                           const RunData<double>& data,
                                                                           int64_t task,
                                                                           std::vector<Source<double>>& sources) {
  run_task_impl(context, data, task, sources);
}

}  // namespace

template <typename T>
struct DirectPlan<T>::Impl {
  Context<T> context;
  // Kept between runs: a fresh buffer of this size would be new pages from the kernel on every
  // run, and the page faults cost as much as the arithmetic on small layers.
  std::unique_ptr<T[]> padded;
  std::vector<std::vector<Source<T>>> sources_per_thread;
};

template <typename T>
DirectPlan<T>::DirectPlan(const ConvProblem<T>& problem, int threads, int64_t memory_limit_bytes)
    : impl_(std::make_unique<Impl>()) {
  Context<T>& context = impl_->context;
  context.problem = problem;
  // About a million multiply-adds per thread: below that, starting and joining a thread costs
  // more than it saves.
  constexpr int64_t kMultiplyAddsPerThread = int64_t{1} << 20;
  const int64_t multiply_adds = problem.batch * problem.in_channels * problem.cout_per_group() *
                                problem.in_plane() * problem.taps();
  context.threads = static_cast<int>(std::clamp<int64_t>(multiply_adds / kMultiplyAddsPerThread, 1, threads));
  context.axis0 = make_axis_table(problem.axis[0], problem.in[0], problem.out[0]);
  context.axis1 = make_axis_table(problem.axis[1], problem.in[1], problem.out[1]);
  context.phases = make_phases(problem.axis[2], problem.in[2], problem.out[2]);

  int64_t longest = 0;
  for (const Phase& phase : context.phases) longest = std::max(longest, phase.count);
  const int64_t lanes = kLanes<T>;
  context.vectors = longest <= lanes ? 1 : (longest <= 2 * lanes || problem.cout_per_group() > 3) ? 2 : 4;
  const int64_t tile_width = context.vectors * lanes;
  context.blocks = (problem.cout_per_group() + channel_block(context.vectors) - 1) / channel_block(context.vectors);

  // Padded rows cover every read of every tile: [lowest offset, highest offset + rounded count).
  int64_t low = 0, high = problem.in[2];
  for (const Phase& phase : context.phases) {
    const int64_t rounded = (phase.count + tile_width - 1) / tile_width * tile_width;
    for (const TapInput& tap : phase.taps) {
      low = std::min(low, tap.input);
      high = std::max(high, tap.input + rounded);
    }
  }
  context.row_zero = -low;
  context.row_width = high - low;
  const int64_t rows = problem.batch * problem.in_channels * problem.in[0] * problem.in[1];
  check_memory_limit("the direct kernel's padded input", checked_mul(rows, context.row_width, "padded input size"),
                     static_cast<int64_t>(sizeof(T)), memory_limit_bytes);

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

  impl_->padded = std::make_unique_for_overwrite<T[]>(static_cast<size_t>(rows * context.row_width));
  // Reserved up front: nothing may throw inside a parallel region.
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
void DirectPlan<T>::run(const T* input, T* output) const {
  const Context<T>& context = impl_->context;
  const ConvProblem<T>& problem = context.problem;
  const int64_t rows = problem.batch * problem.in_channels * problem.in[0] * problem.in[1];
  const int64_t in2 = problem.in[2];
  T* padded = impl_->padded.get();
  const RunData<T> data{padded, output};
  const int64_t tasks = problem.batch * problem.groups * problem.out[0] * problem.out[1] * context.blocks;
#pragma omp parallel num_threads(context.threads)
  {
#pragma omp for schedule(static)
    for (int64_t row = 0; row < rows; ++row) {
      T* to = padded + row * context.row_width;
      std::fill(to, to + context.row_zero, T(0));
      std::copy(input + row * in2, input + (row + 1) * in2, to + context.row_zero);
      std::fill(to + context.row_zero + in2, to + context.row_width, T(0));
    }
    std::vector<Source<T>>& sources = impl_->sources_per_thread[static_cast<size_t>(omp_get_thread_num())];
#pragma omp for schedule(dynamic, 4)
    for (int64_t task = 0; task < tasks; ++task) run_task(context, data, task, sources);
  }
}

template class DirectPlan<float>;
template class DirectPlan<double>;

}  // namespace tconv::fast
