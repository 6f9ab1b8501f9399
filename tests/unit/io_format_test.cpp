// Number formatting (shortest round trip per dtype) and the tensor writers of src/io.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "core/error.hpp"
#include "io/number_format.hpp"
#include "io/tensor_format.hpp"

namespace tconv {
namespace {

TEST_CASE("numbers print as the shortest text that reads back in their dtype") {
  CHECK(format_number(static_cast<double>(0.1f), Dtype::Float32) == "0.1");
  // The same float32 value printed as a double needs all its digits.
  CHECK(format_number(static_cast<double>(0.1f), Dtype::Float64) == "0.10000000149011612");
  CHECK(format_number(0.1, Dtype::Float64) == "0.1");
  CHECK(format_number(10, Dtype::Float32) == "10");
  CHECK(format_number(-3, Dtype::Float64) == "-3");
  CHECK(format_number(-0.0, Dtype::Float64) == "-0");
  CHECK(format_number(1e20, Dtype::Float64) == "1e+20");
  CHECK(format_number(1.0 / 3.0, Dtype::Float64) == "0.3333333333333333");
  CHECK(format_number(static_cast<double>(1.0f / 3.0f), Dtype::Float32) == "0.33333334");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(format_number(nan, Dtype::Float32) == "nan");
  CHECK(format_number(-HUGE_VAL, Dtype::Float64) == "-inf");
  // JSON has no number for them: the strings "NaN", "Infinity", "-Infinity" (issue 22, item 11).
  CHECK(format_json_number(nan, Dtype::Float64) == "\"NaN\"");
  CHECK(format_json_number(HUGE_VAL, Dtype::Float64) == "\"Infinity\"");
  CHECK(format_json_number(-HUGE_VAL, Dtype::Float32) == "\"-Infinity\"");
  CHECK(format_json_number(-2.5, Dtype::Float32) == "-2.5");
  CHECK(nonfinite_json_name(1e308) == nullptr);
  CHECK(std::string(nonfinite_json_name(-nan)) == "NaN");
}

TEST_CASE("text matrices are right-aligned to a common width, with labelled slices") {
  std::ostringstream out;
  write_tensor_text(out, Tensor<double>({2, 2}, {1, 10, -2, 3}), Dtype::Float32, {});
  CHECK(out.str() == " 1 10\n-2  3\n");
  out.str("");
  write_tensor_text(out, Tensor<double>({2, 1, 2}, {1, 2, 3, 4}), Dtype::Float32, {"channel"}, "  ");
  CHECK(out.str() == "  channel 0:\n  1 2\n\n  channel 1:\n  3 4\n");
  out.str("");
  write_tensor_text(out, Tensor<double>({3}, {1, 2, 3}), Dtype::Float64, {});
  CHECK(out.str() == "1 2 3\n");
}

TEST_CASE("JSON nested arrays and CSV") {
  std::ostringstream out;
  write_json_nested(out, Tensor<double>({2, 2}, {1, 0.5, -0.0, 4}), Dtype::Float64);
  CHECK(out.str() == "[[1,0.5],[-0,4]]");
  out.str("");
  // Valid JSON also with non-finite values: each one a string that names it.
  write_json_nested(out, Tensor<double>({3}, {-HUGE_VAL, std::numeric_limits<double>::quiet_NaN(), 1}), Dtype::Float32);
  CHECK(out.str() == "[\"-Infinity\",\"NaN\",1]");
  out.str("");
  write_csv(out, Tensor<double>({2}, {HUGE_VAL, std::numeric_limits<double>::quiet_NaN()}), Dtype::Float32);
  CHECK(out.str() == "inf,nan\n");
  out.str("");
  write_csv(out, Tensor<double>({1, 2, 3}, {1, 2, 3, 4, 5, 6}), Dtype::Float32);
  CHECK(out.str() == "1,2,3\n4,5,6\n");
  CHECK_THROWS_WITH_AS(write_csv(out, Tensor<double>({2, 2, 2}), Dtype::Float32),
                       "csv holds one matrix, but the output has shape 2x2x2; use --format json or npy",
                       InvalidParameter);
  CHECK(json_int_list({3, -1}) == "[3,-1]");
}

}  // namespace
}  // namespace tconv
