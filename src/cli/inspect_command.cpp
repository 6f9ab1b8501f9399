#include "cli/inspect_command.hpp"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <climits>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>

#include "cli/layer_translation.hpp"
#include "cli/option_group.hpp"
#include "core/checked_math.hpp"
#include "core/engine.hpp"
#include "core/error.hpp"
#include "io/file_bytes.hpp"
#include "io/terminal_text.hpp"
#include "modules/modules.hpp"
#include "onnx/onnx_model.hpp"

namespace tconv {

namespace {

using onnx_model::ConvTransposeNode;
using onnx_model::Dimension;
using onnx_model::SymbolicShape;

struct InspectOptions {
  std::string model;
  std::vector<std::string> input_shapes;
  bool json = false;
  std::string output;  // -o FILE (command.hpp)
  int64_t max_memory = kDefaultMemoryLimitBytes;
};

// Protobuf parses messages of at most 2 GiB - 1 bytes.
constexpr int64_t kProtobufMaxBytes = INT_MAX;
// A name in the table: at most this many bytes, then an ellipsis (the JSON has the whole name).
constexpr size_t kMaxShownNameBytes = 60;

constexpr const char* kInspectHelpFooter = R"(Examples:
  tconv inspect decoder.onnx                          every ConvTranspose node, as a table
  tconv inspect model.onnx --input-shape image=1x3x32x32 --json
  tconv inspect - < decoder.onnx                      the model from standard input

Warnings: uneven-overlap (kernel not a multiple of the stride: the checkerboard risk),
not-exact-in-pytorch (PyTorch needs a crop or a zero pad after the layer),
runtime-disagreement (ONNX's text, its reference implementation or its shape inference and
ONNX Runtime give this node different values or sizes; tconv follows ONNX Runtime).)";

struct Warning {
  std::string kind;
  std::string message;
};

// One node, resolved and translated; or, inside a control-flow body whose input sizes are not
// known (and cannot be given with --input-shape), only what its attributes say (resolved false).
struct InspectedNode {
  ConvTransposeNode node;
  bool resolved = true;
  Shape input_spatial;
  ResolvedLayer layer;
  Translations translations;
  SymbolicShape output_shape;
  std::vector<Warning> warnings;
};

// "NAME (in If_0/then_branch)" for messages (printed terminal-safe by the catch site).
std::string node_title(const ConvTransposeNode& node) {
  const std::string path = onnx_model::graph_path_text(node.graph_path);
  return "ConvTranspose node " + node.name + (path.empty() ? "" : " (in " + path + ")");
}

std::string join(const std::vector<int64_t>& values, const char* separator) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? separator : "") + std::to_string(values[i]);
  return text;
}

// The weight's dimension i when it is known.
std::optional<int64_t> weight_extent(const ConvTransposeNode& node, size_t i) {
  if (!node.weight_shape || node.weight_shape->size() <= i) return std::nullopt;
  return (*node.weight_shape)[i].value;
}

// The input's channels against the weight's: ONNX's W is (Cin, Cout/group, k...), and the
// input (N, Cin, ...); Cin a multiple of group; Cout = W's second extent x group, checked for
// overflow. Returns {Cin, Cout}, with the input's channels (or group) standing in for an unknown W.
std::pair<int64_t, int64_t> channels(const ConvTransposeNode& node) {
  const std::string title = node_title(node);
  if (node.group < 1) throw DataError(title + ": group " + std::to_string(node.group) + " must be >= 1");
  const std::optional<int64_t> declared =
      node.input_shape && node.input_shape->size() > 1 ? (*node.input_shape)[1].value : std::nullopt;
  const std::optional<int64_t> weight_in = weight_extent(node, 0);
  if (declared && weight_in && *declared != *weight_in) {
    throw DataError(title + ": its input " + node.input + " has " + std::to_string(*declared) + " channels (shape " +
                    onnx_model::shape_text(node.input_shape) + "), its weight " + node.weight + " expects " +
                    std::to_string(*weight_in) + " (shape " + onnx_model::shape_text(node.weight_shape) +
                    ", laid out (Cin, Cout/group, k...))");
  }
  const int64_t in_channels = weight_in.value_or(declared.value_or(node.group));
  if (in_channels % node.group != 0) {
    throw DataError(title + ": " + std::to_string(in_channels) + " input channels do not split into group " +
                    std::to_string(node.group));
  }
  const int64_t per_group = weight_extent(node, 1).value_or(1);
  try {
    return {in_channels, checked_mul(per_group, node.group,
                                     "its output channels, " + std::to_string(per_group) + " a group x group " +
                                         std::to_string(node.group))};
  } catch (const InvalidParameter& error) {
    throw DataError(title + ": " + error.what());
  }
}

