// Parsing with onnx::ModelProto (protobuf), shapes with onnx::shape_inference::InferShapes run
// in a child process (onnx/isolated_call.hpp) after tconv's own checks of what it divides by
// and recurses on.
#include "onnx/onnx_model.hpp"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "onnx/isolated_call.hpp"

namespace tconv::onnx_model {

namespace {

std::string first_line(const std::string& text) {
  const size_t end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

bool default_domain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

// "NAME" or, for a node without a name, "OP #N" (N: 1-based among its graph's nodes).
std::string node_label(const onnx::NodeProto& node, int index) {
  return node.name().empty() ? node.op_type() + " #" + std::to_string(index + 1) : node.name();
}

// " (in If_0/then_branch)" for a node inside a control-flow body, "" in the main graph.
std::string place(const std::vector<std::string>& path) {
  return path.empty() ? "" : " (in " + graph_path_text(path) + ")";
}

// Every node of `graph` and of the graphs inside its nodes' attributes (If's branches, Loop's
// and Scan's bodies), depth first; `path` says where each lives.
void for_each_node(const onnx::GraphProto& graph, std::vector<std::string>& path,
                   const std::function<void(const onnx::NodeProto&, int, const std::vector<std::string>&)>& visit) {
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto& node = graph.node(i);
    visit(node, i, path);
    for (const onnx::AttributeProto& attribute : node.attribute()) {
      const int count = attribute.has_g() ? 1 : attribute.graphs_size();
      for (int k = 0; k < count; ++k) {
        path.push_back(node_label(node, i));
        path.push_back(attribute.has_g() ? attribute.name() : attribute.name() + "[" + std::to_string(k) + "]");
        for_each_node(attribute.has_g() ? attribute.g() : attribute.graphs(k), path, visit);
        path.resize(path.size() - 2);
      }
    }
  }
}

// ---- The checks before ONNX's shape inference -----------------------------------------------

// Operators whose shape inference divides by these attributes (onnx::convPoolShapeInference,
// DepthToSpace, SpaceToDepth): a 0 there is a SIGFPE inside the library.
const std::map<std::string, std::vector<std::string>>& divisor_attributes() {
  static const std::map<std::string, std::vector<std::string>> table = [] {
    const std::vector<std::string> conv_pool{"strides", "dilations", "kernel_shape", "group"};
    std::map<std::string, std::vector<std::string>> t;
    for (const char* op : {"Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "MaxPool", "AveragePool", "LpPool",
                           "MaxUnpool", "MaxRoiPool"})
      t[op] = conv_pool;
    t["DepthToSpace"] = {"blocksize"};
    t["SpaceToDepth"] = {"blocksize"};
    return t;
  }();
  return table;
}

std::string list_text(const onnx::AttributeProto& attribute) {
  if (attribute.type() == onnx::AttributeProto::INT) return std::to_string(attribute.i());
  std::string text;
  const int shown = std::min(attribute.ints_size(), 8);
  for (int i = 0; i < shown; ++i) text += (i ? ", " : "") + std::to_string(attribute.ints(i));
  if (attribute.ints_size() > shown) text += ", ...";
  return "[" + text + "]";
}

// The attributes of the operators above: what inference divides by is >= 1, and no list is
// longer than kMaxListedValues (inference would copy a 2M-entry kernel_shape around).
void check_attributes(const onnx::NodeProto& node, int index, const std::vector<std::string>& path,
                      const std::string& model) {
  if (!default_domain(node.domain())) return;
  const auto entry = divisor_attributes().find(node.op_type());
  if (entry == divisor_attributes().end()) return;
  for (const onnx::AttributeProto& attribute : node.attribute()) {
    if (attribute.ints_size() > kMaxListedValues) {
      throw DataError(model + ": node " + node_label(node, index) + " (" + node.op_type() + ")" + place(path) +
                      " has " + std::to_string(attribute.ints_size()) + " values in " + attribute.name() +
                      "; tconv reads at most " + std::to_string(kMaxListedValues));
    }
    bool listed = false;
    for (const std::string& name : entry->second) listed = listed || name == attribute.name();
    if (!listed) continue;
    bool positive = attribute.type() != onnx::AttributeProto::INT || attribute.i() >= 1;
    for (int64_t value : attribute.ints()) positive = positive && value >= 1;
    if (!positive) {
      throw DataError(model + ": node " + node_label(node, index) + " (" + node.op_type() + ")" + place(path) +
                      " has " + attribute.name() + " " + list_text(attribute) +
                      ", which must be >= 1 (ONNX's shape inference divides by it)");
    }
  }
}

// No model-local function may call itself, directly or through others: ONNX's shape inference
// would recurse until the stack overflows.
void check_function_calls(const onnx::ModelProto& model, const std::string& path) {
  std::map<std::pair<std::string, std::string>, const onnx::FunctionProto*> functions;
  for (const onnx::FunctionProto& function : model.functions())
    functions[{function.domain(), function.name()}] = &function;
  const auto callees = [&](const onnx::FunctionProto& function) {
    std::vector<const onnx::FunctionProto*> called;
    onnx::GraphProto body;  // the function's nodes as a graph, to reach those in its subgraphs
    *body.mutable_node() = function.node();
    std::vector<std::string> where;
    for_each_node(body, where, [&](const onnx::NodeProto& node, int, const std::vector<std::string>&) {
      const auto it = functions.find({node.domain(), node.op_type()});
      if (it != functions.end()) called.push_back(it->second);
    });
    return called;
  };
  // Depth-first search; a function met again while it is on the stack closes a cycle.
  std::map<const onnx::FunctionProto*, int> state;  // 1 on the stack, 2 done
  std::vector<const onnx::FunctionProto*> stack;
  const std::function<void(const onnx::FunctionProto*)> visit = [&](const onnx::FunctionProto* function) {
    state[function] = 1;
    stack.push_back(function);
    for (const onnx::FunctionProto* callee : callees(*function)) {
      if (state[callee] == 1) {
        std::string cycle;
        bool on = false;
        for (const onnx::FunctionProto* f : stack) {
          on = on || f == callee;
          if (on) cycle += f->name() + " -> ";
        }
        throw DataError(path + ": model-local function " + callee->name() + " calls itself (" + cycle + callee->name() +
                        "): ONNX's shape inference would recurse without end");
      }
      if (state[callee] == 0) visit(callee);
    }
    stack.pop_back();
    state[function] = 2;
  };
  for (const auto& [key, function] : functions) {
    if (state[function] == 0) visit(function);
  }
}

void check_rank(const onnx::ValueInfoProto& info, const std::string& path) {
  const onnx::TypeProto& type = info.type();
  if (type.has_tensor_type() && type.tensor_type().has_shape() &&
      type.tensor_type().shape().dim_size() > kMaxListedValues) {
    throw DataError(path + ": tensor " + info.name() + " has " + std::to_string(type.tensor_type().shape().dim_size()) +
                    " dimensions; tconv reads models whose tensors have at most " + std::to_string(kMaxListedValues));
  }
}

void check_ranks(const onnx::GraphProto& graph, const std::string& path) {
  for (const auto* list : {&graph.input(), &graph.value_info(), &graph.output()}) {
    for (const onnx::ValueInfoProto& info : *list) check_rank(info, path);
  }
  for (const onnx::TensorProto& tensor : graph.initializer()) {
    if (tensor.dims_size() > kMaxListedValues) {
      throw DataError(path + ": initializer " + tensor.name() + " has " + std::to_string(tensor.dims_size()) +
                      " dimensions; tconv reads models whose tensors have at most " + std::to_string(kMaxListedValues));
    }
  }
  for (const onnx::NodeProto& node : graph.node()) {
    for (const onnx::AttributeProto& attribute : node.attribute()) {
      if (attribute.has_g()) check_ranks(attribute.g(), path);
      for (const onnx::GraphProto& body : attribute.graphs()) check_ranks(body, path);
    }
  }
}

// ---- Shape inference, isolated ---------------------------------------------------------------

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

// The declared shapes of every tensor of the model's graphs (value_info and outputs), by name:
// ONNX's tensor names are unique across a model's graphs.
std::unordered_map<std::string, SymbolicShape> declared_shapes(const onnx::GraphProto& graph) {
  std::unordered_map<std::string, SymbolicShape> shapes;
  const std::function<void(const onnx::GraphProto&)> visit = [&](const onnx::GraphProto& g) {
    for (const auto* list : {&g.value_info(), &g.output()}) {
      for (const onnx::ValueInfoProto& info : *list) {
        if (std::optional<SymbolicShape> shape = shape_of(info.type())) shapes.emplace(info.name(), std::move(*shape));
      }
    }
    for (const onnx::NodeProto& node : g.node()) {
      for (const onnx::AttributeProto& attribute : node.attribute()) {
        if (attribute.has_g()) visit(attribute.g());
        for (const onnx::GraphProto& body : attribute.graphs()) visit(body);
      }
    }
  };
  visit(graph);
  return shapes;
}

// ONNX's shape inference refuses a size it infers that differs from one the model declares
// (a graph output or value_info), with "(op_type:OP, node name: NAME): [ShapeInferenceError]
// Inferred shape and existing shape differ in dimension D: (INFERRED) vs (DECLARED)" (or "in
// rank: (INFERRED) vs (DECLARED)"). That line in tconv's words, naming the node, where it
// lives, the output and both numbers; nullopt for any other message.
std::optional<std::string> declared_shape_conflict(const std::string& message, const onnx::ModelProto& model,
                                                   const std::string& path, bool sizes_given) {
  const std::string differ = "Inferred shape and existing shape differ in ";
  const size_t at = message.find(differ);
  if (at == std::string::npos) return std::nullopt;
  const std::string tail = message.substr(at + differ.size());
  long long dimension = -1, inferred = 0, declared = 0;
  const bool rank = std::sscanf(tail.c_str(), "rank: (%lld) vs (%lld)", &inferred, &declared) == 2;
  if (!rank && std::sscanf(tail.c_str(), "dimension %lld: (%lld) vs (%lld)", &dimension, &inferred, &declared) != 3) {
    return std::nullopt;
  }
  // The innermost "(op_type:OP[, node name: NAME]): " before the text: the node that failed.
  const std::string op_prefix = "(op_type:", name_prefix = ", node name: ";
  const size_t op_at = message.rfind(op_prefix, at);
  const size_t op_end = message.rfind("): ", at);
  if (op_at == std::string::npos || op_end == std::string::npos || op_end < op_at) return std::nullopt;
  const std::string segment = message.substr(op_at + op_prefix.size(), op_end - op_at - op_prefix.size());
  const size_t name_at = segment.find(name_prefix);
  const std::string op_type = segment.substr(0, name_at);
  const std::string name = name_at == std::string::npos ? "" : segment.substr(name_at + name_prefix.size());

  // The node (when one node of the main graph or its bodies has that name and operator), and
  // the output whose declared shape holds the declared number.
  std::string found;
  std::vector<std::string> outputs;
  int matches = 0;
  std::vector<std::string> where;
  for_each_node(model.graph(), where,
                [&](const onnx::NodeProto& node, int index, const std::vector<std::string>& inside) {
                  if (node.op_type() != op_type || (!name.empty() && node.name() != name) || ++matches > 1) return;
                  found = "node " + node_label(node, index) + " (" + op_type + ")" + place(inside);
                  outputs.assign(node.output().begin(), node.output().end());
                });
  if (matches != 1) outputs.clear();
  const std::string node_text = matches == 1   ? found
                                : name.empty() ? "a " + op_type + " node"
                                               : "node " + name + " (" + op_type + ")";
  const std::unordered_map<std::string, SymbolicShape> shapes = declared_shapes(model.graph());
  std::string output_name, output_shape;
  for (const std::string& output : outputs) {
    const auto it = shapes.find(output);
    if (it == shapes.end()) continue;
    const SymbolicShape& shape = it->second;
    const bool holds = rank ? static_cast<long long>(shape.size()) == declared
                            : dimension >= 0 && dimension < static_cast<long long>(shape.size()) &&
                                  shape[static_cast<size_t>(dimension)].value == declared;
    if (!holds) continue;
    if (!output_name.empty()) {  // two candidates: name neither
      output_name.clear();
      break;
    }
    output_name = output;
    output_shape = shape_text(shape);
  }
  const std::string makes =
      rank ? "of rank " + std::to_string(inferred) + ", but the model declares rank " + std::to_string(declared)
           : std::to_string(inferred) + " in dimension " + std::to_string(dimension) +
                 " (0-based), but the model declares " + std::to_string(declared);
  return path + ": by ONNX's shape inference, " + node_text + " makes " +
         (output_name.empty() ? "one of its outputs " : "its output " + output_name + " ") + makes +
         (output_name.empty() ? "" : " (" + output_name + ": " + output_shape + ")") +
         (sizes_given ? "; the sizes given with --input-shape do not fit this model" : "");
}

void infer_shapes(onnx::ModelProto& model, const std::string& path, int64_t max_bytes, bool sizes_given) {
  const IsolatedResult result = run_isolated(
      [&model] {
        onnx::ShapeInferenceOptions options(/*check_type=*/false, /*strict_mode=*/1);
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
        return model.SerializeAsString();
      },
      max_bytes);
  switch (result.outcome) {
    case IsolatedResult::Outcome::Returned:
      if (result.bytes.size() > static_cast<size_t>(INT_MAX) || !model.ParseFromString(result.bytes)) {
        throw DataError("ONNX shape inference on " + path + " returned a model tconv cannot read back");
      }
      return;
    case IsolatedResult::Outcome::Failed: {
      // The child worked on its copy: `model` is still the model as read.
      const std::string line = first_line(result.bytes);
      if (const std::optional<std::string> conflict = declared_shape_conflict(line, model, path, sizes_given)) {
        throw DataError(*conflict);
      }
      throw DataError("ONNX shape inference failed on " + path + ": " + line);
    }
    case IsolatedResult::Outcome::TooLarge:
      throw DataError("ONNX shape inference made " + path + " larger than the memory limit of " +
                      std::to_string(max_bytes) + " bytes (--max-memory)");
    case IsolatedResult::Outcome::Crashed:
      break;
  }
  const char* name = sigabbrev_np(result.signal_number);
  throw DataError("ONNX's shape inference crashed on " + path + " (SIG" + (name ? name : "?") +
                  "): the model is malformed in a way tconv does not check by name");
}

// ---- Reading the ConvTranspose nodes ---------------------------------------------------------

// The tensors a graph can see: its own and those of the graphs around it (a control-flow body
// reads its parent's tensors by name). Indexed once per graph: lookups are hash look-ups.
class TensorScope {
 public:
  TensorScope(const onnx::GraphProto& graph, const TensorScope* outer) : outer_(outer) {
    for (const auto* list : {&graph.input(), &graph.value_info(), &graph.output()}) {
      for (const onnx::ValueInfoProto& info : *list) types_[info.name()] = &info.type();
    }
    for (const onnx::TensorProto& tensor : graph.initializer()) initializers_[tensor.name()] = &tensor;
  }
  std::optional<SymbolicShape> shape(const std::string& name) const {
    for (const TensorScope* scope = this; scope != nullptr; scope = scope->outer_) {
      if (const auto it = scope->initializers_.find(name); it != scope->initializers_.end()) {
        SymbolicShape shape;
        for (int64_t extent : it->second->dims()) shape.push_back({extent, ""});
        return shape;
      }
      if (const auto it = scope->types_.find(name); it != scope->types_.end()) return shape_of(*it->second);
    }
    return std::nullopt;
  }

