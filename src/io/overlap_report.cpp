#include "io/overlap_report.hpp"

#include <cstdio>
#include <ostream>

#include "io/tensor_format.hpp"

namespace tconv {

namespace {

Tensor<double> as_tensor(const Shape& shape, const std::vector<int64_t>& counts) {
  Tensor<double> tensor(shape);
  for (size_t i = 0; i < counts.size(); ++i) tensor.data[i] = static_cast<double>(counts[i]);
  return tensor;
}

std::string joined(const std::vector<int64_t>& values, size_t count, const char* separator) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += (i > 0 ? separator : "") + std::to_string(values[i]);
  return text;
}

std::string range_text(int64_t low, int64_t high) {
  return low == high ? std::to_string(low) : std::to_string(low) + " to " + std::to_string(high);
}

// "by output index mod 2: 2 1 (period 2)" or "2 everywhere".
std::string pattern_text(const OverlapAxis& axis) {
  if (axis.uniform) return std::to_string(axis.min) + " everywhere";
  return "by output index mod " + std::to_string(axis.period) + ": " +
         joined(axis.pattern, static_cast<size_t>(axis.period), " ") + " (period " + std::to_string(axis.period) + ")";
}

void write_nested_counts(std::ostream& out, const Shape& shape, const std::vector<int64_t>& counts) {
  write_json_nested(out, as_tensor(shape, counts), Dtype::Float64);
}

}  // namespace

std::string json_string(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      quoted += escaped;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

void write_overlap_text(std::ostream& out, const OverlapView& view, const std::string& title) {
  const size_t dims = view.output.size();
  out << "Overlap view: " << title << "\n"
      << "How many (input element, kernel tap) pairs reach each output cell (output " << shape_to_string(view.output)
      << "):\n";
  write_tensor_text(out, as_tensor(view.output, view.counts), Dtype::Float64, {"depth"}, "  ");
  bool has_interior = true;
  if (dims == 1) {
    out << "Away from the borders, " << pattern_text(view.axes[0]) << '\n';
    has_interior = view.axes[0].interior_end > view.axes[0].interior_begin;
  } else {
    out << "Per dimension (the 1-D layer of each axis; a cell's count is the product):\n";
    for (size_t a = 0; a < dims; ++a) {
      const OverlapAxis& axis = view.axes[a];
      out << "  dimension " << a + 1 << ": " << joined(axis.counts, axis.counts.size(), " ")
          << "\n    away from the borders, " << pattern_text(axis) << '\n';
      has_interior = has_interior && axis.interior_end > axis.interior_begin;
    }
  }
  std::string periods;
  for (size_t a = 0; a < dims; ++a) periods += (a > 0 ? "x" : "") + std::to_string(view.axes[a].period);
  out << "Repeating period: " << periods << (dims > 1 ? " cells\n" : (periods == "1" ? " cell\n" : " cells\n"));
  out << "Verdict: " << (view.uniform ? "even" : "uneven") << ": away from the borders a cell gets "
      << range_text(view.min, view.max)
      << " pairs (every cell, borders included: " << range_text(view.output_min, view.output_max) << ")\n";
  if (!has_interior) {
    out << "  (this output is too small to have cells away from the borders on every axis: the verdict is "
           "for larger inputs)\n";
  }
  out << "Why: " << view.reason << '\n';
  if (!view.uniform) out << "To make it even: " << view.remedy << '\n';
}

void write_overlap_json(std::ostream& out, const OverlapView& view, const std::string& parameters_json) {
  std::vector<int64_t> periods;
  for (const OverlapAxis& axis : view.axes) periods.push_back(axis.period);
  out << "{\"counts\":";
  write_nested_counts(out, view.output, view.counts);
  out << ",\"min\":" << view.min << ",\"max\":" << view.max << ",\"uniform\":" << (view.uniform ? "true" : "false")
      << ",\"period\":" << json_int_list(periods) << ",\"reason\":" << json_string(view.reason)
      << ",\"remedy\":" << (view.uniform ? "null" : json_string(view.remedy)) << ",\"output_min\":" << view.output_min
      << ",\"output_max\":" << view.output_max << ",\"shape\":" << json_int_list(view.output) << ",\"axes\":[";
  for (size_t a = 0; a < view.axes.size(); ++a) {
    const OverlapAxis& axis = view.axes[a];
    const std::string remedy = overlap_axis_remedy(axis);
    out << (a > 0 ? "," : "") << "{\"counts\":" << json_int_list(axis.counts)
        << ",\"pattern\":" << json_int_list(axis.pattern) << ",\"period\":" << axis.period << ",\"min\":" << axis.min
        << ",\"max\":" << axis.max << ",\"uniform\":" << (axis.uniform ? "true" : "false")
        << ",\"interior\":" << json_int_list({axis.interior_begin, axis.interior_end})
        << ",\"reason\":" << json_string(overlap_axis_reason(axis))
        << ",\"remedy\":" << (remedy.empty() ? "null" : json_string(remedy)) << '}';
  }
  out << "],\"parameters\":" << parameters_json << "}\n";
}

}  // namespace tconv