// What a node's attributes say when its input sizes are unknown: the kernel, the attributes as
// written (ONNX's defaults where absent), and the output's known extents.
InspectedNode unresolved_node(const ConvTransposeNode& node, const LayerSpec& spec) {
  InspectedNode result;
  result.node = node;
  result.resolved = false;
  const size_t dims = spec.kernel.size();
  const auto or_default = [&](const std::vector<int64_t>& given, int64_t fill, size_t count) {
    return given.empty() ? std::vector<int64_t>(count, fill) : given;
  };
  const std::vector<int64_t> strides = or_default(spec.stride, 1, dims), dilations = or_default(spec.dilation, 1, dims);
  const std::vector<int64_t> output_padding = or_default(spec.output_padding, 0, dims);
  for (size_t a = 0; a < dims; ++a) {
    AxisParams axis;
    axis.kernel = spec.kernel[a];
    axis.stride = a < strides.size() ? strides[a] : 1;
    axis.dilation = a < dilations.size() ? dilations[a] : 1;
    axis.output_padding = a < output_padding.size() ? output_padding[a] : 0;
    result.layer.params.axes.push_back(axis);
  }
  result.layer.params.groups = node.group;
  result.output_shape = node.inferred_output.value_or(SymbolicShape(dims + 2));
  result.warnings.push_back({"unresolved", "the shape of its input " + node.input + " is " +
                                               onnx_model::shape_text(node.input_shape) +
                                               ", not known inside a control-flow body: its pads, output size and "
                                               "translations need the input's size"});
  return result;
}

InspectedNode inspect_node(const ConvTransposeNode& node) {
  InspectedNode result;
  result.node = node;
  const LayerSpec spec = onnx_model::layer_spec(node);
  const auto [in_channels, out_channels] = channels(node);
  const std::optional<Shape> spatial = onnx_model::known_spatial_size(node);
  if (!spatial && !node.graph_path.empty()) return unresolved_node(node, spec);
  if (!spatial) {
    throw InvalidParameter(node_title(node) + ": the shape of its input " + node.input + " is " +
                           onnx_model::shape_text(node.input_shape) +
                           ", not fully known; give the model's input sizes with --input-shape NAME=1x3x32x32");
  }
  if (spatial->size() != spec.kernel.size()) {
    throw DataError(node_title(node) + ": input " + node.input + " of shape " +
                    onnx_model::shape_text(node.input_shape) + " does not match the kernel " +
                    shape_to_string(spec.kernel));
  }
  result.input_spatial = *spatial;
  try {
    result.layer = resolve_layer(spec, *spatial);
    result.translations = translate_layer({result.layer.params, *spatial, in_channels, out_channels});
  } catch (const InvalidParameter& error) {
    throw InvalidParameter(node_title(node) + ": " + error.what());
  }

  const Translations& t = result.translations;
  const Dimension batch = node.input_shape->front();
  result.output_shape.push_back(batch);
  result.output_shape.push_back(weight_extent(node, 1) ? Dimension{out_channels, ""} : Dimension{});
  for (int64_t extent : t.output_spatial) result.output_shape.push_back({extent, ""});

  const size_t dims = t.output_spatial.size();
  std::string uneven;
  for (size_t a = 0; a < dims; ++a) {
    const AxisParams& axis = result.layer.params.axes[a];
    if (axis.kernel % axis.stride == 0) continue;
    uneven += (uneven.empty() ? "" : "; ") + std::string("kernel ") + std::to_string(axis.kernel) +
              " is not a multiple of stride " + std::to_string(axis.stride) +
              axis_label(static_cast<int>(a), static_cast<int>(dims));
  }
  if (!uneven.empty()) {
    result.warnings.push_back(
        {"uneven-overlap", uneven + ": output cells get unequal numbers of contributions (the checkerboard risk)"});
  }
  if (!t.pytorch.exact) {
    result.warnings.push_back({"not-exact-in-pytorch", "one ConvTranspose" + std::to_string(dims) +
                                                           "d cannot keep the same cells: " +
                                                           recipe_text(*t.pytorch.crop, t.pytorch.bias_after, false)});
  }
  for (const LayerNote& note : result.layer.notes) {
    bool seen = false;
    for (const Warning& w : result.warnings) seen = seen || (w.kind == note.kind && w.message == note.message);
    if (!seen) result.warnings.push_back({note.kind, note.message});
  }
  // ONNX's own shape inference is a third opinion on the size.
  if (node.inferred_output && node.inferred_output->size() == dims + 2) {
    for (size_t a = 0; a < dims; ++a) {
      const std::optional<int64_t> inferred = (*node.inferred_output)[a + 2].value;
      if (inferred && *inferred != t.output_spatial[a]) {
        result.warnings.push_back({"runtime-disagreement", "ONNX's shape inference gives " +
                                                               onnx_model::shape_text(node.inferred_output) +
                                                               ", ONNX Runtime's rules (which tconv follows) give " +
                                                               onnx_model::shape_text(result.output_shape)});
        break;
      }
    }
  }
  return result;
}

