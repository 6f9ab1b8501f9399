#include "io/tensor_format.hpp"

#include <algorithm>
#include <ostream>

#include "core/error.hpp"
#include "io/number_format.hpp"

namespace tconv {

namespace {

void write_row(std::ostream& out, const std::vector<std::string>& cells, size_t begin, size_t count, size_t width,
               const std::string& indent) {
  out << indent;
  for (size_t i = 0; i < count; ++i) {
    const std::string& cell = cells[begin + i];
    if (i > 0) out << ' ';
    out << std::string(width - cell.size(), ' ') << cell;
  }
  out << '\n';
}

void write_nested(std::ostream& out, const Tensor<double>& tensor, Dtype dtype, size_t axis, size_t& flat) {
  if (axis == tensor.shape.size()) {
    out << format_json_number(tensor.data[flat++], dtype);
    return;
  }
  out << '[';
  for (int64_t i = 0; i < tensor.shape[axis]; ++i) {
    if (i > 0) out << ',';
    write_nested(out, tensor, dtype, axis + 1, flat);
  }
  out << ']';
}

}  // namespace

void write_tensor_text(std::ostream& out, const Tensor<double>& tensor, Dtype dtype,
                       const std::vector<std::string>& axis_names, const std::string& indent) {
  std::vector<std::string> cells;
  cells.reserve(tensor.data.size());
  size_t width = 1;
  for (double value : tensor.data) {
    cells.push_back(format_number(value, dtype));
    width = std::max(width, cells.back().size());
  }
  const size_t rank = tensor.shape.size();
  if (rank == 0) {
    out << indent << cells.at(0) << '\n';
    return;
  }
  const auto columns = static_cast<size_t>(tensor.shape[rank - 1]);
  const size_t rows = rank >= 2 ? static_cast<size_t>(tensor.shape[rank - 2]) : 1;
  const size_t plane = rows * columns;
  const size_t planes = plane == 0 ? 0 : cells.size() / plane;
  const Shape leading(tensor.shape.begin(), tensor.shape.end() - std::min<size_t>(rank, 2));
  for (size_t p = 0; p < planes; ++p) {
    if (!leading.empty()) {
      if (p > 0) out << '\n';
      std::string label;
      size_t rest = p;
      std::vector<int64_t> index(leading.size());
      for (size_t a = leading.size(); a-- > 0;) {
        index[a] = static_cast<int64_t>(rest % static_cast<size_t>(leading[a]));
        rest /= static_cast<size_t>(leading[a]);
      }
      for (size_t a = 0; a < leading.size(); ++a) {
        if (a > 0) label += ", ";
        label += (a < axis_names.size() ? axis_names[a] : "axis " + std::to_string(a)) + " " + std::to_string(index[a]);
      }
      out << indent << label << ":\n";
    }
    for (size_t r = 0; r < rows; ++r) write_row(out, cells, p * plane + r * columns, columns, width, indent);
  }
}

void write_json_nested(std::ostream& out, const Tensor<double>& tensor, Dtype dtype) {
  size_t flat = 0;
  write_nested(out, tensor, dtype, 0, flat);
}

std::string json_int_list(const std::vector<int64_t>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(values[i]);
  }
  return text + "]";
}

void write_csv(std::ostream& out, const Tensor<double>& tensor, Dtype dtype) {
  Shape shape = tensor.shape;
  while (shape.size() > 2 && shape.front() == 1) shape.erase(shape.begin());
  if (shape.size() > 2) {
    throw InvalidParameter("csv holds one matrix, but the output has shape " + shape_to_string(tensor.shape) +
                           "; use --format json or npy");
  }
  const size_t columns = shape.empty() ? 1 : static_cast<size_t>(shape.back());
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    out << format_number(tensor.data[i], dtype) << ((i + 1) % columns == 0 ? '\n' : ',');
  }
}

}  // namespace tconv
