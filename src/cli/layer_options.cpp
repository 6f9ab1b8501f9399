#include "cli/layer_options.hpp"

#include <CLI/CLI.hpp>

#include "cli/integer_options.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"

namespace tconv {

void add_layer_options(CLI::App& app, LayerOptions& options, bool with_groups, bool kernel_required) {
  auto* kernel = app.add_option("-k,--kernel-size", options.kernel_size, "kernel size: K or K1,K2[,K3]");
  if (kernel_required) kernel->required();
  app.add_option("-s,--stride", options.stride, "stride S (default 1)");
  app.add_option("-p,--padding", options.padding, "PyTorch padding P, cropped from both sides (default 0)");
  app.add_option("--output-padding", options.output_padding,
                 "PyTorch output_padding, cells added at the end; < stride or < dilation (default 0)");
  app.add_option("-d,--dilation", options.dilation, "dilation D: spacing of kernel taps (default 1)");
  if (with_groups) add_integer_option(app, "-g,--groups", options.groups, "groups (default 1)");
  app.add_option("--output-size", options.output_size,
                 "PyTorch forward(x, output_size): HxW; picks output_padding to reach it");
  app.add_option("--pads", options.pads, "ONNX pads: all begins then all ends, e.g. 1,2,1,2");
  app.add_option("--auto-pad", options.auto_pad, "ONNX auto_pad: same-upper, same-lower or valid");
  app.add_option("--output-shape", options.output_shape, "ONNX output_shape: HxW; padding is computed from it");
}

LayerSpec to_layer_spec(const LayerOptions& options, int dims, const Shape& kernel_from_weight) {
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
  spec.groups = options.groups;
  return spec;
}

bool layer_flags_given(const LayerOptions& layer) {
  return !layer.kernel_size.empty() || !layer.stride.empty() || !layer.padding.empty() ||
         !layer.output_padding.empty() || !layer.dilation.empty() || !layer.pads.empty() || !layer.auto_pad.empty() ||
         !layer.output_size.empty() || !layer.output_shape.empty() || layer.groups != 1;
}

}  // namespace tconv