Json symbolic_json(const std::optional<SymbolicShape>& shape) {
  if (!shape) return nullptr;
  Json list = Json::array();
  for (const Dimension& d : *shape) {
    if (d.value) {
      list.push_back(*d.value);
    } else if (!d.symbol.empty()) {
      list.push_back(d.symbol);
    } else {
      list.push_back(nullptr);
    }
  }
  return list;
}

std::vector<int64_t> flat_pads(const Translations& t) {
  std::vector<int64_t> pads;
  for (const AxisCrop& p : t.pads) pads.push_back(p.begin);
  for (const AxisCrop& p : t.pads) pads.push_back(p.end);
  return pads;
}

// A layer's per-axis attributes under ONNX's names.
struct OnnxAxes {
  std::vector<int64_t> kernel, strides, output_padding, dilations;
};

OnnxAxes onnx_axes(const ConvParams& params) {
  OnnxAxes axes;
  for (const AxisParams& axis : params.axes) {
    axes.kernel.push_back(axis.kernel);
    axes.strides.push_back(axis.stride);
    axes.output_padding.push_back(axis.output_padding);
    axes.dilations.push_back(axis.dilation);
  }
  return axes;
}

Json node_json(const InspectedNode& n) {
  const ConvParams& params = n.layer.params;
  const auto [kernel, strides, output_padding, dilations] = onnx_axes(params);
  Json json;
  json["name"] = n.node.name;
  json["graph_path"] = n.node.graph_path;
  json["resolved"] = n.resolved;
  json["input_shape"] = symbolic_json(n.node.input_shape);
  json["output_shape"] = symbolic_json(n.output_shape);
  json["kernel_shape"] = kernel;
  json["strides"] = strides;
  // Unresolved: the pads as the node writes them (null when it leaves them to auto_pad).
  json["pads"] = n.resolved ? Json(flat_pads(n.translations)) : n.node.pads.empty() ? Json(nullptr) : Json(n.node.pads);
  json["output_padding"] = output_padding;
  json["dilations"] = dilations;
  json["group"] = params.groups;
  json["auto_pad"] = n.node.auto_pad;
  json["output_shape_attribute"] = n.node.output_shape.empty() ? Json(nullptr) : Json(n.node.output_shape);
  json["pytorch"] = n.resolved ? pytorch_json(n.translations.pytorch) : Json(nullptr);
  json["tensorflow"] = n.resolved ? tensorflow_json(n.translations.tensorflow) : Json(nullptr);
  Json warnings = Json::array();
  for (const Warning& w : n.warnings) warnings.push_back({{"kind", w.kind}, {"message", w.message}});
  json["warnings"] = warnings;
  return json;
}

// Columns padded to their widest cell, two spaces apart.
void print_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

// The names as the table shows them: terminal-safe, at most kMaxShownNameBytes (then "…"),
// and still unique: a shortened name that meets another gets " #2", " #3", ...
std::vector<std::string> shown_names(const std::vector<InspectedNode>& nodes) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const InspectedNode& n : nodes) {
    std::string name = terminal_safe(n.node.name, kMaxShownNameBytes);
    for (int k = 2; taken.count(name) != 0; ++k)
      name = terminal_safe(n.node.name, kMaxShownNameBytes) + " #" + std::to_string(k);
    taken.insert(name);
    names.push_back(name);
  }
  return names;
}

std::string shown_path(const ConvTransposeNode& node) {
  const std::string path = onnx_model::graph_path_text(node.graph_path);
  return path.empty() ? "main" : terminal_safe(path, kMaxShownNameBytes);
}

