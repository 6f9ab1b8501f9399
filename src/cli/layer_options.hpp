// The layer flags shared by shape, compute, animate and bench, with PyTorch's long names:
//   -k/--kernel-size  -s/--stride  -p/--padding  --output-padding  -d/--dilation  -g/--groups
//   --output-size (PyTorch forward(x, output_size))
// and ONNX's: --pads (all begins, then all ends), --auto-pad, --output-shape;
// and TensorFlow/Keras': --tf-padding same|valid, with --output-shape (tf.nn.conv2d_transpose's
// output_shape) or --output-padding (Keras' output_padding).
// Each takes one value for all dimensions or a comma list, one per dimension.
#pragma once

#include <cstdint>
#include <string>

#include "core/layer_spec.hpp"

namespace CLI {
class App;
}

namespace tconv {

struct LayerOptions {
  std::string kernel_size, stride, padding, output_padding, dilation;
  std::string pads, auto_pad, output_size, output_shape;
  std::string tf_padding;
  int64_t groups = 1;
};

// The help groups the flags above go to (cli/option_group.hpp).
inline constexpr const char* kLayerGroup = "Layer, PyTorch's names";
inline constexpr const char* kOnnxGroup = "ONNX padding";
inline constexpr const char* kTfGroup = "TensorFlow/Keras padding";

// Binds the flags above to `options`, in the groups kLayerGroup, kOnnxGroup and kTfGroup. with_groups adds -g/--groups;
// kernel_required makes -k mandatory (shape needs it; compute can take it from the weight).
void add_layer_options(CLI::App& app, LayerOptions& options, bool with_groups, bool kernel_required);

// Parses and broadcasts to `dims` spatial dimensions. kernel_from_weight (may be empty) is
// used when -k is absent; if both are given they must agree.
LayerSpec to_layer_spec(const LayerOptions& options, int dims, const Shape& kernel_from_weight = {});

// Whether any layer flag was given (-k, -s, -p, --output-padding, -d, --pads, --auto-pad,
// --output-size, --output-shape, --tf-padding, -g): --example N refuses them (check_example_flags).
bool layer_flags_given(const LayerOptions& layer);

}  // namespace tconv
