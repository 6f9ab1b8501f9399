// Parsing with onnx::ModelProto (protobuf), shapes with onnx::shape_inference::InferShapes.
#include "onnx/onnx_model.hpp"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

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

}  // namespace tconv::onnx_model
