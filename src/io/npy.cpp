#include "io/npy.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <type_traits>
#include <vector>

#include "core/error.hpp"
#include "io/tensor_parse.hpp"

namespace tconv {

namespace {

constexpr std::string_view kMagic("\x93NUMPY", 6);

struct Header {
  char kind = 0;  // 'f' or 'i'
  int item_size = 0;
  bool big_endian = false;
  bool fortran = false;
  Shape shape;
};

// A tiny reader for the header's Python dict literal, enough for what NumPy writes.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  Header parse() {
    Header header;
    bool has_descr = false, has_order = false, has_shape = false;
    expect('{');
    while (true) {
      skip();
      if (peek() == '}') break;
      const std::string key = string_literal();
      expect(':');
      skip();
      if (key == "descr") {
        descr(header, string_literal());
        has_descr = true;
      } else if (key == "fortran_order") {
        header.fortran = boolean();
        has_order = true;
      } else if (key == "shape") {
        header.shape = tuple();
        has_shape = true;
      } else {
        fail("unknown header key '" + key + "'");
      }
      skip();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() != '}') fail("expected ',' or '}' in the header");
    }
    if (!has_descr || !has_order || !has_shape) fail("the header needs 'descr', 'fortran_order' and 'shape'");
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw DataError(source_ + ": not a valid .npy file: " + what);
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n')) ++pos_;
  }
  void expect(char c) {
    skip();
    if (peek() != c) fail(std::string("expected '") + c + "' in the header");
    ++pos_;
  }
  std::string string_literal() {
    skip();
    const char quote = peek();
    if (quote != '\'' && quote != '"') fail("expected a quoted key or value in the header");
    const size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) fail("unterminated string in the header");
    std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return value;
  }
  bool boolean() {
    if (text_.substr(pos_, 4) == "True") {
      pos_ += 4;
      return true;
    }
    if (text_.substr(pos_, 5) == "False") {
      pos_ += 5;
      return false;
    }
    fail("fortran_order must be True or False");
  }
  Shape tuple() {
    Shape shape;
    expect('(');
    while (true) {
      skip();
      if (peek() == ')') break;
      int64_t value = 0;
      bool any = false;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        if (value > (INT64_MAX - 9) / 10) fail("shape value too large");
        value = value * 10 + (text_[pos_++] - '0');
        any = true;
      }
      if (peek() == 'L') ++pos_;  // Python 2 longs in old files
      if (!any) fail("shape must be a tuple of non-negative integers");
      if (shape.size() >= 32) fail("more than 32 dimensions");
      shape.push_back(value);
      skip();
      if (peek() == ',')
        ++pos_;
      else if (peek() != ')')
        fail("expected ',' or ')' in the shape");
    }
    ++pos_;
    return shape;
  }
  void descr(Header& header, const std::string& text) {
    const auto unsupported = [&]() {
      fail("dtype '" + text + "' is not supported (use float32, float64, int32 or int64)");
    };
    if (text.size() != 3) unsupported();
    header.big_endian = text[0] == '>' || (text[0] == '=' && std::endian::native == std::endian::big);
    if (text[0] != '<' && text[0] != '>' && text[0] != '=' && text[0] != '|') unsupported();
    header.kind = text[1];
    header.item_size = text[2] - '0';
    const bool known = (header.kind == 'f' || header.kind == 'i') && (header.item_size == 4 || header.item_size == 8);
    if (!known) unsupported();
  }

  std::string_view text_;
  const std::string& source_;
  size_t pos_ = 0;
};

template <typename U>
U load(const char* p, bool swap) {
  U raw;
  std::memcpy(&raw, p, sizeof raw);
  if (swap) {
    unsigned char bytes[sizeof raw];
    std::memcpy(bytes, &raw, sizeof raw);
    for (size_t i = 0; i < sizeof raw / 2; ++i) std::swap(bytes[i], bytes[sizeof raw - 1 - i]);
    std::memcpy(&raw, bytes, sizeof raw);
  }
  return raw;
}

}  // namespace

