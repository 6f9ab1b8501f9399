#include "io/step_log_text.hpp"

#include <algorithm>
#include <ostream>

#include "core/error.hpp"
#include "core/index.hpp"
#include "io/number_format.hpp"

namespace tconv {

namespace {

constexpr const char* kMark = "\x1b[1;36m";  // bold cyan: the cells of the current step
constexpr const char* kReset = "\x1b[0m";

// Columns a text takes in a terminal: one per UTF-8 character ("·" is two bytes).
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (const char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

// A factor of a term "x·w", bracketed when negative so that the sign does not read as minus.
std::string factor(const std::string& text) { return text.front() == '-' ? "(" + text + ")" : text; }

// "(1,2)": how the step log names a cell.
std::string cell_text(const Index& index) { return index_text(index, "(", ",", ")"); }

}  // namespace

void check_text_step_log_size(const ConvShapes& shapes) {
  const int64_t steps = element_count(shapes.input_spatial) * shapes.batch * shapes.in_channels;
  const int64_t cells = element_count(shapes.output_spatial) * shapes.batch * shapes.out_channels;
  if (steps > kTextStepLogMaxSteps || cells > kTextStepLogMaxCells) {
    throw InvalidParameter("the text step log is for small cases (at most " + std::to_string(kTextStepLogMaxSteps) +
                           " steps and " + std::to_string(kTextStepLogMaxCells) + " output cells); this one has " +
                           std::to_string(steps) + " steps and " + std::to_string(cells) +
                           " output cells: use --steps --format jsonl");
  }
}

TextStepLog::TextStepLog(std::ostream& out, const ConvShapes& shapes, Dtype dtype, bool color, bool show_batch,
                         bool show_channels, bool show_weights)
    : out_(out),
      shapes_(shapes),
      dtype_(dtype),
      color_(color),
      show_batch_(show_batch),
      show_channels_(show_channels),
      show_weights_(show_weights) {
  check_text_step_log_size(shapes);
  plane_ = element_count(shapes.output_spatial);
  total_steps_ = element_count(shapes.input_spatial) * shapes.batch * shapes.in_channels;
  cells_.resize(static_cast<size_t>(plane_ * shapes.batch * shapes.out_channels));
  touched_now_.assign(cells_.size(), 0);
}

int64_t TextStepLog::plane_offset(int64_t batch, int64_t out_channel) const {
  return (batch * shapes_.out_channels + out_channel) * plane_;
}

void TextStepLog::begin_step(const InputStep& step) {
  step_ = step;
  planes_now_.clear();
  boxes_now_.clear();
  cropped_.clear();
}

void TextStepLog::update(const MacUpdate& update) {
  const int64_t plane = step_.batch * shapes_.out_channels + update.out_channel;
  if (planes_now_.empty() || planes_now_.back() != plane) {
    planes_now_.push_back(plane);
    boxes_now_.emplace_back();
  }
  const std::string product = format_number(update.product, dtype_);
  const std::string term = show_weights_ ? factor(format_number(step_.value, dtype_)) + "\xC2\xB7" +
                                               factor(format_number(update.weight, dtype_))
                                         : product;
  if (update.cropped) {
    std::string where = cell_text(update.output);
    if (shapes_.out_channels > 1) where = "channel " + std::to_string(update.out_channel) + " " + where;
    cropped_.push_back(where + " " + term);
    return;
  }
  auto& [first, last] = boxes_now_.back();
  if (first.rank == 0) first = last = update.output;
  for (int i = 0; i < update.output.rank; ++i) {
    first[i] = std::min(first[i], update.output[i]);
    last[i] = std::max(last[i], update.output[i]);
  }
  const auto at = static_cast<size_t>(plane * plane_ + flatten(update.output, shapes_.output_spatial));
  Cell& cell = cells_[at];
  touched_now_[at] = 1;
  if (update.product == 0) {
    if (cell.terms.empty()) cell.terms = "0";
    return;
  }
  if (!cell.has_nonzero) {
    cell.terms = term;
  } else {
    cell.terms += (term[0] == '-' ? "" : "+") + term;
  }
  cell.has_nonzero = true;
}

void TextStepLog::end_step() {
  out_ << "Step " << step_.number << " of " << total_steps_ << ": input";
  if (show_batch_) out_ << " batch " << step_.batch;
  if (show_channels_) out_ << " channel " << step_.in_channel;
  out_ << ' ' << cell_text(step_.position) << " = " << format_number(step_.value, dtype_)
       << ", times the kernel, added at the marked cells\n";
  for (size_t p = 0; p < planes_now_.size(); ++p) {
    fill_kernel_holes(planes_now_[p], boxes_now_[p].first, boxes_now_[p].second);
    write_grid(planes_now_[p] / shapes_.out_channels, planes_now_[p] % shapes_.out_channels);
  }
  if (!cropped_.empty()) {
    out_ << "  cropped by padding (outside the output):";
    for (const std::string& item : cropped_) out_ << ' ' << item << (&item == &cropped_.back() ? "" : ",");
    out_ << '\n';
  }
  out_ << '\n';
  std::fill(touched_now_.begin(), touched_now_.end(), 0);
}

void TextStepLog::add_bias(int64_t batch, int64_t out_channel, double bias) {
  out_ << "Bias: + " << format_number(bias, dtype_) << " to every cell of";
  if (show_batch_) out_ << " batch " << batch;
  out_ << " output channel " << out_channel << "\n\n";
}

void TextStepLog::fill_kernel_holes(int64_t plane, const Index& first, const Index& last) {
  if (first.rank == 0) return;  // every update of this plane was cropped
  // Walk the box; only a dilated kernel leaves cells in it untouched.
  Shape box;
  for (int i = 0; i < first.rank; ++i) box.push_back(last[i] - first[i] + 1);
  Index offset = zero_index(first.rank);
  do {
    Index at = first;
    for (int i = 0; i < at.rank; ++i) at[i] += offset[i];
    Cell& cell = cells_[static_cast<size_t>(plane * plane_ + flatten(at, shapes_.output_spatial))];
    if (cell.terms.empty()) cell.terms = "0";
  } while (next_index(offset, box));
}

std::string TextStepLog::marked_text(const std::string& text, bool marked) const {
  return marked && color_ ? kMark + text + kReset : text;
}

void TextStepLog::write_grid(int64_t batch, int64_t out_channel) {
  const Shape& spatial = shapes_.output_spatial;
  const int64_t columns = spatial.back();
  const int64_t rows = spatial.size() >= 2 ? spatial[spatial.size() - 2] : 1;
  const int64_t slices = plane_ / (rows * columns);
  const int64_t offset = plane_offset(batch, out_channel);
  const auto text_of = [&](int64_t at) -> std::string {
    const Cell& cell = cells_[static_cast<size_t>(at)];
    const std::string body = cell.terms.empty() ? "." : cell.terms;
    return touched_now_[static_cast<size_t>(at)] ? "[" + body + "]" : " " + body + " ";
  };
  // Widths per column of this step's grid: terms grow from step to step.
  std::vector<size_t> widths(static_cast<size_t>(columns), 1);
  for (int64_t i = 0; i < plane_; ++i) {
    const auto c = static_cast<size_t>(i % columns);
    widths[c] = std::max(widths[c], display_width(text_of(offset + i)));
  }
  if (show_batch_ || show_channels_ || shapes_.out_channels > 1) {
    out_ << "  ";
    if (show_batch_) out_ << "batch " << batch << ", ";
    out_ << "output channel " << out_channel << ":\n";
  }
  for (int64_t s = 0; s < slices; ++s) {
    if (slices > 1) out_ << "  depth " << s << ":\n";
    for (int64_t r = 0; r < rows; ++r) {
      std::string line = " ";
      for (int64_t c = 0; c < columns; ++c) {
        const int64_t at = offset + (s * rows + r) * columns + c;
        const std::string text = text_of(at);
        line += ' ' + std::string(widths[static_cast<size_t>(c)] - display_width(text), ' ');
        line += marked_text(text, touched_now_[static_cast<size_t>(at)] != 0);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out_ << line << '\n';
    }
  }
}

}  // namespace tconv
