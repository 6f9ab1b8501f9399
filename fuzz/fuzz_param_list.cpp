// Parameter lists of the layer flags (cli/value_parsing.hpp): "2", "2,1", "4x4x4", and their
// broadcast to 1..3 dimensions. Whatever parses prints back to text that parses to the same.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/value_parsing.hpp"
#include "core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool allow_x = (data[0] & 1) != 0;
  const int dims = 1 + data[0] % 3;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const std::vector<int64_t> values = tconv::parse_int_list(text, "--fuzz", allow_x);
    std::string again;
    for (size_t i = 0; i < values.size(); ++i) again += (i > 0 ? "," : "") + std::to_string(values[i]);
    if (tconv::parse_int_list(again, "--fuzz", allow_x) != values) std::abort();
    tconv::broadcast_to_dims(values, dims, "--fuzz");
  } catch (const tconv::Error&) {
  }
  return 0;
}
