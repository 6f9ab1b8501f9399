#include "render/cell_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/theme.hpp"

namespace tconv {

std::string format_number(double value, int decimals) {
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
  std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 1, 3), value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") return "0";
  return text;
}

namespace {

std::string factor(double value, int decimals) {
  const std::string text = format_number(value, decimals);
  return text.front() == '-' ? "(" + text + ")" : text;
}

std::string join(const std::vector<std::string>& pieces, size_t from, size_t to) {
  std::string text;
  for (size_t i = from; i < to; ++i) text += pieces[i];
  return text;
}

}  // namespace

std::vector<std::string> sum_pieces(const std::vector<SumTerm>& terms, bool factors, int decimals) {
  std::vector<std::string> pieces;
  for (size_t i = 0; i < terms.size(); ++i) {
    std::string text = factors ? factor(terms[i].input, decimals) + kTimes + factor(terms[i].weight, decimals)
                               : format_number(terms[i].product, decimals);
    if (i > 0 && text.front() != '-') text.insert(text.begin(), '+');
    pieces.push_back(text);
  }
  return pieces;
}

std::string format_terms(const std::vector<double>& products) {
  if (products.empty()) return "0";
  std::vector<SumTerm> terms;
  for (double p : products) terms.push_back({p, 1, p});
  const std::vector<std::string> pieces = sum_pieces(terms, false);
  return join(pieces, 0, pieces.size());
}

double lines_height(int lines) { return type::kDigitHeight + type::kLinePitch * static_cast<double>(lines - 1); }

std::vector<std::string> split_lines(const std::vector<std::string>& pieces, int lines, const MeasureText& measure) {
  if (lines <= 1 || pieces.size() < 2) return {join(pieces, 0, pieces.size())};
  double best = 0;
  size_t best_split = 0;
  for (size_t split = 1; split < pieces.size(); ++split) {
    const double wider =
        std::max(measure(join(pieces, 0, split), 1.0), measure(join(pieces, split, pieces.size()), 1.0));
    if (best_split == 0 || wider < best) {
      best = wider;
      best_split = split;
    }
  }
  return {join(pieces, 0, best_split), join(pieces, best_split, pieces.size())};
}

namespace {

// The largest size at which `lines` fit box (widths measured at size 1).
double fit_size(const std::vector<std::string>& lines, TextBox box, const MeasureText& measure) {
  double widest = 0;
  for (const std::string& line : lines) widest = std::max(widest, measure(line, 1.0));
  const double by_width = widest > 0 ? box.width / widest : box.width;
  const double by_height = box.height / lines_height(static_cast<int>(lines.size()));
  return std::min(by_width, by_height);
}

}  // namespace

GridText fit_grid_text(const std::vector<std::vector<std::string>>& contents, TextBox box, double max_size,
                       int max_lines, const MeasureText& measure) {
  GridText grid;
  if (contents.empty()) return grid;
  // Per content, its layouts (1 line, 2 lines) and the size each allows.
  std::vector<std::vector<std::vector<std::string>>> layouts(contents.size());
  double size = max_size;
  for (size_t i = 0; i < contents.size(); ++i) {
    double best = 0;
    for (int lines = 1; lines <= max_lines; ++lines) {
      if (lines > 1 && contents[i].size() < static_cast<size_t>(lines)) break;
      layouts[i].push_back(split_lines(contents[i], lines, measure));
      best = std::max(best, fit_size(layouts[i].back(), box, measure));
    }
    size = std::min(size, best);
  }
  grid.size = size;
  for (size_t i = 0; i < contents.size(); ++i) {
    // The fewest lines that fit at the common size (the last layout always does).
    size_t pick = layouts[i].size() - 1;
    for (size_t l = 0; l < layouts[i].size(); ++l) {
      if (fit_size(layouts[i][l], box, measure) >= size * (1 - 1e-9)) {
        pick = l;
        break;
      }
    }
    grid.lines.push_back(layouts[i][pick]);
  }
  return grid;
}

double diamond_text_size(double width_at_1, double half_width, double half_height, double max_size) {
  // A centred box w x h fits the diamond when w / (2 half_width) + h / (2 half_height) <= 1,
  // with w = width*s + 2 margin_x and h = digit height*s + 2 margin_y.
  const double room = 1 - type::kCellMarginX / half_width - type::kCellMarginY / half_height;
  const double per_size = width_at_1 / (2 * half_width) + type::kDigitHeight / (2 * half_height);
  if (room <= 0) return 0;
  return std::min(max_size, room / per_size);
}

}  // namespace tconv
