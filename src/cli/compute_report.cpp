#include "cli/compute_report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <span>

#include "cli/tf_layout.hpp"
#include "core/any_tensor.hpp"
#include "core/gather_view.hpp"
#include "core/index.hpp"
#include "io/npy.hpp"
#include "io/number_format.hpp"
#include "io/tensor_format.hpp"

namespace tconv {

namespace {

std::string join_ints(const std::vector<int64_t>& values, char separator) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i)
    text += (i > 0 ? std::string(1, separator) : "") + std::to_string(values[i]);
  return text;
}

// The layer as JSON: every parameter per axis, padding as [begin, end] pairs.
nlohmann::ordered_json parameters_json(const Problem& problem) {
  const ConvParams& params = problem.layer.params;
  const auto per_axis = [&](auto field) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const AxisParams& axis : params.axes) values.push_back(field(axis));
    return values;
  };
  nlohmann::ordered_json json;
  json["input_shape"] = problem.inputs.input.shape();
  json["weight_shape"] = problem.inputs.weight.shape();
  json["bias"] = problem.inputs.bias.has_value();
  json["kernel_size"] = per_axis([](const AxisParams& a) { return a.kernel; });
  json["stride"] = per_axis([](const AxisParams& a) { return a.stride; });
  json["padding"] = per_axis([](const AxisParams& a) { return std::vector<int64_t>{a.pad_begin, a.pad_end}; });
  json["output_padding"] = per_axis([](const AxisParams& a) { return a.output_padding; });
  json["dilation"] = per_axis([](const AxisParams& a) { return a.dilation; });
  json["groups"] = params.groups;
  json["padding_convention"] = describe_convention(problem.layer.convention, problem.auto_pad, problem.tf_padding);
  return json;
}

// Names of the leading axes of the output in the user's layout, for text labels.
std::vector<std::string> output_axis_names(const Shape& user_shape, int dims) {
  const size_t leading = user_shape.size() - static_cast<size_t>(dims);
  std::vector<std::string> names;
  if (leading == 2) names = {"batch", "channel"};
  if (leading == 1) names = {"channel"};
  if (dims == 3) names.push_back("depth");
  return names;
}

// The engine's result as doubles in the user's layout (exact: T widens).
template <typename T>
Tensor<double> in_user_layout(const Tensor<T>& result, const Problem& problem) {
  Tensor<double> output = tensor_cast<double>(result);
  output.shape = user_output_shape(problem.inputs.layout, result.shape);
  return output;
}

}  // namespace

std::string per_axis_text(const std::vector<int64_t>& values) {
  bool same = true;
  for (int64_t v : values) same = same && v == values[0];
  return same ? std::to_string(values[0]) : join_ints(values, 'x');
}

std::string describe_layer(const ConvParams& params) {
  const auto field = [&](auto get) {
    std::vector<int64_t> values;
    for (const AxisParams& axis : params.axes) values.push_back(get(axis));
    return per_axis_text(values);
  };
  std::string text = "kernel " + field([](const AxisParams& a) { return a.kernel; });
  bool any_stride = false, any_pad = false, symmetric = true, any_op = false, any_dilation = false;
  for (const AxisParams& a : params.axes) {
    any_stride = any_stride || a.stride != 1;
    any_pad = any_pad || a.pad_begin != 0 || a.pad_end != 0;
    symmetric = symmetric && a.pad_begin == a.pad_end;
    any_op = any_op || a.output_padding != 0;
    any_dilation = any_dilation || a.dilation != 1;
  }
  if (any_stride) text += ", stride " + field([](const AxisParams& a) { return a.stride; });
  if (any_pad && symmetric) text += ", padding " + field([](const AxisParams& a) { return a.pad_begin; });
  if (any_pad && !symmetric) {
    text += ", pads begin " + field([](const AxisParams& a) { return a.pad_begin; }) + " end " +
            field([](const AxisParams& a) { return a.pad_end; });
  }
  if (any_op) text += ", output_padding " + field([](const AxisParams& a) { return a.output_padding; });
  if (any_dilation) text += ", dilation " + field([](const AxisParams& a) { return a.dilation; });
  if (params.groups != 1) text += ", groups " + std::to_string(params.groups);
  return text;
}

