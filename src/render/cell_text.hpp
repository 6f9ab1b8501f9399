// The text of a number or a running sum in a grid cell, and the one rule that keeps long sums
// readable:
//   1. the whole sum on one line at the base size, if it fits;
//   2. else on one line at 3/4 of the base size;
//   3. else on two lines at 3/4 size, split before the operator that best balances the lines;
//   4. else the sum's value alone, written "=10" so it reads as a sum, at the base size or
//      smaller until it fits.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace tconv {

// Shortest readable form: integers without a point ("10", "-3"); others with up to 3 decimals,
// trailing zeros trimmed ("0.5", "0.333"); magnitudes below 0.001 or above 1e9 in %.3g.
std::string format_number(double value);

// "1+2+3+4", "1-2" (a negative term is written with its sign as the operator), "0" for no terms.
std::string format_terms(const std::vector<double>& terms);

struct CellText {
  std::vector<std::string> lines;
  double size = 0;
  bool summarized = false;  // rule 4
};

// Width in pixels of `text` drawn at font size `size`.
using MeasureText = std::function<double(const std::string& text, double size)>;

// Applies the rule above for a cell whose text may be `max_width` wide at most.
CellText fit_cell_text(const std::vector<double>& terms, double total, double max_width, double base_size,
                       const MeasureText& measure);

}  // namespace tconv
