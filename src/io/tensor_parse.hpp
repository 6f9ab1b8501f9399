// Parsers that turn bytes into a tensor (of doubles, or floats for float32 .npy data). Pure functions of their input
// (no files): the CLI reads the bytes, these parse them, the fuzz targets call them directly. `source` names where the
// bytes came from ("--input file.json", "stdin") and starts every error message. All throw DataError on any bad input,
// and MemoryLimitError only when the values would need more than max_bytes of memory (8 bytes per double; the
// --max-memory limit). A UTF-8 byte-order mark at the start (Windows editors write one) is skipped.
//
// Integers are held exactly or refused: a value written as an integer (a JSON or text number
// without fraction or exponent, an int32 or int64 .npy value) that float64 cannot hold exactly
// (9007199254740993) is a DataError. Whether float32 can hold it is the caller's question (it
// depends on the run's dtype): the parsers report the first that it cannot (16777217).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "core/any_tensor.hpp"

namespace tconv {

enum class TensorFormat { Json, TextMatrix, Npy };

// "JSON", "text matrix", ".npy".
std::string tensor_format_name(TensorFormat format);

// Recognises the format by content: the .npy magic "\x93NUMPY", else JSON when the first
// non-blank character (after a byte-order mark) is '[', else a text matrix.
TensorFormat detect_tensor_format(std::string_view bytes);

constexpr int64_t kNoMemoryLimit = std::numeric_limits<int64_t>::max();

struct ParsedTensor {
  AnyTensor tensor;  // float32 .npy data stays float; everything else is double
  TensorFormat format = TensorFormat::Json;
  // The flat index of the first value written as an integer that float32 cannot hold exactly
  // (it would round: 16777217 -> 16777216), or -1.
  int64_t first_inexact_float32_integer = -1;
};

// detect_tensor_format, then the matching parser below. `owner` keeps bytes alive: .npy data
// may then be used in place (see parse_npy_values); null to always copy.
ParsedTensor parse_tensor(std::string_view bytes, const std::string& source,
                          std::shared_ptr<const void> owner = nullptr, int64_t max_bytes = kNoMemoryLimit);

// True when float32 holds value exactly (false beyond its range).
bool exact_in_float32(double value);

// JSON nested arrays of numbers: [[1, 2], [3, 4]] is shape (2, 2); a bare number is a scalar
// (rank 0). Accepts JSON numbers, the strings "NaN", "Infinity", "-Infinity" (tconv's own JSON
// output: io/number_format.hpp) and the bare words NaN, Infinity, -Infinity (Python's json
// module writes them). Errors name the line and
// column (1-based): bad syntax, ragged arrays ("row 2 has 3 values, row 1 has 2"), an empty
// array, non-numbers, numbers out of double's range, integers float64 cannot hold exactly, more
// than 8 levels of nesting. first_inexact_float32_integer (if given) receives the index
// described at ParsedTensor.
Tensor<double> parse_json_tensor(std::string_view text, const std::string& source, int64_t max_bytes = kNoMemoryLimit,
                                 int64_t* first_inexact_float32_integer = nullptr);

// A plain text matrix: rows on lines or separated by ';', values by spaces, tabs or commas;
// blank lines and '#' comments ignored. Always rank 2 (rows, columns). Errors name the line
// and the value: a word that is not a number, rows of different lengths, no values, integers
// float64 cannot hold exactly.
Tensor<double> parse_text_matrix(std::string_view text, const std::string& source, int64_t max_bytes = kNoMemoryLimit,
                                 int64_t* first_inexact_float32_integer = nullptr);

}  // namespace tconv
