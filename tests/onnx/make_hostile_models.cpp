// Writes the hostile ONNX models of `tconv inspect`'s tests (tests/e2e/inspect_cases.cmake)
// into a folder, with Debian's ONNX protobuf classes: nothing downloaded, nothing committed.
// Each model is valid protobuf and aims at one way a model from a stranger can hurt a reader
// (and two decoders, at the end, are ordinary models for the checks of --input-shape).
//   make_hostile_models FOLDER
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace {

std::string folder;

onnx::ModelProto new_model() {
  onnx::ModelProto model;
  model.set_ir_version(8);
  model.set_producer_name("tconv hostile-model tests");
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(17);
  return model;
}

void set_shape(onnx::ValueInfoProto* info, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<std::string>& symbols = {}) {
  info->set_name(name);
  auto* tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = tensor->mutable_shape();
  for (size_t i = 0; i < dims.size(); ++i) {
    auto* dim = shape->add_dim();
    if (i < symbols.size() && !symbols[i].empty()) {
      dim->set_dim_param(symbols[i]);
    } else {
      dim->set_dim_value(dims[i]);
    }
  }
}

void add_input(onnx::GraphProto* graph, const std::string& name, const std::vector<int64_t>& dims,
               const std::vector<std::string>& symbols = {}) {
  set_shape(graph->add_input(), name, dims, symbols);
}

void add_output(onnx::GraphProto* graph, const std::string& name) {
  auto* output = graph->add_output();
  output->set_name(name);
  output->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
}

// A float initializer of ones.
void add_weight(onnx::GraphProto* graph, const std::string& name, const std::vector<int64_t>& dims) {
  auto* tensor = graph->add_initializer();
  tensor->set_name(name);
  tensor->set_data_type(onnx::TensorProto::FLOAT);
  int64_t count = 1;
  for (int64_t d : dims) {
    tensor->add_dims(d);
    count *= d;
  }
  for (int64_t i = 0; i < count; ++i) tensor->add_float_data(1.0f);
}

void set_ints(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values) {
  auto* attribute = node->add_attribute();
  attribute->set_name(name);
  attribute->set_type(onnx::AttributeProto::INTS);
  for (int64_t v : values) attribute->add_ints(v);
}

void set_int(onnx::NodeProto* node, const std::string& name, int64_t value) {
  auto* attribute = node->add_attribute();
  attribute->set_name(name);
  attribute->set_type(onnx::AttributeProto::INT);
  attribute->set_i(value);
}

onnx::NodeProto* add_node(onnx::GraphProto* graph, const std::string& op, const std::string& name,
                          std::initializer_list<std::string> inputs, std::initializer_list<std::string> outputs) {
  auto* node = graph->add_node();
  node->set_op_type(op);
  node->set_name(name);
  for (const std::string& input : inputs) node->add_input(input);
  for (const std::string& output : outputs) node->add_output(output);
  return node;
}

// A valid ConvTranspose (kernel 3, stride 2) from x (1x1x5x5) to y: the end of most models.
void add_valid_conv_transpose(onnx::GraphProto* graph, const std::string& x, const std::string& y) {
  add_weight(graph, "w_valid", {1, 1, 3, 3});
  set_ints(add_node(graph, "ConvTranspose", "valid_up", {x, "w_valid"}, {y}), "strides", {2, 2});
}

void save(const onnx::ModelProto& model, const std::string& name) {
  std::ofstream file(folder + "/" + name, std::ios::binary);
  if (!model.SerializeToOstream(&file) || !file.flush()) {
    std::fprintf(stderr, "make_hostile_models: cannot write %s/%s\n", folder.c_str(), name.c_str());
    std::exit(1);
  }
}

// A pool or convolution node whose `strides` are zero, before a valid ConvTranspose: ONNX 1.12's
// convPoolShapeInference divides by them (SIGFPE).
void zero_strides(const std::string& op, const std::string& file) {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("zero_strides");
  add_input(graph, "x", {1, 1, 5, 5});
  onnx::NodeProto* node = nullptr;
  if (op == "Conv") {
    add_weight(graph, "w_conv", {1, 1, 1, 1});
    node = add_node(graph, "Conv", "bad_conv", {"x", "w_conv"}, {"c"});
    set_ints(node, "kernel_shape", {1, 1});
  } else {
    node = add_node(graph, op, "bad_pool", {"x"}, {"c"});
    set_ints(node, "kernel_shape", {1, 1});
  }
  set_ints(node, "strides", {0, 0});
  add_valid_conv_transpose(graph, "c", "y");
  add_output(graph, "y");
  save(model, file);
}

// Model-local functions that call themselves: `names` calls names[1], ..., the last calls the
// first. ONNX 1.12's InferShapeForFunctionNode recurses until the stack overflows (SIGSEGV).
void recursive_functions(const std::vector<std::string>& names, const std::string& file) {
  onnx::ModelProto model = new_model();
  auto* local = model.add_opset_import();
  local->set_domain("local");
  local->set_version(1);
  for (size_t i = 0; i < names.size(); ++i) {
    auto* function = model.add_functions();
    function->set_name(names[i]);
    function->set_domain("local");
    function->add_input("a");
    function->add_output("b");
    auto* opset = function->add_opset_import();
    opset->set_domain("local");
    opset->set_version(1);
    auto* call = function->add_node();
    call->set_op_type(names[(i + 1) % names.size()]);
    call->set_domain("local");
    call->add_input("a");
    call->add_output("b");
  }
  auto* graph = model.mutable_graph();
  graph->set_name("recursive");
  add_input(graph, "x", {1, 1, 5, 5});
  auto* call = add_node(graph, names[0], "call", {"x"}, {"c"});
  call->set_domain("local");
  add_valid_conv_transpose(graph, "c", "y");
  add_output(graph, "y");
  save(model, file);
}

// ConvTranspose nodes inside control flow: If_0's then_branch holds one (its input x comes from
// the main graph, so its shape is known); its else_branch holds a Loop whose body holds one
// whose input is the body's own loop-carried value (shape unknown: ? in the table).
void control_flow() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("control_flow");
  add_input(graph, "x", {1, 2, 4, 4});
  auto* cond = graph->add_input();
  cond->set_name("cond");
  cond->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::BOOL);
  cond->mutable_type()->mutable_tensor_type()->mutable_shape();
  add_weight(graph, "w_outer", {2, 3, 3, 3});
  auto* if_node = add_node(graph, "If", "If_0", {"cond"}, {"y"});

  auto* then_attr = if_node->add_attribute();
  then_attr->set_name("then_branch");
  then_attr->set_type(onnx::AttributeProto::GRAPH);
  auto* then_graph = then_attr->mutable_g();
  then_graph->set_name("then");
  auto* up = add_node(then_graph, "ConvTranspose", "up_then", {"x", "w_outer"}, {"t"});
  set_ints(up, "strides", {2, 2});
  set_ints(up, "pads", {1, 1, 1, 1});
  set_ints(up, "output_padding", {1, 1});
  add_output(then_graph, "t");

  auto* else_attr = if_node->add_attribute();
  else_attr->set_name("else_branch");
  else_attr->set_type(onnx::AttributeProto::GRAPH);
  auto* else_graph = else_attr->mutable_g();
  else_graph->set_name("else");
  auto* trip = else_graph->add_initializer();
  trip->set_name("trip");
  trip->set_data_type(onnx::TensorProto::INT64);
  trip->add_int64_data(2);
  auto* keep = else_graph->add_initializer();
  keep->set_name("keep");
  keep->set_data_type(onnx::TensorProto::BOOL);
  keep->add_int32_data(1);
  auto* loop = add_node(else_graph, "Loop", "Loop_1", {"trip", "keep", "x"}, {"e"});
  auto* body_attr = loop->add_attribute();
  body_attr->set_name("body");
  body_attr->set_type(onnx::AttributeProto::GRAPH);
  auto* body = body_attr->mutable_g();
  body->set_name("body");
  auto* i = body->add_input();
  i->set_name("i");
  i->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::INT64);
  auto* c = body->add_input();
  c->set_name("c_in");
  c->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::BOOL);
  auto* v = body->add_input();
  v->set_name("v");
  v->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  add_weight(body, "w_body", {2, 2, 2, 2});
  set_ints(add_node(body, "ConvTranspose", "up_in_loop", {"v", "w_body"}, {"v_next"}), "strides", {2, 2});
  add_node(body, "Identity", "keep_going", {"c_in"}, {"c_out"});
  auto* c_out = body->add_output();
  c_out->set_name("c_out");
  c_out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::BOOL);
  add_output(body, "v_next");
  add_output(else_graph, "e");
  add_output(graph, "y");
  save(model, "control_flow.onnx");
}

