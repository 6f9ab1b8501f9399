// The resolver and the engine against ONNX Runtime 1.30: tests/data/onnxruntime_fixtures.json,
// written by tests/onnxruntime/make_fixtures.mjs (npm onnxruntime-node; the tests need only the
// JSON). Every case goes from its ONNX attributes through resolve_layer to the engine; where
// ONNX Runtime refused the model, tconv must refuse the layer too. The named cases include the
// two corners where ONNX Runtime and ONNX's reference implementation disagree (layer_spec.hpp),
// which must carry a runtime-disagreement note; the ordinary ones must not.
#include <doctest/doctest.h>

#include <set>

#include "core/layer_spec.hpp"
#include "fixture_support.hpp"

namespace tconv {
namespace {

using nlohmann::json;

LayerSpec onnx_spec(const json& c) {
  const json& a = c["attributes"];
  LayerSpec spec;
  spec.dims = c["dims"].get<int>();
  spec.kernel = a.contains("kernel_shape") ? fixtures::ints(a, "kernel_shape")
                                           : Shape(c["weight_shape"].begin() + 2, c["weight_shape"].end());
  spec.stride = fixtures::ints(a, "strides");
  spec.dilation = fixtures::ints(a, "dilations");
  spec.pads = fixtures::ints(a, "pads");
  spec.output_padding = fixtures::ints(a, "output_padding");
  spec.output_shape = fixtures::ints(a, "output_shape");
  if (a.contains("auto_pad")) spec.auto_pad = parse_auto_pad(a["auto_pad"].get<std::string>());
  // ONNX's default pads are zeros; stating them keeps the layer in ONNX's convention.
  if (spec.pads.empty() && spec.auto_pad == AutoPad::NotSet) spec.pads.assign(2 * spec.kernel.size(), 0);
  spec.groups = a.value("group", int64_t{1});
  return spec;
}

// Runs one case; returns whether tconv noted a runtime disagreement.
bool reproduce(const json& c, double& largest) {
  const std::string name = c["name"].get<std::string>();
  CAPTURE(name);
  CAPTURE(c["attributes"].dump());
  CAPTURE(c["input_shape"].dump());
  CAPTURE(c["weight_shape"].dump());
  const LayerSpec spec = onnx_spec(c);
  const Shape spatial(c["input_shape"].begin() + 2, c["input_shape"].end());
  if (c.contains("error")) {
    CAPTURE(c["error"].get<std::string>());
    CHECK_THROWS_AS(resolve_layer(spec, spatial), InvalidParameter);
    return false;
  }
  const ResolvedLayer layer = resolve_layer(spec, spatial);
  const fixtures::Comparison result = fixtures::compare_with_engine(c, layer.params);
  CHECK(result.same_shape);
  CHECK(result.mismatches == 0);
  largest = std::max(largest, result.largest);
  for (const LayerNote& note : layer.notes) CHECK(note.kind == "runtime-disagreement");
  return !layer.notes.empty();
}

TEST_CASE("the resolver and the engine agree with ONNX Runtime on every named case, corners flagged") {
  const json fixtures = fixtures::load("onnxruntime_fixtures.json");
  REQUIRE(fixtures["cases"].size() >= 50);
  // Where ONNX's reference implementation gives other values or sizes than ONNX Runtime.
  const std::set<std::string> disagreements{"valid_with_output_shape_below_full", "same_upper_output_shape_above_full",
                                            "same_upper_output_shape_10", "output_shape_above_full_with_pads"};
  double largest = 0;
  int flagged = 0, refused = 0;
  for (const json& c : fixtures["cases"]) {
    const std::string name = c["name"].get<std::string>();
    CAPTURE(name);
    const bool noted = reproduce(c, largest);
    if (c.contains("error")) {
      ++refused;
      continue;
    }
    const bool corner = name.rfind("corner_", 0) == 0 || disagreements.count(name) > 0;
    CHECK(noted == corner);
    flagged += noted ? 1 : 0;
  }
  CHECK(flagged == 17);
  CHECK(refused == 3);
  CHECK(largest < 1e-5);
  MESSAGE("ONNX Runtime named cases: " << fixtures["cases"].size() << ", largest difference " << largest);
}

TEST_CASE("the resolver and the engine agree with ONNX Runtime on the 1-D sweep, refusals included") {
  const json fixtures = fixtures::load("onnxruntime_fixtures.json");
  REQUIRE(fixtures["sweep"].size() >= 800);
  double largest = 0;
  int refused = 0;
  for (const json& c : fixtures["sweep"]) {
    reproduce(c, largest);
    refused += c.contains("error") ? 1 : 0;
  }
  CHECK(refused >= 100);  // both outcomes exercised
  CHECK(largest == 0);    // integer data: exact
}

TEST_CASE("the issue's example: SAME_UPPER, stride 2, kernel 3, output_shape 10x10 on 5x5 crops one cell at the end") {
  // full = (5-1)*2 + 3 = 11, total 1, SAME_UPPER: begin floor(1/2) = 0, end 1 (ONNX Runtime,
  // the text and the reference agree here: no note).
  LayerSpec spec;
  spec.kernel = {3, 3};
  spec.stride = {2, 2};
  spec.auto_pad = AutoPad::SameUpper;
  spec.output_shape = {10, 10};
  const ResolvedLayer layer = resolve_layer(spec, {5, 5});
  for (const AxisParams& axis : layer.params.axes) {
    CHECK(axis.pad_begin == 0);
    CHECK(axis.pad_end == 1);
  }
  CHECK(layer.notes.empty());
}

TEST_CASE("the two corners name what ONNX Runtime and the reference implementation give") {
  // Corner 2: n=3, k=2, s=3, SAME_UPPER: full (3-1)*3 + 2 = 8 < in*stride = 9.
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {2};
  spec.stride = {3};
  spec.auto_pad = AutoPad::SameUpper;
  ResolvedLayer layer = resolve_layer(spec, {3});
  CHECK(layer.params.axes[0].output_size(3) == 8);
  REQUIRE(layer.notes.size() == 1);
  CHECK(layer.notes[0].message ==
        "ONNX runtimes disagree on this layer: ONNX Runtime (followed here) gives 8 cells and crops nothing; ONNX's "
        "reference implementation gives 9 cells and adds 1 zero cell at the start; ONNX's text asks for in*stride = 9 "
        "cells, which needs a negative padding it does not place");
  // Corner 1: n=4, k=3, s=2, output_shape 8 < full 9, NOTSET: total 1, the bigger half first.
  spec.kernel = {3};
  spec.stride = {2};
  spec.auto_pad = AutoPad::NotSet;
  spec.output_shape = {8};
  layer = resolve_layer(spec, {4});
  CHECK(layer.params.axes[0].pad_begin == 1);
  CHECK(layer.params.axes[0].pad_end == 0);
  REQUIRE(layer.notes.size() == 1);
  CHECK(layer.notes[0].message ==
        "ONNX runtimes disagree on this layer: ONNX Runtime (followed here) gives 8 cells and crops 1 at the start; "
        "ONNX's reference implementation gives 8 cells and crops 1 at the end; ONNX's text derives the pads from "
        "output_shape, as ONNX Runtime does");
}

TEST_CASE("ONNX output_padding must be below the stride, as ONNX Runtime requires") {
  // 1d_dilation_outpad_below_dilation_only: PyTorch allows output_padding 2 < dilation 3.
  LayerSpec spec;
  spec.dims = 1;
  spec.kernel = {3};
  spec.stride = {2};
  spec.dilation = {3};
  spec.output_padding = {2};
  CHECK(resolve_layer(spec, {4}).params.axes[0].output_size(4) == 15);  // PyTorch: 3*2 + 7 + 2
  spec.pads = {0, 0};
  CHECK_THROWS_WITH_AS(resolve_layer(spec, {4}),
                       "output_padding must be smaller than stride for ONNX (ONNX Runtime refuses it even below the "
                       "dilation), got output_padding 2, stride 2",
                       InvalidParameter);
}

}  // namespace
}  // namespace tconv
