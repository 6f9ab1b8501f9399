// Every validation message of the core, pinned: each names the parameter, the rule and the values.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "core/engine.hpp"
#include "core/layer_spec.hpp"

namespace tconv {
namespace {

LayerSpec spec2(int64_t kernel) {
  LayerSpec spec;
  spec.dims = 2;
  spec.kernel = {kernel, kernel};
  return spec;
}

TEST_CASE("kernel_size, stride and dilation must be >= 1") {
  CHECK_THROWS_WITH_AS(resolve_layer(spec2(0), {2, 2}), "kernel_size must be >= 1, got 0 (dimension 1 of 2)",
                       InvalidParameter);
  LayerSpec spec = spec2(3);
  spec.stride = {2, 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "stride must be >= 1, got 0 (dimension 2 of 2)", InvalidParameter);
  spec = spec2(3);
  spec.dilation = {-1, 1};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "dilation must be >= 1, got -1 (dimension 1 of 2)",
                       InvalidParameter);
  LayerSpec one_d;
  one_d.dims = 1;
  one_d.kernel = {3};
  one_d.stride = {0};
  CHECK_THROWS_WITH_AS(resolve_layer(one_d, {4}), "stride must be >= 1, got 0", InvalidParameter);
}

TEST_CASE("kernel_size is required and lists must have one value per dimension") {
  LayerSpec spec;
  spec.dims = 2;
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "kernel_size is required", InvalidParameter);
  spec.kernel = {3, 3, 3};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "kernel_size needs 2 values for this layer, got 3 (3,3,3)",
                       InvalidParameter);
  spec.dims = 4;
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "tconv supports 1 to 3 spatial dimensions, got 4",
                       InvalidParameter);
}

TEST_CASE("padding, pads and output_padding must not be negative") {
  LayerSpec spec = spec2(3);
  spec.padding = {-1, 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "padding must be >= 0, got -1 (dimension 1 of 2)",
                       InvalidParameter);
  spec = spec2(3);
  spec.pads = {0, 1, 0, -2};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "pads must be >= 0, got -2 (dimension 2 of 2)", InvalidParameter);
  spec = spec2(3);
  spec.stride = {2, 2};
  spec.output_padding = {0, -1};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "output_padding must be >= 0, got -1 (dimension 2 of 2)",
                       InvalidParameter);
}

TEST_CASE("output_padding must be smaller than stride or dilation (PyTorch's rule)") {
  LayerSpec spec = spec2(3);
  spec.stride = {2, 2};
  spec.output_padding = {2, 1};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}),
                       "output_padding must be smaller than either stride or dilation, got output_padding 2, "
                       "stride 2, dilation 1 (dimension 1 of 2)",
                       InvalidParameter);
  // Smaller than the dilation is enough: stride 1, dilation 3, output_padding 2.
  spec.stride = {1, 1};
  spec.dilation = {3, 3};
  spec.output_padding = {2, 2};
  // (2-1)*1 + 3*(3-1) + 1 + 2 = 10
  CHECK(resolve_layer(spec, {2, 2}).params.axes[0].output_size(2) == 10);
}

TEST_CASE("the output size must be >= 1, the message shows the formula with the values") {
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {3};
  spec.padding = {3};
  // (2-1)*1 - 6 + 1*(3-1) + 0 + 1 = -2
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2}),
                       "output size must be >= 1, got -2: (2-1)*1 - 6 (padding) + 1*(3-1) + 0 + 1", InvalidParameter);
  CHECK_THROWS_WITH_AS(resolve_layer(spec2(3), {2, 0}), "input size must be >= 1, got 0 (dimension 2 of 2)",
                       InvalidParameter);
}

TEST_CASE("conflicting padding conventions are options that exclude each other: a usage error") {
  LayerSpec spec = spec2(3);
  spec.padding = {1, 1};
  spec.pads = {1, 1, 1, 1};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}),
                       "padding and pads cannot be used together: they are two conventions for the same padding",
                       UsageError);
  spec = spec2(3);
  spec.output_size = {5, 5};
  spec.output_padding = {1, 1};
  CHECK_THROWS_WITH_AS(
      resolve_layer(spec, {2, 2}),
      "output_size and output_padding cannot be used together: they are two conventions for the same padding",
      UsageError);
}

TEST_CASE("output_size must be reachable: the message gives the reachable range") {
  LayerSpec spec = spec2(3);
  spec.stride = {2, 2};
  spec.output_size = {5, 7};
  // minimum (2-1)*2 + 3 = 5, maximum 5 + 2 - 1 = 6
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}),
                       "output_size 7 is not reachable (dimension 2 of 2): with these parameters the output size is "
                       "between 5 and 6",
                       InvalidParameter);
  spec.output_size = {6, 5};
  const ResolvedLayer layer = resolve_layer(spec, {2, 2});
  CHECK(layer.params.axes[0].output_padding == 1);
  CHECK(layer.params.axes[1].output_padding == 0);
  CHECK(layer.convention == PaddingConvention::PyTorchOutputSize);
}

