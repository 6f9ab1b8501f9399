// Numbers and running sums in cells, and the rules that keep them readable (cell_text.hpp).
// The measure is a stand-in: every byte is 0.6 x size wide (so a 3-byte "∙" counts 1.8 x size).
#include <doctest/doctest.h>

#include "render/cell_text.hpp"
#include "render/theme.hpp"

namespace tconv {
namespace {

double fake_width(const std::string& text, double size) { return static_cast<double>(text.size()) * 0.6 * size; }

TEST_CASE("format_number: integers bare, fractions to the grid's decimals, extremes in %.3g") {
  CHECK(format_number(10) == "10");
  CHECK(format_number(-3) == "-3");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(1.0 / 3.0) == "0.333");
  CHECK(format_number(1.0 / 3.0, 2) == "0.33");
  CHECK(format_number(-0.4999, 2) == "-0.5");
  CHECK(format_number(0.001, 2) == "0");  // rounds to zero at two decimals: "-0" never appears
  CHECK(format_number(-0.004, 2) == "0");
  CHECK(format_number(-2.25) == "-2.25");
  CHECK(format_number(0.00001) == "1e-05");
  CHECK(format_number(2.5e9 + 0.5) == "2.5e+09");
}

TEST_CASE("sum_pieces: products with their signs, or factors with the weights visible") {
  const std::vector<SumTerm> terms{{1, 5, 5}, {-2, 4, -8}, {3, -1, -3}};
  CHECK(sum_pieces(terms, false) == std::vector<std::string>{"5", "-8", "-3"});
  const std::string t = kTimes;
  CHECK(sum_pieces(terms, true) == std::vector<std::string>{"1" + t + "5", "+(-2)" + t + "4", "+3" + t + "(-1)"});
  CHECK(format_terms({1, 2, 3, 4}) == "1+2+3+4");
  CHECK(format_terms({1, -2}) == "1-2");
  CHECK(format_terms({}) == "0");
}

TEST_CASE("split_lines: before the piece that makes the wider line narrowest") {
  // Splits of 1|+2|+3|+4: "1"/"+2+3+4" (6 bytes), "1+2"/"+3+4" (4), "1+2+3"/"+4" (5).
  CHECK(split_lines({"1", "+2", "+3", "+4"}, 2, fake_width) == std::vector<std::string>{"1+2", "+3+4"});
  CHECK(split_lines({"1", "+2"}, 1, fake_width) == std::vector<std::string>{"1+2"});
  CHECK(split_lines({"10"}, 2, fake_width) == std::vector<std::string>{"10"});
}

TEST_CASE("fit_grid_text: one size for the whole grid, each cell on the fewest lines that fit it") {
  // Box 40 x 60. "1" alone fits at 40 / 0.6 = 66.7 (height: 60 / 0.729 = 82.3): 66.7.
  // "1+2+3+4" on one line: 40 / 4.2 = 9.52; on two ("1+2"/"+3+4"): width 40 / 2.4 = 16.7, height
  // 60 / (0.729 + 1.15) = 31.9: 16.7. The grid's size is min(20, 66.7, 16.7) = 16.7.
  const GridText fit = fit_grid_text({{"1"}, {"1", "+2", "+3", "+4"}}, {40, 60}, 20, 2, fake_width);
  CHECK(fit.size == doctest::Approx(40.0 / 2.4));
  REQUIRE(fit.lines.size() == 2);
  CHECK(fit.lines[0] == std::vector<std::string>{"1"});
  CHECK(fit.lines[1] == std::vector<std::string>{"1+2", "+3+4"});
  // A short sum at that size stays on one line: "1+2" is 1.8 x 16.7 = 30 <= 40.
  const GridText both = fit_grid_text({{"1", "+2"}, {"1", "+2", "+3", "+4"}}, {40, 60}, 20, 2, fake_width);
  CHECK(both.lines[0] == std::vector<std::string>{"1+2"});
  // One line only: the long sum sets the size, 9.52, below the floor; the caller must act.
  const GridText one = fit_grid_text({{"1", "+2", "+3", "+4"}}, {40, 60}, 20, 1, fake_width);
  CHECK(one.size == doctest::Approx(40.0 / 4.2));
  CHECK(one.size < type::kMinNumberSize);
}

TEST_CASE("diamond_text_size: a centred text inside a diamond, margins included") {
  // Half-diagonals 40 x 16: room = 1 - 4/40 - 3/16 = 0.7125; per size = w/80 + 0.729/32.
  // A text 1.2 wide at size 1 (two digits): 0.7125 / (0.015 + 0.02278) = 18.86, capped at 15.
  CHECK(diamond_text_size(1.2, 40, 16, 15) == doctest::Approx(15));
  CHECK(diamond_text_size(1.2, 40, 16, 100) == doctest::Approx(0.7125 / (1.2 / 80 + 0.729 / 32)));
  // Too small a diamond for any margin: 0.
  CHECK(diamond_text_size(1, 4, 2, 15) == 0);
}

}  // namespace
}  // namespace tconv
