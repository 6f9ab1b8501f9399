#include "cli/shape_command.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "cli/layer_options.hpp"
#include "cli/option_group.hpp"
#include "cli/size_queries.hpp"
#include "cli/value_parsing.hpp"
#include "core/layer_spec.hpp"
#include "core/shape_solver.hpp"

namespace tconv {

namespace {

using Json = nlohmann::ordered_json;

struct ShapeOptions {
  std::string input_size;  // "2x2", or "-" for one query per stdin line
  LayerOptions layer;
  std::string target;
  bool asymmetric = false;
  bool explain = false;
  bool conv = false;
  bool json = false;
};

constexpr const char* kShapeHelpFooter = R"(Examples:
  tconv shape 2x2 -k 3 -s 2 -p 1 --output-padding 1    4x4
  tconv shape 5 -k 3                                   7
  tconv shape 4x5 -k 3,2 -s 2,1 --json                 one JSON object
  tconv shape 2x2 -k 3 -s 2 --explain                  the size formula, term by term
  tconv shape 2x2 -k 3 -s 2 --target 4x4               padding 1, output_padding 1
  tconv shape 3 -k 4 -s 2 --target 7 --asymmetric      also ONNX begin/end pads
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
  json["padding_convention"] = describe_convention(layer.convention, spec.auto_pad);
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
  out << "padding from: " << describe_convention(layer.convention, spec.auto_pad) << '\n';
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

// --target: every (padding, output_padding) per dimension, or one "not reachable" error.
void answer_target(const ShapeOptions& options, const Shape& input, const LayerSpec& spec, std::ostream& out) {
  const size_t dims = input.size();
  const std::vector<int64_t> target =
      broadcast_to_dims(parse_int_list(options.target, "--target", true), static_cast<int>(dims), "--target");
  // Kernel, stride, dilation and input are validated exactly as for a forward query.
  LayerSpec plain = spec;
  plain.padding.clear();
  plain.output_padding.clear();
  const ResolvedLayer layer = resolve_layer(plain, input);
  const PaddingModel model = options.asymmetric ? PaddingModel::Asymmetric : PaddingModel::Symmetric;

  std::vector<AxisTarget> axes;
  std::vector<std::vector<PaddingSolution>> solutions;
  for (size_t a = 0; a < dims; ++a) {
    const AxisParams& p = layer.params.axes[a];
    const AxisTarget axis{input[a], p.kernel, p.stride, p.dilation, target[a]};
    const std::string where = axis_label(static_cast<int>(a), static_cast<int>(dims));
    if (axis.target < 1) throw InvalidParameter("--target must be >= 1, got " + std::to_string(axis.target) + where);
    solutions.push_back(solve_padding(axis, model));
    if (solutions.back().empty()) {
      const Unreachable why = explain_unreachable(axis);
      std::string nearest;
      for (int64_t size : why.nearest) nearest += (nearest.empty() ? "" : " or ") + std::to_string(size);
      throw InvalidParameter("no solution for target size " + std::to_string(axis.target) + where + " from input " +
                             std::to_string(axis.input) + " with kernel_size " + std::to_string(axis.kernel) +
                             ", stride " + std::to_string(axis.stride) + ", dilation " + std::to_string(axis.dilation) +
                             ": " + why.reason + "; nearest reachable: " + nearest + "; " + why.advice);
    }
    axes.push_back(axis);
  }

  if (options.json) {
    Json json;
    json["input_size"] = input;
    json["kernel_size"] = per_axis(layer.params, &AxisParams::kernel);
    json["stride"] = per_axis(layer.params, &AxisParams::stride);
    json["dilation"] = per_axis(layer.params, &AxisParams::dilation);
    json["target_size"] = target;
    json["padding_model"] = options.asymmetric ? "asymmetric (onnx pads)" : "symmetric (pytorch padding)";
    Json all = Json::array();
    for (const auto& axis_solutions : solutions) {
      Json list = Json::array();
      for (const PaddingSolution& s : axis_solutions) {
        Json item;
        item["padding"] = {s.pad_begin, s.pad_end};  // a pair also for PyTorch's symmetric padding
        item["output_padding"] = s.output_padding;
        list.push_back(item);
      }
      all.push_back(list);
    }
    json["solutions"] = all;
    out << json.dump() << '\n';
    return;
  }
  for (size_t a = 0; a < dims; ++a) {
    const AxisTarget& axis = axes[a];
    out << dimension_prefix(a, dims) << axis.input << " -> " << axis.target << " with kernel_size " << axis.kernel
        << ", stride " << axis.stride << ", dilation " << axis.dilation << ": " << solutions[a].size()
        << (solutions[a].size() == 1 ? " solution\n" : " solutions\n");
    for (const PaddingSolution& s : solutions[a]) {
      if (options.asymmetric) {
        out << "  pad_begin " << s.pad_begin << ", pad_end " << s.pad_end;
      } else {
        out << "  padding " << s.pad_begin;
      }
      out << ", output_padding " << s.output_padding << '\n';
    }
  }
}

// One query: an input size and the flags. Writes the whole answer to out.
void answer(const ShapeOptions& options, const std::string& input_text, std::ostream& out) {
  const Shape input = parse_int_list(input_text, "INPUT_SIZE", true);
  const LayerSpec spec = to_layer_spec(options.layer, static_cast<int>(input.size()));
  if (!options.target.empty()) {
    answer_target(options, input, spec, out);
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
}

int run_shape(const ShapeOptions& options, CliContext& context) {
  if (options.input_size != "-") {
    std::ostringstream answer_text;
    answer(options, options.input_size, answer_text);
    context.out << answer_text.str();
    return 0;
  }
  // All answers are collected first: on an error stdout stays empty, as for any failing run.
  std::ostringstream answers;
  read_size_queries(context.in, [&](const std::string& size) { answer(options, size, answers); });
  context.out << answers.str();
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
  OptionGroup inverse(*app, "Inverse problem",
                      "--target finds the padding, so it takes none of -p, --output-padding, --output-size and the "
                      "ONNX flags, nor --explain or --conv.");
  auto* target = inverse.text("--target", options->target, "SIZE",
                              "every (padding, output_padding) that gives this output size (N or HxW)");
  inverse.flag("--asymmetric", options->asymmetric, "with --target: also ONNX pads, begin and end chosen apart")
      ->needs(target);
  for (const char* name :
       {"--padding", "--output-padding", "--pads", "--auto-pad", "--output-size", "--output-shape"}) {
    target->excludes(app->get_option(name));
  }
  target->excludes(explain);
  target->excludes(conv);
  place_help_flag(*app);
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] { return std::string(kShapeHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_shape(*options, context); }};
}

}  // namespace tconv
