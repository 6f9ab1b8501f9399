// Parsing of flag values: integers, integer lists ("2", "2,1") and sizes ("4x4", "4,4", "7").
// A value that does not parse is a usage error (exit 2); a well-formed value that breaks a rule
// (too large for 64 bits, the wrong number of entries for the layer) is an invalid parameter
// (exit 1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tconv {

// The name messages use for a flag declared as `names` (CLI11 syntax): its first long name
// ("--kernel-size" from "-k,--kernel-size,--kernel_size"), else its first name.
std::string flag_name(const std::string& names);

// "42", "+42", "-7" -> the value. Throws UsageError "<option> expects an integer, got '<text>'"
// for anything else, and InvalidParameter "<option> <text> is out of range: at most
// 9223372036854775807" (or "at least -9223372036854775808") for an integer beyond 64 bits.
int64_t parse_integer(const std::string& text, const std::string& option);

// "3" -> {3}; "2,1" -> {2,1}; with allow_x also "4x5x6". Throws UsageError naming `option`
// for anything else (empty items, non-digits), and InvalidParameter as parse_integer for an
// item beyond 64 bits. Messages quote at most 100 characters of the text.
std::vector<int64_t> parse_int_list(const std::string& text, const std::string& option, bool allow_x = false);

// A size in bytes: an integer, optionally followed by a unit (any case): B; K, KiB, M, MiB, G,
// GiB, T, TiB for powers of 1024; KB, MB, GB, TB for powers of 1000 (as GNU sort -S and dd
// read them): "4GiB" and "4G" are 4294967296, "512MB" is 512000000. Throws UsageError "<option>
// expects a size like 4GiB, 512MB or 1000000, got '...'" for anything else, and
// InvalidParameter "<option> <text> is out of range: at most 9223372036854775807 bytes", and
// InvalidParameter "<option> must be >= 1, got 0" for a size below 1 byte (0, -1, -2KB): every
// size flag is a limit, and a limit of nothing would refuse everything.
int64_t parse_byte_size(const std::string& text, const std::string& option);

// The extension of a path's last component, lowercased, without the dot: "Y.NPY" -> "npy",
// "out/y.tar.gz" -> "gz"; empty without one ("y", "out.d/y", ".hidden"). The formats tconv
// picks from an output's name are chosen by it, so every spelling of an extension counts.
std::string lowercase_extension(std::string_view path);

// One value -> repeated dims times; dims values -> as is; else InvalidParameter
// "<option> needs 1 or <dims> values (one per spatial dimension), got N" ("needs 1 value for a
// 1-D input, got N" for dims 1). Empty stays empty (option not given).
std::vector<int64_t> broadcast_to_dims(const std::vector<int64_t>& values, int dims, const std::string& option);

}  // namespace tconv
