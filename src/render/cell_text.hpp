// Numbers and running sums in grid cells, fitted so that they are always readable and never
// touch a line:
//   - every cell of a grid uses one font size: the largest at which every cell's text fits
//     the cell's inner box (the cell less its margins, theme.hpp's type::kCellMargin*), a sum
//     on one line or, when that needs a smaller font, on two, split before the term that best
//     balances the lines;
//   - numbers are written shortest, with at most `decimals` decimals; a grid that does not fit
//     at 3 decimals may be drawn at 2;
//   - a size under type::kMinNumberSize is never drawn: the caller grows the cells or leaves
//     the numbers out (and says so).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace tconv {

// Shortest readable form: integers without a point ("10", "-3"); others with up to `decimals`
// (1..3) decimals, trailing zeros trimmed ("0.5", "0.333"); magnitudes below 0.001 or at and
// above 1e9 in %.3g.
std::string format_number(double value, int decimals = 3);

// The multiplication dot of the pictures: U+2219 (bullet operator). DejaVu Sans draws the
// middle dot U+00B7 as a 1.5 px speck at 12-15 px, which reads like a decimal point ("1·5").
inline constexpr const char* kTimes = "\xE2\x88\x99";

// One term of a running sum: an input value times a weight, and the engine's product.
struct SumTerm {
  double input = 0, weight = 0, product = 0;
};

// The pieces of a sum, each with its operator ("1", "+2", "-3"; the first without "+").
// factors: each term written input∙weight (kTimes), a negative factor bracketed ("1∙5", "+(-2)∙4");
// else the products ("1+2+3+4", as the article writes an all-ones kernel's sums).
std::vector<std::string> sum_pieces(const std::vector<SumTerm>& terms, bool factors, int decimals = 3);

// "1+2+3+4", "1-2" (a negative term is written with its sign as the operator), "0" for no terms.
std::string format_terms(const std::vector<double>& products);

// Width in pixels of `text` drawn at font size `size`.
using MeasureText = std::function<double(const std::string& text, double size)>;

// The room inside a cell, margins already taken off.
struct TextBox {
  double width = 0, height = 0;
};

// Height of `lines` lines of digits at font size 1 (the ink of the first, then one pitch each).
double lines_height(int lines);

// The pieces of one sum on `lines` lines (1 or 2; 2 needs two pieces), split before the piece
// that makes the wider line narrowest.
std::vector<std::string> split_lines(const std::vector<std::string>& pieces, int lines, const MeasureText& measure);

// One size for a whole grid.
struct GridText {
  double size = 0;                              // 0 when there is no text
  std::vector<std::vector<std::string>> lines;  // per content: its lines at that size
};

// The largest size <= max_size at which every content (the pieces of one cell's text) fits
// box on at most max_lines lines; each content then takes the fewest lines that fit. The size
// may be below the floor: the caller decides what to do then.
GridText fit_grid_text(const std::vector<std::vector<std::string>>& contents, TextBox box, double max_size,
                       int max_lines, const MeasureText& measure);

// The largest size <= max_size at which a one-line text of the given width at size 1 fits,
// centred, inside a diamond cell of half-diagonals half_width x half_height, margins included.
double diamond_text_size(double width_at_1, double half_width, double half_height, double max_size);

}  // namespace tconv
