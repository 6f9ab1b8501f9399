// Numbers and running sums in cells, and the rule that keeps long sums readable. The measure
// is a stand-in: every character is 0.6 x size wide.
#include <doctest/doctest.h>

#include "render/cell_text.hpp"

namespace tconv {
namespace {

double fake_width(const std::string& text, double size) { return static_cast<double>(text.size()) * 0.6 * size; }

TEST_CASE("format_number: integers bare, fractions to 3 decimals, extremes in %.3g") {
  CHECK(format_number(10) == "10");
  CHECK(format_number(-3) == "-3");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(1.0 / 3.0) == "0.333");
  CHECK(format_number(-2.25) == "-2.25");
  CHECK(format_number(0.00001) == "1e-05");
  CHECK(format_number(2.5e9 + 0.5) == "2.5e+09");
}

TEST_CASE("format_terms: operators from the signs, 0 for no term") {
  CHECK(format_terms({1, 2, 3, 4}) == "1+2+3+4");
  CHECK(format_terms({1, -2}) == "1-2");
  CHECK(format_terms({0.5, 0.25}) == "0.5+0.25");
  CHECK(format_terms({}) == "0");
}

TEST_CASE("fit_cell_text: one line at the base size when it fits") {
  // "1+2" = 3 chars * 0.6 * 20 = 36 <= 40
  const CellText text = fit_cell_text({1, 2}, 3, 40, 20, fake_width);
  CHECK(text.lines == std::vector<std::string>{"1+2"});
  CHECK(text.size == 20);
  CHECK_FALSE(text.summarized);
}

TEST_CASE("fit_cell_text: shrinks to 3/4 before wrapping") {
  // "1+2+3" = 5 * 0.6 * 20 = 60 > 50; at 15: 45 <= 50
  const CellText text = fit_cell_text({1, 2, 3}, 6, 50, 20, fake_width);
  CHECK(text.lines == std::vector<std::string>{"1+2+3"});
  CHECK(text.size == 15);
}

TEST_CASE("fit_cell_text: wraps before the operator that balances the lines") {
  // "1+2+3+4" at 15: 63 > 50. Splits: "1"|"+2+3+4" (6 chars), "1+2"|"+3+4" (4), "1+2+3"|"+4" (5).
  const CellText text = fit_cell_text({1, 2, 3, 4}, 10, 50, 20, fake_width);
  CHECK(text.lines == std::vector<std::string>{"1+2", "+3+4"});
  CHECK(text.size == 15);
}

TEST_CASE("fit_cell_text: falls back to the value, marked as a sum") {
  // Eight 3-digit terms never fit 30 px; the total 800 at the base size is "=800".
  const CellText text = fit_cell_text({100, 100, 100, 100, 100, 100, 100, 100}, 800, 30, 20, fake_width);
  CHECK(text.lines == std::vector<std::string>{"=800"});
  CHECK(text.summarized);
}

TEST_CASE("fit_cell_text: a value that is itself too wide shrinks until it fits") {
  // "=123456" = 7 * 0.6 * 20 = 84 > 42: drawn at 20 * 42 / 84 = 10.
  const CellText text = fit_cell_text({123455, 1}, 123456, 42, 20, fake_width);
  CHECK(text.lines == std::vector<std::string>{"=123456"});
  CHECK(text.size == doctest::Approx(10));
}

}  // namespace
}  // namespace tconv
