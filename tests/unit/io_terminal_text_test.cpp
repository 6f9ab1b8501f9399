// io/terminal_text.hpp: names from files made safe for a terminal, by hand-written expectations.
#include <doctest/doctest.h>

#include <string>

#include "io/terminal_text.hpp"

namespace tconv {
namespace {

TEST_CASE("terminal_safe keeps printable ASCII and valid UTF-8 as they are") {
  CHECK(terminal_safe("/0/ConvTranspose") == "/0/ConvTranspose");
  CHECK(terminal_safe("up\u00b7sample \u4e0a\u91c7\u6837 \U0001F600") ==
        "up\u00b7sample \u4e0a\u91c7\u6837 \U0001F600");
  CHECK(terminal_safe("") == "");
}

TEST_CASE("terminal_safe escapes control characters, newlines and C1 controls as \\xNN") {
  // ESC ] 0 ; t BEL: sets the window title; ESC [ 2 J: clears the screen.
  CHECK(terminal_safe("\x1b]0;t\x07\x1b[2J") == "\\x1b]0;t\\x07\\x1b[2J");
  CHECK(terminal_safe("a\nb\tc\rd") == "a\\x0ab\\x09c\\x0dd");
  CHECK(terminal_safe(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(terminal_safe("del\x7f") == "del\\x7f");
  // U+009B (CSI in C1) is the two bytes C2 9B.
  CHECK(terminal_safe("\xc2\x9b"
                      "31m") == "\\xc2\\x9b31m");
}

TEST_CASE("terminal_safe escapes bytes that are not UTF-8: stray, truncated, overlong, surrogate, too large") {
  CHECK(terminal_safe("bad\xff\xfe") == "bad\\xff\\xfe");
  CHECK(terminal_safe("\x80x") == "\\x80x");                           // a continuation byte alone
  CHECK(terminal_safe("\xe4\xb8") == "\\xe4\\xb8");                    // a 3-byte sequence cut after 2
  CHECK(terminal_safe("\xc0\xaf") == "\\xc0\\xaf");                    // overlong '/'
  CHECK(terminal_safe("\xed\xa0\x80") == "\\xed\\xa0\\x80");           // U+D800, a surrogate
  CHECK(terminal_safe("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}

TEST_CASE("terminal_safe cuts a long text at a character boundary, with an ellipsis") {
  CHECK(terminal_safe("abcdef", 4) == "abcd\u2026");
  CHECK(terminal_safe("abcd", 4) == "abcd");
  // "\u00e9" is 2 bytes: 3 bytes leave room for "a" and one e-acute, not half of the second.
  CHECK(terminal_safe("a\u00e9\u00e9", 3) == "a\u00e9\u2026");
  // An escape is not cut in half either: "\x1b" is 4 bytes.
  CHECK(terminal_safe("ab\x1b", 5) == "ab\u2026");
  CHECK(terminal_safe(std::string(1 << 20, 'n'), 60) == std::string(60, 'n') + "\u2026");
}

}  // namespace
}  // namespace tconv
