// The generators a tensor flag accepts instead of data (cli/tensor_inputs.hpp):
//   ones | zeros | arange (1, 2, 3, ... row-major) | random | random:SEED (uniform in [-1, 1),
//   the same on every machine for the same SEED: splitmix64, 53 bits per value)
#pragma once

#include <cstdint>
#include <string>

#include "core/tensor.hpp"

namespace tconv {

enum class Generator { None, Ones, Zeros, Arange, Random };

struct GeneratorSpec {
  Generator kind = Generator::None;  // None: the value is data, not a generator
  uint64_t seed = 0;
};

// The generator `value` names, or kind None. Throws UsageError "<flag> random:SEED needs a
// non-negative integer SEED, got '...'" for a bad seed.
GeneratorSpec parse_generator(const std::string& value, const std::string& flag);

// A tensor of `shape` filled by the generator (kind None gives zeros). Throws InvalidParameter
// (check_memory_limit, naming flag) when it would take more than max_memory bytes as doubles.
Tensor<double> generate(const GeneratorSpec& generator, const Shape& shape, const std::string& flag,
                        int64_t max_memory);

}  // namespace tconv
