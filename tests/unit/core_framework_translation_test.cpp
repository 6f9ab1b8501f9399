// translate_layer and check_translations: the worked example by hand, hand-checked
// recipes, and a sweep of layers in every convention whose translations must all reproduce the
// layer exactly (difference 0: kept cells sum the same terms in the same order) and be "exact"
// in the framework the layer came from.
#include <doctest/doctest.h>

#include "core/framework_translation.hpp"
#include "core/layer_spec.hpp"

namespace tconv {
namespace {

TranslationRequest request_for(const LayerSpec& spec, const Shape& input, int64_t cin = 2, int64_t cout = 2) {
  return {resolve_layer(spec, input).params, input, cin, cout};
}

double largest(const std::vector<TranslationCheck>& checks) {
  double worst = 0;
  for (const TranslationCheck& c : checks) worst = std::max(worst, c.largest_difference);
  return worst;
}

TEST_CASE("the issue's example: ONNX SAME_UPPER s2 k3 output_shape 10x10 on 5x5 is PyTorch padding 0 then a crop") {
  LayerSpec spec;
  spec.kernel = {3, 3};
  spec.stride = {2, 2};
  spec.auto_pad = AutoPad::SameUpper;
  spec.output_shape = {10, 10};
  const TranslationRequest request = request_for(spec, {5, 5}, 64, 32);
  const Translations t = translate_layer(request);
  // full = (5-1)*2 + 3 = 11, window [0, 10): PyTorch would need padding 0 and output_padding -1.
  CHECK(t.output_spatial == Shape{10, 10});
  CHECK_FALSE(t.pytorch.exact);
  CHECK(t.pytorch.padding == std::vector<int64_t>{0, 0});
  CHECK(t.pytorch.output_padding == std::vector<int64_t>{0, 0});
  REQUIRE(t.pytorch.crop);
  CHECK((*t.pytorch.crop)[0].begin == 0);
  CHECK((*t.pytorch.crop)[0].end == 1);
  CHECK(t.pytorch.code ==
        "conv = torch.nn.ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(0, 0), "
        "output_padding=(0, 0), dilation=(1, 1), groups=1); y = conv(x)[..., 0:10, 0:10]  # weight (Cin, "
        "Cout/groups, kH, kW)");
  CHECK(t.onnx.exact);
  CHECK(t.onnx.pads == std::vector<int64_t>{0, 0, 1, 1});
  // TF SAME with output_shape 10: T = 11 - 10 = 1, begin 0: the same window.
  CHECK(t.tensorflow.exact);
  CHECK(t.tensorflow.padding == "SAME");
  CHECK(t.tensorflow.code ==
        "y = tf.nn.conv2d_transpose(x, w, output_shape=[tf.shape(x)[0], 10, 10, 32], strides=[2, 2], "
        "padding=\"SAME\", dilations=[1, 1])  # x NHWC, w [kH, kW, Cout, Cin]");
  CHECK(t.keras.exact);
  CHECK(t.keras.padding == "same");
  CHECK_FALSE(t.keras.output_padding);
  const std::vector<TranslationCheck> checks = check_translations(request, t);
  REQUIRE(checks.size() == 4);
  CHECK(largest(checks) == 0);

  // The size-only answer (padding 1, output_padding 1) keeps window [1, 11): other values.
  LayerSpec wrong;
  wrong.kernel = {3, 3};
  wrong.stride = {2, 2};
  wrong.padding = {1, 1};
  wrong.output_padding = {1, 1};
  Translations shifted = t;
  shifted.pytorch.padding = {1, 1};
  shifted.pytorch.output_padding = {1, 1};
  shifted.pytorch.crop.reset();
  CHECK(check_translations(request, shifted)[0].largest_difference > 0.1);
}

TEST_CASE("ONNX Runtime's corner 1 (bigger half cropped at the start) is a PyTorch crop at the start") {
  // n=4, k=3, s=2, output_shape 8, NOTSET: full 9, window [1, 9).
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {3};
  spec.stride = {2};
  spec.pads = {0, 0};
  spec.output_shape = {8};
  const TranslationRequest request = request_for(spec, {4});
  const Translations t = translate_layer(request);
  // PyTorch: padding 1, output_padding = 9 - 9 + 1 = 1 < 2: window [1, 9) in one layer.
  CHECK(t.pytorch.exact);
  CHECK(t.pytorch.padding == std::vector<int64_t>{1});
  CHECK(t.pytorch.output_padding == std::vector<int64_t>{1});
  // TF SAME 8: T = 1, begin 0 -> no; VALID needs begin 0 -> no; 1-D has no explicit padding.
  CHECK_FALSE(t.tensorflow.exact);
  REQUIRE(t.tensorflow.crop);
  CHECK((*t.tensorflow.crop)[0].begin == 1);
  CHECK((*t.tensorflow.crop)[0].end == 0);
  CHECK(t.tensorflow.code ==
        "y = tf.nn.conv1d_transpose(x, w, output_shape=[tf.shape(x)[0], 9, 2], strides=[2], padding=\"VALID\", "
        "dilations=[1])[:, 1:9, :]  # x NWC, w [kW, Cout, Cin]");
  CHECK(t.keras.code ==
        "layer = keras.Sequential([keras.layers.Conv1DTranspose(2, (3,), strides=(2,), padding=\"valid\", "
        "output_padding=(0,), dilation_rate=(1,)), keras.layers.Cropping1D((1, 0))])  # kernel [kW, Cout, Cin], "
        "channels_last");
  CHECK(largest(check_translations(request, t)) == 0);
}

TEST_CASE("zeros before the first cell: PyTorch pads with F.pad, TF with tf.pad") {
  // ONNX explicit pads can not be negative, but a resolved layer can (old-style SAME): build it.
  ConvParams params;
  params.axes = {AxisParams{2, 3, 1, -1, 0, 0}};  // kernel 2, stride 3, begin -1: one zero at the start
  const TranslationRequest request{params, {3}, 1, 1};
  const Translations t = translate_layer(request);
  CHECK(t.output_spatial == Shape{9});
  CHECK_FALSE(t.pytorch.exact);
  CHECK_FALSE(t.onnx.exact);
  CHECK_FALSE(t.tensorflow.exact);
  CHECK_FALSE(t.keras.exact);
  CHECK(t.pytorch.code.find("y = torch.nn.functional.pad(conv(x), (1, 0))") != std::string::npos);
  CHECK(t.tensorflow.code.find("tf.pad(") == 0 + 4);
  CHECK(largest(check_translations(request, t)) == 0);
}

TEST_CASE("groups: exact in PyTorch and ONNX, a split recipe in TensorFlow and Keras") {
  LayerSpec spec;
  spec.kernel = {2, 2};
  spec.stride = {2, 2};
  spec.groups = 2;
  const TranslationRequest request = request_for(spec, {3, 3}, 4, 6);
  const Translations t = translate_layer(request);
  CHECK(t.pytorch.exact);
  CHECK(t.onnx.exact);
  CHECK_FALSE(t.tensorflow.exact);
  CHECK(t.tensorflow.split_groups);
  CHECK_FALSE(t.keras.exact);
  CHECK(largest(check_translations(request, t)) == 0);
  CHECK_THROWS_AS(translate_layer({request.params, {3, 3}, 3, 6}), InvalidParameter);
}

// One layer of the sweep, in one convention.
struct SweepLayer {
  const char* from;
  LayerSpec spec;
  Shape input;
};

TEST_CASE("every translation reproduces the layer, over a sweep of layers and conventions") {
  std::vector<SweepLayer> layers;
  for (int dims = 1; dims <= 2; ++dims) {
    for (int64_t n = 1; n <= 4; n += 3) {
      for (int64_t k = 1; k <= 4; ++k) {
        for (int64_t s = 1; s <= 3; ++s) {
          for (int64_t d = 1; d <= 2; ++d) {
            LayerSpec base;
            base.dims = dims;
            base.kernel.assign(static_cast<size_t>(dims), k);
            base.stride.assign(static_cast<size_t>(dims), s);
            base.dilation.assign(static_cast<size_t>(dims), d);
            const Shape input(static_cast<size_t>(dims), n);
            const int64_t dilated = d * (k - 1) + 1, full = (n - 1) * s + dilated;
            for (int64_t p = 0; p <= 2; ++p) {
              for (int64_t op = 0; op < std::max(s, d); ++op) {
                LayerSpec spec = base;
                spec.padding.assign(static_cast<size_t>(dims), p);
                spec.output_padding.assign(static_cast<size_t>(dims), op);
                if (full + op - 2 * p >= 1) layers.push_back({"pytorch", spec, input});
              }
            }
            for (int64_t b = 0; b <= 2; ++b) {
              for (int64_t e = 0; e <= 2; ++e) {
                LayerSpec spec = base;
                spec.pads.assign(static_cast<size_t>(dims), b);
                spec.pads.insert(spec.pads.end(), static_cast<size_t>(dims), e);
                if (full - b - e >= 1) layers.push_back({"onnx", spec, input});
              }
            }
            for (AutoPad mode : {AutoPad::SameUpper, AutoPad::SameLower, AutoPad::Valid}) {
              LayerSpec spec = base;
              spec.auto_pad = mode;
              layers.push_back({"onnx", spec, input});
              for (int64_t out = std::max<int64_t>(1, full - 3); out <= full + s - 1; ++out) {
                spec.output_shape.assign(static_cast<size_t>(dims), out);
                layers.push_back({"onnx", spec, input});
              }
            }
            for (TfPadding mode : {TfPadding::Same, TfPadding::Valid}) {
              LayerSpec spec = base;
              spec.tf_padding = mode;
              layers.push_back({"keras", spec, input});
              for (int64_t op = 0; op < s; ++op) {
                spec.output_padding.assign(static_cast<size_t>(dims), op);
                if (mode == TfPadding::Valid || dilated % 2 + op >= 1) layers.push_back({"keras", spec, input});
              }
              spec.output_padding.clear();
              const int64_t lo = mode == TfPadding::Valid ? full : (n - 1) * s + 1;
              const int64_t hi = mode == TfPadding::Valid ? full + s - 1 : n * s;
              for (int64_t out = lo; out <= hi; ++out) {
                spec.output_shape.assign(static_cast<size_t>(dims), out);
                layers.push_back({"tensorflow", spec, input});
              }
            }
          }
        }
      }
    }
  }
  // Mixed axes and groups.
  LayerSpec mixed;
  mixed.kernel = {3, 2};
  mixed.stride = {2, 3};
  mixed.dilation = {1, 2};
  mixed.pads = {0, 2, 1, 0};
  mixed.output_padding = {1, 0};
  mixed.groups = 2;
  layers.push_back({"onnx", mixed, {3, 2}});
  REQUIRE(layers.size() > 2000);

  int exact_pytorch = 0, exact_tf = 0;
  for (const SweepLayer& layer : layers) {
    const LayerSpec& spec = layer.spec;
    const std::string from_name = layer.from;
    CAPTURE(from_name);
    CAPTURE(spec.dims);
    CAPTURE(layer.input[0]);
    CAPTURE(spec.kernel[0]);
    CAPTURE(spec.stride[0]);
    CAPTURE(spec.dilation[0]);
    CAPTURE(spec.padding.empty() ? -1 : spec.padding[0]);
    CAPTURE(spec.output_padding.empty() ? -1 : spec.output_padding[0]);
    CAPTURE(spec.pads.empty() ? -1 : spec.pads[0]);
    CAPTURE(spec.pads.empty() ? -1 : spec.pads.back());
    CAPTURE(auto_pad_name(spec.auto_pad));
    CAPTURE(tf_padding_name(spec.tf_padding));
    CAPTURE(spec.output_shape.empty() ? -1 : spec.output_shape[0]);
    CAPTURE(spec.groups);
    const TranslationRequest request = request_for(spec, layer.input, 2, 2);
    const Translations t = translate_layer(request);
    const std::vector<TranslationCheck> checks = check_translations(request, t, 7);
    for (const TranslationCheck& check : checks) {
      CAPTURE(check.framework);
      CHECK(check.largest_difference == 0);
    }
    // A layer is exact in the framework it came from.
    const std::string from = layer.from;
    if (from == "pytorch") CHECK(t.pytorch.exact);
    if (from == "onnx" && spec.auto_pad == AutoPad::NotSet && spec.output_shape.empty()) CHECK(t.onnx.exact);
    if (from == "tensorflow" && spec.groups == 1) CHECK(t.tensorflow.exact);
    if (from == "keras" && spec.groups == 1) CHECK(t.keras.exact);
    // Every ONNX Runtime layer has non-negative pads and output_padding < stride: exact in ONNX.
    if (from == "onnx") CHECK(t.onnx.exact);
    exact_pytorch += t.pytorch.exact ? 1 : 0;
    exact_tf += t.tensorflow.exact ? 1 : 0;
  }
  // Both outcomes occur.
  CHECK(exact_pytorch < static_cast<int>(layers.size()));
  CHECK(exact_tf < static_cast<int>(layers.size()));
  MESSAGE("translated " << layers.size() << " layers; exact in PyTorch " << exact_pytorch << ", in TensorFlow "
                        << exact_tf);
}

}  // namespace
}  // namespace tconv
