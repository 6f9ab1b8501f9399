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
  bool all = false;
  std::string output;  // -o FILE (command.hpp)
};

constexpr const char* kShapeHelpFooter = R"(Examples:
  tconv shape 2x2 -k 3 -s 2 -p 1 --output-padding 1    4x4
  tconv shape 5 -k 3                                   7
  tconv shape 4x5 -k 3,2 -s 2,1 --json                 one JSON object
  tconv shape 2x2 -k 3 -s 2 --explain                  the size formula, term by term
  tconv shape 2x2 -k 3 -s 2 --target 4x4               padding 1, output_padding 1
  tconv shape 3 -k 4 -s 2 --target 7 --asymmetric      also ONNX begin/end pads
  tconv shape 7 -k 4 --target 14                       the stride searched too, ranked
  tconv shape 7x7 -k 4 --target 28x28 --all            every solution, not only the best 10
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
  RankedSolution ranked;
  std::vector<std::string> frameworks;     // when asymmetric solutions are listed
  std::optional<ValuesRelation> relation;  // when the user gave a layer
  AxisParams axis;
};

// Everything --target answers on one axis.
struct AxisAnswer {
  AxisTarget axis;
  std::vector<TargetSolution> solutions;  // in rank order
  std::optional<AxisParams> given;        // the given layer's axis
  std::optional<AxisParams> usual;        // usual_layer(input, target), stride searched only
  bool usual_listed = false;              // a solution is the usual choice
  std::optional<LayerChain> chain;        // when one layer is awkward
};

// The solutions listed without --all; the usual choice is listed too when it ranks lower.
constexpr size_t kShownSolutions = 10;

// Axes that ask the same question (and come from the same given layer) are answered once.
bool alike(const AxisAnswer& x, const AxisAnswer& y) {
  const auto same_axis = [](const AxisParams& p, const AxisParams& q) {
    return p.kernel == q.kernel && p.stride == q.stride && p.dilation == q.dilation && p.pad_begin == q.pad_begin &&
           p.pad_end == q.pad_end && p.output_padding == q.output_padding;
  };
  return x.axis.input == y.axis.input && x.axis.kernel == y.axis.kernel && x.axis.stride == y.axis.stride &&
         x.axis.dilation == y.axis.dilation && x.axis.target == y.axis.target &&
         x.given.has_value() == y.given.has_value() && (!x.given || same_axis(*x.given, *y.given));
}

// "dimension 2: ", "dimensions 1 and 3: ", "dimensions 1, 2 and 3: " (1-based), before a header.
std::string group_prefix(const std::vector<size_t>& group) {
  std::string text = group.size() == 1 ? "dimension " : "dimensions ";
  for (size_t i = 0; i < group.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == group.size() ? " and " : ", ") + std::to_string(group[i] + 1);
  }
  return text + ": ";
}

// Why a solution is not useful, in the listing's words.
std::vector<std::string> use_remarks(const LayerUse& use) {
  std::vector<std::string> remarks;
  if (use.output_without_input)
    remarks.push_back("output cell " + std::to_string(*use.output_without_input) + " gets no input");
  if (!use.inputs_reach_output) remarks.push_back("an input cell reaches no output cell");
  return remarks;
}

Json layer_json(const AxisParams& axis) {
  Json json;
  json["kernel_size"] = axis.kernel;
  json["stride"] = axis.stride;
  json["padding"] = {axis.pad_begin, axis.pad_end};
  json["output_padding"] = axis.output_padding;
  return json;
}

