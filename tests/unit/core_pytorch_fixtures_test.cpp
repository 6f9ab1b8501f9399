// The engine against PyTorch: tests/data/pytorch_fixtures.json, written by
// tests/pytorch/make_fixtures.py (run it with a Python that has torch; the tests need only the
// JSON). Each case goes through resolve_layer with its PyTorch or ONNX padding options, then
// through the engine in double and in float.
//
// Tolerances, per output cell, relative to A = sum of |input * weight| over the cell's terms
// plus |bias| (computed by running the engine on absolute values):
//   double: 1e-12 * A   (inputs are exact float32 values; only the summation order differs)
//   float:  1e-5 * A    (float32 accumulation of at most ~60 terms errs by < 60 * 2^-24 * A)
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/engine.hpp"
#include "core/layer_spec.hpp"

namespace tconv {
namespace {

using nlohmann::json;

std::vector<int64_t> ints(const json& c, const char* key) {
  return c.contains(key) ? c[key].get<std::vector<int64_t>>() : std::vector<int64_t>{};
}

Tensor<double> tensor(const json& shape, const json& values) {
  return Tensor<double>(shape.get<Shape>(), values.get<std::vector<double>>());
}

Tensor<double> absolute(Tensor<double> t) {
  for (double& v : t.data) v = std::fabs(v);
  return t;
}

json load_fixtures() {
  std::ifstream file(std::string(TCONV_TEST_DATA_DIR) + "/pytorch_fixtures.json");
  REQUIRE(file.good());
  return json::parse(file);
}

TEST_CASE("the engine agrees with PyTorch on every fixture") {
  const json fixtures = load_fixtures();
  const json& cases = fixtures["cases"];
  REQUIRE(cases.size() >= 40);
  for (const json& c : cases) {
    const std::string name = c["name"].get<std::string>();
    CAPTURE(name);
    LayerSpec spec;
    spec.dims = c["dims"].get<int>();
    spec.kernel = ints(c, "kernel_size");
    spec.stride = ints(c, "stride");
    spec.dilation = ints(c, "dilation");
    spec.padding = ints(c, "padding");
    spec.output_padding = ints(c, "output_padding");
    spec.pads = ints(c, "pads");
    spec.output_size = ints(c, "output_size");
    spec.output_shape = ints(c, "output_shape");
    if (c.contains("auto_pad")) spec.auto_pad = parse_auto_pad(c["auto_pad"].get<std::string>());
    spec.groups = c["groups"].get<int64_t>();

    Tensor<double> input = tensor(c["input_shape"], c["input"]);
    const bool unbatched = c["unbatched"].get<bool>();
    if (unbatched) input.shape.insert(input.shape.begin(), 1);  // PyTorch's (C, spatial...) = batch of one
    const Tensor<double> weight = tensor(c["weight_shape"], c["weight"]);
    const bool has_bias = !c["bias"].is_null();
    const Tensor<double> bias =
        has_bias ? Tensor<double>({static_cast<int64_t>(c["bias"].size())}, c["bias"].get<std::vector<double>>())
                 : Tensor<double>(Shape{0});
    const Shape spatial(input.shape.begin() + 2, input.shape.end());
    const ResolvedLayer layer = resolve_layer(spec, spatial);

    Shape expected_shape = c["expected_shape"].get<Shape>();
    if (unbatched) expected_shape.insert(expected_shape.begin(), 1);
    const std::vector<double> expected = c["expected"].get<std::vector<double>>();

    const Tensor<double> got =
        conv_transpose_reference<double>(input, weight, has_bias ? &bias : nullptr, layer.params);
    const Tensor<double> abs_bias = absolute(bias);
    const Tensor<double> magnitude = conv_transpose_reference<double>(absolute(input), absolute(weight),
                                                                      has_bias ? &abs_bias : nullptr, layer.params);
    const Tensor<float> bias_f = tensor_cast<float>(bias);
    const Tensor<float> got_f = conv_transpose_reference<float>(tensor_cast<float>(input), tensor_cast<float>(weight),
                                                                has_bias ? &bias_f : nullptr, layer.params);
    REQUIRE(got.shape == expected_shape);
    REQUIRE(got.data.size() == expected.size());
    int double_mismatches = 0, float_mismatches = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
      const double a = magnitude.data[i];
      if (std::fabs(got.data[i] - expected[i]) > 1e-12 * a) ++double_mismatches;
      if (std::fabs(static_cast<double>(got_f.data[i]) - expected[i]) > 1e-5 * a) ++float_mismatches;
    }
    CHECK(double_mismatches == 0);
    CHECK(float_mismatches == 0);
  }
}

TEST_CASE("output sizes and refusals agree with PyTorch over random parameters") {
  // "shapes": random 1-D/2-D/3-D parameters, some with forward(x, output_size); result null
  // where PyTorch refuses them (output_padding too large, output size < 1, output_size out of range).
  const json fixtures = load_fixtures();
  const json& shapes = fixtures["shapes"];
  REQUIRE(shapes.size() >= 400);
  int accepted = 0;
  for (const json& c : shapes) {
    CAPTURE(c.dump());
    LayerSpec spec;
    spec.dims = static_cast<int>(c["input"].size());
    spec.kernel = ints(c, "kernel_size");
    spec.stride = ints(c, "stride");
    spec.dilation = ints(c, "dilation");
    spec.padding = ints(c, "padding");
    if (c.contains("output_size")) {
      spec.output_size = ints(c, "output_size");  // PyTorch ignores output_padding then; tconv refuses both
    } else {
      spec.output_padding = ints(c, "output_padding");
    }
    const Shape input = c["input"].get<Shape>();
    if (c["result"].is_null()) {
      CHECK_THROWS_AS(output_spatial_size(resolve_layer(spec, input).params, input), InvalidParameter);
    } else {
      ++accepted;
      CHECK(output_spatial_size(resolve_layer(spec, input).params, input) == c["result"].get<Shape>());
    }
  }
  CHECK(accepted >= 100);  // the table exercises both outcomes
}

TEST_CASE("ONNX backend test test_convtranspose_pads, with the values ONNX publishes") {
  // x = 0..8 (3x3), W = ones (1, 2, 3, 3), strides 3,2, pads 1,2,1,2 -> y (1, 2, 7, 3); both
  // output channels equal. Values from onnx/backend/test/case/node/convtranspose.py.
  LayerSpec spec;
  spec.dims = 2;
  spec.kernel = {3, 3};
  spec.stride = {3, 2};
  spec.pads = {1, 2, 1, 2};
  const ResolvedLayer layer = resolve_layer(spec, {3, 3});
  CHECK(layer.convention == PaddingConvention::OnnxPads);
  Tensor<double> x({1, 1, 3, 3});
  for (size_t i = 0; i < 9; ++i) x.data[i] = static_cast<double>(i);
  Tensor<double> w({1, 2, 3, 3});
  for (double& v : w.data) v = 1;
  const Tensor<double> y = conv_transpose_reference<double>(x, w, nullptr, layer.params);
  CHECK(y.shape == Shape{1, 2, 7, 3});
  const std::vector<double> channel{1, 1, 3, 1, 1, 3, 7, 4, 9, 7, 4, 9, 7, 4, 9, 13, 7, 15, 13, 7, 15};
  std::vector<double> expected = channel;
  expected.insert(expected.end(), channel.begin(), channel.end());
  CHECK(y.data == expected);
}

TEST_CASE("ONNX auto_pad SAME: the total padding splits with the odd cell at the end (upper) or begin (lower)") {
  // in 3, k 4, s 2: full extent (3-1)*2 + 4 = 8, target in*stride = 6 -> total 2 -> 1 + 1;
  // k 3: full 7, total 1 -> SAME_UPPER 0 + 1, SAME_LOWER 1 + 0.
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {4};
  spec.stride = {2};
  spec.auto_pad = AutoPad::SameUpper;
  AxisParams axis = resolve_layer(spec, {3}).params.axes[0];
  CHECK(axis.pad_begin == 1);
  CHECK(axis.pad_end == 1);
  spec.kernel = {3};
  axis = resolve_layer(spec, {3}).params.axes[0];
  CHECK(axis.pad_begin == 0);
  CHECK(axis.pad_end == 1);
  spec.auto_pad = AutoPad::SameLower;
  axis = resolve_layer(spec, {3}).params.axes[0];
  CHECK(axis.pad_begin == 1);
  CHECK(axis.pad_end == 0);
  // output_shape 8 > full extent 7: total -1 -> nothing cropped, one zero cell at the end, as
  // ONNX Runtime does (onnxruntime_fixtures.json, same_upper_output_shape_above_full); ONNX's
  // reference implementation would put it at the start for SAME_UPPER.
  spec.auto_pad = AutoPad::SameUpper;
  spec.output_shape = {8};
  ResolvedLayer layer = resolve_layer(spec, {3});
  CHECK(layer.params.axes[0].pad_begin == 0);
  CHECK(layer.params.axes[0].pad_end == -1);
  REQUIRE(layer.notes.size() == 1);
  CHECK(layer.notes[0].kind == "runtime-disagreement");
  // SAME_LOWER puts it at the end in both: no note.
  spec.auto_pad = AutoPad::SameLower;
  layer = resolve_layer(spec, {3});
  CHECK(layer.params.axes[0].pad_begin == 0);
  CHECK(layer.params.axes[0].pad_end == -1);
  CHECK(layer.notes.empty());
  // output_shape 9 is more than stride-1 = 1 above the full extent: ONNX Runtime refuses it
  // (output_shape_above_full in the ONNX Runtime fixtures).
  spec.output_shape = {9};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {3}),
                       "output_shape 9 is too large: ONNX Runtime accepts at most (in-1)*stride + dilation*(kernel-1) "
                       "+ stride = 8 here (the matching Conv must map it back to 3)",
                       InvalidParameter);
}

}  // namespace
}  // namespace tconv