void write_tensor_block(std::ostream& out, const std::string& title, const Tensor<double>& tensor, Dtype dtype,
                        int dims, const std::vector<std::string>& names) {
  // Leading extents of 1 are dropped (a (1, 1, 3, 3) kernel shows as its 3x3 matrix).
  Tensor<double> shown = tensor;
  while (shown.rank() > dims && shown.shape.front() == 1) shown.shape.erase(shown.shape.begin());
  std::vector<std::string> labels;
  if (shown.rank() >= dims) {
    const auto leading = std::min(static_cast<size_t>(shown.rank() - dims), names.size());
    labels.assign(names.end() - static_cast<std::ptrdiff_t>(leading), names.end());
    if (dims == 3) labels.push_back("depth");
  }
  out << title << " (" << shape_to_string(shown.shape) << "):\n";
  write_tensor_text(out, shown, dtype, labels, "  ");
}

void write_header(std::ostream& out, const Problem& problem) {
  const int dims = problem.inputs.dims;
  const std::vector<std::string> kernel_axes{"in channel", "out channel"};
  if (!problem.title.empty()) out << problem.title << '\n';
  out << "ConvTranspose" << dims << "d: " << describe_layer(problem.layer.params) << " ("
      << describe_convention(problem.layer.convention, problem.auto_pad, problem.tf_padding) << ", "
      << dtype_name(problem.dtype) << ")\n";
  write_tensor_block(out, "Input", problem.inputs.input.to_double(), problem.dtype, dims, {"batch", "channel"});
  write_tensor_block(out, "Kernel", problem.inputs.weight.to_double(), problem.dtype, dims, kernel_axes);
  bool dilated = false;
  for (const AxisParams& axis : problem.layer.params.axes) dilated = dilated || axis.dilation > 1;
  if (dilated) {
    // As the article's Figure 9 draws it: the taps spread apart, zeros in between. Reversing
    // each flattened plane of the flipped kernel flips every axis back.
    Tensor<double> spread = flip_dilate_kernel(problem.inputs.weight.to_double(), problem.layer.params);
    const int64_t plane = element_count(Shape(spread.shape.begin() + 2, spread.shape.end()));
    for (auto it = spread.data.begin(); it != spread.data.end(); it += plane) std::reverse(it, it + plane);
    write_tensor_block(out, "Dilated kernel", spread, problem.dtype, dims, kernel_axes);
  }
  if (problem.inputs.bias) write_tensor_block(out, "Bias", problem.inputs.bias->to_double(), problem.dtype, dims, {});
  out << '\n';
}

void write_gather_preamble(std::ostream& out, const Problem& problem) {
  const ConvParams& params = problem.layer.params;
  const Shape& input_shape = problem.inputs.input.shape();
  const std::vector<GatherAxis> geometry = gather_geometry(params, Shape(input_shape.begin() + 2, input_shape.end()));
  const int dims = problem.inputs.dims;
  std::vector<int64_t> zeros, low, high;
  for (size_t a = 0; a < geometry.size(); ++a) {
    zeros.push_back(params.axes[a].stride - 1);
    low.push_back(geometry[a].pad_low);
    high.push_back(geometry[a].pad_high);
  }
  out << "Gather view: the same output as an ordinary convolution with stride 1 (conv_arithmetic)\n"
      << "  1. insert stride-1 = " << per_axis_text(zeros) << " zeros between input elements\n"
      << "  2. pad dilation*(kernel-1)-padding = " << per_axis_text(low) << " before and "
      << "dilation*(kernel-1)-padding+output_padding = " << per_axis_text(high) << " after (negative: cropped)\n"
      << "  3. flip the (dilated) kernel and slide it with stride 1; each output cell is one dot product\n";
  write_tensor_block(out, "Expanded input", expand_input(problem.inputs.input.to_double(), params), problem.dtype, dims,
                     {"batch", "channel"});
  write_tensor_block(out, "Flipped kernel", flip_dilate_kernel(problem.inputs.weight.to_double(), params),
                     problem.dtype, dims, {"in channel", "out channel"});
  out << '\n';
}

