#include "cli/layer_options.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <vector>

#include "cli/option_group.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"

namespace tconv {

void add_layer_options(CLI::App& app, LayerOptions& options, bool with_groups, bool kernel_required) {
  OptionGroup layer(app, kLayerGroup,
                    "One value for every spatial dimension, or one per dimension (-k 3 or -k 3,2). PyTorch's own "
                    "spellings work too: --kernel_size, --output_padding, --output_size.");
  auto* kernel =
      layer.text("-k,--kernel-size", options.kernel_size, "K[,K2[,K3]]",
                 kernel_required ? "kernel size (required)" : "kernel size (default: the extents of a data --weight)");
  if (kernel_required) kernel->required();
  layer.text("-s,--stride", options.stride, "S[,S2[,S3]]", "stride (default 1)");
  layer.text("-p,--padding", options.padding, "P[,P2[,P3]]", "padding, cropped from both sides (default 0)");
  layer.text("--output-padding", options.output_padding, "P[,P2[,P3]]",
             "cells added at the end; smaller than the stride or the dilation (default 0)");
  layer.text("-d,--dilation", options.dilation, "D[,D2[,D3]]", "spacing of the kernel taps; 1 is dense (default 1)");
  if (with_groups) layer.integer("-g,--groups", options.groups, "G", "groups of channels convolved apart (default 1)");
  layer.text("--output-size", options.output_size, "SIZE",
             "forward(x, output_size): the output size, e.g. 4x4; picks output_padding to reach it");
  OptionGroup onnx(app, kOnnxGroup, "Instead of -p, --output-padding and --output-size: a layer has one convention.");
  onnx.text("--pads", options.pads, "BEGINS,ENDS", "all begins, then all ends: 1,2,1,2 is H 1 and W 2 on each side");
  onnx.choice("--auto-pad", options.auto_pad,
              std::vector<Choice<std::string>>{
                  {"same-upper", "same-upper"}, {"same-lower", "same-lower"}, {"valid", "valid"}, {"notset", "notset"}},
              "MODE", "auto_pad: same-upper, same-lower or valid (notset: the pads given); ONNX's SAME_UPPER too");
  onnx.text("--output-shape", options.output_shape, "SIZE",
            "output_shape, e.g. 4x4: the pads are computed from it; with --tf-padding: TensorFlow's output_shape");
  OptionGroup tf(app, kTfGroup,
                 "Instead of -p, --pads and --auto-pad. --output-shape gives tf.nn.conv2d_transpose's output_shape, "
                 "--output-padding Keras' output_padding.");
  tf.choice("--tf-padding", options.tf_padding, std::vector<Choice<std::string>>{{"same", "same"}, {"valid", "valid"}},
            "MODE", "TensorFlow/Keras padding: same or valid (tf.nn.conv2d_transpose, Keras Conv2DTranspose)");
}

namespace {

// `-p same`: TensorFlow's and Keras' word, answered with the flags that take it.
void check_padding_word(const std::string& padding) {
  const std::string word = choice_key(padding);
  if (word == "same" || word == "valid") {
    throw UsageError("--padding takes integers, got '" + padding + "'; TensorFlow's padding='" + word +
                     "' is --tf-padding " + word + (word == "same" ? " (ONNX's auto_pad: --auto-pad same-upper)" : ""));
  }
}

}  // namespace

LayerSpec to_layer_spec(const LayerOptions& options, int dims, const Shape& kernel_from_weight) {
  check_padding_word(options.padding);
  const auto list = [&](const std::string& text, const std::string& name) {
    return text.empty() ? std::vector<int64_t>{} : broadcast_to_dims(parse_int_list(text, name), dims, name);
  };
  const auto sizes = [&](const std::string& text, const std::string& name) {
    return text.empty() ? std::vector<int64_t>{} : broadcast_to_dims(parse_int_list(text, name, true), dims, name);
  };
  LayerSpec spec;
  spec.dims = dims;
  spec.kernel = list(options.kernel_size, "--kernel-size");
  if (spec.kernel.empty()) {
    spec.kernel = kernel_from_weight;
  } else if (!kernel_from_weight.empty() && spec.kernel != kernel_from_weight) {
    throw InvalidParameter("--kernel-size " + shape_to_string(spec.kernel) + " does not match the weight's kernel " +
                           shape_to_string(kernel_from_weight));
  }
  spec.stride = list(options.stride, "--stride");
  spec.padding = list(options.padding, "--padding");
  spec.output_padding = list(options.output_padding, "--output-padding");
  spec.dilation = list(options.dilation, "--dilation");
  if (!options.pads.empty()) {
    spec.pads = parse_int_list(options.pads, "--pads");
    if (spec.pads.size() == 1) spec.pads.assign(static_cast<size_t>(2 * dims), spec.pads[0]);
  }
  if (!options.auto_pad.empty()) spec.auto_pad = parse_auto_pad(options.auto_pad);
  spec.output_size = sizes(options.output_size, "--output-size");
  spec.output_shape = sizes(options.output_shape, "--output-shape");
  if (!options.tf_padding.empty()) spec.tf_padding = parse_tf_padding(options.tf_padding);
  spec.groups = options.groups;
  return spec;
}

bool layer_flags_given(const LayerOptions& layer) {
  return !layer.kernel_size.empty() || !layer.stride.empty() || !layer.padding.empty() ||
         !layer.output_padding.empty() || !layer.dilation.empty() || !layer.pads.empty() || !layer.auto_pad.empty() ||
         !layer.output_size.empty() || !layer.output_shape.empty() || !layer.tf_padding.empty() || layer.groups != 1;
}

}  // namespace tconv
