// The libraries on their own, for bench/run_benchmarks.py: oneDNN's deconvolution at its best
// (blocked layouts chosen by oneDNN, the input and weight reordered before timing, the output
// left in oneDNN's layout) and OpenBLAS's GEMM of the layer's shape
// (M = Cout/groups * taps, N = batch * input positions, K = Cin/groups) or of a square size.
//
//   lib_harness onednn N Cin Cout K S P SPATIAL... --threads T --repeat R
//   lib_harness gemm f32|f64 M N K --threads T --repeat R
// Prints one JSON object: {"median_ms": ..., "min_ms": ..., "gflops": ..., "impl": "..."}.
// Not part of tconv: a measuring tool, built by the script with the same Debian libraries.
#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <oneapi/dnnl/dnnl.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Result {
  double median_ms = 0;
  double min_ms = 0;
};

Result time_it(int repeat, const std::function<void()>& run) {
  for (int i = 0; i < 3; ++i) run();
  std::vector<double> times;
  for (int i = 0; i < repeat; ++i) {
    const Clock::time_point start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.front()};
}

void print(const Result& r, double flops, const std::string& impl) {
  std::printf("{\"median_ms\": %.6f, \"min_ms\": %.6f, \"gflops\": %.3f, \"impl\": \"%s\"}\n", r.median_ms, r.min_ms,
              flops / (r.median_ms * 1e6), impl.c_str());
}

template <typename T>
std::vector<T> random_values(size_t n) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<T> value(-1, 1);
  std::vector<T> v(n);
  for (T& x : v) x = value(rng);
  return v;
}

int run_onednn(const std::vector<long>& a, int threads, int repeat) {
  using dnnl::memory;
  const long n = a[0], cin = a[1], cout = a[2], k = a[3], s = a[4], p = a[5];
  memory::dims src{n, cin}, dst{n, cout}, wei{cout, cin}, strides, dil, pad;
  double flops = 2.0 * n * cin * cout;
  for (size_t i = 6; i < a.size(); ++i) {
    src.push_back(a[i]);
    dst.push_back((a[i] - 1) * s - 2 * p + k);
    wei.push_back(k);
    strides.push_back(s);
    dil.push_back(0);
    pad.push_back(p);
    flops *= static_cast<double>(a[i] * k);
  }
  const auto tag = src.size() == 3   ? memory::format_tag::ncw
                   : src.size() == 4 ? memory::format_tag::nchw
                                     : memory::format_tag::ncdhw;
  const auto wtag = src.size() == 3   ? memory::format_tag::oiw
                    : src.size() == 4 ? memory::format_tag::oihw
                                      : memory::format_tag::oidhw;
  omp_set_num_threads(threads);
  dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  dnnl::stream stream(engine);
  const auto f32 = memory::data_type::f32;
  const dnnl::deconvolution_forward::desc desc(
      dnnl::prop_kind::forward_inference, dnnl::algorithm::deconvolution_direct,
      memory::desc(src, f32, memory::format_tag::any), memory::desc(wei, f32, memory::format_tag::any),
      memory::desc(dst, f32, memory::format_tag::any), strides, dil, pad, pad);
  const dnnl::deconvolution_forward::primitive_desc pd(desc, engine);
  std::vector<float> src_values = random_values<float>(static_cast<size_t>(memory::desc(src, f32, tag).get_size() / 4));
  std::vector<float> wei_values =
      random_values<float>(static_cast<size_t>(memory::desc(wei, f32, wtag).get_size() / 4));
  memory user_src(memory::desc(src, f32, tag), engine, src_values.data());
  memory user_wei(memory::desc(wei, f32, wtag), engine, wei_values.data());
  memory work_src(pd.src_desc(), engine), work_wei(pd.weights_desc(), engine), work_dst(pd.dst_desc(), engine);
  dnnl::reorder(user_src, work_src).execute(stream, user_src, work_src);
  dnnl::reorder(user_wei, work_wei).execute(stream, user_wei, work_wei);
  stream.wait();
  const dnnl::deconvolution_forward primitive(pd);
  const Result r = time_it(repeat, [&] {
    primitive.execute(stream, {{DNNL_ARG_SRC, work_src}, {DNNL_ARG_WEIGHTS, work_wei}, {DNNL_ARG_DST, work_dst}});
    stream.wait();
  });
  print(r, flops, pd.impl_info_str());
  return 0;
}

template <typename T>
int run_gemm(long m, long n, long k, int threads, int repeat) {
  openblas_set_num_threads(threads);
  std::vector<T> a = random_values<T>(static_cast<size_t>(m * k));
  std::vector<T> b = random_values<T>(static_cast<size_t>(k * n));
  std::vector<T> c(static_cast<size_t>(m * n));
  const Result r = time_it(repeat, [&] {
    if constexpr (sizeof(T) == 4) {
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1, a.data(), m, b.data(), n, 0, c.data(), n);
    } else {
      cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1, a.data(), m, b.data(), n, 0, c.data(), n);
    }
  });
  print(r, 2.0 * m * n * k, std::string(sizeof(T) == 4 ? "sgemm " : "dgemm ") + openblas_get_corename());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  int threads = 2, repeat = 20;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--threads" && i + 1 < args.size()) {
      threads = std::atoi(args[++i].c_str());
    } else if (args[i] == "--repeat" && i + 1 < args.size()) {
      repeat = std::atoi(args[++i].c_str());
    } else {
      rest.push_back(args[i]);
    }
  }
  try {
    if (!rest.empty() && rest[0] == "onednn" && rest.size() >= 8) {
      std::vector<long> values;
      for (size_t i = 1; i < rest.size(); ++i) values.push_back(std::atol(rest[i].c_str()));
      return run_onednn(values, threads, repeat);
    }
    if (rest.size() == 5 && rest[0] == "gemm") {
      const long m = std::atol(rest[2].c_str()), n = std::atol(rest[3].c_str()), k = std::atol(rest[4].c_str());
      return rest[1] == "f64" ? run_gemm<double>(m, n, k, threads, repeat) : run_gemm<float>(m, n, k, threads, repeat);
    }
  } catch (const dnnl::error& e) {
    std::fprintf(stderr, "lib_harness: oneDNN error: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: lib_harness onednn N Cin Cout K S P SPATIAL... [--threads T] [--repeat R]\n"
               "       lib_harness gemm f32|f64 M N K [--threads T] [--repeat R]\n");
  return 2;
}
