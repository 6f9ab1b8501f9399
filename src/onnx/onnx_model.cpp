// Parsing with onnx::ModelProto (protobuf), shapes with onnx::shape_inference::InferShapes.
#include "onnx/onnx_model.hpp"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"

namespace tconv::onnx_model {

namespace {

std::string first_line(const std::string& text) {
  const size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

std::optional<SymbolicShape> shape_of(const onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return std::nullopt;
  SymbolicShape shape;
  for (const onnx::TensorShapeProto_Dimension& dim : type.tensor_type().shape().dim()) {
    Dimension d;
    if (dim.has_dim_value()) d.value = dim.dim_value();
    if (dim.has_dim_param()) d.symbol = dim.dim_param();
    shape.push_back(d);
  }
  return shape;
}

std::vector<int64_t> ints(const onnx::AttributeProto& attribute) {
  return std::vector<int64_t>(attribute.ints().begin(), attribute.ints().end());
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "none" : text;
}

}  // namespace

std::string shape_text(const std::optional<SymbolicShape>& shape) {
  if (!shape) return "unknown";
  std::string text;
  for (size_t i = 0; i < shape->size(); ++i) {
    const Dimension& d = (*shape)[i];
    text += (i ? "x" : "") + (d.value ? std::to_string(*d.value) : d.symbol.empty() ? "?" : d.symbol);
  }
  return text;
}

InputShape parse_input_shape(const std::string& text) {
  const size_t equals = text.find('=');
  const auto bad = [&](const std::string& why) {
    return UsageError("--input-shape must be NAME=1x64x7x7 (" + why + "), got '" + text + "'");
  };
  if (equals == std::string::npos || equals == 0) throw bad("a name, '=', then the extents");
  InputShape result{text.substr(0, equals), {}};
  std::stringstream extents(text.substr(equals + 1));
  std::string part;
  while (std::getline(extents, part, 'x')) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 18) {
      throw bad("extents are positive integers separated by 'x'");
    }
    const int64_t value = std::stoll(part);
    if (value < 1) throw bad("extents are positive integers separated by 'x'");
    result.dims.push_back(value);
  }
  if (result.dims.empty() || text.back() == 'x') throw bad("extents are positive integers separated by 'x'");
  return result;
}

