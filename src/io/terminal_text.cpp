#include "io/terminal_text.hpp"

#include <cstdint>

namespace tconv {

namespace {

// The length of the valid UTF-8 sequence at the start of `text` (1 to 4), or 0 when it is not
// one: a stray continuation byte, a truncated sequence, an overlong form, a surrogate, or a
// code point above U+10FFFF.
size_t utf8_length(std::string_view text, uint32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  size_t length = 0;
  uint32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code_point = lead & 0x1Fu, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code_point = lead & 0x0Fu, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code_point = lead & 0x07u, minimum = 0x10000;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3Fu);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

void append_escaped(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

}  // namespace

std::string terminal_safe(std::string_view text, size_t max_bytes) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    uint32_t code_point = 0;
    const size_t length = utf8_length(text.substr(at), code_point);
    std::string piece;
    if (length == 0) {
      append_escaped(piece, static_cast<unsigned char>(text[at]));
    } else if (code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point <= 0x9F)) {
      for (size_t i = 0; i < length; ++i) append_escaped(piece, static_cast<unsigned char>(text[at + i]));
    } else {
      piece = text.substr(at, length);
    }
    if (out.size() + piece.size() > max_bytes) return out + "\u2026";
    out += piece;
    at += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace tconv
