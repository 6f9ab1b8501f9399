// The ConvTranspose layers of an ONNX model file, read with Debian's ONNX library: attributes
// as written, tensor shapes from ONNX's shape inference (onnx::shape_inference::InferShapes),
// and the LayerSpec that tconv resolves them with (ONNX Runtime's rules, core/layer_spec.hpp).
// ONNX's shape inference gives sizes only; tconv's resolved layer gives sizes and crops (ONNX
// Runtime's). Debian's ONNX 1.12 agrees with ONNX Runtime on the sizes of the corners
// (tests/unit/onnx_model_test.cpp); a caller still compares inferred_output with the resolved
// size rather than trusting either alone.
//
// Two builds: read_conv_transpose_layers (onnx_model.cpp) links the ONNX library and reaches
// the command line through the run-time module libtconv-onnx.so (onnx_module.hpp), so that only
// `tconv inspect` loads ONNX and protobuf; the rest (conv_transpose_node.cpp) is plain C++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/layer_spec.hpp"

namespace tconv::onnx_model {

// One dimension of an inferred shape: a value, a symbol ("batch"), or unknown (neither).
struct Dimension {
  std::optional<int64_t> value;
  std::string symbol;
};
using SymbolicShape = std::vector<Dimension>;

// "If_0/then_branch": a node's graph_path joined with '/', "" for the main graph.
std::string graph_path_text(const std::vector<std::string>& path);

// "1x64x7x7", "batchx8x7x7", "?x3x?x?" (? unknown); "unknown" for an unknown rank.
std::string shape_text(const std::optional<SymbolicShape>& shape);

// --input-shape NAME=1x64x7x7: fixes a graph input's shape before shape inference.
struct InputShape {
  std::string name;
  std::vector<int64_t> dims;
};

// Parses "NAME=1x64x7x7" (every extent >= 1). Throws UsageError naming the flag and the text.
InputShape parse_input_shape(const std::string& text);

// A ConvTranspose node. Attribute vectors are empty where the node does not have them.
struct ConvTransposeNode {
  std::string name;  // the node's name, or "ConvTranspose #N" (1-based among them) without one
  // Where the node lives: empty in the main graph; inside a control-flow body, the names of the
  // nodes and graph attributes on the way, e.g. {"If_0", "then_branch"} (node names exported by
  // torch contain '/', so the path is a list, not one string).
  std::vector<std::string> graph_path;
  std::string input, weight, output;  // tensor names
  std::optional<SymbolicShape> input_shape, weight_shape, inferred_output;
  std::vector<int64_t> kernel_shape, strides, pads, output_padding, dilations, output_shape;
  std::string auto_pad = "NOTSET";
  int64_t group = 1;
};

struct ModelLayers {
  int64_t opset = 0;  // of the default domain
  std::vector<ConvTransposeNode> nodes;
};

// The most values an attribute list or a tensor's rank may have: a ConvTranspose has at most a
// few spatial dimensions, and a model with a tensor of higher rank is refused before ONNX's
// shape inference copies its shape from node to node.
constexpr int kMaxListedValues = 64;

// Reads the model whose file content is `bytes` (`path` names it in messages), applies
// `input_shapes`, runs ONNX's shape inference and lists the ConvTranspose nodes in graph order,
// those in control-flow bodies (If, Loop, Scan) after the node that holds them.
//
// The model is hostile until checked: before inference, every attribute that ONNX's inference
// divides by (strides, dilations, kernel_shape, group, blocksize) must be >= 1, no model-local
// function may call itself, and no tensor may have more than kMaxListedValues dimensions; and
// inference runs in a child process (onnx/isolated_call.hpp), so that a crash inside the
// library ends the child, not tconv. Nothing it makes may pass `max_bytes`.
//
// An --input-shape sets only the symbolic (or unknown) dimensions of a graph input: its rank
// must be the declared one, and a fixed dimension the declared number.
//
// Throws (one line each): DataError when it is not an ONNX model (empty, malformed or truncated
// protobuf), breaks one of the checks above (naming the node or function), or shape inference
// fails or crashes (a size it infers against one the model declares: the node, the output, the
// dimension and both numbers); InvalidParameter when an --input-shape names no graph input
// (the message lists them with their shapes), has the wrong rank or differs in a fixed
// dimension, or when the model has no ConvTranspose node; UsageError when two --input-shape
// name the same input.
ModelLayers read_conv_transpose_layers(std::string_view bytes, const std::string& path,
                                       const std::vector<InputShape>& input_shapes, int64_t max_bytes);

// The node as a LayerSpec in ONNX's convention (absent pads are ONNX's zeros; kernel from
// kernel_shape or the weight's shape). Throws InvalidParameter when the kernel size is unknown,
// an attribute has the wrong length or auto_pad is not an ONNX value.
LayerSpec layer_spec(const ConvTransposeNode& node);

// The input's spatial size, when inference (or --input-shape) made every extent known.
std::optional<Shape> known_spatial_size(const ConvTransposeNode& node);

}  // namespace tconv::onnx_model
