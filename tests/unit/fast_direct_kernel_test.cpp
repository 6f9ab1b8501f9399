// The direct kernel's instruction-set variants (AVX-512, AVX2 with the rest of -march=haswell,
// baseline x86-64), each forced in turn, against the reference engine: the engine runs only
// the variant the CPU picks, so the others would otherwise go untested on a machine that has
// them all. Small-integer data in [-4, 4]: every product and partial sum is an integer far
// below 2^24, so any summation order and fused multiply-add give the exact value and the
// results must be bitwise equal. A variant this CPU cannot run is skipped with a message.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/engine.hpp"
#include "core/error.hpp"
#include "fast/conv_problem.hpp"
#include "fast/direct_kernel.hpp"
#include "unit/fast_test_support.hpp"

namespace tconv {

namespace {

using fast::KernelIsa;

using test::axis;
using test::LayerCase;

// The kernel's main branches: 1, 2 and 4 vectors per tile, both stride-2 phases in one pass,
// rows read in place and copied, groups, 3-D.
std::vector<LayerCase> kernel_cases() {
  return {
      {"1-D long rows, 4-vector tiles", {1, 3, 41}, 3, 1, {axis(4, 2, 1, 1, 1, 0)}},
      {"2-D stride 2 both phases, dilation 2, in place",
       {2, 2, 3, 21},
       4,
       1,
       {axis(3, 2, 1, 1, 1, 0), axis(3, 2, 2, 2, 1, 1)}},
      {"2-D rows copied, 6-channel blocks", {1, 4, 3, 20}, 32, 1, {axis(3, 2, 1, 1, 1, 0), axis(3, 2, 1, 1, 1, 0)}},
      {"2-D groups 2, short rows", {2, 4, 5, 4}, 6, 2, {axis(3, 2, 2, 2, 2, 1), axis(3, 2, 1, 0, 0, 1)}},
      {"3-D mixed per-axis parameters",
       {1, 2, 3, 4, 18},
       3,
       1,
       {axis(2, 2, 1, 0, 0, 1), axis(3, 1, 2, 1, 1, 0), axis(2, 2, 1, 1, 0, 0)}},
  };
}

template <typename T>
void check_variant(KernelIsa isa) {
  std::mt19937 rng(20261201);
  for (const LayerCase& c : kernel_cases()) {
    const std::string case_name = c.name;
    CAPTURE(case_name);
    const ConvParams params = test::params_of(c);
    const test::LayerTensors<T> t = test::draw_layer<T>(c, rng, test::small_integers<T>);
    const Tensor<T>& x = t.x;
    const Tensor<T>& w = t.w;
    const Tensor<T>& b = t.b;  // every case here has a bias
    const Tensor<T> expected = conv_transpose_reference(x, w, &b, params);

    fast::ConvProblem<T> problem = fast::make_problem<T>(check_conv_shapes(x.shape, w.shape, b.size(), params), params);
    problem.weight = w.data.data();
    problem.bias = b.data.data();
    const fast::DirectPlan<T> plan(problem, 2, int64_t{1} << 30, isa);
    CHECK(plan.isa() == isa);
    std::vector<T> got(expected.data.size(), T(-99));
    plan.run(x.data.data(), got.data());
    CHECK(got == expected.data);
  }
}

void check_variant_or_skip(KernelIsa isa) {
  if (!fast::cpu_runs(isa)) {
    MESSAGE("skipped: this CPU cannot run the direct kernel's " << fast::kernel_isa_name(isa) << " variant");
    return;
  }
  check_variant<float>(isa);
  check_variant<double>(isa);
}

}  // namespace

TEST_CASE("direct kernel, AVX-512 variant forced, equals the reference") { check_variant_or_skip(KernelIsa::Avx512); }

TEST_CASE("direct kernel, AVX2 variant forced, equals the reference") { check_variant_or_skip(KernelIsa::Avx2); }

TEST_CASE("direct kernel, baseline variant forced, equals the reference") {
  check_variant_or_skip(KernelIsa::Baseline);
}

TEST_CASE("direct kernel: Best picks a variant the CPU runs and a variant it cannot run is refused") {
  const fast::ConvProblem<float> problem = [] {
    ConvParams params;
    params.axes = {axis(3, 2, 1, 1, 1, 0)};
    fast::ConvProblem<float> p = fast::make_problem<float>(check_conv_shapes({1, 1, 4}, {1, 1, 3}, -1, params), params);
    static const float weight[3] = {1, 2, 3};
    p.weight = weight;
    return p;
  }();
  const fast::DirectPlan<float> best(problem, 1, int64_t{1} << 30);
  CHECK(best.isa() != KernelIsa::Best);
  CHECK(fast::cpu_runs(best.isa()));
  for (KernelIsa isa : {KernelIsa::Avx512, KernelIsa::Avx2}) {
    if (fast::cpu_runs(isa)) continue;
    CHECK_THROWS_AS(fast::DirectPlan<float>(problem, 1, int64_t{1} << 30, isa), InvalidParameter);
  }
}

}  // namespace tconv