// The input's declared channels (3) disagree with the weight's Cin (8).
void channel_mismatch() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("channel_mismatch");
  add_input(graph, "x", {1, 3, 4, 4});
  add_weight(graph, "w", {8, 2, 3, 3});
  set_ints(add_node(graph, "ConvTranspose", "up", {"x", "w"}, {"y"}), "strides", {2, 2});
  add_output(graph, "y");
  save(model, "channel_mismatch.onnx");
}

// group 2^62 with Cin 2^62 (declared, no data) and 4 output channels a group: 2^64 outputs.
void huge_group() {
  constexpr int64_t kGroup = int64_t{1} << 62;
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("huge_group");
  add_input(graph, "x", {1, kGroup, 4, 4});
  add_input(graph, "w", {kGroup, 4, 3, 3});
  auto* node = add_node(graph, "ConvTranspose", "up", {"x", "w"}, {"y"});
  set_int(node, "group", kGroup);
  add_output(graph, "y");
  save(model, "huge_group.onnx");
}

// Terminal escapes in a node name and a dim_param; invalid UTF-8 in another name.
void escapes() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("escapes");
  add_input(graph, "x", {1, 1, 5, 5}, {"\x1b[31mbatch"});
  add_weight(graph, "w", {1, 1, 3, 3});
  add_node(graph, "ConvTranspose", "\x1b]0;pwned\x07\x1b[2Jclear", {"x", "w"}, {"h"});
  add_node(graph, "ConvTranspose", std::string("bad\xff\xfe utf8"), {"h", "w"}, {"y"});
  add_output(graph, "y");
  save(model, "escapes.onnx");
}