// --target: the (padding, output_padding) per dimension (and stride, when -s is absent) that
// reach the target, ranked (rank_solutions), the best kShownSolutions listed unless --all, alike
// dimensions answered once; or one "not reachable" error. With a layer's padding given, each
// solution says whether it keeps that layer's values; with asymmetric pads allowed, which
// frameworks express it in one layer. Without -s, the usual choice is marked, or the kernel it
// would need is named, with two layers when one layer is awkward.
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

  std::vector<AxisAnswer> answers(dims);
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
        std::string two;
        if (const std::optional<LayerChain> chain = two_layer_chain(axis, false)) {
          two = ", as would two layers " + std::to_string(axis.input) + " -> " + std::to_string(chain->middle) +
                " -> " + std::to_string(axis.target) + ", each " + layer_text(chain->layer, {false, true, false});
        }
        throw InvalidParameter("no solution for target size " + std::to_string(axis.target) + where + " from input " +
                               std::to_string(axis.input) + " with kernel_size " + std::to_string(axis.kernel) +
                               ", dilation " + std::to_string(axis.dilation) + " and any stride 1.." +
                               std::to_string(std::min(axis.target, kMaxSearchedStride)) +
                               ": the output is at most (m-1)*S + K' + S-1; a larger kernel_size would reach it" + two);
      }
      const Unreachable why = explain_unreachable(axis);
      std::string nearest;
      for (int64_t size : why.nearest) nearest += (nearest.empty() ? "" : " or ") + std::to_string(size);
      throw InvalidParameter("no solution for target size " + std::to_string(axis.target) + where + " from input " +
                             std::to_string(axis.input) + " with kernel_size " + std::to_string(axis.kernel) +
                             ", stride " + std::to_string(axis.stride) + ", dilation " + std::to_string(axis.dilation) +
                             ": " + why.reason + "; nearest reachable: " + nearest + "; " + why.advice);
    }
    AxisAnswer& answer = answers[a];
    answer.axis = axis;
    if (given) answer.given = given->params.axes[a];
    for (const RankedSolution& r : rank_solutions(axis, found)) {
      TargetSolution t;
      t.ranked = r;
      t.axis = AxisParams{axis.kernel,
                          r.solution.stride,
                          axis.dilation,
                          r.solution.padding.pad_begin,
                          r.solution.padding.pad_end,
                          r.solution.padding.output_padding};
      if (asymmetric) t.frameworks = framework_names(t.axis, axis.input, dims);
      if (given) t.relation = compare_values(given->params.axes[a], t.axis, axis.input);
      answer.usual_listed = answer.usual_listed || r.solution.usual;
      answer.solutions.push_back(t);
    }
    if (search_stride) answer.usual = usual_layer(axis.input, axis.target);
    // One layer is awkward when the usual choice is out of the given kernel's reach (stride
    // searched) or no solution is useful.
    if ((search_stride && !answer.usual_listed) || !answer.solutions.front().ranked.use.useful()) {
      answer.chain = two_layer_chain(axis, !search_stride);
    }
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
    Json usual = Json::array();
    Json chains = Json::array();
    for (const AxisAnswer& answer : answers) {
      Json list = Json::array();
      for (const TargetSolution& s : answer.solutions) {
        Json item;
        if (search_stride) item["stride"] = s.axis.stride;
        item["padding"] = {s.axis.pad_begin, s.axis.pad_end};  // a pair also for PyTorch's symmetric padding
        item["output_padding"] = s.axis.output_padding;
        if (search_stride) item["usual"] = s.ranked.solution.usual;
        if (asymmetric) item["frameworks"] = s.frameworks;
        if (s.relation) item["same_values"] = *s.relation == ValuesRelation::Same;
        item["rank"] = s.ranked.rank;
        item["useful"] = s.ranked.use.useful();
        const LayerUse& use = s.ranked.use;
        item["output_without_input"] = use.output_without_input ? Json(*use.output_without_input) : Json(nullptr);
        item["inputs_reach_output"] = use.inputs_reach_output;
        list.push_back(item);
      }
      all.push_back(list);
      usual.push_back(answer.usual ? layer_json(*answer.usual) : Json(nullptr));
      if (answer.chain) {
        Json chain = layer_json(answer.chain->layer);
        chain["sizes"] = {answer.axis.input, answer.chain->middle, answer.axis.target};
        chains.push_back(chain);
      } else {
        chains.push_back(nullptr);
      }
    }
    json["solutions"] = all;
    if (search_stride) json["usual_choice"] = usual;  // per dimension: the usual layer, or null
    json["two_layers"] = chains;                      // per dimension: two identical layers, or null
    out << json.dump() << '\n';
    return;
  }
  if (given) {
    for (const LayerNote& note : given->notes) notes << "tconv: note: " << note.kind << ": " << note.message << '\n';
  }
  // Alike dimensions in one group, in the order of their first dimension.
  std::vector<std::vector<size_t>> groups;
  for (size_t a = 0; a < dims; ++a) {
    bool placed = false;
    for (std::vector<size_t>& group : groups) {
      if (alike(answers[group.front()], answers[a])) {
        group.push_back(a);
        placed = true;
        break;
      }
    }
    if (!placed) groups.push_back({a});
  }
  for (const std::vector<size_t>& group : groups) {
    const AxisAnswer& answer = answers[group.front()];
    const AxisTarget& axis = answer.axis;
    const std::vector<TargetSolution>& solutions = answer.solutions;
    size_t useful = 0;
    for (const TargetSolution& s : solutions) useful += s.ranked.use.useful() ? 1 : 0;
    std::string every;  // "H and W alike", when one group holds every dimension
    if (dims > 1 && group.size() == dims) every = dims == 2 ? ", H and W alike" : ", D, H and W alike";
    out << (dims > 1 && every.empty() ? group_prefix(group) : std::string()) << axis.input << " -> " << axis.target
        << " with kernel_size " << axis.kernel << ", "
        << (search_stride ? std::string("any stride") : "stride " + std::to_string(axis.stride)) << ", dilation "
        << axis.dilation << every << ": " << solutions.size() << (solutions.size() == 1 ? " solution" : " solutions")
        << ", " << useful << " useful (every output cell gets an input, every input reaches one)\n";
    if (answer.given) {
      const int64_t given_size = answer.given->output_size(axis.input);
      out << "  the given layer (" << describe_convention(given->convention, spec.auto_pad, spec.tf_padding) << ") ";
      if (given_size == axis.target) {
        out << "keeps the cells " << window_text(*answer.given, axis.input)
            << " of the uncropped output; a solution of the same size that keeps other cells gives other values\n";
      } else {
        out << "gives " << given_size << ", not " << axis.target << ": it keeps the cells "
            << window_text(*answer.given, axis.input) << " of the uncropped output\n";
      }
    }
    size_t listed = 0;
    for (const TargetSolution& s : solutions) {
      const bool shown = options.all || listed < kShownSolutions || s.ranked.solution.usual;
      if (!shown) continue;
      ++listed;
      out << "  " << layer_text(s.axis, {false, search_stride, asymmetric});
      std::vector<std::string> remarks;
      if (s.ranked.solution.usual) remarks.push_back("the usual choice: kernel_size = 2*stride, padding = stride/2");
      for (const std::string& remark : use_remarks(s.ranked.use)) remarks.push_back(remark);
      if (asymmetric) remarks.push_back("one layer in: " + join_names(s.frameworks));
      if (s.relation) {
        const int64_t more = s.axis.output_size(axis.input) - answer.given->output_size(axis.input);
        switch (*s.relation) {
          case ValuesRelation::Same:
            remarks.push_back("same values as the given layer");
            break;
          case ValuesRelation::Extends:
            remarks.push_back("the given layer's values and " + std::to_string(more) +
                              (more == 1 ? " more cell" : " more cells") + ": keeps " +
                              window_text(s.axis, axis.input));
            break;
          case ValuesRelation::Other:
            remarks.push_back("other values than the given layer: keeps " + window_text(s.axis, axis.input));
            break;
        }
      }
      if (!remarks.empty()) {
        out << "  (";
        for (size_t r = 0; r < remarks.size(); ++r) out << (r ? "; " : "") << remarks[r];
        out << ')';
      }
      out << '\n';
    }
    if (listed < solutions.size()) {
      out << "  " << solutions.size() - listed << " more, ranked lower: --all lists every one\n";
    }
    if (search_stride && !answer.usual_listed) {
      if (answer.usual) {
        out << "  the usual choice (kernel_size = 2*stride, padding = stride/2) needs another kernel: "
            << layer_text(*answer.usual, {true, true, false}) << '\n';
      } else {
        out << "  no usual choice (kernel_size = 2*stride, padding = stride/2): it gives input*stride with an "
               "even stride, and "
            << axis.target << " is not " << axis.input << " times one\n";
      }
    }
    if (answer.chain) {
      out << "  two layers would: " << axis.input << " -> " << answer.chain->middle << " -> " << axis.target
          << ", each " << layer_text(answer.chain->layer, {true, true, false}) << '\n';
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
  const std::string layer_by = layer_dims > 0 ? "a " + std::to_string(layer_dims) + "-D layer by " + by
                                              : "1 to " + std::to_string(kMaxSpatialDims) + " sizes";
  const std::string give =
      keep > 0 ? "give " + shape_to_string(Shape(input.end() - static_cast<std::ptrdiff_t>(keep), input.end()))
               : "give the spatial sizes alone";
  throw InvalidParameter("INPUT_SIZE " + text + " has " + std::to_string(input.size()) +
                         " sizes, but it is the spatial size only (" + layer_by + "; not N or C): " + give);
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
                      "--target finds the padding; without -s the stride too. Solutions are ranked: every output "
                      "cell gets an input and every input reaches one (useful) first, then the smaller stride and "
                      "padding. With the layer's own padding flags, each solution says whether it keeps that "
                      "layer's values. Not with --explain or --conv.");
  auto* target = inverse.text("--target", options->target, "SIZE",
                              "every (padding, output_padding) that gives this output size (N or HxW)");
  inverse.flag("--asymmetric", options->asymmetric, "with --target: also ONNX pads, begin and end chosen apart")
      ->needs(target);
  inverse.flag("--all", options->all, "with --target: every solution, not only the best 10")->needs(target);
  target->excludes(explain);
  target->excludes(conv);
  place_help_flag(*app);
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] { return std::string(kShapeHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_shape(*options, context); }, &options->output};
}

}  // namespace tconv
