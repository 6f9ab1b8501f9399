// src/onnx against the small models of tests/data/onnx/ (written by tests/onnx/make_models.py
// with Debian's python3-torch and python3-onnx): ConvTranspose nodes, attributes, inferred
// shapes, --input-shape, and the one-line errors.
#include "onnx/onnx_model.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/layer_spec.hpp"

namespace tconv {
namespace {

std::string model(const char* name) { return std::string(TCONV_TEST_DATA_DIR) + "/onnx/" + name; }

// The module reads bytes; the command line reads the file (io/file_bytes.hpp).
onnx_model::ModelLayers read_conv_transpose_layers(const std::string& path,
                                                   const std::vector<onnx_model::InputShape>& shapes = {}) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return onnx_model::read_conv_transpose_layers(bytes, path, shapes, int64_t{1} << 30);
}

TEST_CASE("a decoder exported by torch.onnx.export: two ConvTranspose nodes, shapes through a symbolic batch") {
  const onnx_model::ModelLayers layers = read_conv_transpose_layers(model("decoder.onnx"));
  CHECK(layers.opset == 13);
  REQUIRE(layers.nodes.size() == 2);
  const onnx_model::ConvTransposeNode& first = layers.nodes[0];
  CHECK(onnx_model::shape_text(first.input_shape) == "batchx8x7x7");
  CHECK(onnx_model::shape_text(first.weight_shape) == "8x4x4x4");
  // (7-1)*2 - 2*1 + 4 = 14
  CHECK(onnx_model::shape_text(first.inferred_output) == "batchx4x14x14");
  CHECK(first.strides == std::vector<int64_t>{2, 2});
  CHECK(first.pads == std::vector<int64_t>{1, 1, 1, 1});
  CHECK(first.group == 1);
  const onnx_model::ConvTransposeNode& second = layers.nodes[1];
  // (14-1)*2 - 2 + 3 + 1 = 28
  CHECK(onnx_model::shape_text(second.inferred_output) == "batchx1x28x28");
  CHECK(second.output_padding == std::vector<int64_t>{1, 1});
  // tconv resolves the same sizes.
  const LayerSpec spec = onnx_model::layer_spec(second);
  const Shape spatial = *onnx_model::known_spatial_size(second);
  CHECK(spatial == Shape{14, 14});
  CHECK(output_spatial_size(resolve_layer(spec, spatial).params, spatial) == Shape{28, 28});
}

TEST_CASE("auto_pad SAME_UPPER with the kernel below the stride: ONNX's inference and ONNX Runtime say 8, not 9") {
  const onnx_model::ModelLayers layers = read_conv_transpose_layers(model("auto_pad.onnx"));
  REQUIRE(layers.nodes.size() == 1);
  const onnx_model::ConvTransposeNode& node = layers.nodes[0];
  CHECK(node.name == "same_upper_k2_s3");
  CHECK(node.auto_pad == "SAME_UPPER");
  CHECK(node.kernel_shape.empty());  // from W: 2x1x2x2
  // ONNX 1.12's shape inference gives full = (3-1)*3 + 2 = 8, as ONNX Runtime does, not the
  // text's in*stride = 9.
  CHECK(onnx_model::shape_text(node.inferred_output) == "1x1x8x8");
  const LayerSpec spec = onnx_model::layer_spec(node);
  CHECK(spec.kernel == std::vector<int64_t>{2, 2});
  const ResolvedLayer layer = resolve_layer(spec, {3, 3});
  CHECK(output_spatial_size(layer.params, {3, 3}) == Shape{8, 8});
  CHECK(layer.notes.size() == 2);  // one per dimension
}

TEST_CASE("asymmetric pads and output_shape below the full size") {
  const onnx_model::ModelLayers layers = read_conv_transpose_layers(model("asymmetric_pads.onnx"));
  REQUIRE(layers.nodes.size() == 2);
  CHECK(layers.nodes[0].pads == std::vector<int64_t>{0, 1, 2, 1});
  // H: (3-1)*2 + 3 - 0 - 2 = 5; W: (4-1)*2 + 3 - 1 - 1 = 7
  CHECK(onnx_model::shape_text(layers.nodes[0].inferred_output) == "1x2x5x7");
  const onnx_model::ConvTransposeNode& second = layers.nodes[1];
  CHECK(second.output_shape == std::vector<int64_t>{8, 12});
  CHECK(onnx_model::shape_text(second.input_shape) == "1x2x5x7");
  CHECK(onnx_model::shape_text(second.inferred_output) == "1x1x8x12");
  // full 11x15, totals 3 and 3: ONNX Runtime crops 2 at the start, 1 at the end.
  const ResolvedLayer layer = resolve_layer(onnx_model::layer_spec(second), {5, 7});
  CHECK(layer.params.axes[0].pad_begin == 2);
  CHECK(layer.params.axes[1].pad_end == 1);
  CHECK(layer.notes.size() == 2);
}

TEST_CASE("symbolic spatial sizes need --input-shape") {
  onnx_model::ModelLayers layers = read_conv_transpose_layers(model("symbolic.onnx"));
  CHECK(onnx_model::shape_text(layers.nodes[0].input_shape) == "Nx3xHxW");
  CHECK_FALSE(onnx_model::known_spatial_size(layers.nodes[0]));
  layers = read_conv_transpose_layers(model("symbolic.onnx"), {onnx_model::parse_input_shape("image=2x3x5x6")});
  CHECK(*onnx_model::known_spatial_size(layers.nodes[0]) == Shape{5, 6});
  // (5-1)*2 - 2 + 3 + 1 = 10, (6-1)*2 - 2 + 3 + 1 = 12
  CHECK(onnx_model::shape_text(layers.nodes[0].inferred_output) == "2x2x10x12");
}

TEST_CASE("--input-shape sets only symbolic dimensions: a fixed one must be the declared number") {
  // decoder.onnx declares z batch x 8 x 7 x 7.
  const auto read = [](const std::vector<std::string>& texts) {
    std::vector<onnx_model::InputShape> shapes;
    for (const std::string& text : texts) shapes.push_back(onnx_model::parse_input_shape(text));
    return read_conv_transpose_layers(model("decoder.onnx"), shapes);
  };
  CHECK_THROWS_WITH_AS(read({"z=1x64x7x7"}),
                       "--input-shape z=1x64x7x7: dimension 1 (0-based) of z is fixed at 8 by the model "
                       "(batchx8x7x7), not 64; --input-shape sets only symbolic dimensions",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(read({"z=1x8x7x9"}),
                       "--input-shape z=1x8x7x9: dimension 3 (0-based) of z is fixed at 7 by the model "
                       "(batchx8x7x7), not 9; --input-shape sets only symbolic dimensions",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(read({"z=1x8x7x7", "z=2x8x7x7"}), "--input-shape gives z twice", UsageError);
  // The symbolic batch takes 5: (7-1)*2 - 2 + 4 = 14, then (14-1)*2 - 2 + 3 + 1 = 28.
  const onnx_model::ModelLayers layers = read({"z=5x8x7x7"});
  CHECK(onnx_model::shape_text(layers.nodes[0].input_shape) == "5x8x7x7");
  CHECK(onnx_model::shape_text(layers.nodes[1].inferred_output) == "5x1x28x28");
}

TEST_CASE("one-line errors: malformed, truncated, no ConvTranspose, unknown input, bad --input-shape") {
  const std::string not_onnx = model("../tf_fixtures.json");
  CHECK_THROWS_WITH_AS(
      read_conv_transpose_layers(not_onnx),
      (not_onnx + " is not an ONNX model: its protobuf does not parse (truncated, or another format)").c_str(),
      DataError);
  // The decoder cut in half.
  std::ifstream in(model("decoder.onnx"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string truncated = std::string(TCONV_TEST_BINARY_DIR) + "/truncated_decoder.onnx";
  {
    std::ofstream out(truncated, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
    REQUIRE(out.good());
  }
  CHECK_THROWS_AS(read_conv_transpose_layers(truncated), DataError);
  std::remove(truncated.c_str());
  CHECK_THROWS_WITH_AS(read_conv_transpose_layers(model("no_conv_transpose.onnx")),
                       (model("no_conv_transpose.onnx") + " has no ConvTranspose node (2 nodes: Conv, Relu)").c_str(),
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(
      read_conv_transpose_layers(model("symbolic.onnx"), {onnx_model::parse_input_shape("x=1x3x4x4")}),
      ("--input-shape names 'x', which is not an input of " + model("symbolic.onnx") + " (inputs: image Nx3xHxW)")
          .c_str(),
      InvalidParameter);
  CHECK_THROWS_WITH_AS(read_conv_transpose_layers(model("symbolic.onnx"), {onnx_model::parse_input_shape("image=3x4")}),
                       "--input-shape image=3x4 gives 2 dimensions, the model's input image has 4 (Nx3xHxW)",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(onnx_model::read_conv_transpose_layers("", "standard input", {}, 1000),
                       "standard input is empty, not an ONNX model", DataError);
  CHECK_THROWS_WITH_AS(onnx_model::parse_input_shape("image=1x0x2"),
                       "--input-shape must be NAME=1x64x7x7 (extents are positive integers separated by 'x'), got "
                       "'image=1x0x2'",
                       UsageError);
  CHECK_THROWS_AS(onnx_model::parse_input_shape("1x2x3"), UsageError);
  CHECK_THROWS_AS(onnx_model::parse_input_shape("a=1x"), UsageError);
  CHECK(onnx_model::parse_input_shape("z=1x64x7x7").dims == std::vector<int64_t>{1, 64, 7, 7});
}

}  // namespace
}  // namespace tconv
