#include "cli/value_parsing.hpp"

#include <cctype>
#include <charconv>
#include <limits>
#include <string_view>

#include "core/error.hpp"
#include "io/line_reader.hpp"

namespace tconv {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One integer, syntax already checked ([+-]?[0-9]+). InvalidParameter beyond 64 bits.
int64_t convert(std::string_view item, const std::string& option) {
  const bool negative = item.front() == '-';
  if (item.front() == '+') item.remove_prefix(1);  // from_chars rejects a leading '+'
  int64_t value = 0;
  const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), value);
  if (error == std::errc::result_out_of_range) {
    throw InvalidParameter(option + " " + std::string(item) + " is out of range: " +
                           (negative ? "at least " + std::to_string(std::numeric_limits<int64_t>::min())
                                     : "at most " + std::to_string(std::numeric_limits<int64_t>::max())));
  }
  (void)end;
  return value;
}

// Length of the integer at text[0...): [+-]?[0-9]+, or 0.
size_t integer_length(std::string_view text) {
  size_t n = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  const size_t digits = n;
  while (n < text.size() && is_digit(text[n])) ++n;
  return n == digits ? 0 : n;
}

}  // namespace

std::string flag_name(const std::string& names) {
  const size_t start = names.find("--");
  if (start == std::string::npos) return names.substr(0, names.find(','));
  return names.substr(start, names.find(',', start) - start);
}

int64_t parse_integer(const std::string& text, const std::string& option) {
  if (text.empty() || integer_length(text) != text.size()) {
    throw UsageError(option + " expects an integer, got " + quoted_excerpt(text));
  }
  return convert(text, option);
}

int64_t parse_byte_size(const std::string& text, const std::string& option) {
  const size_t digits = integer_length(text);
  std::string unit = text.substr(digits);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string number = text.substr(0, digits);
  static constexpr std::string_view kPrefixes = "kmgt";
  int64_t base = 1024, power = 0;
  if (!unit.empty() && unit != "b") {
    const size_t prefix = kPrefixes.find(unit[0]);
    if (prefix != std::string_view::npos) power = static_cast<int64_t>(prefix) + 1;
    const std::string rest = unit.substr(1);
    if (rest == "b") base = 1000;
    if (power == 0 || !(rest.empty() || rest == "b" || rest == "ib")) power = -1;
  }
  if (digits == 0 || power < 0) {
    throw UsageError(option + " expects a size like 4GiB, 512MB or 1000000, got " + quoted_excerpt(text));
  }
  int64_t value = convert(number, option);
  for (int64_t i = 0; i < power; ++i) {
    if (value > std::numeric_limits<int64_t>::max() / base || value < std::numeric_limits<int64_t>::min() / base) {
      throw InvalidParameter(option + " " + text + " is out of range: at most " +
                             std::to_string(std::numeric_limits<int64_t>::max()) + " bytes");
    }
    value *= base;
  }
  // A limit of 0 bytes (or fewer) would refuse everything: a value that breaks the rule, as
  // --batch 0 is (README's exit status 1).
  if (value < 1) throw InvalidParameter(option + " must be >= 1, got " + std::to_string(value));
  return value;
}

std::string lowercase_extension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

std::vector<int64_t> parse_int_list(const std::string& text, const std::string& option, bool allow_x) {
  const auto fail = [&]() {
    throw UsageError(option + " expects " +
                     (allow_x ? "a size like 4x4 or 4,4" : "an integer or a comma list like 2,1") + ", got " +
                     quoted_excerpt(text));
  };
  // The syntax first, so that a malformed list is a usage error even if an item is too large.
  std::vector<std::string_view> items;
  std::string_view rest = text;
  while (true) {
    const size_t length = integer_length(rest);
    if (length == 0) fail();
    items.push_back(rest.substr(0, length));
    rest.remove_prefix(length);
    if (rest.empty()) break;
    if (rest[0] != ',' && !(allow_x && (rest[0] == 'x' || rest[0] == 'X'))) fail();
    rest.remove_prefix(1);
  }
  std::vector<int64_t> values;
  for (std::string_view item : items) values.push_back(convert(item, option));
  return values;
}

std::vector<int64_t> broadcast_to_dims(const std::vector<int64_t>& values, int dims, const std::string& option) {
  if (values.empty() || static_cast<int>(values.size()) == dims) return values;
  if (values.size() == 1) return std::vector<int64_t>(static_cast<size_t>(dims), values[0]);
  if (dims == 1) {  // not "needs 1 or 1 values"
    throw InvalidParameter(option + " needs 1 value for a 1-D input, got " + std::to_string(values.size()));
  }
  throw InvalidParameter(option + " needs 1 or " + std::to_string(dims) + " values (one per spatial dimension), got " +
                         std::to_string(values.size()));
}

}  // namespace tconv
