// Parsing of flag values: integer lists ("2", "2,1") and sizes ("4x4", "4,4", "7").
// A value that does not parse is a usage error (exit 2); a well-formed value with the wrong
// number of entries for the layer is an invalid parameter (exit 1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tconv {

// "3" -> {3}; "2,1" -> {2,1}; with allow_x also "4x5x6". Throws UsageError naming `option`
// for anything else (empty items, non-digits, out of 64-bit range).
std::vector<int64_t> parse_int_list(const std::string& text, const std::string& option, bool allow_x = false);

// One value -> repeated dims times; dims values -> as is; else InvalidParameter
// "<option> needs 1 or <dims> values (one per spatial dimension), got N" ("needs 1 value for a
// 1-D input, got N" for dims 1). Empty stays empty (option not given).
std::vector<int64_t> broadcast_to_dims(const std::vector<int64_t>& values, int dims, const std::string& option);

}  // namespace tconv
