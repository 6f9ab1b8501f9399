#include "cli/value_parsing.hpp"

#include <charconv>

#include "core/error.hpp"

namespace tconv {

std::vector<int64_t> parse_int_list(const std::string& text, const std::string& option, bool allow_x) {
  std::vector<int64_t> values;
  const char* p = text.data();
  const char* end = p + text.size();
  const auto fail = [&]() -> std::vector<int64_t> {
    throw UsageError(option + " expects " + (allow_x ? "a size like 4x4 or 4,4" : "an integer or a comma list like 2,1") +
                     ", got '" + text + "'");
  };
  if (p == end) return fail();
  while (true) {
    int64_t value = 0;
    const char* start = p;
    if (p != end && *p == '+') ++p;  // from_chars rejects a leading '+'
    auto [next, error] = std::from_chars(p, end, value);
    if (error != std::errc() || next == p || (p != start && *p == '-')) return fail();
    values.push_back(value);
    p = next;
    if (p == end) break;
    if (*p != ',' && !(allow_x && (*p == 'x' || *p == 'X'))) return fail();
    if (++p == end) return fail();
  }
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