// One 1 MB node name and 1,499 more ConvTranspose nodes (kernel 1): the table pads no row to it.
void long_name() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("long_name");
  add_input(graph, "t0", {1, 1, 4, 4});
  add_weight(graph, "w", {1, 1, 1, 1});
  for (int i = 0; i < 1500; ++i) {
    const std::string name = i == 0 ? std::string(1 << 20, 'n') : "node_" + std::to_string(i);
    add_node(graph, "ConvTranspose", name, {"t" + std::to_string(i), "w"}, {"t" + std::to_string(i + 1)});
  }
  add_output(graph, "t1500");
  save(model, "long_name.onnx");
}

// 40,000 graph inputs that are also initializers (as old exporters list them), and one layer:
// matching inputs with initializers by name must not take 40,000^2 comparisons.
void many_names() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("many_names");
  add_input(graph, "x", {1, 1, 4, 4});
  for (int i = 0; i < 40000; ++i) {
    const std::string name = "unused_initializer_" + std::to_string(i);
    add_input(graph, name, {1});
    add_weight(graph, name, {1});
  }
  add_valid_conv_transpose(graph, "x", "y");
  add_output(graph, "y");
  save(model, "many_names.onnx");
}

// An input with 4,000,000 dimensions (16 MB of protobuf).
void huge_rank() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("huge_rank");
  add_input(graph, "x", std::vector<int64_t>(4000000, 1));
  add_valid_conv_transpose(graph, "x", "y");
  add_output(graph, "y");
  save(model, "huge_rank.onnx");
}

