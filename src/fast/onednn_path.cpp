#include "fast/onednn_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>
#include <vector>

#include "fast/library_threads.hpp"
#include "fast/thread_pool.hpp"

namespace tconv::fast {

namespace {

using dnnl::memory;

// Created once: a CPU engine lives as long as the process.
dnnl::engine& cpu_engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

memory::dims plain_strides(const memory::dims& dims) {
  memory::dims strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

// A task (batch chunk x output-channel part) should be at least this many multiply-adds
// (about 0.1 ms on one core): below that the calls around it show. Measured idle on (a) of
// docs/performance.md, 1x512->256 4x4: 8 parts of 4M reached 0.81-0.86x of oneDNN's own
// threaded primitive, 2 parts of 16M 0.97-0.99x (bench/onednn_split.py shows why).
constexpr int64_t kMinTaskMultiplyAdds = int64_t{16} << 20;
// Enough tasks to share among threads that come and go.
constexpr int64_t kWantedTasks = 8;
// Reorders are cut into slices of at least this many bytes: smaller ones cost more in calls
// than they gain in parallelism.
constexpr int64_t kMinSliceBytes = int64_t{64} << 10;

// A work buffer on a 64-byte boundary (oneDNN's blocked kernels load whole cache lines).
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t bytes)
      : data_(static_cast<char*>(std::aligned_alloc(64, (std::max<size_t>(bytes, 1) + 63) / 64 * 64))) {
    if (data_ == nullptr) throw std::bad_alloc();
  }
  char* data() const { return data_.get(); }

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> data_;
};

// A reorder from a plain strided tensor into oneDNN's layout, cut along one axis into slices
// of equal width (a multiple of 16, so that a slice is whole blocks of the layout): one
// reorder primitive for every slice, pointed at each slice's place.
struct SlicedReorder {
  dnnl::reorder reorder;
  memory::desc from, to;  // one slice, at offset 0
  int64_t slices = 1;
  std::vector<int64_t> from_offset, to_offset;  // per slice, in elements
  size_t scratch_bytes = 0;

  // Up to `most` slices of `from` and `to` (the same dims) along `axis`.
  SlicedReorder(const memory::desc& plain, const memory::desc& blocked, int axis, int64_t most,
                const dnnl::primitive_attr& attr) {
    memory::dims dims = plain.dims();
    const int64_t width = dims[static_cast<size_t>(axis)];
    const int64_t bytes = static_cast<int64_t>(plain.get_size());
    slices = std::clamp<int64_t>(std::min({most, width / 16, bytes / kMinSliceBytes}), 1, width);
    while (slices > 1 && width % (16 * slices) != 0) --slices;
    dims[static_cast<size_t>(axis)] = width / slices;
    const memory::dims strides(plain.data.format_desc.blocking.strides,
                               plain.data.format_desc.blocking.strides + plain.data.ndims);
    memory::dims zero(dims.size(), 0);
    try {
      to = slices == 1 ? blocked : blocked.submemory_desc(dims, zero);
      for (int64_t s = 0; s < slices; ++s) {
        memory::dims offsets = zero;
        offsets[static_cast<size_t>(axis)] = s * dims[static_cast<size_t>(axis)];
        from_offset.push_back(offsets[static_cast<size_t>(axis)] * strides[static_cast<size_t>(axis)]);
        to_offset.push_back(slices == 1 ? 0 : blocked.submemory_desc(dims, offsets).data.offset0);
      }
    } catch (const dnnl::error&) {  // a layout whose blocks the slices would cut: one slice
      slices = 1;
      dims = plain.dims();
      to = blocked;
      from_offset = to_offset = {0};
    }
    from = memory::desc(dims, plain.data_type(), strides);
    const dnnl::reorder::primitive_desc pd(cpu_engine(), from, cpu_engine(), to, attr);
    reorder = dnnl::reorder(pd);
    scratch_bytes = pd.scratchpad_desc().get_size();
  }
};

// The cut of a layer into tasks: chunks of chunk_items batch items x parts of the output
// channels. Batch chunks first; then, for ungrouped layers with channels in multiples of 16,
// parts while there are fewer than kWantedTasks tasks of at least kMinTaskMultiplyAdds.
struct Cut {
  int64_t chunk_items = 1;
  int64_t parts = 1;
};

Cut choose_cut(const ConvProblem<float>& p) {
  Cut cut;
  const int64_t item_macs = p.in_channels * p.cout_per_group() * p.in_plane() * p.taps();
  cut.chunk_items = std::clamp<int64_t>(kMinTaskMultiplyAdds / std::max<int64_t>(item_macs, 1), 1, p.batch);
  while (p.batch % cut.chunk_items != 0) --cut.chunk_items;
  // Parts share the chunk's reordered input, which must then have no padded channels (oneDNN
  // writes zeros into them whenever a memory object is pointed at it).
  if (p.groups != 1 || p.out_channels % 16 != 0 || p.in_channels % 16 != 0) return cut;
  const int64_t blocks = p.out_channels / 16;
  const int64_t chunks = p.batch / cut.chunk_items;
  for (int64_t candidate = 2; candidate <= blocks; ++candidate) {
    if (blocks % candidate != 0) continue;
    if (chunks * cut.parts >= kWantedTasks || item_macs * cut.chunk_items / candidate < kMinTaskMultiplyAdds) break;
    cut.parts = candidate;
  }
  return cut;
}

}  // namespace

