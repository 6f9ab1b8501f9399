// JSON nested arrays (io/tensor_parse.hpp). Checks beyond "no crash": a parsed tensor's value
// count matches its shape.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "io/tensor_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const tconv::Tensor<double> t = tconv::parse_json_tensor(text, "fuzz");
    if (t.size() != tconv::element_count(t.shape)) std::abort();
  } catch (const tconv::Error&) {
  }
  return 0;
}
