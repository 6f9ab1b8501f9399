#include "fast/onednn_path.hpp"

#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>

namespace tconv::fast {

namespace {

using dnnl::memory;

// Created once: a CPU engine and its stream live as long as the process.
struct Runtime {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
};

Runtime& runtime() {
  static Runtime instance;
  return instance;
}

memory::dims plain_strides(const memory::dims& dims) {
  memory::dims strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

}  // namespace

struct OneDnnPlan::Impl {
  int threads = 1;
  memory::desc user_src, user_dst;
  dnnl::deconvolution_forward::primitive_desc pd;
  dnnl::deconvolution_forward primitive;
  memory weight;  // in pd's layout
  bool owns_weights = false;
  memory bias;    // empty without bias
  // Made once: the blocked input and output buffers (empty when the plain layout is the one
  // the primitive takes) and the reorders into and out of them. Fresh buffers on every run
  // would be fresh pages, whose faults cost more than the reorders themselves.
  memory work_src, work_dst;
  dnnl::reorder src_reorder, dst_reorder;
  // The caller's buffers, pointed at each run's input and output (set_data_handle), and the
  // primitive's arguments: made once, so a run allocates nothing.
  memory user_src_memory, user_dst_memory;
  std::unordered_map<int, memory> args;
};

OneDnnPlan::OneDnnPlan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OneDnnPlan::~OneDnnPlan() = default;

std::unique_ptr<OneDnnPlan> OneDnnPlan::create(const ConvProblem<float>& p, int threads) {
  const int offset = kMaxSpatialDims - p.rank;
  memory::dims src_dims{p.batch, p.in_channels};
  memory::dims dst_dims{p.batch, p.out_channels};
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

  // Weights as oneDNN names them, (G,) O, I, k..., over PyTorch's (Cin, Cout/groups, k...).
  const int64_t cin_g = p.cin_per_group(), cout_g = p.cout_per_group();
  const memory::dims kernel_strides = plain_strides(kernel);
  const int64_t taps = p.taps();
  memory::dims weight_dims, weight_strides;
  if (p.groups > 1) {
    weight_dims = {p.groups, cout_g, cin_g};
    weight_strides = {cin_g * cout_g * taps, taps, cout_g * taps};
  } else {
    weight_dims = {cout_g, cin_g};
    weight_strides = {taps, cout_g * taps};
  }
  weight_dims.insert(weight_dims.end(), kernel.begin(), kernel.end());
  weight_strides.insert(weight_strides.end(), kernel_strides.begin(), kernel_strides.end());

  const auto f32 = memory::data_type::f32;
  auto impl = std::make_unique<Impl>();
  impl->threads = threads;
  impl->user_src = memory::desc(src_dims, f32, plain_strides(src_dims));
  impl->user_dst = memory::desc(dst_dims, f32, plain_strides(dst_dims));
  const memory::desc user_weight(weight_dims, f32, weight_strides);
  const memory::desc bias_desc({p.out_channels}, f32, memory::format_tag::a);
  const memory::desc any_src(src_dims, f32, memory::format_tag::any);
  const memory::desc any_dst(dst_dims, f32, memory::format_tag::any);
  const memory::desc any_weight(weight_dims, f32, memory::format_tag::any);

  omp_set_num_threads(threads);
  Runtime& rt = runtime();
  try {
    const auto prop = dnnl::prop_kind::forward_inference;
    const auto algorithm = dnnl::algorithm::deconvolution_direct;
    const dnnl::deconvolution_forward::desc desc =
        p.bias != nullptr ? dnnl::deconvolution_forward::desc(prop, algorithm, any_src, any_weight, bias_desc,
                                                               any_dst, strides, dilates, pad_left, pad_right)
                          : dnnl::deconvolution_forward::desc(prop, algorithm, any_src, any_weight, any_dst,
                                                               strides, dilates, pad_left, pad_right);
    impl->pd = dnnl::deconvolution_forward::primitive_desc(desc, rt.engine);
  } catch (const dnnl::error&) {
    return nullptr;
  }
  impl->primitive = dnnl::deconvolution_forward(impl->pd);

  // oneDNN only reads the weight and bias; its C++ API takes non-const handles.
  memory user_weight_memory(user_weight, rt.engine, const_cast<float*>(p.weight));
  if (impl->pd.weights_desc() == user_weight) {
    impl->weight = user_weight_memory;
  } else {
    impl->weight = memory(impl->pd.weights_desc(), rt.engine);
    impl->owns_weights = true;
    dnnl::reorder(user_weight_memory, impl->weight).execute(rt.stream, user_weight_memory, impl->weight);
    rt.stream.wait();
  }
  if (p.bias != nullptr) impl->bias = memory(bias_desc, rt.engine, const_cast<float*>(p.bias));
  if (impl->pd.src_desc() != impl->user_src) {
    impl->work_src = memory(impl->pd.src_desc(), rt.engine);
    impl->src_reorder = dnnl::reorder(dnnl::reorder::primitive_desc(rt.engine, impl->user_src, rt.engine,
                                                                     impl->pd.src_desc()));
  }
  if (impl->pd.dst_desc() != impl->user_dst) {
    impl->work_dst = memory(impl->pd.dst_desc(), rt.engine);
    impl->dst_reorder = dnnl::reorder(dnnl::reorder::primitive_desc(rt.engine, impl->pd.dst_desc(), rt.engine,
                                                                     impl->user_dst));
  }
  impl->user_src_memory = memory(impl->user_src, rt.engine, DNNL_MEMORY_NONE);
  impl->user_dst_memory = memory(impl->user_dst, rt.engine, DNNL_MEMORY_NONE);
  impl->args = {{DNNL_ARG_SRC, impl->work_src ? impl->work_src : impl->user_src_memory},
                {DNNL_ARG_WEIGHTS, impl->weight},
                {DNNL_ARG_DST, impl->work_dst ? impl->work_dst : impl->user_dst_memory}};
  if (impl->bias) impl->args.insert({DNNL_ARG_BIAS, impl->bias});
  return std::unique_ptr<OneDnnPlan>(new OneDnnPlan(std::move(impl)));
}

void OneDnnPlan::run(const float* input, float* output) const {
  Impl& impl = *impl_;  // its memory objects point at this run's buffers: one run at a time
  Runtime& rt = runtime();
  omp_set_num_threads(impl.threads);
  // oneDNN only reads the input; its C++ API takes non-const handles.
  impl.user_src_memory.set_data_handle(const_cast<float*>(input));
  impl.user_dst_memory.set_data_handle(output);
  if (impl.work_src) impl.src_reorder.execute(rt.stream, impl.user_src_memory, impl.work_src);
  impl.primitive.execute(rt.stream, impl.args);
  if (impl.work_dst) impl.dst_reorder.execute(rt.stream, impl.work_dst, impl.user_dst_memory);
  rt.stream.wait();
}

std::string OneDnnPlan::implementation() const { return impl_->pd.impl_info_str(); }

bool OneDnnPlan::owns_weights() const { return impl_->owns_weights; }

}  // namespace tconv::fast
