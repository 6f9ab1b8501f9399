#include "cli/tensor_generators.hpp"

#include <charconv>

#include "core/engine.hpp"
#include "core/error.hpp"

namespace tconv {

namespace {

// splitmix64: a fixed, documented sequence, so random:SEED is the same on every machine
// (std::uniform_real_distribution is not specified bit for bit).
uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

GeneratorSpec parse_generator(const std::string& value, const std::string& flag) {
  if (value == "ones") return {Generator::Ones, 0};
  if (value == "zeros") return {Generator::Zeros, 0};
  if (value == "arange") return {Generator::Arange, 0};
  if (value == "random") return {Generator::Random, 0};
  if (value.rfind("random:", 0) == 0) {
    const std::string seed = value.substr(7);
    uint64_t parsed = 0;
    const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), parsed);
    if (seed.empty() || error != std::errc() || end != seed.data() + seed.size()) {
      throw UsageError(flag + " random:SEED needs a non-negative integer SEED, got '" + seed + "'");
    }
    return {Generator::Random, parsed};
  }
  return {};
}

Tensor<double> generate(const GeneratorSpec& generator, const Shape& shape, const std::string& flag,
                        int64_t max_memory) {
  check_memory_limit(flag.c_str(), element_count(shape), 8, max_memory);
  Tensor<double> tensor(shape);
  uint64_t state = generator.seed;
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    switch (generator.kind) {
      case Generator::Ones:
        tensor.data[i] = 1;
        break;
      case Generator::Zeros:
        tensor.data[i] = 0;
        break;
      case Generator::Arange:
        tensor.data[i] = static_cast<double>(i + 1);
        break;
      case Generator::Random:
        // 53 random bits -> [0, 1) -> [-1, 1), exact in double.
        tensor.data[i] = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-52 - 1.0;
        break;
      case Generator::None:
        break;
    }
  }
  return tensor;
}

}  // namespace tconv
