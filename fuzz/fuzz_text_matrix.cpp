// Plain text matrices (io/tensor_parse.hpp): always rank 2 when they parse.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "io/tensor_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const tconv::Tensor<double> t = tconv::parse_text_matrix(text, "fuzz");
    if (t.rank() != 2 || t.size() != t.shape[0] * t.shape[1] || t.size() == 0) std::abort();
  } catch (const tconv::Error&) {
  }
  return 0;
}