bool is_npy(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

AnyTensor parse_npy_values(std::string_view bytes, const std::string& source, std::shared_ptr<const void> owner,
                           int64_t max_bytes, int64_t* first_inexact_float32_integer) {
  if (first_inexact_float32_integer != nullptr) *first_inexact_float32_integer = -1;
  const auto fail = [&](const std::string& what) -> AnyTensor {
    throw DataError(source + ": not a valid .npy file: " + what);
  };
  if (!is_npy(bytes)) return fail("missing the \\x93NUMPY magic");
  if (bytes.size() < 10) return fail("truncated header");
  const auto major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len =
        static_cast<unsigned char>(bytes[8]) | (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return fail("truncated header");
    for (int i = 3; i >= 0; --i)
      header_len = (header_len << 8) | static_cast<unsigned char>(bytes[8 + static_cast<size_t>(i)]);
    header_start = 12;
  } else {
    return fail("unsupported version " + std::to_string(major));
  }
  if (header_len > bytes.size() - header_start) return fail("truncated header");
  const Header header = HeaderParser(bytes.substr(header_start, header_len), source).parse();
  if (header.fortran) {
    throw DataError(source +
                    ": Fortran-order .npy files are not supported; save a C-order array "
                    "(numpy.ascontiguousarray)");
  }
  int64_t count = 0;
  try {
    count = element_count(header.shape);
  } catch (const Error&) {
    return fail("the shape is too large");
  }
  const std::string_view data = bytes.substr(header_start + header_len);
  const auto item = static_cast<size_t>(header.item_size);
  if (static_cast<uint64_t>(count) > data.size() / item || data.size() != static_cast<size_t>(count) * item) {
    return fail("shape " + shape_to_string(header.shape) + " needs " + std::to_string(count) + " values of " +
                std::to_string(item) + " bytes, the file holds " + std::to_string(data.size()) + " data bytes");
  }
  const bool swap = header.big_endian != (std::endian::native == std::endian::big);
  // Floats in the machine's order and aligned for their type are used where they are.
  const bool in_place =
      owner != nullptr && header.kind == 'f' && !swap && reinterpret_cast<uintptr_t>(data.data()) % item == 0;
  if (in_place && item == 4) {
    return BorrowedTensor<float>{header.shape, reinterpret_cast<const float*>(data.data()), std::move(owner)};
  }
  if (in_place && item == 8) {
    return BorrowedTensor<double>{header.shape, reinterpret_cast<const double*>(data.data()), std::move(owner)};
  }
  // A copy: float32 stays 4 bytes a value, the rest widen to 8.
  const uint64_t copy_bytes = static_cast<uint64_t>(count) * (header.kind == 'f' && item == 4 ? 4 : 8);
  if (copy_bytes > static_cast<uint64_t>(max_bytes)) {
    throw MemoryLimitError("the values of " + source + " would need " + std::to_string(copy_bytes) +
                           " bytes, above the memory limit of " + std::to_string(max_bytes) + " bytes");
  }
  if (header.kind == 'f' && item == 4) {
    // float32 stays float32: one copy, no widening (the common case of large weights).
    std::vector<float> values(static_cast<size_t>(count));
    if (!swap && !values.empty()) {
      std::memcpy(values.data(), data.data(), data.size());
    } else {
      for (size_t i = 0; i < values.size(); ++i)
        values[i] = std::bit_cast<float>(load<uint32_t>(data.data() + i * 4, swap));
    }
    return Tensor<float>(header.shape, std::move(values));
  }
  std::vector<double> values(static_cast<size_t>(count));
  for (size_t i = 0; i < values.size(); ++i) {
    const char* p = data.data() + i * item;
    if (header.kind == 'f') {
      values[i] = std::bit_cast<double>(load<uint64_t>(p, swap));
    } else {
      const int64_t v = item == 4 ? static_cast<int64_t>(static_cast<int32_t>(load<uint32_t>(p, swap)))
                                  : static_cast<int64_t>(load<uint64_t>(p, swap));
      values[i] = static_cast<double>(v);
      // Exact when the double converts back to v: 2^63 (what INT64_MAX rounds to) does not.
      const bool exact = values[i] < 0x1p63 && static_cast<int64_t>(values[i]) == v;
      if (!exact) {
        throw DataError(source + ": int64 value " + std::to_string(v) + " at flat index " + std::to_string(i) +
                        " cannot be held exactly in float64");
      }
      if (first_inexact_float32_integer != nullptr && *first_inexact_float32_integer < 0 &&
          !exact_in_float32(values[i])) {
        *first_inexact_float32_integer = static_cast<int64_t>(i);
      }
    }
  }
  return Tensor<double>(header.shape, std::move(values));
}

Tensor<double> parse_npy(std::string_view bytes, const std::string& source) {
  AnyTensor values = parse_npy_values(bytes, source, nullptr);
  values.convert_to<double>();
  return values.get<double>();
}

namespace {

// The version 1.0 header of a C-order array of dtype ('<f4' or '<f8'), padded so that the
// data starts 64-byte aligned.
std::string npy_header(const Shape& shape, Dtype dtype) {
  std::string header =
      std::string("{'descr': '") + (dtype == Dtype::Float32 ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) {
    header += std::to_string(shape[i]);
    if (shape.size() == 1 || i + 1 < shape.size()) header += ",";
    if (i + 1 < shape.size()) header += " ";
  }
  header += "), }";
  const size_t unpadded = kMagic.size() + 4 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  return out + header;
}

// Appends value's bytes in little-endian order.
template <typename T>
void put_little_endian(char* to, T value) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  const auto raw = std::bit_cast<Bits>(value);
  for (size_t b = 0; b < sizeof(T); ++b) to[b] = static_cast<char>(raw >> (8 * b));
}

}  // namespace

std::string write_npy(const Tensor<double>& tensor, Dtype dtype) {
  std::string out = npy_header(tensor.shape, dtype);
  const size_t item = dtype == Dtype::Float32 ? 4 : 8;
  const size_t start = out.size();
  out.resize(start + item * tensor.data.size());
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    if (dtype == Dtype::Float32) {
      put_little_endian(out.data() + start + i * item, static_cast<float>(tensor.data[i]));
    } else {
      put_little_endian(out.data() + start + i * item, tensor.data[i]);
    }
  }
  return out;
}

template <typename T>
void write_npy(std::ostream& out, const Shape& shape, const std::vector<T>& values) {
  out << npy_header(shape, std::is_same_v<T, float> ? Dtype::Float32 : Dtype::Float64);
  if constexpr (std::endian::native == std::endian::little) {
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
  } else {
    std::vector<char> bytes(values.size() * sizeof(T));
    for (size_t i = 0; i < values.size(); ++i) put_little_endian(bytes.data() + i * sizeof(T), values[i]);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
}

template void write_npy(std::ostream&, const Shape&, const std::vector<float>&);
template void write_npy(std::ostream&, const Shape&, const std::vector<double>&);

}  // namespace tconv
