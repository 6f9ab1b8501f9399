// Suggestions for mistyped names (cli/spelling.hpp) and sizes with units (parse_byte_size).
#include <doctest/doctest.h>

#include "cli/spelling.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"

namespace tconv {
namespace {

TEST_CASE("edit distance: insertions, deletions, substitutions and neighbour swaps cost 1 each") {
  CHECK(edit_distance("stride", "stride") == 0);
  CHECK(edit_distance("strid", "stride") == 1);     // one insertion
  CHECK(edit_distance("stridee", "stride") == 1);   // one deletion
  CHECK(edit_distance("strade", "stride") == 1);    // one substitution
  CHECK(edit_distance("exampel", "example") == 1);  // one swap, not two substitutions
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);  // the textbook case: k->s, e->i, +g
}

TEST_CASE("closest names: near slips only, dashes ignored, '_' read as '-'") {
  const std::vector<std::string> options{"--stride", "--padding", "--output-padding", "--output-size", "--pads"};
  CHECK(closest_names("--strid", options) == std::vector<std::string>{"--stride"});
  CHECK(closest_names("--output_paddin", options) == std::vector<std::string>{"--output-padding"});
  // "--pad" is 1 from --pads and 4 from --padding: only the nearest are offered.
  CHECK(closest_names("--pad", options) == std::vector<std::string>{"--pads"});
  CHECK(closest_names("--bogus", options).empty());
  // Two edits of a three-letter word is most of it: not a slip.
  CHECK(closest_names("jsn", std::vector<std::string>{"json", "csv", "npy"}) == std::vector<std::string>{"json"});
  CHECK(closest_names("xy", std::vector<std::string>{"csv"}).empty());
}

TEST_CASE("or_list joins names as a sentence does") {
  CHECK(or_list({}).empty());
  CHECK(or_list({"a"}) == "a");
  CHECK(or_list({"a", "b"}) == "a or b");
  CHECK(or_list({"a", "b", "c"}) == "a, b or c");
}

TEST_CASE("byte sizes: plain bytes, powers of 1024 and of 1000, any case") {
  CHECK(parse_byte_size("1000000", "--max-memory") == 1000000);
  CHECK(parse_byte_size("512B", "--max-memory") == 512);
  CHECK(parse_byte_size("4GiB", "--max-memory") == 4LL * 1024 * 1024 * 1024);
  CHECK(parse_byte_size("4G", "--max-memory") == 4LL * 1024 * 1024 * 1024);
  CHECK(parse_byte_size("4gib", "--max-memory") == 4LL * 1024 * 1024 * 1024);
  CHECK(parse_byte_size("512MB", "--max-memory") == 512LL * 1000 * 1000);
  CHECK(parse_byte_size("3k", "--max-memory") == 3 * 1024);
  CHECK(parse_byte_size("2TB", "--max-memory") == 2LL * 1000 * 1000 * 1000 * 1000);
  // A limit of nothing is refused as --batch 0 is (exit 1), whatever the command (issue 22, item 13).
  CHECK_THROWS_WITH_AS(parse_byte_size("0", "--max-memory"), "--max-memory must be >= 1, got 0", InvalidParameter);
  CHECK_THROWS_WITH_AS(parse_byte_size("-1K", "--max-memory"), "--max-memory must be >= 1, got -1024",
                       InvalidParameter);
  CHECK_THROWS_WITH_AS(parse_byte_size("0GiB", "--max-memory"), "--max-memory must be >= 1, got 0", InvalidParameter);
  CHECK(parse_byte_size("1", "--max-memory") == 1);
  CHECK_THROWS_WITH_AS(parse_byte_size("4XB", "--max-memory"),
                       "--max-memory expects a size like 4GiB, 512MB or 1000000, got '4XB'", UsageError);
  CHECK_THROWS_AS(parse_byte_size("GiB", "--max-memory"), UsageError);
  CHECK_THROWS_AS(parse_byte_size("4GiBs", "--max-memory"), UsageError);
  CHECK_THROWS_AS(parse_byte_size("4 GiB", "--max-memory"), UsageError);
  // 2^63 - 1 bytes is 8 EiB: 8388608 TiB is one more than fits.
  CHECK(parse_byte_size("8388607TiB", "--max-memory") == 8388607LL * 1024 * 1024 * 1024 * 1024);
  CHECK_THROWS_WITH_AS(parse_byte_size("8388608TiB", "--max-memory"),
                       "--max-memory 8388608TiB is out of range: at most 9223372036854775807 bytes", InvalidParameter);
}

TEST_CASE("lowercase_extension: the last name's extension in lower case, as -o picks a format by it") {
  CHECK(lowercase_extension("Y.NPY") == "npy");  // issue 22, item 13: -o x.NPY wrote text
  CHECK(lowercase_extension("out/y.Json") == "json");
  CHECK(lowercase_extension("y.tar.gz") == "gz");
  CHECK(lowercase_extension("y") == "");
  CHECK(lowercase_extension("out.d/y") == "");  // a dot in a folder's name is not the file's
  CHECK(lowercase_extension(".npy") == "");     // a hidden file named npy, not an extension
  CHECK(lowercase_extension("y.") == "");
}

TEST_CASE("flag_name: the first long name of a declaration") {
  CHECK(flag_name("-k,--kernel-size,--kernel_size") == "--kernel-size");
  CHECK(flag_name("--groups") == "--groups");
  CHECK(flag_name("-O,--out-dir,--out") == "--out-dir");
  CHECK(flag_name("INPUT_SIZE") == "INPUT_SIZE");
}

}  // namespace
}  // namespace tconv
