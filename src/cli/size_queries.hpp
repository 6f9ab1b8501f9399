// The input of `tconv shape -`: one input size per line of standard input. Bounded, so that no
// input can make tconv hold more than a fixed amount: a line of at most 64 KiB (`< /dev/zero`
// is refused after 64 KiB, not read until memory runs out) and at most a million lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>

namespace tconv {

constexpr size_t kMaxSizeQueryLineBytes = size_t{64} << 10;
constexpr int64_t kMaxSizeQueryLines = 1000000;

// Reads `in` to its end and calls answer(size) for every line that holds one input size ("5",
// "4x4", "4,5,6"; blanks around it are trimmed); blank lines and lines starting with '#' are
// skipped, and a UTF-8 byte-order mark at the start. Throws DataError "stdin line N: ..." for a
// line that is not one size (quoting at most 100 characters of it), a line longer than 64 KiB
// and a line after the millionth; an Error thrown by answer gets the same "stdin line N: "
// prefix and keeps its exit status. A read error is the stream's own exception.
void read_size_queries(std::istream& in, const std::function<void(const std::string& size)>& answer);

}  // namespace tconv
