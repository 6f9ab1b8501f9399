// Text that came from a file (a model's node names, symbols, attribute strings), made safe to
// print on a terminal in one line: printable UTF-8 is kept as it is; control characters (C0,
// DEL, C1), newlines included, and bytes that are not valid UTF-8 become \xNN escapes, so that
// a crafted name cannot clear the screen or set the window title; and a long text is cut (at a
// character boundary) with an ellipsis, so that one field cannot flood the screen.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace tconv {

// `text` as above, at most `max_bytes` bytes of escaped text before the ellipsis "…".
std::string terminal_safe(std::string_view text, size_t max_bytes = std::numeric_limits<size_t>::max());

}  // namespace tconv
