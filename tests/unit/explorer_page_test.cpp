// The explorer page's C++ side (explorer/explorer_page.hpp, explorer_theme.hpp): the layers it
// accepts, the theme it carries, the data it embeds (the file is
// written by cli/frame_files.hpp). The page's behaviour
// in a browser is tests/browser's.
#include "explorer/explorer_page.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "explorer/explorer_theme.hpp"

namespace tconv {
namespace {

ConvParams params_2d(int64_t kernel, int64_t stride, int64_t pad_begin, int64_t pad_end) {
  ConvParams params;
  params.axes.assign(2, AxisParams{kernel, stride, 1, pad_begin, pad_end, 0});
  return params;
}

// -k 3 -s 2 -p padding, as the CLI gives it.
LayerSpec pytorch_spec(int64_t padding) {
  LayerSpec spec;
  spec.kernel = {3, 3};
  spec.stride = {2, 2};
  spec.padding = {padding, padding};
  return spec;
}

Tensor<double> ones(Shape shape) {
  Tensor<double> tensor(std::move(shape));
  for (double& v : tensor.data) v = 1;
  return tensor;
}

TEST_CASE("explorer_theme_css: every colour of render/theme.hpp, with its text colour on fills") {
  const std::string css = explorer_theme_css();
  CHECK(css.find("--output: #4671fb;") != std::string::npos);         // kOutput 0x4671FB
  CHECK(css.find("--output-text: #ffffff;") != std::string::npos);    // dark: 0.46 < 0.6
  CHECK(css.find("--cropped: #f6d9be;") != std::string::npos);        // kCropped 0xF6D9BE
  CHECK(css.find("--cropped-text: #1d1f26;") != std::string::npos);   // light: ink 0x1D1F26
  CHECK(css.find("--input-current: #3f806f;") != std::string::npos);  // kInputCurrent
  CHECK(css.find("--period: #e8590c;") != std::string::npos);         // kPeriod
}

TEST_CASE("explorer_heat_json: theme::heat per (count, max) as rrggbb plus the text flag") {
  // max 1: count 0 is white (ink on it), count 1 the deep end 0x1C3596 (white on it:
  // (0.3*28 + 0.59*53 + 0.11*150) / 255 = 0.22).
  CHECK(explorer_heat_json(1) == "[\"ffffff01c35961\"]");
  const std::string two = explorer_heat_json(2);
  CHECK(two.rfind("[\"ffffff01c35961\",\"ffffff0", 0) == 0);
  CHECK(two.size() == 2 + 16 + 1 + 23);  // [ "14 chars" , "21 chars" ]
}

TEST_CASE("explorer_page: one self-contained page with the layer's data, safe inside <script>") {
  const ExplorerLayer layer = explorer_layer(ones({1, 1, 2, 2}), ones({1, 1, 3, 3}), nullptr, pytorch_spec(1),
                                             params_2d(3, 2, 1, 1), "a </script><b>title", "gather");
  const std::string page = explorer_page(layer);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("\"inputSize\":[2,2]") != std::string::npos);
  CHECK(page.find("\"stride\":[2,2]") != std::string::npos);
  CHECK(page.find("\"padding\":[1,1]") != std::string::npos);  // as given: -p 1
  CHECK(page.find("\"pads\":null") != std::string::npos);      // not given
  CHECK(page.find("\"view\":\"gather\"") != std::string::npos);
  CHECK(page.find("</script><b>") == std::string::npos);  // written "<\/script>" in the JSON
  CHECK(page.find("a <\\/script><b>title") != std::string::npos);
  CHECK(page.find("--output: #4671fb;") != std::string::npos);
  CHECK(page.find("TconvEngine") != std::string::npos);  // engine.js is inside
  CHECK(page.find("/*TCONV_") == std::string::npos);     // every marker filled
  CHECK(page.find(" src=") == std::string::npos);
}

TEST_CASE("explorer_page: non-finite values keep which one they are (issue 22, item 11)") {
  // nlohmann's own dump writes null for all three: the page could not tell them from 0.
  Tensor<double> input({1, 1, 2, 2}, {1, std::numeric_limits<double>::quiet_NaN(), HUGE_VAL, -HUGE_VAL});
  const Tensor<double> bias({1}, {-HUGE_VAL});
  const std::string page = explorer_page(
      explorer_layer(input, ones({1, 1, 3, 3}), &bias, pytorch_spec(1), params_2d(3, 2, 1, 1), "t", "scatter"));
  CHECK(page.find("\"input\":[1.0,\"NaN\",\"Infinity\",\"-Infinity\"]") != std::string::npos);
  CHECK(page.find("\"bias\":[\"-Infinity\"]") != std::string::npos);
  CHECK(page.find(",null") == std::string::npos);  // no null in any list
  CHECK(page.find("[null") == std::string::npos);
}

TEST_CASE("explorer_layer: 1-D or 2-D, any batch, channels and groups, any padding convention") {
  CHECK_NOTHROW(explorer_layer(ones({1, 1, 2, 2}), ones({1, 1, 3, 3}), nullptr, pytorch_spec(1), params_2d(3, 2, 1, 1),
                               "t", "scatter"));
  // ONNX's pads 0,0,1,1 (begins, then ends) travel as given; the page resolves them itself.
  LayerSpec onnx;
  onnx.kernel = {3, 3};
  onnx.stride = {2, 2};
  onnx.pads = {0, 0, 1, 1};
  const std::string page = explorer_page(
      explorer_layer(ones({1, 1, 2, 2}), ones({1, 1, 3, 3}), nullptr, onnx, params_2d(3, 2, 0, 1), "t", "scatter"));
  CHECK(page.find("\"pads\":[0,0,1,1]") != std::string::npos);
  CHECK(page.find("\"padding\":null") != std::string::npos);
  CHECK(page.find("\"autoPad\":\"notset\"") != std::string::npos);
  CHECK(page.find("\"tfPadding\":\"none\"") != std::string::npos);
  ConvParams three_d;
  three_d.axes.assign(3, AxisParams{2, 1, 1, 0, 0, 0});
  CHECK_THROWS_WITH_AS(
      explorer_layer(ones({1, 1, 2, 2, 2}), ones({1, 1, 2, 2, 2}), nullptr, LayerSpec{}, three_d, "t", "scatter"),
      "--html explores 1-D and 2-D layers, got 3-D", InvalidParameter);
  const Tensor<double> bias({1}, {0.5});
  const ExplorerLayer with_bias = explorer_layer(ones({1, 1, 2, 2}), ones({1, 1, 3, 3}), &bias, pytorch_spec(0),
                                                 params_2d(3, 1, 0, 0), "t", "scatter");
  REQUIRE(with_bias.bias.has_value());
  CHECK(*with_bias.bias == std::vector<double>{0.5});
}

TEST_CASE("explorer_layer: a batched, grouped layer and its first slice reach the page whole") {
  // Batch 2, Cin 4, Cout 4 in 2 groups: weight (4, 2, 2, 2), bias 4 values.
  ConvParams params = params_2d(2, 2, 1, 1);
  params.groups = 2;
  const Tensor<double> bias({4}, {0.5, -1, 0, 2});
  const ExplorerLayer layer =
      explorer_layer(ones({2, 4, 3, 3}), ones({4, 2, 2, 2}), &bias, LayerSpec{}, params, "t", "scatter", 1, 3);
  CHECK(layer.input.size() == 72);
  CHECK(layer.weight.size() == 32);
  const std::string page = explorer_page(layer);
  CHECK(page.find("\"inputShape\":[2,4,3,3]") != std::string::npos);
  CHECK(page.find("\"inputSize\":[3,3]") != std::string::npos);
  CHECK(page.find("\"weightShape\":[4,2,2,2]") != std::string::npos);
  CHECK(page.find("\"groups\":2") != std::string::npos);
  CHECK(page.find("\"bias\":[0.5,-1.0,0.0,2.0]") != std::string::npos);
  CHECK(page.find("\"batchIndex\":1") != std::string::npos);
  CHECK(page.find("\"outChannel\":3") != std::string::npos);
  // A weight whose Cin is not the input's, a slice outside the layer: refused, never a page.
  CHECK_THROWS_AS(explorer_layer(ones({1, 4, 3, 3}), ones({2, 2, 2, 2}), nullptr, LayerSpec{}, params, "t", "scatter"),
                  InvalidParameter);
  CHECK_THROWS_WITH_AS(
      explorer_layer(ones({2, 4, 3, 3}), ones({4, 2, 2, 2}), nullptr, LayerSpec{}, params, "t", "scatter", 0, 4),
      "--html: batch item 0 and output channel 4 are not in the layer's 2 and 4", InvalidParameter);
}

}  // namespace
}  // namespace tconv
