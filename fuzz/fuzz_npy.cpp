// .npy files (io/npy.hpp), and the round trip: whatever parses, tconv writes as float64 and
// reads back to the same shape and the same values bit for bit. The values in place
// (parse_npy_values with an owner, as for a mapped file) must equal the copied ones.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const tconv::Tensor<double> t = tconv::parse_npy(bytes, "fuzz");
    if (t.size() > 4096) return 0;  // keep the round trip cheap
    const auto owner = std::make_shared<const std::string>(bytes);
    const tconv::Tensor<double> in_place = tconv::parse_npy_values(*owner, "fuzz", owner).to_double();
    if (in_place.shape != t.shape ||
        (!t.data.empty() && std::memcmp(in_place.data.data(), t.data.data(), t.data.size() * sizeof(double)) != 0)) {
      std::abort();
    }
    const tconv::Tensor<double> back = tconv::parse_npy(tconv::write_npy(t, tconv::Dtype::Float64), "again");
    if (back.shape != t.shape || back.data.size() != t.data.size() ||
        (!t.data.empty() && std::memcmp(back.data.data(), t.data.data(), t.data.size() * sizeof(double)) != 0)) {
      std::abort();
    }
  } catch (const tconv::Error&) {
  }
  return 0;
}
