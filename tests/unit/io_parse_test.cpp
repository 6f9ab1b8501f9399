// The tensor parsers of src/io: JSON nested arrays, text matrices, .npy (files written by
// NumPy, see tests/numpy/make_npy_fixtures.py, and tconv's own writer), format detection.
// Expected values are the literals the fixtures were made from.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "io/npy.hpp"
#include "io/tensor_parse.hpp"

namespace tconv {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream file(std::string(TCONV_TEST_DATA_DIR) + "/npy/" + name, std::ios::binary);
  REQUIRE(file.good());
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

const std::vector<double> kValues2x3{1.5, -2.0, 3.0, 0.25, 4.0, -6.0};
const std::vector<double> kInts2x3{1, -2, 3, 0, 4, -6};

TEST_CASE("JSON nested arrays give their shape and row-major values") {
  const Tensor<double> t = parse_json_tensor(" [[1, 2.5, -3e2],\n  [4, 0.1, -0]] ", "x");
  CHECK(t.shape == Shape{2, 3});
  CHECK(t.data == std::vector<double>{1, 2.5, -300, 4, 0.1, -0.0});
  CHECK(parse_json_tensor("[[[1],[2]]]", "x").shape == Shape{1, 2, 1});
  CHECK(parse_json_tensor("7", "x").shape == Shape{});
  const Tensor<double> special = parse_json_tensor("[NaN, Infinity, -Infinity]", "x");
  CHECK(std::isnan(special.data[0]));
  CHECK(special.data[1] == HUGE_VAL);
  CHECK(special.data[2] == -HUGE_VAL);
  // tconv's own JSON encoding of them (io/number_format.hpp), read back.
  const Tensor<double> named = parse_json_tensor("[[\"NaN\", \"Infinity\"], [\"-Infinity\", 2]]", "x");
  CHECK(named.shape == Shape{2, 2});
  CHECK(std::isnan(named.data[0]));
  CHECK(named.data[1] == HUGE_VAL);
  CHECK(named.data[2] == -HUGE_VAL);
  CHECK(named.data[3] == 2);
}

TEST_CASE("JSON errors name the source, line and column") {
  const auto error = [](const std::string& text) {
    try {
      parse_json_tensor(text, "--input 'x.json'");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("[[1,2],\n [3]]") ==
        "--input 'x.json': line 2, column 2: ragged array: this array has 1 entry, the first one at this depth has 2 "
        "entries");
  CHECK(error("[[1,2],[3,4]") == "--input 'x.json': line 1, column 13: unexpected end, expected ',' or ']'");
  CHECK(error("[1, x]") == "--input 'x.json': line 1, column 5: expected a number, got 'x'");
  CHECK(error("[1, \"nan\"]") ==
        "--input 'x.json': line 1, column 5: expected a number, got the string '\"nan\"' (the strings \"NaN\", "
        "\"Infinity\" and \"-Infinity\" stand for those values)");
  CHECK(error("[\"NaN]") ==
        "--input 'x.json': line 1, column 2: expected a number, got the string '\"NaN' (the strings \"NaN\", "
        "\"Infinity\" and \"-Infinity\" stand for those values)");
  CHECK(error("[1, 2,]") == "--input 'x.json': line 1, column 7: empty position: expected a number");
  CHECK(error("[]") == "--input 'x.json': line 1, column 1: empty array: a tensor needs at least one value");
  CHECK(error("[1, [2]]") ==
        "--input 'x.json': line 1, column 5: expected a number: arrays must be nested to the same depth everywhere");
  CHECK(error("[[1], 2]") ==
        "--input 'x.json': line 1, column 7: expected '[': arrays must be nested to the same depth everywhere");
  CHECK(error("[01]") == "--input 'x.json': line 1, column 2: expected a number, got '01'");
  CHECK(error("[1] 2") == "--input 'x.json': line 1, column 5: unexpected text after the array");
  CHECK(error("[1e400]") == "--input 'x.json': line 1, column 2: number out of range");
  CHECK(error("[[[[[[[[[1]]]]]]]]]") == "--input 'x.json': line 1, column 9: arrays nested deeper than 8 levels");
  CHECK(error("") == "--input 'x.json': line 1, column 1: no data");
}

TEST_CASE("text matrices: rows on lines or after a semicolon, values by spaces or commas") {
  Tensor<double> t = parse_text_matrix("# a comment\n1 2 3\n\n4, 5,6\n", "x");
  CHECK(t.shape == Shape{2, 3});
  CHECK(t.data == std::vector<double>{1, 2, 3, 4, 5, 6});
  t = parse_text_matrix("1 2; 3 4", "x");
  CHECK(t.shape == Shape{2, 2});
  CHECK(parse_text_matrix("+1.5e1\t-2\r\n", "x").data == std::vector<double>{15, -2});
  CHECK_THROWS_WITH_AS(parse_text_matrix("1 2\n3\n", "m"), "m: line 2: row 2 has 1 values, row 1 (line 1) has 2",
                       DataError);
  CHECK_THROWS_WITH_AS(parse_text_matrix("1 two\n", "m"),
                       "m: line 1: 'two' is not a number (a text matrix holds numbers separated by spaces or commas, "
                       "rows by newlines or ';')",
                       DataError);
  CHECK_THROWS_WITH_AS(parse_text_matrix("1 2x\n", "m"), doctest::Contains("'2x' is not a number"), DataError);
  CHECK_THROWS_WITH_AS(parse_text_matrix("  \n# only a comment\n", "m"),
                       "m: no values (an empty tensor cannot be used)", DataError);
}

TEST_CASE("format detection by content") {
  CHECK(detect_tensor_format("\x93NUMPY\x01") == TensorFormat::Npy);
  CHECK(detect_tensor_format("\n  [1]") == TensorFormat::Json);
  CHECK(detect_tensor_format("1 2") == TensorFormat::TextMatrix);
  CHECK(parse_tensor("1 2;3 4", "x").format == TensorFormat::TextMatrix);
}

TEST_CASE(".npy files written by NumPy in every supported dtype") {
  for (const char* name : {"f32_2x3.npy", "f64_2x3.npy", "f64be_2x3.npy"}) {
    CAPTURE(name);
    const Tensor<double> t = parse_npy(read_fixture(name), name);
    CHECK(t.shape == Shape{2, 3});
    CHECK(t.data == kValues2x3);
  }
  for (const char* name : {"i32_2x3.npy", "i64_2x3.npy"}) {
    CAPTURE(name);
    const Tensor<double> t = parse_npy(read_fixture(name), name);
    CHECK(t.shape == Shape{2, 3});
    CHECK(t.data == kInts2x3);
  }
  CHECK(parse_npy(read_fixture("f32_vector.npy"), "v").shape == Shape{3});
  const Tensor<double> four_d = parse_npy(read_fixture("f64_1x2x2x2.npy"), "v");
  CHECK(four_d.shape == Shape{1, 2, 2, 2});
  CHECK(four_d.data == std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE(".npy files tconv refuses, with the reason") {
  CHECK_THROWS_WITH_AS(parse_npy(read_fixture("f64_fortran_2x3.npy"), "f.npy"),
                       "f.npy: Fortran-order .npy files are not supported; save a C-order array "
                       "(numpy.ascontiguousarray)",
                       DataError);
  CHECK_THROWS_WITH_AS(parse_npy(read_fixture("c64_2x3.npy"), "c.npy"),
                       "c.npy: not a valid .npy file: dtype '<c8' is not supported (use float32, float64, int32 or "
                       "int64)",
                       DataError);
  const std::string good = read_fixture("f64_2x3.npy");
  CHECK_THROWS_WITH_AS(
      parse_npy(good.substr(0, good.size() - 1), "t.npy"),
      "t.npy: not a valid .npy file: shape 2x3 needs 6 values of 8 bytes, the file holds 47 data bytes", DataError);
  CHECK_THROWS_WITH_AS(parse_npy(good.substr(0, 20), "t.npy"), "t.npy: not a valid .npy file: truncated header",
                       DataError);
}

TEST_CASE(".npy round trip through tconv's writer, and NumPy's bytes for the same array") {
  const Tensor<double> t({2, 3}, kValues2x3);
  CHECK(write_npy(t, Dtype::Float64) == read_fixture("f64_2x3.npy"));  // byte for byte what NumPy writes
  CHECK(write_npy(t, Dtype::Float32) == read_fixture("f32_2x3.npy"));
  const Tensor<double> back = parse_npy(write_npy(Tensor<double>({3}, {0.1, -1, 2}), Dtype::Float32), "r");
  CHECK(back.shape == Shape{3});
  CHECK(back.data == std::vector<double>{static_cast<double>(0.1f), -1, 2});
  const Tensor<double> scalar = parse_npy(write_npy(Tensor<double>(Shape{}, {5}), Dtype::Float64), "s");
  CHECK(scalar.shape == Shape{});
  CHECK(scalar.data == std::vector<double>{5});
}

TEST_CASE("float32 .npy data stays float32, other dtypes widen to float64") {
  const AnyTensor f32 = parse_npy_values(read_fixture("f32_2x3.npy"), "f", nullptr);
  REQUIRE(f32.holds<float>());
  CHECK(f32.get<float>().data == std::vector<float>{1.5f, -2.0f, 3.0f, 0.25f, 4.0f, -6.0f});
  CHECK(parse_npy_values(read_fixture("f64_2x3.npy"), "d", nullptr).holds<double>());
  CHECK(parse_npy_values(read_fixture("i32_2x3.npy"), "i", nullptr).holds<double>());

  // The same array big-endian: '>f4' in the header, each value's 4 bytes reversed.
  std::string big = read_fixture("f32_2x3.npy");
  const size_t descr = big.find("'<f4'");
  REQUIRE(descr != std::string::npos);
  big[descr + 1] = '>';
  const size_t data = big.size() - 6 * 4;
  for (size_t i = data; i < big.size(); i += 4)
    std::reverse(big.begin() + static_cast<std::ptrdiff_t>(i), big.begin() + static_cast<std::ptrdiff_t>(i + 4));
  const AnyTensor swapped = parse_npy_values(big, "b", nullptr);
  REQUIRE(swapped.holds<float>());
  CHECK(swapped.get<float>().data == f32.get<float>().data);
}

TEST_CASE("with an owner, float .npy data in the machine's order is used in place") {
  const auto f32 = std::make_shared<const std::string>(read_fixture("f32_2x3.npy"));
  const AnyTensor borrowed = parse_npy_values(*f32, "f", f32);
  REQUIRE(borrowed.borrowed());
  CHECK(reinterpret_cast<const char*>(borrowed.view<float>().data) == f32->data() + f32->size() - 6 * 4);
  CHECK(borrowed.to_double().data == kValues2x3);
  const auto f64 = std::make_shared<const std::string>(read_fixture("f64_2x3.npy"));
  CHECK(parse_npy_values(*f64, "d", f64).borrowed());
  // Copied instead: another byte order, integers, or data not aligned for its type.
  const auto be = std::make_shared<const std::string>(read_fixture("f64be_2x3.npy"));
  CHECK_FALSE(parse_npy_values(*be, "b", be).borrowed());
  const auto i32 = std::make_shared<const std::string>(read_fixture("i32_2x3.npy"));
  CHECK_FALSE(parse_npy_values(*i32, "i", i32).borrowed());
  const auto shifted = std::make_shared<const std::string>(" " + *f32);
  const AnyTensor copied = parse_npy_values(std::string_view(*shifted).substr(1), "s", shifted);
  CHECK_FALSE(copied.borrowed());
  CHECK(copied.to_double().data == kValues2x3);
}

TEST_CASE("a UTF-8 byte-order mark at the start is skipped, in JSON and text") {
  const std::string bom = "\xEF\xBB\xBF";
  CHECK(detect_tensor_format(bom + " [[1]]") == TensorFormat::Json);
  CHECK(parse_tensor(bom + "[[1, 2], [3, 4]]", "b").tensor.to_double().data == std::vector<double>{1, 2, 3, 4});
  const Tensor<double> text = parse_text_matrix(bom + "1 2\n3 4\n", "b");
  CHECK(text.shape == Shape{2, 2});
  CHECK(text.data == std::vector<double>{1, 2, 3, 4});
  // Positions are counted after the mark, as an editor shows them.
  CHECK_THROWS_WITH_AS(parse_json_tensor(bom + "[1, x]", "b"), "b: line 1, column 5: expected a number, got 'x'",
                       DataError);
  // Only at the start: elsewhere it is not a number.
  CHECK_THROWS_AS(parse_text_matrix("1 " + bom + "2", "b"), DataError);
}

TEST_CASE("integers are held exactly or refused, the first float32 cannot hold is reported") {
  // 2^53 + 1 = 9007199254740993 has no double; 2^53 + 2 has.
  CHECK_THROWS_WITH_AS(parse_json_tensor("[1, 9007199254740993]", "j"),
                       "j: line 1, column 5: the integer 9007199254740993 cannot be held exactly in float64 (it would "
                       "become 9007199254740992)",
                       DataError);
  CHECK_THROWS_WITH_AS(parse_text_matrix("1\n-9007199254740993", "t"),
                       "t: line 2: the integer -9007199254740993 cannot be held exactly in float64 (it would become "
                       "-9007199254740992)",
                       DataError);
  CHECK(parse_json_tensor("[9007199254740994]", "j").data == std::vector<double>{9007199254740994.0});
  // 2^70 = 1180591620717411303424 is a double; with a last digit changed it is not.
  CHECK(parse_json_tensor("[1180591620717411303424]", "j").data == std::vector<double>{0x1p70});
  CHECK_THROWS_AS(parse_json_tensor("[1180591620717411303425]", "j"), DataError);
  // Written with a fraction or an exponent, a number is a float and rounds as floats do.
  CHECK(parse_json_tensor("[9007199254740993.0, 9.007199254740993e15]", "j").data ==
        std::vector<double>{0x1p53, 0x1p53});

  // float32 holds integers up to 2^24 = 16777216 exactly, then only even ones, ...
  int64_t inexact = 99;
  parse_json_tensor("[[16777216, 16777218], [1, 2]]", "j", kNoMemoryLimit, &inexact);
  CHECK(inexact == -1);
  parse_json_tensor("[[1, 2], [16777217, 3]]", "j", kNoMemoryLimit, &inexact);
  CHECK(inexact == 2);
  parse_text_matrix("1 2\n3 16777217.5\n", "t", kNoMemoryLimit, &inexact);
  CHECK(inexact == -1);  // not written as an integer: it rounds as floats do
  parse_text_matrix("1 -16777217\n", "t", kNoMemoryLimit, &inexact);
  CHECK(inexact == 1);
  CHECK_FALSE(exact_in_float32(1e39));
  CHECK(exact_in_float32(0x1p62));
}

TEST_CASE(".npy integers: exact in float64 or refused, the first float32 cannot hold is reported") {
  CHECK_THROWS_WITH_AS(parse_npy(read_fixture("i64_inexact_f64.npy"), "i.npy"),
                       "i.npy: int64 value 9007199254740993 at flat index 0 cannot be held exactly in float64",
                       DataError);
  int64_t inexact = 99;
  const AnyTensor big = parse_npy_values(read_fixture("i64_2pow62.npy"), "p", nullptr, kNoMemoryLimit, &inexact);
  CHECK(big.to_double().data == std::vector<double>{0x1p62, 1, 1, 1});  // exact in both types
  CHECK(inexact == -1);
  parse_npy_values(read_fixture("i32_inexact_f32.npy"), "i", nullptr, kNoMemoryLimit, &inexact);
  CHECK(inexact == 0);
  const ParsedTensor parsed = parse_tensor(read_fixture("i32_inexact_f32.npy"), "i");
  CHECK(parsed.first_inexact_float32_integer == 0);
  CHECK(parsed.tensor.to_double().data == std::vector<double>{16777217, 1, 1, 1});
}

TEST_CASE("values beyond the memory limit are refused while parsing") {
  // 3 doubles fit in 24 bytes, a fourth does not.
  CHECK(parse_json_tensor("[1, 2, 3]", "j", 24).size() == 3);
  CHECK_THROWS_WITH_AS(parse_json_tensor("[1, 2, 3, 4]", "j", 24),
                       "the values of j would need more than 24 bytes, above the memory limit of 24 bytes",
                       MemoryLimitError);
  CHECK_THROWS_AS(parse_text_matrix("1 2\n3 4\n", "t", 24), InvalidParameter);
  // .npy: int32 values widen to 8 bytes each (6 values: 48 bytes).
  CHECK(parse_npy_values(read_fixture("i32_2x3.npy"), "i", nullptr, 48).size() == 6);
  CHECK_THROWS_WITH_AS(parse_npy_values(read_fixture("i32_2x3.npy"), "i", nullptr, 47),
                       "the values of i would need 48 bytes, above the memory limit of 47 bytes", MemoryLimitError);
}

TEST_CASE("the typed .npy writer writes the bytes of the float64 writer in each dtype") {
  const Tensor<double> t({2, 3}, kValues2x3);
  std::ostringstream as_double, as_float;
  write_npy(as_double, t.shape, t.data);
  write_npy(as_float, t.shape, tensor_cast<float>(t).data);
  CHECK(as_double.str() == read_fixture("f64_2x3.npy"));
  CHECK(as_float.str() == read_fixture("f32_2x3.npy"));
}

}  // namespace
}  // namespace tconv
