// Helpers for the tests that reproduce committed oracle fixtures (tests/data/*.json) with the
// reference engine: loading, tensors from JSON, and the comparison with its tolerance.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/engine.hpp"

namespace tconv::fixtures {

inline nlohmann::json load(const std::string& file) {
  std::ifstream in(std::string(TCONV_TEST_DATA_DIR) + "/" + file);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

inline std::vector<int64_t> ints(const nlohmann::json& object, const char* key) {
  return object.contains(key) && !object[key].is_null() ? object[key].get<std::vector<int64_t>>()
                                                        : std::vector<int64_t>{};
}

inline Tensor<double> tensor(const nlohmann::json& shape, const nlohmann::json& values) {
  return Tensor<double>(shape.get<Shape>(), values.get<std::vector<double>>());
}

// The result of comparing the engine with an oracle's output.
struct Comparison {
  bool same_shape = false;
  int mismatches = 0;  // cells outside the tolerance
  double largest = 0;  // largest absolute difference
};

// Runs the engine in double on the case's input, weight and bias (JSON keys input_shape,
// input, weight_shape, weight, bias) and compares with `expected` (shape expected_shape).
// Integer data ("kind": "int", or no kind): every cell must be equal (the oracles' float32
// results are exact for these small integers). Random data: |difference| <= 1e-5 * A per cell,
// A = sum of |input * weight| over the cell's terms plus |bias| (the engine on absolute
// values): the oracles accumulate in float32, at most ~60 terms here, each rounding by 2^-24.
inline Comparison compare_with_engine(const nlohmann::json& c, const ConvParams& params) {
  const Tensor<double> input = tensor(c["input_shape"], c["input"]);
  const Tensor<double> weight = tensor(c["weight_shape"], c["weight"]);
  const bool has_bias = !c["bias"].is_null();
  Tensor<double> bias(Shape{has_bias ? static_cast<int64_t>(c["bias"].size()) : 0});
  if (has_bias) bias.data = c["bias"].get<std::vector<double>>();
  const Tensor<double> got = conv_transpose_reference<double>(input, weight, has_bias ? &bias : nullptr, params);
  const auto absolute = [](Tensor<double> t) {
    for (double& v : t.data) v = std::fabs(v);
    return t;
  };
  const Tensor<double> abs_bias = absolute(bias);
  const Tensor<double> magnitude =
      conv_transpose_reference<double>(absolute(input), absolute(weight), has_bias ? &abs_bias : nullptr, params);
  Comparison result;
  result.same_shape = got.shape == c["expected_shape"].get<Shape>();
  if (!result.same_shape) return result;
  const std::vector<double> expected = c["expected"].get<std::vector<double>>();
  const bool exact = c.value("kind", std::string("int")) == "int";
  for (size_t i = 0; i < expected.size(); ++i) {
    const double difference = std::fabs(got.data[i] - expected[i]);
    result.largest = std::max(result.largest, difference);
    if (exact ? difference != 0 : difference > 1e-5 * magnitude.data[i]) ++result.mismatches;
  }
  return result;
}

}  // namespace tconv::fixtures
