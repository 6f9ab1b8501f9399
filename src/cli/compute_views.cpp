#include "cli/compute_views.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/compute_report.hpp"
#include "cli/tensor_inputs.hpp"
#include "cli/tf_layout.hpp"
#include "core/gather_view.hpp"
#include "core/matrix_view.hpp"
#include "core/stride_phases.hpp"
#include "io/gather_log.hpp"
#include "io/step_log_json.hpp"
#include "io/step_log_text.hpp"
#include "io/tensor_format.hpp"

namespace tconv {

template <typename T>
void run_scatter_steps(const TypedRun<T>& run, std::ostream& out, bool color) {
  const Problem& problem = run.problem;
  const auto engine_with = [&](StepObserver& log) {
    return conv_transpose_reference(run.input(), run.weight(), run.bias(), problem.layer.params, &log, run.max_memory);
  };
  switch (problem.format) {
    case ComputeFormat::Text: {
      write_header(out, problem);
      // The article writes bare sums because its kernel is all ones (x·1 = x); any other kernel
      // shows each term's weight.
      const std::vector<T>& weights = run.weight().data;
      const bool all_ones = std::all_of(weights.begin(), weights.end(), [](T w) { return w == T(1); });
      TextStepLog log(out, problem.shapes, problem.dtype, color, run.show_batch(), run.show_channels(), !all_ones);
      write_output(out, engine_with(log), problem, {true, ""});
      break;
    }
    case ComputeFormat::Jsonl: {
      JsonStepWriter log(out, problem.dtype, true);
      write_output(out, engine_with(log), problem);
      break;
    }
    case ComputeFormat::Json: {
      std::ostringstream steps;
      JsonStepWriter log(steps, problem.dtype, false);
      const Tensor<T> result = engine_with(log);
      write_output(out, result, problem, {false, ",\"steps\":[" + steps.str() + "]"});
      break;
    }
    case ComputeFormat::Csv:
    case ComputeFormat::Npy:
      throw Error("--steps with csv or npy was not refused; please report this");
  }
}

namespace {

// A kernel in Conv's layout (Cout, Cin/groups, k...) as the user laid out a one-channel layer:
// (k...) when the input is spatial only and there is one channel each way.
Tensor<double> kernel_in_user_layout(Tensor<double> kernel, InputLayout layout) {
  if (layout == InputLayout::Spatial && kernel.shape[0] == 1 && kernel.shape[1] == 1) {
    kernel.shape.erase(kernel.shape.begin(), kernel.shape.begin() + 2);
  }
  return kernel;
}

// Cells (N, Cout, ...) in the user's layout, as the output is given back (user_output_shape).
Tensor<double> output_in_user_layout(Tensor<double> cells, const Problem& problem) {
  cells.shape = user_output_shape(problem.inputs.layout, cells.shape);
  return cells;
}

// The ordinary convolution the gather view is, as JSON fields: "input", the zero-inserted and
// padded input in the layout of the user's input; "kernel", the flipped, dilated kernel in
// Conv's layout (Cout, Cin/groups, k...), or (k...) for one channel, or TensorFlow's
// (k..., Cin/groups, Cout) with --layout tf; "kernel_layout" says which. A valid
// cross-correlation of the two with these groups gives "output", bias aside.
template <typename T>
std::string zero_insertion_json(const TypedRun<T>& run) {
  const Problem& problem = run.problem;
  const ConvParams& params = problem.layer.params;
  const int dims = problem.inputs.dims;
  Tensor<double> input = output_in_user_layout(expand_input(tensor_cast<double>(run.input()), params), problem);
  if (problem.tf_layout) input = output_to_channels_last(std::move(input), dims);
  Tensor<double> kernel =
      equivalent_conv_weight(flip_dilate_kernel(tensor_cast<double>(run.weight()), params), params.groups);
  std::string layout = "(Cout, Cin/groups, k...)";
  if (problem.tf_layout) {  // (o, i, k...) -> (k..., i, o)
    std::vector<size_t> axes;
    for (size_t a = 2; a < kernel.shape.size(); ++a) axes.push_back(a);
    axes.push_back(1);
    axes.push_back(0);
    kernel = permute_axes(TensorView<double>(kernel), axes);
    layout = "(k..., Cin/groups, Cout)";
  } else {
    const size_t rank = kernel.shape.size();
    kernel = kernel_in_user_layout(std::move(kernel), problem.inputs.layout);
    if (kernel.shape.size() < rank) layout = "(k...)";
  }
  std::ostringstream fields;
  fields << ",\"input\":";
  write_json_nested(fields, input, problem.dtype);
  fields << ",\"kernel\":";
  write_json_nested(fields, kernel, problem.dtype);
  fields << ",\"kernel_layout\":\"" << layout << "\",\"groups\":" << params.groups;
  return fields.str();
}

}  // namespace

template <typename T>
void run_gather_view(const TypedRun<T>& run, std::ostream& out) {
  const Problem& problem = run.problem;
  const bool text = problem.format == ComputeFormat::Text;
  std::unique_ptr<GatherObserver> log;
  std::ostringstream cells;
  if (text) write_gather_preamble(out, problem);
  if (problem.steps) {
    if (text) {
      const bool show_channel = run.show_channels() || problem.shapes.out_channels > 1;
      log = std::make_unique<GatherTextLog>(out, problem.dtype, run.show_batch(), show_channel);
      out << "One step per output cell (input value \xC2\xB7 flipped-kernel weight):\n";
    }
    if (problem.format == ComputeFormat::Jsonl) log = std::make_unique<GatherJsonLog>(out, problem.dtype, true);
    if (problem.format == ComputeFormat::Json) log = std::make_unique<GatherJsonLog>(cells, problem.dtype, false);
  }
  const Tensor<T> result =
      conv_transpose_gather(run.input(), run.weight(), run.bias(), problem.layer.params, log.get(), run.max_memory);
  if (problem.steps && text) out << '\n';
  OutputExtras extras{true, ",\"view\":\"gather\""};
  if (problem.format == ComputeFormat::Json) extras.json_fields += zero_insertion_json(run);
  if (problem.steps) extras.json_fields += ",\"cells\":[" + cells.str() + "]";
  if (problem.format == ComputeFormat::Jsonl) extras.json_fields.clear();
  write_output(out, result, problem, extras);
}

template <typename T>
void run_matrix_view(const TypedRun<T>& run, std::ostream& out) {
  const Problem& problem = run.problem;
  const ConvParams& params = problem.layer.params;
  // Shown in the dtype's values; the checks run in float64, where both sides are exact
  // sums in the same order.
  const Tensor<double> w = tensor_cast<double>(run.weight());
  const Shape spatial(problem.inputs.input.shape().begin() + 2, problem.inputs.input.shape().end());
  const DenseMatrix ct = transposed_conv_matrix(w, params, spatial);
  const DenseMatrix c = conv_matrix(w, params, spatial);
  const bool is_transpose = transpose(c).values == ct.values;
  const Tensor<double> x = tensor_cast<double>(run.input());
  std::optional<Tensor<double>> b;
  if (run.bias() != nullptr) b = tensor_cast<double>(*run.bias());
  const Tensor<double> reference = conv_transpose_reference(x, w, b ? &*b : nullptr, params, nullptr, run.max_memory);
  bool product_matches = true;
  const int64_t per_item = ct.columns, out_per_item = ct.rows;
  for (int64_t n = 0; n < problem.shapes.batch; ++n) {
    const std::vector<double> item(x.data.begin() + n * per_item, x.data.begin() + (n + 1) * per_item);
    std::vector<double> y = multiply(ct, item);
    for (int64_t r = 0; r < out_per_item; ++r) {
      const auto at = static_cast<size_t>(r);
      if (b) y[at] += b->data[static_cast<size_t>(r / (out_per_item / problem.shapes.out_channels))];
      const double expected = reference.data[static_cast<size_t>(n * out_per_item + r)];
      product_matches = product_matches && (y[at] == expected || (std::isnan(expected) && std::isnan(y[at])));
    }
  }
  const Tensor<T> result =
      conv_transpose_reference(run.input(), run.weight(), run.bias(), params, nullptr, run.max_memory);
  Shape row_shape{problem.shapes.out_channels}, column_shape{problem.shapes.in_channels};
  row_shape.insert(row_shape.end(), problem.shapes.output_spatial.begin(), problem.shapes.output_spatial.end());
  column_shape.insert(column_shape.end(), problem.shapes.input_spatial.begin(), problem.shapes.input_spatial.end());
  const Tensor<double> matrix({ct.rows, ct.columns}, ct.values);
  if (problem.format == ComputeFormat::Json) {
    std::ostringstream fields;
    fields << ",\"matrix\":{\"name\":\"C^T\",\"rows\":" << ct.rows << ",\"columns\":" << ct.columns
           << ",\"row_shape\":" << json_int_list(row_shape) << ",\"column_shape\":" << json_int_list(column_shape)
           << ",\"values\":";
    write_json_nested(fields, matrix, problem.dtype);
    fields << "},\"checks\":{\"ct_times_input_equals_output\":" << (product_matches ? "true" : "false")
           << ",\"ct_is_transpose_of_conv_matrix\":" << (is_transpose ? "true" : "false") << '}';
    write_output(out, result, problem, {false, fields.str()});
  } else {
    write_header(out, problem);
    out << "C^T: " << ct.rows << " rows (the output " << shape_to_string(row_shape) << " flattened) x " << ct.columns
        << " columns (the input " << shape_to_string(column_shape) << " flattened)\n";
    write_tensor_text(out, matrix, problem.dtype, {}, "  ");
    out << "\ncheck: C^T * flattened input" << (b ? " + bias" : "") << " = output: " << (product_matches ? "yes" : "NO")
        << '\n'
        << "check: C^T is the transpose of C, the matrix of Conv" << problem.inputs.dims
        << "d with the same kernel, stride, padding and dilation (which maps the output's size back to the "
           "input's): "
        << (is_transpose ? "yes" : "NO") << "\n\n";
    write_output(out, result, problem, {true, ""});
  }
  if (!product_matches || !is_transpose) throw Error("internal check of the matrix view failed; please report this");
}

namespace {

// "[2, 0]" or "[2, 0] x [1]": one list per axis.
std::string per_axis_lists(const std::vector<std::vector<int64_t>>& lists) {
  std::string text;
  for (size_t a = 0; a < lists.size(); ++a) {
    text += a > 0 ? " x [" : "[";
    for (size_t i = 0; i < lists[a].size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(lists[a][i]);
    text += ']';
  }
  return text;
}

// "3" or "(3, -1)": one number per axis.
std::string per_axis_numbers(const std::vector<int64_t>& values) {
  if (values.size() == 1) return std::to_string(values[0]);
  std::string text = "(";
  for (size_t a = 0; a < values.size(); ++a) text += (a > 0 ? ", " : "") + std::to_string(values[a]);
  return text + ")";
}

}  // namespace

template <typename T>
void run_phases_view(const TypedRun<T>& run, std::ostream& out) {
  const Problem& problem = run.problem;
  const ConvParams& params = problem.layer.params;
  std::optional<Tensor<double>> bias;
  if (run.bias() != nullptr) bias = tensor_cast<double>(*run.bias());
  const std::vector<StridePhase> phases = stride_phases(
      tensor_cast<double>(run.input()), tensor_cast<double>(run.weight()), bias ? &*bias : nullptr, params);
  // The output is the phases put back together: this view's own computation, as the gather
  // view's is the gather form's (the tests check both against the reference engine).
  const Tensor<T> result = tensor_cast<T>(reassemble_phases(phases, params, problem.shapes.output_shape()));
  if (problem.format == ComputeFormat::Json) {
    std::ostringstream fields;
    fields << ",\"view\":\"phases\",\"phases\":[";
    for (size_t p = 0; p < phases.size(); ++p) {
      const StridePhase& phase = phases[p];
      std::vector<int64_t> offset, input_offset, kernel_dilation;
      fields << (p > 0 ? "," : "") << "{\"offset\":";
      for (const PhaseAxis& axis : phase.axes) {
        offset.push_back(axis.offset);
        input_offset.push_back(axis.input_offset);
        kernel_dilation.push_back(axis.kernel_dilation);
      }
      fields << json_int_list(offset) << ",\"taps\":[";
      for (size_t a = 0; a < phase.axes.size(); ++a) fields << (a > 0 ? "," : "") << json_int_list(phase.axes[a].taps);
      fields << "],\"kernel\":";
      write_json_nested(fields, kernel_in_user_layout(phase.kernel, problem.inputs.layout), problem.dtype);
      fields << ",\"input_offset\":" << json_int_list(input_offset)
             << ",\"kernel_dilation\":" << json_int_list(kernel_dilation) << ",\"output\":";
      write_json_nested(fields, output_in_user_layout(phase.output, problem), problem.dtype);
      fields << '}';
    }
    fields << ']';
    write_output(out, result, problem, {false, fields.str()});
    return;
  }
  write_header(out, problem);
  std::vector<int64_t> strides;
  for (const AxisParams& axis : params.axes) strides.push_back(axis.stride);
  out << "Stride phases: " << phases.size() << " (stride " << per_axis_numbers(strides)
      << "). Kept output cell o is in phase o mod stride; each phase is an ordinary convolution of the input "
         "with its own taps, in the order below, starting at the input offset.\n";
  for (const StridePhase& phase : phases) {
    std::vector<int64_t> offset, input_offset, kernel_dilation, cells;
    std::vector<std::vector<int64_t>> taps;
    for (const PhaseAxis& axis : phase.axes) {
      offset.push_back(axis.offset);
      input_offset.push_back(axis.input_offset);
      kernel_dilation.push_back(axis.kernel_dilation);
      cells.push_back(axis.cells);
      taps.push_back(axis.taps);
    }
    out << "\nPhase " << per_axis_numbers(offset) << ": cells " << per_axis_numbers(offset) << " + j*"
        << per_axis_numbers(strides) << " (" << shape_to_string(cells) << ")";
    if (element_count(phase.kernel.shape) == 0) {
      out << "; no tap reaches them: they hold only the bias (holes)\n";
    } else {
      out << "; taps " << per_axis_lists(taps) << " from input offset " << per_axis_numbers(input_offset) << ", "
          << per_axis_numbers(kernel_dilation) << " input cell(s) apart\n  sub-kernel:\n";
      write_tensor_text(out, kernel_in_user_layout(phase.kernel, problem.inputs.layout), problem.dtype,
                        {"out channel", "in channel"}, "    ");
    }
    if (element_count(phase.output.shape) > 0) {
      out << "  cells:\n";
      write_tensor_text(out, output_in_user_layout(phase.output, problem), problem.dtype, {"batch", "channel"}, "    ");
    }
  }
  out << '\n';
  write_output(out, result, problem, {true, ""});
}

template void run_scatter_steps(const TypedRun<float>&, std::ostream&, bool);
template void run_scatter_steps(const TypedRun<double>&, std::ostream&, bool);
template void run_gather_view(const TypedRun<float>&, std::ostream&);
template void run_gather_view(const TypedRun<double>&, std::ostream&);
template void run_matrix_view(const TypedRun<float>&, std::ostream&);
template void run_matrix_view(const TypedRun<double>&, std::ostream&);
template void run_phases_view(const TypedRun<float>&, std::ostream&);
template void run_phases_view(const TypedRun<double>&, std::ostream&);

}  // namespace tconv