template <typename T>
void note_overflow(const Tensor<T>& result, const Problem& problem) {
  if (problem.notes == nullptr) return;
  const int64_t cell = first_nonfinite_index<T>(result.data);
  if (cell < 0) return;
  const TensorInputs& inputs = problem.inputs;
  if (inputs.input.first_nonfinite() >= 0 || inputs.weight.first_nonfinite() >= 0 ||
      (inputs.bias && inputs.bias->first_nonfinite() >= 0)) {
    return;  // NaN or Inf given (--allow-nonfinite): the result carries them, as asked
  }
  const Shape at = unflatten_all(cell, result.shape);  // (N, Cout, spatial...)
  const std::string spatial = index_text(std::span<const int64_t>(at).subspan(2), "[", ", ", "]");
  *problem.notes << "tconv: note: overflow: output cell (batch " << at[0] << ", channel " << at[1] << ", " << spatial
                 << ") is " << format_number(static_cast<double>(result.data[static_cast<size_t>(cell)]), problem.dtype)
                 << " although every input is finite: the sum leaves " << dtype_name(problem.dtype)
                 << "'s range (PyTorch gives the same)"
                 << (problem.dtype == Dtype::Float32 ? "; --dtype float64 holds it" : "") << '\n';
}

template <typename T>
void write_output(std::ostream& out, const Tensor<T>& result, const Problem& problem, const OutputExtras& extras) {
  note_overflow(result, problem);
  if (problem.format == ComputeFormat::Npy &&
      !problem.tf_layout) {  // straight from the engine's buffer, in its own type
    write_npy(out, user_output_shape(problem.inputs.layout, result.shape), result.data);
    return;
  }
  Tensor<double> output = in_user_layout(result, problem);
  // Text shows one plane per channel either way; files and JSON get TensorFlow's layout.
  if (problem.tf_layout && problem.format != ComputeFormat::Text) {
    output = output_to_channels_last(std::move(output), problem.inputs.dims);
  }
  switch (problem.format) {
    case ComputeFormat::Text:
      out << (extras.titled ? "Output " : "output ") << shape_to_string(output.shape) << " ("
          << dtype_name(problem.dtype) << ")" << (extras.titled ? ":" : "") << '\n';
      write_tensor_text(out, output, problem.dtype, output_axis_names(output.shape, problem.inputs.dims),
                        extras.titled ? "  " : "");
      break;
    case ComputeFormat::Json:
    case ComputeFormat::Jsonl:
      out << '{';
      // JSON Lines are a stream for programs: its last line says which version of the records it is.
      if (problem.format == ComputeFormat::Jsonl) out << "\"schema\":" << kJsonlSchemaVersion << ',';
      out << "\"shape\":" << json_int_list(output.shape) << ",\"dtype\":\"" << dtype_name(problem.dtype)
          << "\",\"parameters\":" << parameters_json(problem).dump() << ",\"output\":";
      write_json_nested(out, output, problem.dtype);
      out << extras.json_fields << "}\n";
      break;
    case ComputeFormat::Csv:
      write_csv(out, output, problem.dtype);
      break;
    case ComputeFormat::Npy:  // only with --layout tf: the engine's buffer is channels-first
      out << write_npy(output, problem.dtype);
      break;
  }
}

template void note_overflow(const Tensor<float>&, const Problem&);
template void note_overflow(const Tensor<double>&, const Problem&);
template void write_output(std::ostream&, const Tensor<float>&, const Problem&, const OutputExtras&);
template void write_output(std::ostream&, const Tensor<double>&, const Problem&, const OutputExtras&);

}  // namespace tconv
