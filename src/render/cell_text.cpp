#include "render/cell_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tconv {

std::string format_number(double value) {
  if (value == 0) return "0";  // also -0
  char buffer[64];
  const double magnitude = std::fabs(value);
  if (magnitude < 1e15 && value == std::trunc(value)) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(value));
    return buffer;
  }
  if (magnitude < 0.001 || magnitude >= 1e9) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") return "0";
  return text;
}

namespace {

// Each term's text with its operator ("+2", "-3"); the first term without "+".
std::vector<std::string> term_pieces(const std::vector<double>& terms) {
  std::vector<std::string> pieces;
  for (size_t i = 0; i < terms.size(); ++i) {
    std::string text = format_number(terms[i]);
    if (i > 0 && text.front() != '-') text.insert(text.begin(), '+');
    pieces.push_back(text);
  }
  return pieces;
}

std::string join(const std::vector<std::string>& pieces, size_t from, size_t to) {
  std::string text;
  for (size_t i = from; i < to; ++i) text += pieces[i];
  return text;
}

}  // namespace

std::string format_terms(const std::vector<double>& terms) {
  if (terms.empty()) return "0";
  const std::vector<std::string> pieces = term_pieces(terms);
  return join(pieces, 0, pieces.size());
}

CellText fit_cell_text(const std::vector<double>& terms, double total, double max_width, double base_size,
                       const MeasureText& measure) {
  const std::string whole = format_terms(terms);
  if (measure(whole, base_size) <= max_width) return {{whole}, base_size, false};
  const double small = base_size * 0.75;
  if (measure(whole, small) <= max_width) return {{whole}, small, false};
  if (terms.size() >= 2) {
    const std::vector<std::string> pieces = term_pieces(terms);
    double best = 0;
    size_t best_split = 0;
    for (size_t split = 1; split < pieces.size(); ++split) {
      const double wider = std::max(measure(join(pieces, 0, split), small),
                                    measure(join(pieces, split, pieces.size()), small));
      if (best_split == 0 || wider < best) {
        best = wider;
        best_split = split;
      }
    }
    if (best <= max_width) {
      return {{join(pieces, 0, best_split), join(pieces, best_split, pieces.size())}, small, false};
    }
  }
  const std::string value = "=" + format_number(total);
  const double width = measure(value, base_size);
  return {{value}, width <= max_width ? base_size : base_size * max_width / width, true};
}

}  // namespace tconv
