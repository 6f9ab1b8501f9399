#include "cli/tensor_sources.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "core/index.hpp"
#include "io/file_bytes.hpp"

namespace tconv {

namespace {

FileBytes read_file(const std::string& path, const std::string& flag, int64_t max_memory) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    throw IoError("cannot read " + flag + " '" + path + "': " + std::strerror(errno) +
                  " (give a file, '-' for stdin, inline JSON like '[[1,2],[3,4]]', or ones/zeros/arange/random:SEED)");
  }
  return FileBytes::open(path, flag, max_memory);
}

}  // namespace

GivenTensor read_tensor_source(const std::string& value, const std::string& flag, std::istream& in, bool& stdin_used,
                               int64_t max_memory) {
  GivenTensor given;
  given.flag = flag;
  if (value.empty()) return given;
  given.present = true;
  given.generator = parse_generator(value, flag);
  if (given.generator.kind != Generator::None) return given;
  const size_t first = value.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && value[first] == '[') {
    given.tensor = parse_json_tensor(value, flag + " (inline JSON)", max_memory, &given.first_inexact_float32_integer);
    given.format = TensorFormat::Json;
    return given;
  }
  std::shared_ptr<FileBytes> bytes;
  std::string source;
  if (value == "-") {
    if (stdin_used) throw UsageError("'-' (standard input) can be given to only one of --input, --weight, --bias");
    stdin_used = true;
    bytes = std::make_shared<FileBytes>(FileBytes::read_stream(in, "the standard input of " + flag, max_memory));
    source = flag + " (stdin)";
  } else {
    bytes = std::make_shared<FileBytes>(read_file(value, flag, max_memory));
    source = flag + " '" + value + "'";
  }
  // The tensor may keep using the file's bytes (see parse_npy_values), so it shares them.
  ParsedTensor parsed = parse_tensor(bytes->view(), source, bytes, max_memory);
  given.tensor = std::move(parsed.tensor);
  given.format = parsed.format;
  given.first_inexact_float32_integer = parsed.first_inexact_float32_integer;
  return given;
}

namespace {

// "[0, 1]": the position of flat element `flat` of a tensor of this shape, as errors name it.
std::string position_text(const Shape& shape, int64_t flat) {
  return index_text(unflatten_all(flat, shape), "[", ", ", "]");
}

// The value as the user would write it: every digit of an integer, else the shortest text that
// reads back to it.
std::string value_text(double value) {
  char text[400];
  if (value == std::floor(value) && std::abs(value) < 1e21) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

// The flat index of the first finite value beyond float32's range, or -1.
int64_t first_beyond_float32(const AnyTensor& tensor) {
  if (!tensor.holds<double>()) return -1;  // float data is in range by construction
  const TensorView<double> values = tensor.view<double>();
  constexpr double kLargest = std::numeric_limits<float>::max();
  for (int64_t i = 0; i < values.size(); ++i) {
    const double v = values.data[i];
    if (std::isfinite(v) && std::abs(v) > kLargest) return i;
  }
  return -1;
}

}  // namespace

void check_tensor_values(const GivenTensor& given, bool allow_nonfinite, Dtype dtype) {
  if (given.tensor.size() == 0)
    throw DataError(given.flag + " is empty (shape " + shape_to_string(given.tensor.shape()) + ")");
  const Shape& shape = given.tensor.shape();
  if (!allow_nonfinite) {
    const int64_t bad = given.tensor.first_nonfinite();
    if (bad >= 0) {
      std::ostringstream value;
      value << given.tensor.value(bad);
      throw DataError(given.flag + " holds " + value.str() + " at index " + position_text(shape, bad) +
                      "; pass --allow-nonfinite to compute with it");
    }
  }
  if (dtype != Dtype::Float32) return;
  // float32 would turn these into other values (infinity, a neighbouring integer): refused like
  // NaN, with the way to keep them.
  const int64_t beyond = first_beyond_float32(given.tensor);
  if (beyond >= 0) {
    throw DataError(given.flag + " holds " + value_text(given.tensor.value(beyond)) + " at index " +
                    position_text(shape, beyond) +
                    ", beyond float32's range (largest 3.4028235e+38); --dtype float64 keeps it");
  }
  const int64_t inexact = given.first_inexact_float32_integer;
  if (inexact >= 0) {
    const double value = given.tensor.value(inexact);
    throw DataError(given.flag + " holds the integer " + value_text(value) + " at index " +
                    position_text(shape, inexact) + ", which float32 cannot hold exactly (it would become " +
                    value_text(static_cast<double>(static_cast<float>(value))) + "); --dtype float64 keeps it");
  }
}

}  // namespace tconv
