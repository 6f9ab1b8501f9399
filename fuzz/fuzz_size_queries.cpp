// The `shape -` reader (cli/size_queries.hpp): raw bytes as standard input. Every line it hands
// on must be one trimmed size that parses; every refusal must be a tconv::Error whose message
// quotes at most about 100 characters of the input, whatever the line holds.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

#include "cli/size_queries.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    tconv::read_size_queries(in, [](const std::string& query) {
      if (query.empty() || query.size() > tconv::kMaxSizeQueryLineBytes) std::abort();
      if (query.find_first_of(" \t\r\n") != std::string::npos || query[0] == '#') std::abort();
      try {
        tconv::parse_int_list(query, "INPUT_SIZE", true);
      } catch (const tconv::InvalidParameter&) {
        // well-formed but beyond 64 bits: the answer says so
      }
    });
  } catch (const tconv::Error& error) {
    if (std::strlen(error.what()) > 300) std::abort();
  }
  return 0;
}
