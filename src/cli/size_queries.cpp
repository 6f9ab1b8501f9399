#include "cli/size_queries.hpp"

#include "cli/value_parsing.hpp"
#include "core/error.hpp"
#include "io/line_reader.hpp"

namespace tconv {

namespace {

// Re-throws error with "stdin line N: " in front, keeping its exit status.
[[noreturn]] void rethrow_with_line(const Error& error, int64_t line) {
  const std::string message = "stdin line " + std::to_string(line) + ": " + error.what();
  if (error.exit_code() == 2) throw UsageError(message);
  if (dynamic_cast<const DataError*>(&error) != nullptr) throw DataError(message);
  throw InvalidParameter(message);
}

bool is_one_size(const std::string& query) {
  if (query.find_first_of(" \t") != std::string::npos) return false;
  try {
    parse_int_list(query, "INPUT_SIZE", true);
    return true;
  } catch (const UsageError&) {
    return false;  // a malformed line is bad data (exit 1), not a malformed flag
  } catch (const InvalidParameter&) {
    return true;  // well-formed but out of range: answer() says so with the rule
  }
}

}  // namespace

void read_size_queries(std::istream& in, const std::function<void(const std::string& size)>& answer) {
  LineReader reader(in, kMaxSizeQueryLineBytes);
  std::string line;
  for (;;) {
    try {
      if (!reader.next(line)) break;
    } catch (const DataError& error) {
      throw DataError("stdin " + std::string(error.what()));  // "stdin line N is longer than ..."
    }
    if (reader.number() > kMaxSizeQueryLines) {
      throw DataError("stdin line " + std::to_string(reader.number()) + ": more than " +
                      std::to_string(kMaxSizeQueryLines) + " lines; split the input into several runs");
    }
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t last = line.find_last_not_of(" \t\r");
    const std::string query = line.substr(first, last - first + 1);
    try {
      if (!is_one_size(query)) {
        throw DataError("expected one input size like 5, 4x4 or 4x5x6, got " + quoted_excerpt(query));
      }
      answer(query);
    } catch (const Error& error) {
      rethrow_with_line(error, reader.number());
    }
  }
}

}  // namespace tconv
