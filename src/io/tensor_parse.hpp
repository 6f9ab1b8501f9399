// Parsers that turn bytes into a tensor (of doubles, or floats for float32 .npy data). Pure functions of their input (no files):
// the CLI reads the bytes, these parse them, the fuzz targets call them directly.
// `source` names where the bytes came from ("--input file.json", "stdin") and starts every
// error message. All throw DataError, never anything else, on any input.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/any_tensor.hpp"

namespace tconv {

enum class TensorFormat { Json, TextMatrix, Npy };

// "JSON", "text matrix", ".npy".
std::string tensor_format_name(TensorFormat format);

// Recognises the format by content: the .npy magic "\x93NUMPY", else JSON when the first
// non-blank character is '[', else a text matrix.
TensorFormat detect_tensor_format(std::string_view bytes);

struct ParsedTensor {
  AnyTensor tensor;  // float32 .npy data stays float; everything else is double
  TensorFormat format = TensorFormat::Json;
};

// detect_tensor_format, then the matching parser below. `owner` keeps bytes alive: .npy data
// may then be used in place (see parse_npy_values); null to always copy.
ParsedTensor parse_tensor(std::string_view bytes, const std::string& source,
                          std::shared_ptr<const void> owner = nullptr);

// JSON nested arrays of numbers: [[1, 2], [3, 4]] is shape (2, 2); a bare number is a scalar
// (rank 0). Accepts JSON numbers and NaN, Infinity, -Infinity. Errors name the line and
// column (1-based): bad syntax, ragged arrays ("row 2 has 3 values, row 1 has 2"), an empty
// array, non-numbers, numbers out of double's range, more than 8 levels of nesting.
Tensor<double> parse_json_tensor(std::string_view text, const std::string& source);

// A plain text matrix: rows on lines or separated by ';', values by spaces, tabs or commas;
// blank lines and '#' comments ignored. Always rank 2 (rows, columns). Errors name the line
// and the value: a word that is not a number, rows of different lengths, no values.
Tensor<double> parse_text_matrix(std::string_view text, const std::string& source);

}  // namespace tconv
