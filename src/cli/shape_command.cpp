#include "cli/shape_command.hpp"

#include <CLI/CLI.hpp>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>
#include <utility>

#include "cli/layer_options.hpp"
#include "cli/layer_translation.hpp"
#include "cli/option_group.hpp"
#include "cli/size_queries.hpp"
#include "cli/value_parsing.hpp"
#include "core/conv_params.hpp"
#include "core/error.hpp"
#include "core/layer_spec.hpp"
#include "core/shape_solver.hpp"
#include "core/tensor.hpp"

namespace tconv {

namespace {

struct ShapeOptions {
  std::string input_size;  // "2x2", or "-" for one query per stdin line
  LayerOptions layer;
  std::string target;
  bool asymmetric = false;
  bool explain = false;
  bool conv = false;
  bool json = false;
  std::string output;  // -o FILE (command.hpp)
};

constexpr const char* kShapeHelpFooter = R"(Examples:
  tconv shape 2x2 -k 3 -s 2 -p 1 --output-padding 1    4x4
  tconv shape 5 -k 3                                   7
  tconv shape 4x5 -k 3,2 -s 2,1 --json                 one JSON object
  tconv shape 2x2 -k 3 -s 2 --explain                  the size formula, term by term
  tconv shape 2x2 -k 3 -s 2 --target 4x4               padding 1, output_padding 1
  tconv shape 3 -k 4 -s 2 --target 7 --asymmetric      also ONNX begin/end pads
  tconv shape 7 -k 4 --target 14                       the stride searched too
  tconv shape 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --target 10x10
      which solutions keep that layer's values
  tconv shape 4x4 -k 3 -s 2 --tf-padding same          TensorFlow/Keras padding
  tconv shape 2x2 -k 3 -s 2 -p 1 --conv                what a Conv2d maps 3x3 back to
  seq 1 5 | tconv shape - -k 3 -s 2                    one answer per input line

INPUT_SIZE "-" reads one input size per line from stdin (blank lines and lines starting
with # are skipped; at most 1000000 lines of at most 64 KiB); the flags apply to every
line. Answers are printed only when every line succeeded; an error names the line.)";

// "" for 1-D, "dimension 2: " otherwise: the prefix of per-dimension text lines.
std::string dimension_prefix(size_t axis, size_t dims) {
  return dims <= 1 ? std::string() : "dimension " + std::to_string(axis + 1) + ": ";
}

// A negative pad (ONNX auto_pad / output_shape can produce one) in parentheses after a minus.
std::string operand(int64_t value) { return value < 0 ? "(" + std::to_string(value) + ")" : std::to_string(value); }

Json per_axis(const ConvParams& params, int64_t AxisParams::*field) {
  Json values = Json::array();
  for (const AxisParams& axis : params.axes) values.push_back(axis.*field);
  return values;
}

bool all_symmetric(const ConvParams& params) {
  for (const AxisParams& axis : params.axes) {
    if (axis.pad_begin != axis.pad_end) return false;
  }
  return true;
}

Json shape_json(const Shape& input, const LayerSpec& spec, const ResolvedLayer& layer, const Shape& output) {
  Json json;
  json["input_size"] = input;
  json["kernel_size"] = per_axis(layer.params, &AxisParams::kernel);
  json["stride"] = per_axis(layer.params, &AxisParams::stride);
  // [begin, end] per dimension, also when they are equal, as compute writes it.
  Json pads = Json::array();
  for (const AxisParams& axis : layer.params.axes) pads.push_back({axis.pad_begin, axis.pad_end});
  json["padding"] = pads;
  json["output_padding"] = per_axis(layer.params, &AxisParams::output_padding);
  json["dilation"] = per_axis(layer.params, &AxisParams::dilation);
  json["padding_convention"] = describe_convention(layer.convention, spec.auto_pad, spec.tf_padding);
  json["output_size"] = output;
  return json;
}

// The article's section 6 with the user's numbers:
//   out = (m-1)*S + K' - 2P + P_out,  K' = D*(K-1) + 1
void print_explain(const std::vector<SizeDerivation>& derivation, const LayerSpec& spec, const ResolvedLayer& layer,
                   std::ostream& out) {
  const bool symmetric = all_symmetric(layer.params);
  out << "output size = (m-1)*S + K' " << (symmetric ? "- 2P" : "- P_begin - P_end")
      << " + P_out, with the dilated kernel K' = D*(K-1) + 1\n";
  out << "padding from: " << describe_convention(layer.convention, spec.auto_pad, spec.tf_padding) << '\n';
  const size_t dims = derivation.size();
  for (size_t a = 0; a < dims; ++a) {
    const SizeDerivation& d = derivation[a];
    const AxisParams& p = d.axis;
    out << (dims > 1 ? "dimension " + std::to_string(a + 1) + ": " : std::string()) << "m=" << d.input
        << " K=" << p.kernel << " S=" << p.stride << " D=" << p.dilation;
    if (d.symmetric()) {
      out << " P=" << p.pad_begin;
    } else {
      out << " P_begin=" << p.pad_begin << " P_end=" << p.pad_end;
    }
    out << " P_out=" << p.output_padding << '\n';
    struct Row {
      std::string term, substituted;
      int64_t value;
    };
    std::vector<Row> rows{
        {"(m-1)*S", "(" + std::to_string(d.input) + "-1)*" + std::to_string(p.stride), d.stretched},
        {"K' = D*(K-1) + 1", std::to_string(p.dilation) + "*(" + std::to_string(p.kernel) + "-1) + 1",
         d.dilated_kernel},
    };
    if (d.symmetric()) {
      rows.push_back({"-2P", "-2*" + operand(p.pad_begin), -d.cropped});
    } else {
      rows.push_back({"-P_begin - P_end", "-" + operand(p.pad_begin) + " - " + operand(p.pad_end), -d.cropped});
    }
    rows.push_back({"+P_out", "+" + std::to_string(p.output_padding), p.output_padding});
    size_t term_width = 0, substituted_width = 0;
    for (const Row& row : rows) {
      term_width = std::max(term_width, row.term.size());
      substituted_width = std::max(substituted_width, row.substituted.size());
    }
    for (const Row& row : rows) {
      out << "  " << row.term << std::string(term_width - row.term.size(), ' ') << " = " << row.substituted
          << std::string(substituted_width - row.substituted.size(), ' ') << " = " << row.value << '\n';
    }
    out << "  output" << std::string(term_width - 6, ' ') << " = " << d.stretched << " + " << d.dilated_kernel << " - "
        << operand(d.cropped) << " + " << p.output_padding << " = " << d.output << '\n';
  }
}

Json explain_json(const std::vector<SizeDerivation>& derivation) {
  Json list = Json::array();
  for (const SizeDerivation& d : derivation) {
    Json item;
    item["stretched_input"] = d.stretched;
    item["dilated_kernel"] = d.dilated_kernel;
    item["cropped_by_padding"] = d.cropped;
    item["output_padding"] = d.axis.output_padding;
    item["output_size"] = d.output;
    list.push_back(item);
  }
  return list;
}

void print_conv(const std::vector<ForwardConv>& conv, const Shape& input, std::ostream& out) {
  Shape transposed, back;
  for (const ForwardConv& c : conv) {
    transposed.push_back(c.transposed_output);
    back.push_back(c.conv_output);
  }
  out << "conv: Conv" << conv.size() << "d with the same kernel_size, stride, padding and dilation maps "
      << shape_to_string(transposed) << " back to " << shape_to_string(back) << '\n';
  for (size_t a = 0; a < conv.size(); ++a) {
    const ForwardConv& c = conv[a];
    out << "conv: " << dimension_prefix(a, conv.size());
    if (c.same_first == c.same_last) {
      out << "only size " << c.same_first << " maps to " << c.conv_output << '\n';
    } else {
      out << "sizes " << c.same_first << " to " << c.same_last << " all map to " << c.conv_output
          << "; output_padding or --output-size picks one of them\n";
    }
    out << "conv: " << dimension_prefix(a, conv.size());
    if (c.inputs_first == c.inputs_last) {
      out << "no other ConvTranspose input size gives " << c.transposed_output << '\n';
    } else {
      out << "ConvTranspose input sizes " << c.inputs_first << " to " << c.inputs_last << " all give "
          << c.transposed_output << ", each with its own output_padding\n";
    }
    if (c.conv_output != input[a]) {
      out << "conv: " << dimension_prefix(a, conv.size())
          << "output_padding is not smaller than the stride, so the Conv"
          << " does not give back the input size " << input[a] << '\n';
    }
  }
}

Json conv_json(const std::vector<ForwardConv>& conv) {
  Json back = Json::array();
  Json ranges = Json::array();
  Json inputs = Json::array();
  for (const ForwardConv& c : conv) {
    back.push_back(c.conv_output);
    ranges.push_back({c.same_first, c.same_last});
    inputs.push_back({c.inputs_first, c.inputs_last});
  }
  Json json;
  json["output_size"] = back;
  json["same_output_sizes"] = ranges;        // per dimension [first, last]: all map to output_size
  json["inputs_with_same_output"] = inputs;  // per dimension [first, last]: ConvTranspose inputs
  return json;
}

// The frameworks that express a one-axis solution in one layer with the same values.
std::vector<std::string> framework_names(const AxisParams& axis, int64_t input, size_t dims) {
  const Expressible e = expressible_in(axis, input);
  std::vector<std::string> names;
  if (e.pytorch) names.push_back("pytorch");
  if (e.onnx) names.push_back("onnx");
  if (e.tensorflow) names.push_back("tensorflow");
  // tf.nn.conv2d_transpose's explicit [[t, b], ...] exists for 2-D layers only.
  if (!e.tensorflow && e.tensorflow_explicit && dims == 2) names.push_back("tensorflow-explicit");
  if (e.keras) names.push_back("keras");
  return names;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "none" : text;
}

// Whether the user described a layer's padding, not only kernel, stride and dilation.
bool padding_given(const LayerOptions& layer) {
  return !layer.padding.empty() || !layer.output_padding.empty() || !layer.pads.empty() || !layer.auto_pad.empty() ||
         !layer.output_size.empty() || !layer.output_shape.empty() || !layer.tf_padding.empty();
}

// "[b, e)" of the uncropped output an axis keeps.
std::string window_text(const AxisParams& axis, int64_t input) {
  return "[" + std::to_string(axis.pad_begin) + ", " + std::to_string(axis.pad_begin + axis.output_size(input)) + ")";
}

// One solution on one axis, with what the listing says about it.
struct TargetSolution {
  std::optional<int64_t> stride;  // when searched
  PaddingSolution padding;
  bool usual = false;
  std::vector<std::string> frameworks;  // when asymmetric solutions are listed
  std::optional<bool> same_values;      // when the user gave a layer
  AxisParams axis;
};

// --target: every (padding, output_padding) per dimension (and stride, when -s is absent), or
// one "not reachable" error. With a layer's padding given, each solution says whether it keeps
// that layer's values; with asymmetric pads allowed, which frameworks express it in one layer.
void answer_target(const ShapeOptions& options, const Shape& input, const LayerSpec& spec, std::ostream& out,
                   std::ostream& notes) {
  const size_t dims = input.size();
  const std::vector<int64_t> target =
      broadcast_to_dims(parse_int_list(options.target, "--target", true), static_cast<int>(dims), "--target");
  // Kernel, stride, dilation and input are validated exactly as for a forward query.
  LayerSpec plain;
  plain.dims = spec.dims;
  plain.kernel = spec.kernel;
  plain.stride = spec.stride;
  plain.dilation = spec.dilation;
  const ResolvedLayer layer = resolve_layer(plain, input);
  const bool search_stride = spec.stride.empty();
  const bool from_layer = padding_given(options.layer);
  const std::optional<ResolvedLayer> given =
      from_layer ? std::optional<ResolvedLayer>(resolve_layer(spec, input)) : std::nullopt;
  // --pads, --auto-pad and --tf-padding describe asymmetric layers: their solutions are listed too.
  const bool asymmetric = options.asymmetric || !options.layer.pads.empty() || !options.layer.auto_pad.empty() ||
                          !options.layer.tf_padding.empty();
  const PaddingModel model = asymmetric ? PaddingModel::Asymmetric : PaddingModel::Symmetric;

  std::vector<AxisTarget> axes;
  std::vector<std::vector<TargetSolution>> solutions(dims);
  for (size_t a = 0; a < dims; ++a) {
    const AxisParams& p = layer.params.axes[a];
    const AxisTarget axis{input[a], p.kernel, p.stride, p.dilation, target[a]};
    const std::string where = axis_label(static_cast<int>(a), static_cast<int>(dims));
    if (axis.target < 1) throw InvalidParameter("--target must be >= 1, got " + std::to_string(axis.target) + where);
    std::vector<StrideSolution> found;
    if (search_stride) {
      found = solve_stride_and_padding(axis, model);
    } else {
      for (const PaddingSolution& s : solve_padding(axis, model)) found.push_back({axis.stride, s, false});
    }
    if (found.empty()) {
      if (search_stride) {
        throw InvalidParameter("no solution for target size " + std::to_string(axis.target) + where + " from input " +
                               std::to_string(axis.input) + " with kernel_size " + std::to_string(axis.kernel) +
                               ", dilation " + std::to_string(axis.dilation) + " and any stride 1.." +
                               std::to_string(std::min(axis.target, kMaxSearchedStride)) +
                               ": the output is at most (m-1)*S + K' + S-1; a larger kernel_size would reach it");
      }
      const Unreachable why = explain_unreachable(axis);
      std::string nearest;
      for (int64_t size : why.nearest) nearest += (nearest.empty() ? "" : " or ") + std::to_string(size);
      throw InvalidParameter("no solution for target size " + std::to_string(axis.target) + where + " from input " +
                             std::to_string(axis.input) + " with kernel_size " + std::to_string(axis.kernel) +
                             ", stride " + std::to_string(axis.stride) + ", dilation " + std::to_string(axis.dilation) +
                             ": " + why.reason + "; nearest reachable: " + nearest + "; " + why.advice);
    }
    for (const StrideSolution& f : found) {
      TargetSolution t;
      if (search_stride) t.stride = f.stride;
      t.padding = f.padding;
      t.usual = f.usual;
      t.axis = AxisParams{axis.kernel,         f.stride,          axis.dilation,
                          f.padding.pad_begin, f.padding.pad_end, f.padding.output_padding};
      if (asymmetric) t.frameworks = framework_names(t.axis, axis.input, dims);
      if (given) t.same_values = same_values(given->params.axes[a], t.axis, axis.input);
      solutions[a].push_back(t);
    }
    axes.push_back(axis);
  }

  if (options.json) {
    Json json;
    json["input_size"] = input;
    json["kernel_size"] = per_axis(layer.params, &AxisParams::kernel);
    json["stride"] = search_stride ? Json(nullptr) : per_axis(layer.params, &AxisParams::stride);
    json["dilation"] = per_axis(layer.params, &AxisParams::dilation);
    json["target_size"] = target;
    json["padding_model"] = asymmetric ? "asymmetric (onnx pads)" : "symmetric (pytorch padding)";
    if (given) {
      Json layer_json;
      Json pads = Json::array();
      for (const AxisParams& axis : given->params.axes) pads.push_back({axis.pad_begin, axis.pad_end});
      layer_json["pads"] = pads;
      layer_json["output_size"] = output_spatial_size(given->params, input);
      layer_json["padding_convention"] = describe_convention(given->convention, spec.auto_pad, spec.tf_padding);
      json["given_layer"] = layer_json;
      json["notes"] = notes_json(given->notes);
    }
    Json all = Json::array();
    for (const auto& axis_solutions : solutions) {
      Json list = Json::array();
      for (const TargetSolution& s : axis_solutions) {
        Json item;
        if (s.stride) item["stride"] = *s.stride;
        item["padding"] = {s.padding.pad_begin, s.padding.pad_end};  // a pair also for PyTorch's symmetric padding
        item["output_padding"] = s.padding.output_padding;
        if (search_stride) item["usual"] = s.usual;
        if (asymmetric) item["frameworks"] = s.frameworks;
        if (s.same_values) item["same_values"] = *s.same_values;
        list.push_back(item);
      }
      all.push_back(list);
    }
    json["solutions"] = all;
    out << json.dump() << '\n';
    return;
  }
  if (given) {
    for (const LayerNote& note : given->notes) notes << "tconv: note: " << note.kind << ": " << note.message << '\n';
  }
  for (size_t a = 0; a < dims; ++a) {
    const AxisTarget& axis = axes[a];
    out << dimension_prefix(a, dims) << axis.input << " -> " << axis.target << " with kernel_size " << axis.kernel
        << ", " << (search_stride ? std::string("any stride") : "stride " + std::to_string(axis.stride))
        << ", dilation " << axis.dilation << ": " << solutions[a].size()
        << (solutions[a].size() == 1 ? " solution" : " solutions");
    if (search_stride) out << " (the usual choice: kernel_size = 2*stride, padding = stride/2)";
    out << '\n';
    if (given) {
      out << "  the given layer (" << describe_convention(given->convention, spec.auto_pad, spec.tf_padding)
          << ") keeps the cells " << window_text(given->params.axes[a], axis.input)
          << " of the uncropped output; a solution of the same size that keeps other cells gives other "
             "values\n";
    }
    for (const TargetSolution& s : solutions[a]) {
      out << "  ";
      if (s.stride) out << "stride " << *s.stride << ", ";
      if (asymmetric) {
        out << "pad_begin " << s.padding.pad_begin << ", pad_end " << s.padding.pad_end;
      } else {
        out << "padding " << s.padding.pad_begin;
      }
      out << ", output_padding " << s.padding.output_padding;
      std::vector<std::string> remarks;
      if (s.usual) remarks.push_back("the usual choice");
      if (asymmetric) remarks.push_back("one layer in: " + join_names(s.frameworks));
      if (s.same_values) {
        remarks.push_back(*s.same_values
                              ? "same values as the given layer"
                              : "other values than the given layer: keeps " + window_text(s.axis, axis.input));
      }
      if (!remarks.empty()) {
        out << "  (";
        for (size_t r = 0; r < remarks.size(); ++r) out << (r ? "; " : "") << remarks[r];
        out << ')';
      }
      out << '\n';
    }
  }
}

// How many numbers a per-axis flag's value holds ("3,3" and "8x8" hold 2); 0 for none.
size_t value_count(const std::string& text) {
  if (text.empty()) return 0;
  size_t count = 1;
  for (char c : text) count += c == ',' || c == 'x' || c == 'X';
  return count;
}

// INPUT_SIZE is the spatial size only. One with more numbers than the layer has axes (more than
// 3, or more than a flag's list such as -k 3,3 gives) was most likely typed as NxCxHxW from a
// tensor's shape: say so, and what to give instead. Throws InvalidParameter.
void check_spatial_only(const std::string& text, const Shape& input, const ShapeOptions& options) {
  const LayerOptions& layer = options.layer;
  size_t layer_dims = 0;
  std::string by;
  for (const auto& [value, flag] :
       {std::pair{&layer.kernel_size, "-k"}, std::pair{&layer.stride, "-s"}, std::pair{&layer.padding, "-p"},
        std::pair{&layer.output_padding, "--output-padding"}, std::pair{&layer.dilation, "-d"},
        std::pair{&layer.output_size, "--output-size"}, std::pair{&layer.output_shape, "--output-shape"},
        std::pair{&options.target, "--target"}}) {
    const size_t count = value_count(*value);
    if (count > 1 && count > layer_dims) {
      layer_dims = count;
      by = std::string(flag) + " " + *value;
    }
  }
  if (value_count(layer.pads) / 2 > 1 && value_count(layer.pads) / 2 > layer_dims) {
    layer_dims = value_count(layer.pads) / 2;
    by = "--pads " + layer.pads;
  }
  const size_t most = layer_dims > 0 ? layer_dims : static_cast<size_t>(kMaxSpatialDims);
  if (input.size() <= most) return;
  // The spatial part of (N, C, spatial...) or (C, spatial...), when that is clear.
  const size_t keep = layer_dims > 0 ? layer_dims : input.size() <= most + 2 ? input.size() - 2 : 0;
  const std::string layer_text = layer_dims > 0 ? "a " + std::to_string(layer_dims) + "-D layer by " + by
                                                : "1 to " + std::to_string(kMaxSpatialDims) + " sizes";
  const std::string give =
      keep > 0 ? "give " + shape_to_string(Shape(input.end() - static_cast<std::ptrdiff_t>(keep), input.end()))
               : "give the spatial sizes alone";
  throw InvalidParameter("INPUT_SIZE " + text + " has " + std::to_string(input.size()) +
                         " sizes, but it is the spatial size only (" + layer_text + "; not N or C): " + give);
}

// One query: an input size and the flags. Writes the whole answer to out.
void answer(const ShapeOptions& options, const std::string& input_text, std::ostream& out, std::ostream& notes) {
  const Shape input = parse_int_list(input_text, "INPUT_SIZE", true);
  check_spatial_only(input_text, input, options);
  const LayerSpec spec = to_layer_spec(options.layer, static_cast<int>(input.size()));
  if (!options.target.empty()) {
    answer_target(options, input, spec, out, notes);
    return;
  }
  const ResolvedLayer layer = resolve_layer(spec, input);
  const std::vector<SizeDerivation> derivation = derive_output_size(layer.params, input);
  Shape output;
  for (const SizeDerivation& d : derivation) output.push_back(d.output);
  const std::vector<ForwardConv> conv =
      options.conv ? matching_forward_conv(layer.params, input) : std::vector<ForwardConv>{};
  if (options.json) {
    Json json = shape_json(input, spec, layer, output);
    if (!layer.notes.empty()) json["notes"] = notes_json(layer.notes);
    if (options.explain) json["explain"] = explain_json(derivation);
    if (options.conv) json["conv"] = conv_json(conv);
    out << json.dump() << '\n';
    return;
  }
  if (options.explain) {
    print_explain(derivation, spec, layer, out);
    out << "output size: ";
  }
  out << shape_to_string(output) << '\n';
  if (options.conv) print_conv(conv, input, out);
  // On stderr, so that stdout stays the size alone for scripts.
  for (const LayerNote& note : layer.notes) notes << "tconv: note: " << note.kind << ": " << note.message << '\n';
}

int run_shape(const ShapeOptions& options, CliContext& context) {
  if (options.input_size != "-") {
    std::ostringstream answer_text, notes;
    answer(options, options.input_size, answer_text, notes);
    context.out << answer_text.str();
    context.err << notes.str();
    return 0;
  }
  // All answers are collected first: on an error stdout stays empty, as for any failing run.
  std::ostringstream answers, notes;
  read_size_queries(context.in, [&](const std::string& size) { answer(options, size, answers, notes); });
  context.out << answers.str();
  context.err << notes.str();
  return 0;
}

}  // namespace

Command add_shape_command(CLI::App& parent) {
  auto options = std::make_shared<ShapeOptions>();
  CLI::App* app = parent.add_subcommand("shape", "Output size of a transposed convolution, and the inverse problem");
  OptionGroup arguments(*app, "Arguments");
  arguments
      .positional("INPUT_SIZE", options->input_size,
                  "the input's spatial size: 5, 2x2 or 4x5x6 (not N or C); "
                  "- reads one per line of standard input")
      ->required();
  add_layer_options(*app, options->layer, false, true);
  OptionGroup answer(*app, "Answer");
  auto* explain = answer.flag("--explain", options->explain, "the size formula with these numbers, term by term");
  auto* conv = answer.flag("--conv", options->conv,
                           "also the forward Conv with the same parameters: the size it maps the output back to");
  answer.flag("--json", options->json, "one JSON object per answer");
  answer.output_file(options->output);
  OptionGroup inverse(*app, "Inverse problem",
                      "--target finds the padding; without -s the stride too. With the layer's own padding flags, "
                      "each solution says whether it keeps that layer's values. Not with --explain or --conv.");
  auto* target = inverse.text("--target", options->target, "SIZE",
                              "every (padding, output_padding) that gives this output size (N or HxW)");
  inverse.flag("--asymmetric", options->asymmetric, "with --target: also ONNX pads, begin and end chosen apart")
      ->needs(target);
  target->excludes(explain);
  target->excludes(conv);
  place_help_flag(*app);
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] { return std::string(kShapeHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_shape(*options, context); }, &options->output};
}

}  // namespace tconv
