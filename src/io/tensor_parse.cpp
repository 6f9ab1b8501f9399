#include "io/tensor_parse.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

#include "core/error.hpp"
#include "io/npy.hpp"
#include "io/number_format.hpp"

namespace tconv {

std::string tensor_format_name(TensorFormat format) {
  switch (format) {
    case TensorFormat::Json:
      return "JSON";
    case TensorFormat::TextMatrix:
      return "text matrix";
    case TensorFormat::Npy:
      return ".npy";
  }
  return "?";
}

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view without_byte_order_mark(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  return text;
}

// For parsers that do not know the total count in advance: refused as soon as it is passed.
[[noreturn]] void values_too_large(const std::string& source, int64_t max_bytes) {
  throw MemoryLimitError("the values of " + source + " would need more than " + std::to_string(max_bytes) +
                         " bytes, above the memory limit of " + std::to_string(max_bytes) + " bytes");
}

}  // namespace

bool exact_in_float32(double value) {
  return std::abs(value) <= std::numeric_limits<float>::max() &&
         static_cast<double>(static_cast<float>(value)) == value;
}

TensorFormat detect_tensor_format(std::string_view bytes) {
  if (is_npy(bytes)) return TensorFormat::Npy;
  for (char c : without_byte_order_mark(bytes)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '[' ? TensorFormat::Json : TensorFormat::TextMatrix;
  }
  return TensorFormat::TextMatrix;
}

ParsedTensor parse_tensor(std::string_view bytes, const std::string& source, std::shared_ptr<const void> owner,
                          int64_t max_bytes) {
  ParsedTensor parsed;
  parsed.format = detect_tensor_format(bytes);
  int64_t* inexact = &parsed.first_inexact_float32_integer;
  switch (parsed.format) {
    case TensorFormat::Npy:
      parsed.tensor = parse_npy_values(bytes, source, std::move(owner), max_bytes, inexact);
      break;
    case TensorFormat::Json:
      parsed.tensor = parse_json_tensor(bytes, source, max_bytes, inexact);
      break;
    case TensorFormat::TextMatrix:
      parsed.tensor = parse_text_matrix(bytes, source, max_bytes, inexact);
      break;
  }
  return parsed;
}

namespace {

struct Number {
  double value = 0;
  bool integer = false;  // written without fraction or exponent
};

// A well-formed number that cannot be used; the parser adds where it is.
struct NumberProblem {
  std::string reason;
};

// Whether the integer token `digits` ([+-]?[0-9]+) is exactly `value`. Up to 15 digits always
// (10^15 < 2^53); longer ones are compared with value's exact decimal expansion.
bool integer_is_exact(std::string_view digits, double value) {
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  if (digits.size() <= 15) return true;
  char exact[400];
  std::snprintf(exact, sizeof exact, "%.0f", std::abs(value));
  return digits == exact;
}

// Reads a JSON string at text[pos] == '"' that names a non-finite value as tconv's JSON writes
// it ("NaN", "Infinity", "-Infinity": io/number_format.hpp). Returns the value and advances pos,
// or nullopt for any other string.
std::optional<Number> read_nonfinite_string(std::string_view text, size_t& pos) {
  const size_t close = text.find('"', pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view name = text.substr(pos + 1, close - pos - 1);
  for (double value : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()}) {
    if (name == nonfinite_json_name(value)) {
      pos = close + 1;
      return Number{value, false};
    }
  }
  return std::nullopt;
}

// Reads a number at text[pos...): a JSON number, or NaN/Infinity/-Infinity (also nan/inf,
// as tconv's text output prints them), and in JSON the strings "NaN", "Infinity", "-Infinity"
// (tconv's JSON output). Returns the value and advances pos, or nullopt. Throws NumberProblem
// for a number beyond double's range and an integer double cannot hold.
std::optional<Number> read_number(std::string_view text, size_t& pos, bool json_grammar) {
  if (json_grammar && pos < text.size() && text[pos] == '"') return read_nonfinite_string(text, pos);
  static constexpr std::string_view kSpecial[] = {"NaN", "nan", "Infinity", "inf", "-Infinity", "-inf"};
  for (std::string_view word : kSpecial) {
    if (text.substr(pos, word.size()) == word) {
      const size_t after = pos + word.size();
      if (after < text.size() && (std::isalnum(static_cast<unsigned char>(text[after])) || text[after] == '.')) {
        continue;
      }
      pos = after;
      if (word[0] == 'N' || word[0] == 'n') return Number{std::numeric_limits<double>::quiet_NaN(), false};
      return Number{word[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity(),
                    false};
    }
  }
  // Validate the JSON number grammar first: from_chars alone accepts "01", ".5" is refused by
  // both, and a '+' sign is accepted in the text format only.
  size_t end = pos;
  if (end < text.size() && (text[end] == '-' || (!json_grammar && text[end] == '+'))) ++end;
  const size_t digits_start = end;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  if (end == digits_start) return std::nullopt;
  if (json_grammar && text[digits_start] == '0' && end - digits_start > 1) return std::nullopt;
  const size_t integer_end = end;
  if (end < text.size() && text[end] == '.') {
    const size_t fraction = ++end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == fraction) return std::nullopt;
  }
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    ++end;
    if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
    const size_t exponent = end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == exponent) return std::nullopt;
  }
  size_t start = pos;
  if (text[start] == '+') ++start;
  double value = 0;
  const auto result = std::from_chars(text.data() + start, text.data() + end, value);
  if (result.ptr != text.data() + end) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) {
    // Underflow to zero is harmless; overflow is not a value the user meant.
    if (std::abs(std::strtod(std::string(text.substr(start, end - start)).c_str(), nullptr)) > 1) {
      throw NumberProblem{"number out of range"};
    }
    value = 0;
  }
  const bool integer = end == integer_end;
  if (integer && !integer_is_exact(text.substr(pos, end - pos), value)) {
    char nearest[400];
    std::snprintf(nearest, sizeof nearest, "%.0f", value);
    throw NumberProblem{"the integer " + std::string(text.substr(start, end - start)) +
                        " cannot be held exactly in float64 (it would become " + nearest + ")"};
  }
  pos = end;
  return Number{value, integer};
}

