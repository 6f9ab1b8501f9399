#include "io/gather_log.hpp"

#include <ostream>
#include <string>

#include "core/checked_math.hpp"
#include "core/error.hpp"
#include "core/index.hpp"
#include "io/number_format.hpp"

namespace tconv {

namespace {

// A factor of a term "x·w", bracketed when negative.
std::string factor(const std::string& text) { return text.front() == '-' ? "(" + text + ")" : text; }

std::string index_json(const Index& index) { return index_text(index, "[", ",", "]"); }

}  // namespace

GatherTextLog::GatherTextLog(std::ostream& out, Dtype dtype, bool show_batch, bool show_channel)
    : out_(out), dtype_(dtype), show_batch_(show_batch), show_channel_(show_channel) {}

void GatherTextLog::cell(const GatherCell& cell) {
  out_ << "  out";
  if (show_batch_) out_ << " batch " << cell.batch;
  if (show_channel_) out_ << " channel " << cell.out_channel;
  out_ << ' ' << index_text(cell.output, "(", ",", ")") << " = ";
  if (cell.terms.empty()) out_ << "0 (the window holds only inserted zeros and padding)";
  for (size_t t = 0; t < cell.terms.size(); ++t) {
    const GatherTerm& term = cell.terms[t];
    out_ << (t > 0 ? " + " : "") << factor(format_number(term.input_value, dtype_)) << "\xC2\xB7"
         << factor(format_number(term.weight, dtype_));
  }
  if (cell.has_bias) out_ << " + " << format_number(cell.bias, dtype_);
  if (!cell.terms.empty() || cell.has_bias) out_ << " = " << format_number(cell.value, dtype_);
  out_ << '\n';
}

GatherJsonLog::GatherJsonLog(std::ostream& out, Dtype dtype, bool lines) : out_(out), dtype_(dtype), lines_(lines) {}

void GatherJsonLog::cell(const GatherCell& cell) {
  if (!lines_ && cell.number > 1) out_ << ",\n";
  out_ << "{\"cell\":" << cell.number << ",\"batch\":" << cell.batch << ",\"out_channel\":" << cell.out_channel
       << ",\"output_index\":" << index_json(cell.output) << ",\"terms\":[";
  for (size_t t = 0; t < cell.terms.size(); ++t) {
    const GatherTerm& term = cell.terms[t];
    out_ << (t > 0 ? "," : "") << "{\"in_channel\":" << term.in_channel << ",\"input_index\":" << index_json(term.input)
         << ",\"expanded_index\":" << index_json(term.expanded) << ",\"flipped_index\":" << index_json(term.window)
         << ",\"weight_index\":" << index_json(term.tap)
         << ",\"input\":" << format_json_number(term.input_value, dtype_)
         << ",\"weight\":" << format_json_number(term.weight, dtype_)
         << ",\"product\":" << format_json_number(term.product, dtype_) << '}';
  }
  out_ << ']';
  if (cell.has_bias) out_ << ",\"bias\":" << format_json_number(cell.bias, dtype_);
  out_ << ",\"value\":" << format_json_number(cell.value, dtype_) << '}';
  if (lines_) out_ << '\n';
}

namespace {

int64_t gather_log_terms(const ConvShapes& shapes, const ConvParams& params) {
  int64_t terms =
      checked_mul(shapes.batch * shapes.out_channels, shapes.in_channels / params.groups, "gather log size");
  for (size_t a = 0; a < params.axes.size(); ++a) {
    const AxisParams& axis = params.axes[a];
    int64_t pairs = 0;
    for (int64_t i = 0; i < shapes.input_spatial[a]; ++i) {
      for (int64_t k = 0; k < axis.kernel; ++k) {
        const int64_t o = i * axis.stride + k * axis.dilation - axis.pad_begin;
        pairs += o >= 0 && o < shapes.output_spatial[a];
      }
    }
    terms = checked_mul(terms, pairs, "gather log size");
  }
  return terms;
}

}  // namespace

int64_t gather_log_entries(const ConvShapes& shapes, const ConvParams& params) {
  return checked_add(element_count(shapes.output_shape()), gather_log_terms(shapes, params), "gather log size");
}

void check_json_gather_log_size(const ConvShapes& shapes, const ConvParams& params) {
  const int64_t entries = gather_log_entries(shapes, params);
  if (entries > kJsonGatherLogMaxEntries) {
    const int64_t cells = element_count(shapes.output_shape());
    throw InvalidParameter("the json gather log would hold " + std::to_string(cells) + " cells and " +
                           std::to_string(entries - cells) + " terms, above " +
                           std::to_string(kJsonGatherLogMaxEntries) +
                           " entries for one document; use --format jsonl, which streams any size");
  }
}

}  // namespace tconv