TEST_CASE("output_size near the 64-bit limit: the reachable range saturates instead of overflowing") {
  // m=1 K=1 S=2^63-1: minimum 1, maximum 1 + (2^63-2) = 2^63-1
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {1};
  spec.stride = {std::numeric_limits<int64_t>::max()};
  spec.output_size = {std::numeric_limits<int64_t>::max()};
  CHECK(resolve_layer(spec, {1}).params.axes[0].output_padding == std::numeric_limits<int64_t>::max() - 1);
}

TEST_CASE("output_size may start below 1 as in PyTorch, output_shape must be >= 1, pads must not overflow") {
  // m=1 K=1 S=4 P=1: minimum (1-1)*4 - 2 + 0 + 1 = -1, maximum -1 + 3 = 2; PyTorch accepts 2
  // (torch 1.13: ConvTranspose1d(1,1,1,stride=4,padding=1)(x, output_size=[2]) has length 2).
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {1};
  spec.stride = {4};
  spec.padding = {1};
  spec.output_size = {2};
  CHECK(resolve_layer(spec, {1}).params.axes[0].output_padding == 3);
  spec = LayerSpec{};
  spec.dims = 2;
  spec.kernel = {3, 3};
  spec.output_shape = {4, 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "output_shape must be >= 1, got 0 (dimension 2 of 2)",
                       InvalidParameter);
  spec.output_shape.clear();
  spec.padding = {std::numeric_limits<int64_t>::max(), 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {2, 2}), "padding (dimension 1 of 2) overflows 64-bit integers",
                       InvalidParameter);
}

TEST_CASE("groups, weight and bias must fit the input") {
  AxisParams axis;
  axis.kernel = 3;
  ConvParams params;
  params.axes = {axis, axis};
  params.groups = 2;
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 3, 2, 2}, {3, 1, 3, 3}, -1, params),
                       "groups must divide the input channels: 3 input channels, groups 2", InvalidParameter);
  params.groups = 0;
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 2, 2, 2}, {2, 1, 3, 3}, -1, params), "groups must be >= 1, got 0",
                       InvalidParameter);
  params.groups = 1;
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 2, 2, 2}, {2, 1, 3, 2}, -1, params),
                       "weight must have shape (2, Cout/groups, 3, 3) = (Cin, Cout/groups, kernel...), got 2x1x3x2",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 2, 2, 2}, {3, 1, 3, 3}, -1, params),
                       "weight must have shape (2, Cout/groups, 3, 3) = (Cin, Cout/groups, kernel...), got 3x1x3x3",
                       InvalidParameter);
  // groups 2 with Cout/groups 2 -> Cout 4
  params.groups = 2;
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 2, 2, 2}, {2, 2, 3, 3}, 3, params),
                       "bias must have one value per output channel: expected 4, got 3", InvalidParameter);
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 2, 2}, {2, 2, 3, 3}, -1, params),
                       "input must have shape (N, Cin, 2 spatial sizes), got 1x2x2", InvalidParameter);
  CHECK(check_conv_shapes({1, 2, 2, 2}, {2, 2, 3, 3}, 4, params).output_shape() == Shape{1, 4, 4, 4});
}

TEST_CASE("sizes whose arithmetic overflows 64-bit are refused") {
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {3};
  spec.stride = {4};
  // (2^62 - 1) * 4 overflows
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {int64_t{1} << 62}), "output size overflows 64-bit integers",
                       InvalidParameter);
  // Each axis fits, the element count (2^31)^3 * Cout does not.
  AxisParams axis;
  axis.kernel = 1;
  ConvParams params;
  params.axes = {axis, axis, axis};
  const int64_t big = int64_t{1} << 31;
  CHECK_THROWS_WITH_AS(check_conv_shapes({1, 1, big, big, big}, {1, 1, 1, 1, 1}, -1, params),
                       "tensor size overflows 64-bit integers", InvalidParameter);
}

TEST_CASE("an output above the memory limit is refused with the bytes it needs") {
  // 1x1x4x4 doubles = 128 bytes > 100
  AxisParams axis;
  axis.kernel = 3;
  ConvParams params;
  params.axes = {axis, axis};
  const Tensor<double> input({1, 1, 2, 2}, {1, 2, 3, 4});
  const Tensor<double> weight({1, 1, 3, 3});
  CHECK_THROWS_WITH_AS(conv_transpose_reference<double>(input, weight, nullptr, params, nullptr, 100),
                       "the output would need 128 bytes, above the memory limit of 100 bytes", MemoryLimitError);
  CHECK_NOTHROW(conv_transpose_reference<double>(input, weight, nullptr, params, nullptr, 128));
}

}  // namespace
}  // namespace tconv
