// `compute --layout tf`: TensorFlow's arrays as they are. The TensorFlow.js fixtures
// (tests/data/tf_fixtures.json, stored in tconv's layouts) are put back into TensorFlow's
// layouts here with index arithmetic of their own (not tf_layout.cpp's odometer), run through
// the command line with --layout tf and --tf-padding, and the channels-last output is compared
// with TensorFlow.js' values.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/tf_layout.hpp"
#include "unit/cli_test_support.hpp"
#include "unit/fixture_support.hpp"

namespace tconv {
namespace {

using Json = nlohmann::json;

// Flat row-major values of `shape` as nested JSON arrays.
Json nested(const std::vector<double>& flat, const Shape& shape, size_t axis = 0, size_t offset = 0) {
  if (axis == shape.size()) return flat[offset];
  size_t inner = 1;
  for (size_t a = axis + 1; a < shape.size(); ++a) inner *= static_cast<size_t>(shape[a]);
  Json list = Json::array();
  for (int64_t i = 0; i < shape[axis]; ++i) list.push_back(nested(flat, shape, axis + 1, offset + i * inner));
  return list;
}

std::vector<double> flatten(const Json& value) {
  if (!value.is_array()) return {value.get<double>()};
  std::vector<double> flat;
  for (const Json& item : value) {
    const std::vector<double> part = flatten(item);
    flat.insert(flat.end(), part.begin(), part.end());
  }
  return flat;
}

// (N, C, H, W) -> (N, H, W, C): element [n][h][w][c] = source[((n*C + c)*H + h)*W + w].
std::vector<double> nchw_to_nhwc(const std::vector<double>& v, const Shape& s) {
  const int64_t N = s[0], C = s[1], H = s[2], W = s[3];
  std::vector<double> out;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t w = 0; w < W; ++w)
        for (int64_t c = 0; c < C; ++c) out.push_back(v[static_cast<size_t>(((n * C + c) * H + h) * W + w)]);
  return out;
}

// (Cin, Cout, kH, kW) -> (kH, kW, Cout, Cin).
std::vector<double> pytorch_to_tf_filter(const std::vector<double>& v, const Shape& s) {
  const int64_t I = s[0], O = s[1], KH = s[2], KW = s[3];
  std::vector<double> out;
  for (int64_t y = 0; y < KH; ++y)
    for (int64_t x = 0; x < KW; ++x)
      for (int64_t o = 0; o < O; ++o)
        for (int64_t i = 0; i < I; ++i) out.push_back(v[static_cast<size_t>(((i * O + o) * KH + y) * KW + x)]);
  return out;
}

std::string pair(const Json& values, const char* separator) {
  return std::to_string(values[0].get<int64_t>()) + separator + std::to_string(values[1].get<int64_t>());
}

TEST_CASE("compute --layout tf reproduces TensorFlow.js from its own layouts") {
  const Json fixtures = fixtures::load("tf_fixtures.json");
  int checked = 0;
  double largest = 0;
  for (const Json& c : fixtures["cases"]) {
    if (c["source"] != "tf.conv2dTranspose" || c["dims"] != 2 || !c["tf"]["padding"].is_string()) continue;
    CAPTURE(c["name"].get<std::string>());
    const Shape input_shape = c["input_shape"].get<Shape>();
    const Shape weight_shape = c["weight_shape"].get<Shape>();
    const Shape expected_shape = c["expected_shape"].get<Shape>();
    const Shape nhwc{input_shape[0], input_shape[2], input_shape[3], input_shape[1]};
    const Shape tf_filter{weight_shape[2], weight_shape[3], weight_shape[1], weight_shape[0]};
    std::vector<std::string> args{
        "compute",
        "--input",
        nested(nchw_to_nhwc(c["input"].get<std::vector<double>>(), input_shape), nhwc).dump(),
        "--weight",
        nested(pytorch_to_tf_filter(c["weight"].get<std::vector<double>>(), weight_shape), tf_filter).dump(),
        "--layout",
        "tf",
        "-s",
        pair(c["stride"], ","),
        "-d",
        pair(c["dilation"], ","),
        "--tf-padding",
        c["tf"]["padding"].get<std::string>(),
        "--output-shape",
        pair(c["tf"]["output_shape"], "x"),
        "--dtype",
        "float64",
        "--format",
        "json"};
    if (!c["bias"].is_null()) {
      args.push_back("--bias");
      args.push_back(c["bias"].dump());
    }
    const testing::CliRun r = testing::run_tconv(args);
    REQUIRE(r.status == 0);
    const Json result = Json::parse(r.out);
    CHECK(result["shape"] ==
          Json({expected_shape[0], expected_shape[2], expected_shape[3], expected_shape[1]}));  // NHWC
    const std::vector<double> got = flatten(result["output"]);
    const std::vector<double> expected = nchw_to_nhwc(c["expected"].get<std::vector<double>>(), expected_shape);
    REQUIRE(got.size() == expected.size());
    for (size_t i = 0; i < got.size(); ++i) largest = std::max(largest, std::fabs(got[i] - expected[i]));
    ++checked;
  }
  MESSAGE("--layout tf: " << checked << " TensorFlow.js cases, largest difference " << largest);
  CHECK(checked == 78);  // 2-D tf.conv2dTranspose cases with padding same or valid
  // TF.js computes in float32: its results round; tconv's float64 does not.
  CHECK(largest < 1e-5);
}

TEST_CASE("--layout tf: a channels-last input of one image, text output per channel, and the refusals") {
  // (H, W, C) = (1, 2, 2): channel 0 is [1, 2], channel 1 is [10, 20]; filter (kH, kW, Cout,
  // Cin) = (1, 1, 1, 2) with weights 1 and 1: the output (1x2, one channel) is [11, 22].
  const testing::CliRun r = testing::run_tconv(
      {"compute", "--input", "[[[1,10],[2,20]]]", "--weight", "[[[[1,1]]]]", "--layout", "tf", "--format", "json"});
  REQUIRE(r.status == 0);
  CHECK(Json::parse(r.out)["output"] == Json::parse("[[[11],[22]]]"));
  CHECK(testing::run_tconv({"compute", "--input", "[[[1,10],[2,20]]]", "--weight", "[[[[1,1]]]]", "--layout", "tf"})
            .out == "output 1x1x2 (float32)\nchannel 0:\n11 22\n");  // text: one plane per channel
  const testing::CliRun bad =
      testing::run_tconv({"compute", "--input", "[[1]]", "--weight", "[[1]]", "--layout", "tensorflow"});
  CHECK(bad.status == 2);
  CHECK(bad.err == "tconv: error: --layout must be pytorch or tf, got 'tensorflow'\n");
  CHECK(testing::run_tconv({"compute", "--example", "1", "--layout", "tf"}).status == 2);
  CHECK(testing::run_tconv({"compute", "--input", "[[[1,1]]]", "--weight", "ones", "-k", "1", "-g", "2",
                            "--out-channels", "2", "--layout", "tf"})
            .status == 2);
}

TEST_CASE("permute_axes moves axes, values unchanged") {
  // (2, 3) -> (3, 2): the transpose.
  const Tensor<double> m(Shape{2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(permute_axes(TensorView<double>(m), {1, 0}).data == std::vector<double>{1, 4, 2, 5, 3, 6});
  // (1, 2, 2, 2) NCHW -> NHWC by hand: c0 = [[1,2],[3,4]], c1 = [[5,6],[7,8]].
  const Tensor<double> t(Shape{1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  const Tensor<double> last = output_to_channels_last(t, 2);
  CHECK(last.shape == Shape{1, 2, 2, 2});
  CHECK(last.data == std::vector<double>{1, 5, 2, 6, 3, 7, 4, 8});
}

}  // namespace
}  // namespace tconv
