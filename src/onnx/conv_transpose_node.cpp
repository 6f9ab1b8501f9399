// The parts of onnx_model.hpp that need no ONNX library: shape text, --input-shape, and a
// node's LayerSpec. The command line links these; reading the model is in the module.
#include <sstream>

#include "core/error.hpp"
#include "onnx/onnx_model.hpp"

namespace tconv::onnx_model {

std::string shape_text(const std::optional<SymbolicShape>& shape) {
  if (!shape) return "unknown";
  std::string text;
  for (size_t i = 0; i < shape->size(); ++i) {
    const Dimension& d = (*shape)[i];
    text += (i ? "x" : "") + (d.value ? std::to_string(*d.value) : d.symbol.empty() ? "?" : d.symbol);
  }
  return text;
}

std::string graph_path_text(const std::vector<std::string>& path) {
  std::string text;
  for (const std::string& step : path) text += (text.empty() ? "" : "/") + step;
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