constexpr int kMaxJsonDepth = 8;

class JsonTensorParser {
 public:
  JsonTensorParser(std::string_view text, const std::string& source, int64_t max_bytes, int64_t* inexact)
      : text_(without_byte_order_mark(text)),
        source_(source),
        max_bytes_(max_bytes),
        max_values_(static_cast<size_t>(max_bytes / static_cast<int64_t>(sizeof(double)))),
        inexact_(inexact) {}

  Tensor<double> parse() {
    skip_blank();
    const size_t start = pos_;
    parse_value(0);
    skip_blank();
    if (pos_ != text_.size()) fail(pos_, "unexpected text after the array");
    if (shape_.empty() && values_.empty()) fail(start, "expected a number or an array");
    return Tensor<double>(shape_, std::move(values_));
  }

 private:
  [[noreturn]] void fail(size_t at, const std::string& what) const {
    int64_t line = 1, column = 1;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw DataError(source_ + ": line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what);
  }

  void skip_blank() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // depth = how many '[' enclose this value. The first path down fixes the shape; every later
  // array at that depth must match it.
  void parse_value(int depth) {
    if (pos_ >= text_.size()) fail(pos_, depth == 0 ? "no data" : "unexpected end, expected a number or '['");
    if (text_[pos_] == '[') {
      parse_array(depth);
      return;
    }
    if (depth < static_cast<int>(shape_.size()) || (depth > 0 && shape_fixed_ && depth != leaf_depth_)) {
      fail(pos_, "expected '[': arrays must be nested to the same depth everywhere");
    }
    const size_t start = pos_;
    std::optional<Number> value;
    try {
      value = read_number(text_, pos_, true);
    } catch (const NumberProblem& problem) {
      fail(start, problem.reason);
    }
    if (!value && text_[start] == '"') {
      fail(start, "expected a number, got the string '" + printable(start) +
                      "' (the strings \"NaN\", \"Infinity\" and \"-Infinity\" stand for those values)");
    }
    if (!value) {
      fail(start, text_[start] == ']' ? "empty position: expected a number"
                                      : "expected a number, got '" + printable(start) + "'");
    }
    if (!shape_fixed_) {
      shape_fixed_ = true;
      leaf_depth_ = depth;
    }
    if (values_.size() >= max_values_) values_too_large(source_, max_bytes_);
    if (value->integer && inexact_ != nullptr && *inexact_ < 0 && !exact_in_float32(value->value)) {
      *inexact_ = static_cast<int64_t>(values_.size());
    }
    values_.push_back(value->value);
  }

  void parse_array(int depth) {
    const size_t open = pos_;
    if (depth >= kMaxJsonDepth) fail(open, "arrays nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    if (shape_fixed_ && depth >= leaf_depth_)
      fail(open, "expected a number: arrays must be nested to the same depth everywhere");
    ++pos_;
    skip_blank();
    if (pos_ < text_.size() && text_[pos_] == ']') fail(open, "empty array: a tensor needs at least one value");
    const bool first_at_depth = static_cast<int>(shape_.size()) == depth;
    if (first_at_depth) shape_.push_back(0);
    int64_t count = 0;
    while (true) {
      skip_blank();
      parse_value(depth + 1);
      ++count;
      skip_blank();
      if (pos_ >= text_.size()) fail(pos_, "unexpected end, expected ',' or ']'");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        break;
      }
      fail(pos_, "expected ',' or ']', got '" + printable(pos_) + "'");
    }
    const auto d = static_cast<size_t>(depth);
    if (first_at_depth && shape_[d] == 0) {
      shape_[d] = count;
    } else if (shape_[d] != count) {
      const auto entries = [](int64_t n) { return std::to_string(n) + (n == 1 ? " entry" : " entries"); };
      fail(open, "ragged array: this array has " + entries(count) + ", the first one at this depth has " +
                     entries(shape_[d]));
    }
  }

  std::string printable(size_t at) const {
    std::string word;
    for (size_t i = at; i < text_.size() && word.size() < 12; ++i) {
      const char c = text_[i];
      if (c == ',' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') break;
      word += (c >= 32 && c < 127) ? c : '?';
    }
    return word.empty() ? std::string(1, text_[at] >= 32 && text_[at] < 127 ? text_[at] : '?') : word;
  }

  std::string_view text_;
  const std::string& source_;
  int64_t max_bytes_;
  size_t max_values_;
  int64_t* inexact_;
  size_t pos_ = 0;
  Shape shape_;
  bool shape_fixed_ = false;
  int leaf_depth_ = 0;
  std::vector<double> values_;
};

}  // namespace

Tensor<double> parse_json_tensor(std::string_view text, const std::string& source, int64_t max_bytes,
                                 int64_t* first_inexact_float32_integer) {
  if (first_inexact_float32_integer != nullptr) *first_inexact_float32_integer = -1;
  return JsonTensorParser(text, source, max_bytes, first_inexact_float32_integer).parse();
}

Tensor<double> parse_text_matrix(std::string_view text, const std::string& source, int64_t max_bytes,
                                 int64_t* first_inexact_float32_integer) {
  text = without_byte_order_mark(text);
  if (first_inexact_float32_integer != nullptr) *first_inexact_float32_integer = -1;
  const auto max_values = static_cast<size_t>(max_bytes / static_cast<int64_t>(sizeof(double)));
  std::vector<double> values;
  int64_t rows = 0, columns = 0, first_row_line = 0;
  int64_t line = 1;
  size_t pos = 0;
  int64_t in_row = 0;
  const auto end_row = [&]() {
    if (in_row == 0) return;
    if (rows == 0) {
      columns = in_row;
      first_row_line = line;
    } else if (in_row != columns) {
      throw DataError(source + ": line " + std::to_string(line) + ": row " + std::to_string(rows + 1) + " has " +
                      std::to_string(in_row) + " values, row 1 (line " + std::to_string(first_row_line) + ") has " +
                      std::to_string(columns));
    }
    ++rows;
    in_row = 0;
  };
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\n') {
      end_row();
      ++line;
      ++pos;
    } else if (c == ';') {
      end_row();
      ++pos;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
      ++pos;
    } else if (c == '#') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else {
      const size_t start = pos;
      std::optional<Number> value;
      try {
        value = read_number(text, pos, false);
      } catch (const NumberProblem& problem) {
        throw DataError(source + ": line " + std::to_string(line) + ": " + problem.reason);
      }
      const bool separated =
          pos >= text.size() || std::string_view(" \t\r\n,;#").find(text[pos]) != std::string_view::npos;
      if (!value || !separated) {
        size_t word_end = start;
        while (word_end < text.size() && word_end - start < 20 &&
               std::string_view(" \t\r\n,;#").find(text[word_end]) == std::string_view::npos) {
          ++word_end;
        }
        std::string word;
        for (size_t i = start; i < word_end; ++i) word += (text[i] >= 32 && text[i] < 127) ? text[i] : '?';
        throw DataError(source + ": line " + std::to_string(line) + ": '" + word +
                        "' is not a number (a text matrix holds numbers separated by spaces or commas, rows by "
                        "newlines or ';')");
      }
      if (values.size() >= max_values) values_too_large(source, max_bytes);
      if (value->integer && first_inexact_float32_integer != nullptr && *first_inexact_float32_integer < 0 &&
          !exact_in_float32(value->value)) {
        *first_inexact_float32_integer = static_cast<int64_t>(values.size());
      }
      values.push_back(value->value);
      ++in_row;
    }
  }
  end_row();
  if (values.empty()) throw DataError(source + ": no values (an empty tensor cannot be used)");
  return Tensor<double>({rows, columns}, std::move(values));
}

}  // namespace tconv