// A ConvTranspose with a kernel_shape of 2,000,000 entries.
void huge_kernel_shape() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("huge_kernel_shape");
  add_input(graph, "x", {1, 1, 4, 4});
  add_weight(graph, "w", {1, 1, 1, 1});
  set_ints(add_node(graph, "ConvTranspose", "up", {"x", "w"}, {"y"}), "kernel_shape", std::vector<int64_t>(2000000, 1));
  add_output(graph, "y");
  save(model, "huge_kernel_shape.onnx");
}

// tests/data/onnx/decoder.onnx's layers (ConvTranspose 8->4, k4, s2, p1; Relu; ConvTranspose
// 4->1, k3, s2, p1, output_padding 1) with z of shape `z_dims` (symbols where given) and the
// output image declared batch x 1 x 28 x 28, as for a 7x7 z: (7-1)*2 + 4 - 2 = 14, then
// (14-1)*2 + 3 - 2 + 1 = 28. Not hostile: models for --input-shape's checks.
void decoder(const std::string& file, const std::vector<int64_t>& z_dims, const std::vector<std::string>& z_symbols) {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("decoder");
  add_input(graph, "z", z_dims, z_symbols);
  add_weight(graph, "w1", {z_dims[1], 4, 4, 4});
  add_weight(graph, "w2", {4, 1, 3, 3});
  auto* first = add_node(graph, "ConvTranspose", "up1", {"z", "w1"}, {"h"});
  set_ints(first, "strides", {2, 2});
  set_ints(first, "pads", {1, 1, 1, 1});
  add_node(graph, "Relu", "relu", {"h"}, {"r"});
  auto* second = add_node(graph, "ConvTranspose", "up2", {"r", "w2"}, {"image"});
  set_ints(second, "strides", {2, 2});
  set_ints(second, "pads", {1, 1, 1, 1});
  set_ints(second, "output_padding", {1, 1});
  set_shape(graph->add_output(), "image", {0, 1, 28, 28}, {"batch"});
  save(model, file);
}

// A ConvTranspose whose output the model declares with rank 3 (1x1x9); ONNX's shape inference
// infers rank 4 (1x1x9x9: (4-1)*2 + 3 = 9) and refuses the difference.
void declared_rank_conflict() {
  onnx::ModelProto model = new_model();
  auto* graph = model.mutable_graph();
  graph->set_name("declared_rank_conflict");
  add_input(graph, "x", {1, 1, 4, 4});
  add_weight(graph, "w", {1, 1, 3, 3});
  set_ints(add_node(graph, "ConvTranspose", "up", {"x", "w"}, {"y"}), "strides", {2, 2});
  set_shape(graph->add_output(), "y", {1, 1, 9});
  save(model, "declared_rank_conflict.onnx");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_hostile_models FOLDER\n");
    return 2;
  }
  folder = argv[1];
  std::filesystem::create_directories(folder);
  zero_strides("Conv", "conv_zero_strides.onnx");
  zero_strides("MaxPool", "maxpool_zero_strides.onnx");
  recursive_functions({"Recurse"}, "self_recursive_function.onnx");
  recursive_functions({"Ping", "Pong"}, "mutually_recursive_functions.onnx");
  control_flow();
  channel_mismatch();
  huge_group();
  escapes();
  long_name();
  many_names();
  huge_rank();
  huge_kernel_shape();
  // Every dimension of z symbolic (the weight: 8 input channels); z fixed at 1x64x7x7.
  decoder("decoder_symbolic.onnx", {0, 8, 0, 0}, {"batch", "channels", "height", "width"});
  decoder("decoder_fixed.onnx", {1, 64, 7, 7}, {});
  declared_rank_conflict();
  return 0;
}
