// Where a tensor flag's value comes from (cli/tensor_inputs.hpp): a file recognised by its
// content, '-' for standard input, inline JSON, or a generator; and the checks every value of
// given data must pass before it is computed with.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "cli/tensor_generators.hpp"
#include "core/any_tensor.hpp"
#include "io/dtype.hpp"
#include "io/tensor_parse.hpp"

namespace tconv {

// A tensor as the user gave it, before it is put into the engine's layout.
struct GivenTensor {
  std::string flag;         // "--input": names the tensor in messages
  GeneratorSpec generator;  // kind None: data in `tensor`
  bool present = false;     // the flag was given
  AnyTensor tensor;         // the data, in the shape it was written in
  TensorFormat format = TensorFormat::Json;
  int64_t first_inexact_float32_integer = -1;  // see ParsedTensor
};

// Reads `value` of `flag` (empty: not present). Throws UsageError for a second '-' (stdin_used
// says whether one was read) and a bad generator, IoError for a file that cannot be read (with
// the reason and the forms a value may take), DataError for data that does not parse, and
// InvalidParameter beyond max_memory.
GivenTensor read_tensor_source(const std::string& value, const std::string& flag, std::istream& in, bool& stdin_used,
                               int64_t max_memory);

// Throws DataError, naming the flag, the value and its index ("--input holds nan at index
// [0, 1]"), for an empty tensor, NaN or Inf unless allow_nonfinite, and, for a float32 run,
// a finite value beyond float32's range or an integer float32 cannot hold exactly, each with
// the flag that keeps it.
void check_tensor_values(const GivenTensor& given, bool allow_nonfinite, Dtype dtype);

}  // namespace tconv