// Every task is computed by the same single-threaded primitive (made for one chunk x one
// part), with the chunk's input reordered into its layout before (by the task when there is
// one part; else by a first parallel loop, in slices of channels, since the parts share it)
// and the part's output reordered into the caller's tensor after. The cut depends on the shape
// only, so every thread count runs the same primitives on the same data: bit-identical.
struct OneDnnPlan::Impl {
  int threads = 1;
  Cut cut;
  int64_t chunks = 1, part_channels = 0;
  size_t chunk_in = 0, chunk_out = 0, part_out = 0;  // elements of the caller's tensors
  dnnl::deconvolution_forward::primitive_desc pd;    // of one task
  dnnl::deconvolution_forward primitive;
  std::vector<memory> weights;  // per part, in pd's layout
  bool owns_weights = false;
  float* bias = nullptr;  // oneDNN only reads it; its C++ API takes non-const handles
  memory::desc bias_desc;
  memory::desc user_src, user_dst;  // one chunk's plain input, one task's plain output slice
  bool reorder_src = false, reorder_dst = false;
  dnnl::reorder src_reorder, dst_reorder;
  std::unique_ptr<SlicedReorder> shared_src;  // with parts > 1: into shared_src_data
  Buffer shared_src_data;
  size_t src_bytes = 0;  // one chunk's input in pd's layout
  memory::desc scratch_desc;
  // Per thread of a run: its stream, buffers, and memory objects made once (a run only points
  // them at the task's data).
  struct Worker {
    dnnl::stream stream;
    Buffer src_data, dst_data, scratch_data;
    memory user_src, src, dst, user_dst, bias, slice_from, slice_to;
    std::unordered_map<int, memory> reorder_in, conv, reorder_out, reorder_slice;
  };
  std::vector<Worker> workers;
};

OneDnnPlan::OneDnnPlan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OneDnnPlan::~OneDnnPlan() = default;