 private:
  const TensorScope* outer_;
  std::unordered_map<std::string_view, const onnx::TypeProto*> types_;
  std::unordered_map<std::string_view, const onnx::TensorProto*> initializers_;
};

std::vector<int64_t> ints(const onnx::AttributeProto& attribute, const ConvTransposeNode& layer,
                          const std::string& path) {
  if (attribute.ints_size() > kMaxListedValues) {
    throw DataError(path + ": ConvTranspose node " + layer.name + place(layer.graph_path) + " has " +
                    std::to_string(attribute.ints_size()) + " values in " + attribute.name() + "; at most " +
                    std::to_string(kMaxListedValues) + " are read");
  }
  return std::vector<int64_t>(attribute.ints().begin(), attribute.ints().end());
}

ConvTransposeNode read_node(const onnx::NodeProto& node, const TensorScope& scope, std::vector<std::string> graph_path,
                            size_t ordinal, const std::string& path) {
  ConvTransposeNode layer;
  layer.name = node.name().empty() ? "ConvTranspose #" + std::to_string(ordinal) : node.name();
  layer.graph_path = std::move(graph_path);
  if (node.input_size() < 2 || node.output_size() < 1) {
    throw DataError(path + ": ConvTranspose node " + layer.name + place(layer.graph_path) +
                    " needs inputs X and W and an output");
  }
  layer.input = node.input(0);
  layer.weight = node.input(1);
  layer.output = node.output(0);
  layer.input_shape = scope.shape(layer.input);
  layer.weight_shape = scope.shape(layer.weight);
  layer.inferred_output = scope.shape(layer.output);
  for (const onnx::AttributeProto& attribute : node.attribute()) {
    const std::string& name = attribute.name();
    if (name == "kernel_shape") layer.kernel_shape = ints(attribute, layer, path);
    if (name == "strides") layer.strides = ints(attribute, layer, path);
    if (name == "pads") layer.pads = ints(attribute, layer, path);
    if (name == "output_padding") layer.output_padding = ints(attribute, layer, path);
    if (name == "dilations") layer.dilations = ints(attribute, layer, path);
    if (name == "output_shape") layer.output_shape = ints(attribute, layer, path);
    if (name == "auto_pad") layer.auto_pad = attribute.s();
    if (name == "group") layer.group = attribute.i();
  }
  return layer;
}

// The ConvTranspose nodes of `graph` and of its control-flow bodies, in graph order.
void read_graph(const onnx::GraphProto& graph, const TensorScope* outer, std::vector<std::string>& graph_path,
                const std::string& path, ModelLayers& result) {
  const TensorScope scope(graph, outer);
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto& node = graph.node(i);
    if (node.op_type() == "ConvTranspose" && default_domain(node.domain())) {
      result.nodes.push_back(read_node(node, scope, graph_path, result.nodes.size() + 1, path));
    }
    for (const onnx::AttributeProto& attribute : node.attribute()) {
      const int count = attribute.has_g() ? 1 : attribute.graphs_size();
      for (int k = 0; k < count; ++k) {
        graph_path.push_back(node_label(node, i));
        graph_path.push_back(attribute.has_g() ? attribute.name() : attribute.name() + "[" + std::to_string(k) + "]");
        read_graph(attribute.has_g() ? attribute.g() : attribute.graphs(k), &scope, graph_path, path, result);
        graph_path.resize(graph_path.size() - 2);
      }
    }
  }
}

// "Conv, Relu x2, If": the operators of the main graph, each once with its count, at most 12.
std::string operator_summary(const onnx::GraphProto& graph) {
  std::vector<std::string> order;
  std::unordered_map<std::string, int> counts;
  for (const onnx::NodeProto& node : graph.node()) {
    if (counts[node.op_type()]++ == 0) order.push_back(node.op_type());
  }
  std::string text;
  for (size_t i = 0; i < order.size() && i < 12; ++i) {
    const int count = counts[order[i]];
    text += (i ? ", " : "") + order[i] + (count > 1 ? " x" + std::to_string(count) : "");
  }
  if (order.size() > 12) text += ", ... (" + std::to_string(order.size()) + " operators)";
  return text.empty() ? "none" : text;
}

// "z batchx8x7x7, cond scalar": the graph inputs that are not initializers, with their declared
// shapes, at most 12.
std::string inputs_text(const onnx::GraphProto& graph) {
  std::unordered_set<std::string_view> initializers;
  for (const onnx::TensorProto& tensor : graph.initializer()) initializers.insert(tensor.name());
  std::string text;
  int listed = 0, count = 0;
  for (const onnx::ValueInfoProto& input : graph.input()) {
    if (initializers.count(input.name()) != 0) continue;
    if (++count > 12) continue;
    const std::optional<SymbolicShape> shape = shape_of(input.type());
    text += (listed++ ? ", " : "") + input.name() + " " +
            (shape && shape->empty() ? std::string("scalar") : shape_text(shape));
  }
  if (count > 12) text += ", ... (" + std::to_string(count) + " inputs)";
  return text.empty() ? "none" : text;
}

std::string given_text(const InputShape& given) {
  std::string text = given.name + "=";
  for (size_t i = 0; i < given.dims.size(); ++i) text += (i ? "x" : "") + std::to_string(given.dims[i]);
  return text;
}

// --input-shape NAME=SHAPE on the graph input NAME: the given rank must be the declared one, and
// only a symbolic or unknown dimension takes the given size (a fixed one must be equal).
void apply_input_shapes(onnx::GraphProto& graph, const std::vector<InputShape>& input_shapes, const std::string& path) {
  // A graph input that is also an initializer is a weight (old exporters list them): not named.
  std::unordered_set<std::string_view> initializers;
  for (const onnx::TensorProto& tensor : graph.initializer()) initializers.insert(tensor.name());
  std::set<std::string> seen;
  for (const InputShape& wanted : input_shapes) {
    if (!seen.insert(wanted.name).second) throw UsageError("--input-shape gives " + wanted.name + " twice");
    onnx::ValueInfoProto* target = nullptr;
    for (onnx::ValueInfoProto& input : *graph.mutable_input()) {
      if (input.name() == wanted.name && initializers.count(input.name()) == 0) target = &input;
    }
    if (target == nullptr) {
      throw InvalidParameter("--input-shape names '" + wanted.name + "', which is not an input of " + path +
                             " (inputs: " + inputs_text(graph) + ")");
    }
    if (target->type().value_case() != onnx::TypeProto::kTensorType &&
        target->type().value_case() != onnx::TypeProto::VALUE_NOT_SET) {
      throw InvalidParameter("--input-shape " + given_text(wanted) + ": the input " + wanted.name + " of " + path +
                             " is not a tensor");
    }
    onnx::TypeProto_Tensor* tensor = target->mutable_type()->mutable_tensor_type();
    if (tensor->has_shape()) {
      const std::string declared = shape_text(shape_of(target->type()));
      const onnx::TensorShapeProto& shape = tensor->shape();
      if (shape.dim_size() != static_cast<int>(wanted.dims.size())) {
        throw InvalidParameter("--input-shape " + given_text(wanted) + " gives " + std::to_string(wanted.dims.size()) +
                               " dimensions, the model's input " + wanted.name + " has " +
                               std::to_string(shape.dim_size()) + " (" + declared + ")");
      }
      for (int i = 0; i < shape.dim_size(); ++i) {
        const int64_t given = wanted.dims[static_cast<size_t>(i)];
        if (shape.dim(i).has_dim_value() && shape.dim(i).dim_value() != given) {
          throw InvalidParameter("--input-shape " + given_text(wanted) + ": dimension " + std::to_string(i) +
                                 " (0-based) of " + wanted.name + " is fixed at " +
                                 std::to_string(shape.dim(i).dim_value()) + " by the model (" + declared + "), not " +
                                 std::to_string(given) + "; --input-shape sets only symbolic dimensions");
        }
      }
    }
    tensor->mutable_shape()->clear_dim();
    for (int64_t extent : wanted.dims) tensor->mutable_shape()->add_dim()->set_dim_value(extent);
  }
}

}  // namespace