ModelLayers read_conv_transpose_layers(const std::string& path, const std::vector<InputShape>& input_shapes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw IoError("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) throw IoError("cannot read " + path + ": " + std::strerror(errno));
  onnx::ModelProto model;
  // A truncated or foreign file fails to parse, or parses into a model without a graph.
  if (bytes.empty() || !model.ParseFromString(bytes) || !model.has_graph()) {
    throw DataError(path + " is not an ONNX model: its protobuf does not parse (truncated, or another format)");
  }
  onnx::GraphProto& graph = *model.mutable_graph();

  // --input-shape overrides: the graph inputs that are not initializers.
  std::vector<std::string> input_names;
  for (const onnx::ValueInfoProto& input : graph.input()) {
    bool initializer = false;
    for (const onnx::TensorProto& tensor : graph.initializer())
      initializer = initializer || tensor.name() == input.name();
    if (!initializer) input_names.push_back(input.name());
  }
  for (const InputShape& wanted : input_shapes) {
    onnx::ValueInfoProto* target = nullptr;
    for (onnx::ValueInfoProto& input : *graph.mutable_input()) {
      if (input.name() == wanted.name) target = &input;
    }
    if (target == nullptr) {
      throw InvalidParameter("--input-shape names '" + wanted.name + "', which is not an input of " + path +
                             " (inputs: " + join(input_names) + ")");
    }
    onnx::TypeProto_Tensor* tensor = target->mutable_type()->mutable_tensor_type();
    if (tensor->has_shape() && tensor->shape().dim_size() != static_cast<int>(wanted.dims.size())) {
      throw InvalidParameter("--input-shape gives " + wanted.name + " " + std::to_string(wanted.dims.size()) +
                             " dimensions, the model's input has " + std::to_string(tensor->shape().dim_size()));
    }
    tensor->mutable_shape()->clear_dim();
    for (int64_t extent : wanted.dims) tensor->mutable_shape()->add_dim()->set_dim_value(extent);
  }

  ModelLayers result;
  for (const onnx::OperatorSetIdProto& opset : model.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") result.opset = opset.version();
  }
  try {
    onnx::ShapeInferenceOptions options(/*check_type=*/false, /*strict_mode=*/1);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    throw DataError("ONNX shape inference failed on " + path + ": " + first_line(e.what()));
  }

  // Every tensor's shape, as declared or inferred: inputs, value_info, outputs, initializers.
  std::map<std::string, std::optional<SymbolicShape>> shapes;
  for (const auto* list : {&graph.input(), &graph.value_info(), &graph.output()}) {
    for (const onnx::ValueInfoProto& info : *list) shapes[info.name()] = shape_of(info.type());
  }
  for (const onnx::TensorProto& tensor : graph.initializer()) {
    SymbolicShape shape;
    for (int64_t extent : tensor.dims()) shape.push_back({extent, ""});
    shapes[tensor.name()] = shape;
  }
  const auto find_shape = [&](const std::string& name) -> std::optional<SymbolicShape> {
    const auto it = shapes.find(name);
    return it == shapes.end() ? std::nullopt : it->second;
  };

  std::vector<std::string> operators;
  for (const onnx::NodeProto& node : graph.node()) {
    if (node.op_type() != "ConvTranspose" || !(node.domain().empty() || node.domain() == "ai.onnx")) {
      operators.push_back(node.op_type());
      continue;
    }
    ConvTransposeNode layer;
    layer.name = node.name().empty() ? "ConvTranspose #" + std::to_string(result.nodes.size() + 1) : node.name();
    if (node.input_size() < 2 || node.output_size() < 1) {
      throw DataError(path + ": ConvTranspose node " + layer.name + " needs inputs X and W and an output");
    }
    layer.input = node.input(0);
    layer.weight = node.input(1);
    layer.output = node.output(0);
    layer.input_shape = find_shape(layer.input);
    layer.weight_shape = find_shape(layer.weight);
    layer.inferred_output = find_shape(layer.output);
    for (const onnx::AttributeProto& attribute : node.attribute()) {
      const std::string& name = attribute.name();
      if (name == "kernel_shape") layer.kernel_shape = ints(attribute);
      if (name == "strides") layer.strides = ints(attribute);
      if (name == "pads") layer.pads = ints(attribute);
      if (name == "output_padding") layer.output_padding = ints(attribute);
      if (name == "dilations") layer.dilations = ints(attribute);
      if (name == "output_shape") layer.output_shape = ints(attribute);
      if (name == "auto_pad") layer.auto_pad = attribute.s();
      if (name == "group") layer.group = attribute.i();
    }
    result.nodes.push_back(layer);
  }
  if (result.nodes.empty()) {
    throw InvalidParameter(path + " has no ConvTranspose node (" + std::to_string(graph.node_size()) +
                           " nodes: " + join(operators) + ")");
  }
  return result;
}

LayerSpec layer_spec(const ConvTransposeNode& node) {
  LayerSpec spec;
  spec.kernel = node.kernel_shape;
  if (spec.kernel.empty() && node.weight_shape && node.weight_shape->size() >= 3) {
    for (size_t i = 2; i < node.weight_shape->size(); ++i) {
      const Dimension& d = (*node.weight_shape)[i];
      if (!d.value) break;
      spec.kernel.push_back(*d.value);
    }
    if (spec.kernel.size() + 2 != node.weight_shape->size()) spec.kernel.clear();
  }
  if (spec.kernel.empty()) {
    throw InvalidParameter("ConvTranspose node " + node.name +
                           ": the kernel size is unknown (no kernel_shape, and "
                           "the shape of " +
                           node.weight + " is " + shape_text(node.weight_shape) + ")");
  }
  spec.dims = static_cast<int>(spec.kernel.size());
  spec.stride = node.strides;
  spec.dilation = node.dilations;
  spec.output_padding = node.output_padding;
  spec.output_shape = node.output_shape;
  // output_shape may hold the whole shape (N, C, spatial...) in old exporters; ONNX Runtime
  // takes the spatial tail then.
  if (spec.output_shape.size() == spec.kernel.size() + 2)
    spec.output_shape.erase(spec.output_shape.begin(), spec.output_shape.begin() + 2);
  spec.groups = node.group;
  try {
    spec.auto_pad = parse_auto_pad(node.auto_pad);
  } catch (const UsageError&) {
    throw InvalidParameter("ConvTranspose node " + node.name + ": auto_pad '" + node.auto_pad +
                           "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
  }
  spec.pads = node.pads;
  // ONNX's default pads are zeros: stating them keeps the layer in ONNX's convention.
  if (spec.pads.empty() && spec.auto_pad == AutoPad::NotSet) spec.pads.assign(2 * spec.kernel.size(), 0);
  return spec;
}

std::optional<Shape> known_spatial_size(const ConvTransposeNode& node) {
  if (!node.input_shape || node.input_shape->size() < 3) return std::nullopt;
  Shape spatial;
  for (size_t i = 2; i < node.input_shape->size(); ++i) {
    const Dimension& d = (*node.input_shape)[i];
    if (!d.value) return std::nullopt;
    spatial.push_back(*d.value);
  }
  return spatial;
}

}  // namespace tconv::onnx_model
