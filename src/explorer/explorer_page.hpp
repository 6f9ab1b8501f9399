// The interactive explorer (`tconv animate ... --html FILE`): one self-contained HTML page
// that steps through a layer, answers "where did this number come from?" for any cell and
// recomputes as the parameters are edited. The page carries its own port of the reference
// engine (engine.js, proven equal to tconv's by tests/browser), its script and style
// (explorer.js, explorer.css, embedded at build time) and the colours of render/theme.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/conv_params.hpp"
#include "core/layer_spec.hpp"
#include "core/tensor.hpp"

namespace tconv {

// What the page starts with: one input and one output channel of a 1-D or 2-D layer in any
// padding convention (PyTorch, ONNX, TensorFlow/Keras); the values in row-major order.
struct ExplorerLayer {
  std::string title;             // the page's heading
  std::string view = "scatter";  // scatter, steps, gather or overlap
  Shape input_size;              // spatial
  std::vector<double> input;
  std::vector<double> weight;  // kernel: params' kernel sizes
  std::optional<double> bias;
  LayerSpec spec;     // as given: the page's fields start from it and re-resolve it on every edit
  ConvParams params;  // spec resolved for the input size
};

// The page's layer from the engine's tensors: input (1, 1, spatial...), weight (1, 1, k...),
// bias (1) or null; spec the layer as given and params its resolution. Throws
// InvalidParameter naming what the page cannot show: a batch or channels above 1, groups, 3-D.
ExplorerLayer explorer_layer(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                             const LayerSpec& spec, const ConvParams& params, std::string title, std::string view);

// The whole HTML page (UTF-8).
std::string explorer_page(const ExplorerLayer& layer);

}  // namespace tconv