std::unique_ptr<OneDnnPlan> OneDnnPlan::create(const ConvProblem<float>& p, int threads) {
  auto impl = std::make_unique<Impl>();
  impl->threads = threads;
  impl->cut = choose_cut(p);
  const int64_t chunk_items = impl->cut.chunk_items, parts = impl->cut.parts;
  impl->chunks = p.batch / chunk_items;
  impl->part_channels = p.out_channels / parts;
  impl->chunk_in = static_cast<size_t>(chunk_items * p.in_channels * p.in_plane());
  impl->chunk_out = static_cast<size_t>(chunk_items * p.out_channels * p.out_plane());
  impl->part_out = static_cast<size_t>(impl->part_channels * p.out_plane());

  const int offset = kMaxSpatialDims - p.rank;
  memory::dims src_dims{chunk_items, p.in_channels};
  memory::dims dst_dims{chunk_items, impl->part_channels};
  memory::dims kernel, strides, dilates, pad_left, pad_right;
  for (int a = offset; a < kMaxSpatialDims; ++a) {
    const AxisParams& axis = p.axis[static_cast<size_t>(a)];
    src_dims.push_back(p.in[static_cast<size_t>(a)]);
    dst_dims.push_back(p.out[static_cast<size_t>(a)]);
    kernel.push_back(axis.kernel);
    strides.push_back(axis.stride);
    dilates.push_back(axis.dilation - 1);  // oneDNN counts the inserted zeros
    pad_left.push_back(axis.pad_begin);
    pad_right.push_back(axis.pad_end - axis.output_padding);
  }

  // Weights as oneDNN names them, (G,) O, I, k..., over PyTorch's (Cin, Cout/groups, k...);
  // a part is a slice of O.
  const int64_t cin_g = p.cin_per_group(), cout_g = p.cout_per_group();
  const memory::dims kernel_strides = plain_strides(kernel);
  const int64_t taps = p.taps();
  memory::dims weight_dims, weight_strides;
  if (p.groups > 1) {
    weight_dims = {p.groups, cout_g, cin_g};
    weight_strides = {cin_g * cout_g * taps, taps, cout_g * taps};
  } else {
    weight_dims = {impl->part_channels, cin_g};
    weight_strides = {taps, cout_g * taps};
  }
  weight_dims.insert(weight_dims.end(), kernel.begin(), kernel.end());
  weight_strides.insert(weight_strides.end(), kernel_strides.begin(), kernel_strides.end());

  const auto f32 = memory::data_type::f32;
  impl->user_src = memory::desc(src_dims, f32, plain_strides(src_dims));
  // A task's output is a slice of the caller's (N, Cout, ...) tensor: the full strides.
  memory::dims full_dst_dims = dst_dims;
  full_dst_dims[1] = p.out_channels;
  impl->user_dst = memory::desc(dst_dims, f32, plain_strides(full_dst_dims));
  const memory::desc user_weight(weight_dims, f32, weight_strides);
  impl->bias_desc = memory::desc({impl->part_channels}, f32, memory::format_tag::a);
  impl->bias = const_cast<float*>(p.bias);
  const memory::desc any_src(src_dims, f32, memory::format_tag::any);
  const memory::desc any_dst(dst_dims, f32, memory::format_tag::any);
  const memory::desc any_weight(weight_dims, f32, memory::format_tag::any);

  dnnl::engine& engine = cpu_engine();
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);  // one scratchpad per thread, ours
  // Single-threaded kernels: oneDNN fixes a primitive's thread count when it is made.
  const SingleThreadedLibraries single_threaded;
  try {
    const auto prop = dnnl::prop_kind::forward_inference;
    const auto algorithm = dnnl::algorithm::deconvolution_direct;
    const dnnl::deconvolution_forward::desc desc =
        p.bias != nullptr ? dnnl::deconvolution_forward::desc(prop, algorithm, any_src, any_weight, impl->bias_desc,
                                                              any_dst, strides, dilates, pad_left, pad_right)
                          : dnnl::deconvolution_forward::desc(prop, algorithm, any_src, any_weight, any_dst, strides,
                                                              dilates, pad_left, pad_right);
    impl->pd = dnnl::deconvolution_forward::primitive_desc(desc, attr, engine);
  } catch (const dnnl::error&) {
    return nullptr;
  }
  impl->primitive = dnnl::deconvolution_forward(impl->pd);
  size_t scratch_bytes = impl->pd.scratchpad_desc().get_size();

  // The weights of each part, reordered in slices of input channels by the parallel loop
  // (8 MB of fresh pages for the DCGAN layers: faulting them in on two cores halves the time).
  if (impl->pd.weights_desc() == user_weight) {
    for (int64_t part = 0; part < parts; ++part) {
      impl->weights.emplace_back(user_weight, engine, const_cast<float*>(p.weight) + part * impl->part_channels * taps);
    }
  } else {
    impl->owns_weights = true;
    const SlicedReorder weight_reorder(user_weight, impl->pd.weights_desc(), p.groups > 1 ? 2 : 1, kWantedTasks, attr);
    scratch_bytes = std::max(scratch_bytes, weight_reorder.scratch_bytes);
    for (int64_t part = 0; part < parts; ++part) impl->weights.emplace_back(impl->pd.weights_desc(), engine);
    std::vector<Buffer> scratch(static_cast<size_t>(threads));
    for (Buffer& buffer : scratch) buffer = Buffer(weight_reorder.scratch_bytes);
    const memory::desc scratch_desc({static_cast<int64_t>(std::max<size_t>(weight_reorder.scratch_bytes, 1))},
                                    memory::data_type::u8, memory::format_tag::a);
    const int64_t slices = weight_reorder.slices;
    parallel_for(parts * slices, 1, threads, [&](int64_t begin, int64_t end, int worker) {
      const SingleThreadedLibraries single_threaded_worker;
      dnnl::stream stream(engine);
      for (int64_t task = begin; task < end; ++task) {
        const int64_t part = task / slices;
        const auto slice = static_cast<size_t>(task % slices);
        float* const from = const_cast<float*>(p.weight) + part * impl->part_channels * taps;
        float* const to = static_cast<float*>(impl->weights[static_cast<size_t>(part)].get_data_handle());
        weight_reorder.reorder.execute(
            stream, {{DNNL_ARG_FROM, memory(weight_reorder.from, engine, from + weight_reorder.from_offset[slice])},
                     {DNNL_ARG_TO, memory(weight_reorder.to, engine, to + weight_reorder.to_offset[slice])},
                     {DNNL_ARG_SCRATCHPAD, memory(scratch_desc, engine, scratch[static_cast<size_t>(worker)].data())}});
      }
      stream.wait();
    });
  }

  impl->reorder_src = impl->pd.src_desc() != impl->user_src;
  impl->reorder_dst = impl->pd.dst_desc() != impl->user_dst;
  impl->src_bytes = impl->pd.src_desc().get_size();
  if (impl->reorder_src && parts == 1) {
    const dnnl::reorder::primitive_desc reorder_pd(engine, impl->user_src, engine, impl->pd.src_desc(), attr);
    impl->src_reorder = dnnl::reorder(reorder_pd);
    scratch_bytes = std::max(scratch_bytes, reorder_pd.scratchpad_desc().get_size());
  }
  if (impl->reorder_src && parts > 1) {
    impl->shared_src = std::make_unique<SlicedReorder>(impl->user_src, impl->pd.src_desc(), 1, kWantedTasks, attr);
    impl->shared_src_data = Buffer(impl->src_bytes * static_cast<size_t>(impl->chunks));
    scratch_bytes = std::max(scratch_bytes, impl->shared_src->scratch_bytes);
  }
  if (impl->reorder_dst) {
    const dnnl::reorder::primitive_desc reorder_pd(engine, impl->pd.dst_desc(), engine, impl->user_dst, attr);
    impl->dst_reorder = dnnl::reorder(reorder_pd);
    scratch_bytes = std::max(scratch_bytes, reorder_pd.scratchpad_desc().get_size());
  }
  impl->scratch_desc = memory::desc({static_cast<int64_t>(std::max<size_t>(scratch_bytes, 1))}, memory::data_type::u8,
                                    memory::format_tag::a);

  impl->workers.resize(static_cast<size_t>(threads));
  for (Impl::Worker& worker : impl->workers) {
    worker.stream = dnnl::stream(engine);
    if (impl->reorder_src && parts == 1) worker.src_data = Buffer(impl->src_bytes);
    if (impl->reorder_dst) worker.dst_data = Buffer(impl->pd.dst_desc().get_size());
    worker.scratch_data = Buffer(scratch_bytes);
    const memory scratch(impl->scratch_desc, engine, worker.scratch_data.data());
    worker.user_src = memory(impl->user_src, engine, DNNL_MEMORY_NONE);
    worker.src = memory(impl->pd.src_desc(), engine, impl->reorder_src ? worker.src_data.data() : DNNL_MEMORY_NONE);
    worker.dst = memory(impl->pd.dst_desc(), engine, impl->reorder_dst ? worker.dst_data.data() : DNNL_MEMORY_NONE);
    worker.user_dst = memory(impl->user_dst, engine, DNNL_MEMORY_NONE);
    worker.conv = {{DNNL_ARG_SRC, worker.src},
                   {DNNL_ARG_WEIGHTS, impl->weights[0]},
                   {DNNL_ARG_DST, worker.dst},
                   {DNNL_ARG_SCRATCHPAD, scratch}};
    if (p.bias != nullptr) {
      worker.bias = memory(impl->bias_desc, engine, DNNL_MEMORY_NONE);
      worker.conv.insert({DNNL_ARG_BIAS, worker.bias});
    }
    worker.reorder_in = {{DNNL_ARG_FROM, worker.user_src}, {DNNL_ARG_TO, worker.src}, {DNNL_ARG_SCRATCHPAD, scratch}};
    worker.reorder_out = {{DNNL_ARG_FROM, worker.dst}, {DNNL_ARG_TO, worker.user_dst}, {DNNL_ARG_SCRATCHPAD, scratch}};
    if (impl->shared_src) {
      worker.slice_from = memory(impl->shared_src->from, engine, DNNL_MEMORY_NONE);
      worker.slice_to = memory(impl->shared_src->to, engine, DNNL_MEMORY_NONE);
      worker.reorder_slice = {
          {DNNL_ARG_FROM, worker.slice_from}, {DNNL_ARG_TO, worker.slice_to}, {DNNL_ARG_SCRATCHPAD, scratch}};
    }
  }
  return std::unique_ptr<OneDnnPlan>(new OneDnnPlan(std::move(impl)));
}

