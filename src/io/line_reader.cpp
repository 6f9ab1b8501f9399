#include "io/line_reader.hpp"

#include <streambuf>

#include "core/error.hpp"

namespace tconv {

bool LineReader::next(std::string& line) {
  line.clear();
  // The buffer directly: an istream's get() per character costs a sentry each.
  std::streambuf& buffer = *in_.rdbuf();
  using Traits = std::streambuf::traits_type;
  const auto eof = Traits::eof();
  if (Traits::eq_int_type(buffer.sgetc(), eof)) return false;
  ++number_;
  for (;;) {
    const auto c = buffer.sbumpc();
    if (Traits::eq_int_type(c, eof) || c == '\n') break;
    if (line.size() == max_line_bytes_) {
      throw DataError("line " + std::to_string(number_) + " is longer than " + std::to_string(max_line_bytes_) +
                      " bytes: " + quoted_excerpt(line));
    }
    line.push_back(Traits::to_char_type(c));
  }
  if (number_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  return true;
}

std::string quoted_excerpt(std::string_view text, size_t max_chars) {
  std::string quoted = "'";
  for (size_t i = 0; i < text.size() && i < max_chars; ++i) {
    const char c = text[i];
    quoted += c >= 32 && c < 127 ? c : '?';
  }
  if (text.size() > max_chars) quoted += "...";
  return quoted + "'";
}

}  // namespace tconv
