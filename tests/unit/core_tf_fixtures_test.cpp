// The TensorFlow/Keras padding convention against TensorFlow.js 4.22:
// tests/data/tf_fixtures.json, written by tests/tf/make_fixtures.mjs (npm @tensorflow/tfjs; the
// tests need only the JSON). "size_rules" holds, per layer, the output_shape range TensorFlow
// accepts (its own criterion: conv2d maps the size back to the input); "cases" hold TF's values
// converted to tconv's layouts; "keras_refused" the Keras lengths TensorFlow refuses.
#include <doctest/doctest.h>

#include "core/layer_spec.hpp"
#include "fixture_support.hpp"

namespace tconv {
namespace {

using nlohmann::json;

TEST_CASE("tf output_shape: tconv accepts exactly the sizes TensorFlow accepts") {
  const json fixtures = fixtures::load("tf_fixtures.json");
  REQUIRE(fixtures["size_rules"].size() >= 288);
  for (const json& rule : fixtures["size_rules"]) {
    CAPTURE(rule.dump());
    const int64_t n = rule["n"], k = rule["k"], s = rule["s"];
    const int64_t lo = rule["allowed"][0], hi = rule["allowed"][1];
    LayerSpec spec;
    spec.dims = 1;
    spec.kernel = {k};
    spec.stride = {s};
    spec.tf_padding = parse_tf_padding(rule["padding"].get<std::string>());
    for (int64_t size = 1; size <= n * s + k + s; ++size) {
      CAPTURE(size);
      spec.output_shape = {size};
      if (size >= lo && size <= hi) {
        const ResolvedLayer layer = resolve_layer(spec, {n});
        CHECK(layer.params.axes[0].output_size(n) == size);
        CHECK(layer.convention == PaddingConvention::TfOutputShape);
      } else {
        CHECK_THROWS_AS(resolve_layer(spec, {n}), InvalidParameter);
      }
    }
  }
}

TEST_CASE("the engine reproduces every TensorFlow.js case: tf padding, explicit padding, Keras") {
  const json fixtures = fixtures::load("tf_fixtures.json");
  REQUIRE(fixtures["cases"].size() >= 140);
  double largest = 0;
  int keras = 0, explicit_padding = 0, dilated = 0;
  for (const json& c : fixtures["cases"]) {
    const std::string name = c["name"].get<std::string>();
    CAPTURE(name);
    LayerSpec spec;
    spec.dims = c["dims"].get<int>();
    spec.kernel = fixtures::ints(c, "kernel");
    spec.stride = fixtures::ints(c, "stride");
    spec.dilation = fixtures::ints(c, "dilation");
    const Shape spatial(c["input_shape"].begin() + 2, c["input_shape"].end());
    if (c.contains("keras")) {
      ++keras;
      spec.tf_padding = parse_tf_padding(c["keras"]["padding"].get<std::string>());
      spec.output_padding = fixtures::ints(c["keras"], "output_padding");
    } else if (c["tf"]["padding"].is_array()) {
      // tf.nn.conv2d_transpose's explicit [[t, b], ...] with output_shape O is ONNX/PyTorch's
      // explicit pads with output_padding O - ((n-1)*s + k - t - b) (< s): cells at the end.
      ++explicit_padding;
      const size_t dims = spatial.size();
      spec.pads.resize(2 * dims);
      for (size_t a = 0; a < dims; ++a) {
        const int64_t t = c["tf"]["padding"][a][0], b = c["tf"]["padding"][a][1];
        spec.pads[a] = t;
        spec.pads[a + dims] = b;
        const int64_t out = c["tf"]["output_shape"][a];
        spec.output_padding.push_back(out - ((spatial[a] - 1) * spec.stride[a] + spec.kernel[a] - t - b));
      }
    } else {
      spec.tf_padding = parse_tf_padding(c["tf"]["padding"].get<std::string>());
      spec.output_shape = fixtures::ints(c["tf"], "output_shape");
    }
    dilated += c.contains("dilation_emulated") ? 1 : 0;
    const ResolvedLayer layer = resolve_layer(spec, spatial);
    const fixtures::Comparison result = fixtures::compare_with_engine(c, layer.params);
    CHECK(result.same_shape);
    CHECK(result.mismatches == 0);
    largest = std::max(largest, result.largest);
  }
  CHECK(keras >= 20);
  CHECK(explicit_padding >= 6);
  CHECK(dilated >= 6);
  CHECK(largest < 1e-5);
  MESSAGE("TensorFlow.js cases: " << fixtures["cases"].size() << ", largest difference " << largest);
}

TEST_CASE("Keras lengths TensorFlow refuses are refused, with the reason") {
  const json fixtures = fixtures::load("tf_fixtures.json");
  REQUIRE(fixtures["keras_refused"].size() == 4);
  for (const json& c : fixtures["keras_refused"]) {
    CAPTURE(c.dump());
    LayerSpec spec;
    spec.dims = 1;
    spec.kernel = {c["k"].get<int64_t>()};
    spec.stride = {c["s"].get<int64_t>()};
    spec.tf_padding = parse_tf_padding(c["padding"].get<std::string>());
    spec.output_padding = {c["output_padding"].get<int64_t>()};
    CHECK_THROWS_AS(resolve_layer(spec, {c["n"].get<int64_t>()}), InvalidParameter);
  }
  // n=3, k=4, s=2, same, output_padding 0: (3-1)*2 + 4%2 + 0 = 4 < (3-1)*2 + 1 = 5.
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {4};
  spec.stride = {2};
  spec.tf_padding = TfPadding::Same;
  spec.output_padding = {0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {3}),
                       "Keras padding same with output_padding 0 gives (in-1)*stride + K' % 2 + output_padding = 4, "
                       "which TensorFlow refuses: TensorFlow accepts (in-1)*stride+1 .. in*stride = 5..6 "
                       "(K' = dilation*(kernel-1)+1)",
                       InvalidParameter);
}

TEST_CASE("tf padding: hand-worked resolutions and the conflicts it refuses") {
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {3};
  spec.stride = {2};
  spec.tf_padding = TfPadding::Same;
  // Keras default, same: n*s = 10 on n = 5; full0 = 4*2 + 3 = 11, T = 1 -> begin 0, end 1.
  ResolvedLayer layer = resolve_layer(spec, {5});
  CHECK(layer.convention == PaddingConvention::Keras);
  CHECK(layer.params.axes[0].pad_begin == 0);
  CHECK(layer.params.axes[0].pad_end == 1);
  CHECK(describe_convention(layer.convention, AutoPad::NotSet, spec.tf_padding) == "keras padding same");
  // Kernel below stride, same, n=3, k=2, s=3: full0 = 8 < n*s = 9 -> nothing cropped, one
  // zero cell at the end (TF puts it at the end, unlike ONNX's reference).
  spec.kernel = {2};
  spec.stride = {3};
  layer = resolve_layer(spec, {3});
  CHECK(layer.params.axes[0].pad_begin == 0);
  CHECK(layer.params.axes[0].pad_end == -1);
  // Keras valid default: n*s + max(k-s, 0) = 9 for k=2 < s=3; full0 = 8 -> one zero at the end.
  spec.tf_padding = TfPadding::Valid;
  CHECK(resolve_layer(spec, {3}).params.axes[0].output_size(3) == 9);
  // Keras output_padding with dilation: K' = 2*(3-1)+1 = 5, same: (4-1)*2 + 5%2 + 1 = 8,
  // full0 = 11, T = 3 -> begin 1, end 2.
  spec.kernel = {3};
  spec.stride = {2};
  spec.dilation = {2};
  spec.tf_padding = TfPadding::Same;
  spec.output_padding = {1};
  layer = resolve_layer(spec, {4});
  CHECK(layer.params.axes[0].pad_begin == 1);
  CHECK(layer.params.axes[0].pad_end == 2);
  CHECK(layer.params.axes[0].output_padding == 0);
  // Keras requires output_padding < stride, even below the dilation.
  spec.output_padding = {2};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {4}),
                       "output_padding must be smaller than stride for Keras, got output_padding 2, stride 2",
                       InvalidParameter);
  spec.output_padding.clear();
  spec.pads = {0, 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {4}),
                       "tf_padding and pads cannot be used together: they are two conventions for the same padding",
                       UsageError);
  spec.pads.clear();
  spec.output_shape = {8};
  spec.output_padding = {1};
  CHECK_THROWS_AS(resolve_layer(spec, {4}), UsageError);
  CHECK(parse_tf_padding("SAME") == TfPadding::Same);
  CHECK_THROWS_WITH_AS(parse_tf_padding("full"), "--tf-padding must be one of same, valid; got 'full'", UsageError);
}

}  // namespace
}  // namespace tconv
