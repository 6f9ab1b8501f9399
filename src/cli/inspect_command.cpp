#include "cli/inspect_command.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/layer_translation.hpp"
#include "cli/option_group.hpp"
#include "core/error.hpp"
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
};

constexpr const char* kInspectHelpFooter = R"(Examples:
  tconv inspect decoder.onnx                          every ConvTranspose node, as a table
  tconv inspect model.onnx --input-shape image=1x3x32x32 --json

Warnings: uneven-overlap (kernel not a multiple of the stride: the checkerboard risk),
not-exact-in-pytorch (PyTorch needs a crop or a zero pad after the layer),
runtime-disagreement (ONNX's text, its reference implementation or its shape inference and
ONNX Runtime give this node different values or sizes; tconv follows ONNX Runtime).)";

struct Warning {
  std::string kind;
  std::string message;
};

// One node, resolved and translated.
struct InspectedNode {
  ConvTransposeNode node;
  Shape input_spatial;
  ResolvedLayer layer;
  Translations translations;
  SymbolicShape output_shape;
  std::vector<Warning> warnings;
};

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

InspectedNode inspect_node(const ConvTransposeNode& node) {
  InspectedNode result;
  result.node = node;
  const LayerSpec spec = onnx_model::layer_spec(node);
  const std::optional<Shape> spatial = onnx_model::known_spatial_size(node);
  if (!spatial) {
    throw InvalidParameter("ConvTranspose node " + node.name + ": the shape of its input " + node.input + " is " +
                           onnx_model::shape_text(node.input_shape) +
                           ", not fully known; give the model's input sizes with --input-shape NAME=1x3x32x32");
  }
  if (spatial->size() != spec.kernel.size()) {
    throw DataError("ConvTranspose node " + node.name + ": input " + node.input + " of shape " +
                    onnx_model::shape_text(node.input_shape) + " does not match the kernel " +
                    shape_to_string(spec.kernel));
  }
  result.input_spatial = *spatial;
  try {
    result.layer = resolve_layer(spec, *spatial);
    // ONNX's W is (Cin, Cout/group, k...); without a known W the input's channels stand in.
    const int64_t in_channels = weight_extent(node, 0).value_or(
        node.input_shape->size() > 1 && (*node.input_shape)[1].value ? *(*node.input_shape)[1].value : node.group);
    const int64_t out_channels = weight_extent(node, 1).value_or(1) * node.group;
    result.translations = translate_layer({result.layer.params, *spatial, in_channels, out_channels});
  } catch (const InvalidParameter& error) {
    throw InvalidParameter("ConvTranspose node " + node.name + ": " + error.what());
  }

  const Translations& t = result.translations;
  const Dimension batch = node.input_shape->front();
  result.output_shape.push_back(batch);
  const std::optional<int64_t> per_group = weight_extent(node, 1);
  result.output_shape.push_back(per_group ? Dimension{*per_group * node.group, ""} : Dimension{});
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
  json["input_shape"] = symbolic_json(n.node.input_shape);
  json["output_shape"] = symbolic_json(n.output_shape);
  json["kernel_shape"] = kernel;
  json["strides"] = strides;
  json["pads"] = flat_pads(n.translations);
  json["output_padding"] = output_padding;
  json["dilations"] = dilations;
  json["group"] = params.groups;
  json["auto_pad"] = n.node.auto_pad;
  json["output_shape_attribute"] = n.node.output_shape.empty() ? Json(nullptr) : Json(n.node.output_shape);
  json["pytorch"] = pytorch_json(n.translations.pytorch);
  json["tensorflow"] = tensorflow_json(n.translations.tensorflow);
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

void print_text(const std::string& model, int64_t opset, const std::vector<InspectedNode>& nodes, std::ostream& out) {
  out << model << ": opset " << opset << ", " << nodes.size() << " ConvTranspose node" << (nodes.size() == 1 ? "" : "s")
      << '\n';
  std::vector<std::vector<std::string>> rows{{"name", "input", "output", "kernel", "strides", "pads", "output_padding",
                                              "dilations", "group", "auto_pad", "pytorch", "warnings"}};
  for (const InspectedNode& n : nodes) {
    const ConvParams& params = n.layer.params;
    const auto [kernel, strides, output_padding, dilations] = onnx_axes(params);
    rows.push_back({n.node.name, onnx_model::shape_text(n.node.input_shape), onnx_model::shape_text(n.output_shape),
                    join(kernel, "x"), join(strides, ","), join(flat_pads(n.translations), ","),
                    join(output_padding, ","), join(dilations, ","), std::to_string(params.groups), n.node.auto_pad,
                    n.translations.pytorch.exact ? "exact" : "recipe", std::to_string(n.warnings.size())});
  }
  print_table(rows, out);
  for (const InspectedNode& n : nodes) {
    out << '\n' << n.node.name << ":\n";
    out << "  pytorch: " << n.translations.pytorch.code << '\n';
    out << "  tensorflow: " << n.translations.tensorflow.code << '\n';
    for (const Warning& w : n.warnings) out << "  warning: " << w.kind << ": " << w.message << '\n';
  }
}

int run_inspect(const InspectOptions& options, CliContext& context) {
  std::vector<onnx_model::InputShape> shapes;
  for (const std::string& text : options.input_shapes) shapes.push_back(onnx_model::parse_input_shape(text));
  const onnx_model::ModelLayers layers = onnx_module().read_conv_transpose_layers(options.model, shapes);
  std::vector<InspectedNode> nodes;
  for (const ConvTransposeNode& node : layers.nodes) nodes.push_back(inspect_node(node));
  std::ostringstream out;
  if (options.json) {
    Json list = Json::array();
    for (const InspectedNode& n : nodes) list.push_back(node_json(n));
    Json json;
    json["model"] = options.model;
    json["opset"] = layers.opset;
    json["nodes"] = list;
    out << json.dump() << '\n';
  } else {
    print_text(options.model, layers.opset, nodes, out);
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
  arguments.positional("MODEL", options->model, "an ONNX model file (.onnx)")->required();
  OptionGroup model(*app, "Model");
  model.texts("--input-shape", options->input_shapes, "NAME=SHAPE",
              "the shape of a graph input with symbolic sizes, e.g. x=1x64x7x7 (repeatable)");
  OptionGroup answer(*app, "Answer");
  answer.flag("--json", options->json, "print one JSON object");
  place_help_flag(*app);
  app->footer([] { return std::string(kInspectHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_inspect(*options, context); }};
}

}  // namespace tconv