// Every string from the model (names, symbols, auto_pad, warnings quoting them) goes through
// terminal_safe: the table is for a terminal.
void print_text(const std::string& model, int64_t opset, const std::vector<InspectedNode>& nodes, std::ostream& out) {
  out << terminal_safe(model) << ": opset " << opset << ", " << nodes.size() << " ConvTranspose node"
      << (nodes.size() == 1 ? "" : "s") << '\n';
  bool nested = false;
  for (const InspectedNode& n : nodes) nested = nested || !n.node.graph_path.empty();
  const std::vector<std::string> names = shown_names(nodes);
  std::vector<std::vector<std::string>> rows{{"name", "input", "output", "kernel", "strides", "pads", "output_padding",
                                              "dilations", "group", "auto_pad", "pytorch", "warnings"}};
  // Nodes inside control-flow bodies: a column says where each lives.
  if (nested) rows[0].insert(rows[0].begin() + 1, "graph");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const InspectedNode& n = nodes[i];
    const ConvParams& params = n.layer.params;
    const auto [kernel, strides, output_padding, dilations] = onnx_axes(params);
    const std::string pads = n.resolved            ? join(flat_pads(n.translations), ",")
                             : n.node.pads.empty() ? "?"
                                                   : join(n.node.pads, ",");
    std::vector<std::string> row{names[i],
                                 terminal_safe(onnx_model::shape_text(n.node.input_shape), kMaxShownNameBytes),
                                 terminal_safe(onnx_model::shape_text(n.output_shape), kMaxShownNameBytes),
                                 join(kernel, "x"),
                                 join(strides, ","),
                                 pads,
                                 join(output_padding, ","),
                                 join(dilations, ","),
                                 std::to_string(params.groups),
                                 terminal_safe(n.node.auto_pad, kMaxShownNameBytes),
                                 !n.resolved                    ? "?"
                                 : n.translations.pytorch.exact ? "exact"
                                                                : "recipe",
                                 std::to_string(n.warnings.size())};
    if (nested) row.insert(row.begin() + 1, shown_path(n.node));
    rows.push_back(std::move(row));
  }
  print_table(rows, out);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const InspectedNode& n = nodes[i];
    out << '\n' << names[i] << ":\n";
    if (n.resolved) {
      out << "  pytorch: " << n.translations.pytorch.code << '\n';
      out << "  tensorflow: " << n.translations.tensorflow.code << '\n';
    }
    for (const Warning& w : n.warnings) out << "  warning: " << w.kind << ": " << terminal_safe(w.message) << '\n';
  }
}

// MODEL "-" is standard input, and messages and the answer call it so.
constexpr const char* kStandardInput = "standard input";

std::string model_name(const std::string& model) { return model == "-" ? kStandardInput : model; }

// The model's bytes: a regular file is refused before it is read when it is larger than the
// limit (or than protobuf's 2 GiB); a device, a pipe or standard input is read until it passes
// the limit. Standard input is read as `compute --input -` reads it: a terminal is waited on.
FileBytes read_model(const std::string& path, int64_t max_memory, std::istream& in) {
  const int64_t limit = std::min(max_memory, kProtobufMaxBytes);
  if (path == "-") return FileBytes::read_stream(in, std::string("the ONNX model on ") + kStandardInput, limit);
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > kProtobufMaxBytes &&
      max_memory >= kProtobufMaxBytes) {
    throw DataError(path + " is " + std::to_string(info.st_size) + " bytes; protobuf reads ONNX models of at most " +
                    std::to_string(kProtobufMaxBytes) + " bytes (2 GiB)");
  }
  return FileBytes::open(path, "the ONNX model", limit);
}

int run_inspect(const InspectOptions& options, CliContext& context) {
  std::vector<onnx_model::InputShape> shapes;
  for (const std::string& text : options.input_shapes) shapes.push_back(onnx_model::parse_input_shape(text));
  const FileBytes bytes = read_model(options.model, options.max_memory, context.in);
  const std::string name = model_name(options.model);
  const onnx_model::ModelLayers layers =
      onnx_module().read_conv_transpose_layers(bytes.view(), name, shapes, options.max_memory);
  std::vector<InspectedNode> nodes;
  for (const ConvTransposeNode& node : layers.nodes) nodes.push_back(inspect_node(node));
  std::ostringstream out;
  if (options.json) {
    Json list = Json::array();
    for (const InspectedNode& n : nodes) list.push_back(node_json(n));
    Json json;
    json["model"] = name;
    json["opset"] = layers.opset;
    json["nodes"] = list;
    // Names are bytes from a file: invalid UTF-8 becomes U+FFFD, so the output is valid JSON.
    out << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  } else {
    print_text(name, layers.opset, nodes, out);
  }
  context.out << out.str();
  return 0;
}

}  // namespace

Command add_inspect_command(CLI::App& parent) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* app =
      parent.add_subcommand("inspect", "The ConvTranspose layers of an ONNX model: shapes, pads, PyTorch/TF, warnings");
  OptionGroup arguments(*app, "Arguments");
  arguments.positional("MODEL", options->model, "an ONNX model file (.onnx), - for standard input")->required();
  OptionGroup model(*app, "Model");
  model.texts("--input-shape", options->input_shapes, "NAME=SHAPE",
              "the shape of a graph input with symbolic sizes, e.g. x=1x64x7x7 (repeatable): its rank "
              "and fixed sizes must be the model's");
  OptionGroup answer(*app, "Answer");
  answer.flag("--json", options->json, "print one JSON object");
  answer.output_file(options->output);
  OptionGroup limits(*app, "Limits");
  limits.max_memory(options->max_memory);
  place_help_flag(*app);
  app->footer([] { return std::string(kInspectHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_inspect(*options, context); }, &options->output};
}

}  // namespace tconv