ModelLayers read_conv_transpose_layers(std::string_view bytes, const std::string& path,
                                       const std::vector<InputShape>& input_shapes, int64_t max_bytes) {
  onnx::ModelProto model;
  // A truncated or foreign file fails to parse, or parses into a model without a graph.
  // Protobuf parses at most 2 GB (the caller refuses larger files before reading them).
  if (bytes.empty()) throw DataError(path + " is empty, not an ONNX model");
  if (bytes.size() > static_cast<size_t>(INT_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) || !model.has_graph()) {
    throw DataError(path + " is not an ONNX model: its protobuf does not parse (truncated, or another format)");
  }
  onnx::GraphProto& graph = *model.mutable_graph();

  // What ONNX's shape inference divides by or recurses on, checked first.
  check_ranks(graph, path);
  std::vector<std::string> where;
  for_each_node(graph, where, [&](const onnx::NodeProto& node, int index, const std::vector<std::string>& at) {
    check_attributes(node, index, at, path);
  });
  for (const onnx::FunctionProto& function : model.functions()) {
    onnx::GraphProto body;
    *body.mutable_node() = function.node();
    std::vector<std::string> at{"function " + function.name()};
    for_each_node(body, at, [&](const onnx::NodeProto& node, int index, const std::vector<std::string>& inner) {
      check_attributes(node, index, inner, path);
    });
  }
  check_function_calls(model, path);

  apply_input_shapes(graph, input_shapes, path);
  ModelLayers result;
  for (const onnx::OperatorSetIdProto& opset : model.opset_import()) {
    if (default_domain(opset.domain())) result.opset = opset.version();
  }
  infer_shapes(model, path, max_bytes, !input_shapes.empty());

  std::vector<std::string> graph_path;
  read_graph(model.graph(), nullptr, graph_path, path, result);
  if (result.nodes.empty()) {
    throw InvalidParameter(path + " has no ConvTranspose node (" + std::to_string(model.graph().node_size()) +
                           " nodes: " + operator_summary(model.graph()) + ")");
  }
  return result;
}

}  // namespace tconv::onnx_model
