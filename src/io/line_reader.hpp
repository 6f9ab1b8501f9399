// Text lines from a stream, each of bounded length: a line longer than the bound is refused as
// soon as that many bytes have come without a newline, so an endless line (`< /dev/zero`) costs
// no more memory than the bound. A UTF-8 byte-order mark before the first line (Windows editors
// write one) is skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace tconv {

class LineReader {
 public:
  LineReader(std::istream& in, size_t max_line_bytes) : in_(in), max_line_bytes_(max_line_bytes) {}

  // The next line, without its '\n' ('\r' stays: callers trim), into line. False at the end of
  // the stream. Throws DataError "line N is longer than M bytes: 'first 100 characters...'", and
  // whatever the stream's buffer throws on a read error.
  bool next(std::string& line);
  // The 1-based number of the line last read.
  int64_t number() const { return number_; }

 private:
  std::istream& in_;
  size_t max_line_bytes_;
  int64_t number_ = 0;
};

// text in single quotes for an error message: at most `max_chars` bytes of it (then "..."), bytes
// outside printable ASCII as '?', so a binary or endless line cannot flood the terminal.
std::string quoted_excerpt(std::string_view text, size_t max_chars = 100);

}  // namespace tconv