void OneDnnPlan::run(const float* input, float* output) const {
  Impl& impl = *impl_;  // its work buffers: one run at a time
  // oneDNN only reads the input; its C++ API takes non-const handles.
  float* const in = const_cast<float*>(input);
  const int64_t parts = impl.cut.parts;

  if (impl.shared_src) {
    const SlicedReorder& sliced = *impl.shared_src;
    parallel_for(impl.chunks * sliced.slices, 1, impl.threads, [&](int64_t begin, int64_t end, int w) {
      const SingleThreadedLibraries single_threaded;
      Impl::Worker& worker = impl.workers[static_cast<size_t>(w)];
      for (int64_t task = begin; task < end; ++task) {
        const int64_t chunk = task / sliced.slices;
        const auto slice = static_cast<size_t>(task % sliced.slices);
        float* const to =
            reinterpret_cast<float*>(impl.shared_src_data.data() + static_cast<size_t>(chunk) * impl.src_bytes);
        worker.slice_from.set_data_handle(in + static_cast<size_t>(chunk) * impl.chunk_in + sliced.from_offset[slice]);
        worker.slice_to.set_data_handle(to + sliced.to_offset[slice]);
        sliced.reorder.execute(worker.stream, worker.reorder_slice);
      }
      worker.stream.wait();
    });
  }

  parallel_for(impl.chunks * parts, 1, impl.threads, [&](int64_t begin, int64_t end, int w) {
    const SingleThreadedLibraries single_threaded;
    Impl::Worker& worker = impl.workers[static_cast<size_t>(w)];
    for (int64_t task = begin; task < end; ++task) {
      const int64_t chunk = task / parts;
      const int64_t part = task % parts;
      float* const chunk_input = in + static_cast<size_t>(chunk) * impl.chunk_in;
      if (impl.shared_src) {
        worker.src.set_data_handle(impl.shared_src_data.data() + static_cast<size_t>(chunk) * impl.src_bytes);
      } else if (impl.reorder_src) {
        worker.user_src.set_data_handle(chunk_input);
        impl.src_reorder.execute(worker.stream, worker.reorder_in);
      } else {
        worker.src.set_data_handle(chunk_input);
      }
      float* const out =
          output + static_cast<size_t>(chunk) * impl.chunk_out + static_cast<size_t>(part) * impl.part_out;
      (impl.reorder_dst ? worker.user_dst : worker.dst).set_data_handle(out);
      worker.conv[DNNL_ARG_WEIGHTS] = impl.weights[static_cast<size_t>(part)];
      if (impl.bias != nullptr) worker.bias.set_data_handle(impl.bias + part * impl.part_channels);
      impl.primitive.execute(worker.stream, worker.conv);
      if (impl.reorder_dst) impl.dst_reorder.execute(worker.stream, worker.reorder_out);
    }
    worker.stream.wait();
  });
}

std::string OneDnnPlan::implementation() const { return impl_->pd.impl_info_str(); }

bool OneDnnPlan::owns_weights() const { return impl_->owns_weights; }

}  // namespace tconv::fast
