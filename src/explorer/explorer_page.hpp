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

// What the page starts with: a 1-D or 2-D layer in any padding convention (PyTorch, ONNX,
// TensorFlow/Keras), any batch, channels and groups, the values in row-major order, and the
// slice it draws first (one batch item and one output channel, as tconv animate's
// --batch-index and --out-channel).
struct ExplorerLayer {
  std::string title;             // the page's heading
  std::string view = "scatter";  // scatter, steps, gather or overlap
  Shape input_shape;             // (N, Cin, spatial...)
  Shape weight_shape;            // (Cin, Cout/groups, kernel...)
  std::vector<double> input;
  std::vector<double> weight;
  std::optional<std::vector<double>> bias;  // Cout values
  LayerSpec spec;                           // as given: the page's fields start from it and re-resolve it on every edit
  ConvParams params;                        // spec resolved for the input size, with groups
  int64_t batch_index = 0;
  int64_t out_channel = 0;
};

// The page draws the input channels of one group side by side: more would not be legible,
// and its script refuses them (explorer.js reads this number from the page's data).
constexpr int64_t kMaxChannelsDrawn = 16;

// Throws InvalidParameter "--html: the page draws the input channels of a group side by side,
// at most 16, got N (C input channels, groups G)" for a layer the page's script would refuse,
// so that no such page is written. tconv animate checks it from the shapes, before the trace.
void check_explorer_channels(int64_t in_channels, int64_t groups);

// The page's layer from the engine's tensors: input (N, Cin, spatial...), weight (Cin,
// Cout/groups, k...), bias (Cout) or null, spec the layer as given and params its resolution,
// and the slice drawn first. Throws InvalidParameter naming what the page cannot show: 3-D,
// more input channels a group than kMaxChannelsDrawn;
// and for tensors whose shapes do not fit each other or a slice out of range (the engine's and
// trace_slice's checks come first in tconv animate, so only a caller's slip reaches these).
ExplorerLayer explorer_layer(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                             const LayerSpec& spec, const ConvParams& params, std::string title, std::string view,
                             int64_t batch_index = 0, int64_t out_channel = 0);

// The whole HTML page (UTF-8).
std::string explorer_page(const ExplorerLayer& layer);

}  // namespace tconv
