#include "cli/compute_overlap.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "cli/compute_report.hpp"
#include "cli/value_parsing.hpp"
#include "core/article_cases.hpp"
#include "core/overlap_view.hpp"
#include "io/overlap_report.hpp"

namespace tconv {

namespace {

bool wants_json(const OverlapRequest& request) {
  if (!request.format.empty()) {
    if (request.format == "json") return true;
    if (request.format == "text") return false;
    throw UsageError("--view overlap writes text or json, got '" + request.format + "'");
  }
  return lowercase_extension(request.output) == "json";
}

std::string parameters_json(const ResolvedLayer& layer, const Shape& input_spatial, AutoPad auto_pad) {
  const auto per_axis = [&](auto field) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const AxisParams& axis : layer.params.axes) values.push_back(field(axis));
    return values;
  };
  nlohmann::ordered_json json;
  json["input_size"] = input_spatial;
  json["kernel_size"] = per_axis([](const AxisParams& a) { return a.kernel; });
  json["stride"] = per_axis([](const AxisParams& a) { return a.stride; });
  json["padding"] = per_axis([](const AxisParams& a) { return std::vector<int64_t>{a.pad_begin, a.pad_end}; });
  json["output_padding"] = per_axis([](const AxisParams& a) { return a.output_padding; });
  json["dilation"] = per_axis([](const AxisParams& a) { return a.dilation; });
  json["padding_convention"] = describe_convention(layer.convention, auto_pad);
  return json.dump();
}

}  // namespace

TensorInputOptions with_size_stand_ins(const TensorInputOptions& tensors, const LayerOptions& layer,
                                       const std::string& what) {
  TensorInputOptions result = tensors;
  if (result.input.empty()) {
    if (result.input_size.empty()) {
      throw UsageError(what + " needs the input's size: --input-size (e.g. 4x4) or --input DATA");
    }
    result.input = "ones";
  }
  if (result.weight.empty()) {
    if (layer.kernel_size.empty()) throw UsageError(what + " needs the kernel size: -k (e.g. -k 3) or --weight DATA");
    result.weight = "ones";
  }
  return result;
}

int run_overlap_view(const OverlapRequest& request, CliContext& context) {
  const bool json = wants_json(request);
  if (request.steps) throw UsageError("--view overlap counts pairs for the whole layer; it has no --steps");
  if (request.matrix) throw UsageError("--matrix and --view overlap are two different views; pick one");
  if (request.engine == "fast") {
    throw UsageError(
        "--engine fast cannot show --view overlap: the counts come from the reference engine's "
        "step stream (drop --engine fast)");
  }
  Shape spatial;
  LayerSpec spec;
  int dims = 2;
  if (request.example_given) {
    check_example_flags(request.example, request.tensors, layer_flags_given(request.layer));
    const ArticleCase example = article_case(request.example);
    spatial.assign(example.input.shape.begin() + 2, example.input.shape.end());
    spec = example.layer;
    dims = 2;
  } else {
    const TensorInputs inputs = load_tensor_inputs(
        with_size_stand_ins(request.tensors, request.layer, "--view overlap"), request.layer, context.in);
    spatial.assign(inputs.input.shape().begin() + 2, inputs.input.shape().end());
    spec = to_layer_spec(request.layer, inputs.dims, inputs.kernel_size());
    dims = inputs.dims;
  }
  const ResolvedLayer layer = resolve_layer(spec, spatial);
  const OverlapView view = overlap_view(layer.params, spatial, request.tensors.max_memory);

  std::ostream& out = context.out;  // -o FILE is the app's (command.hpp)
  if (json) {
    write_overlap_json(out, view, parameters_json(layer, spatial, spec.auto_pad));
  } else {
    write_overlap_text(out, view,
                       "ConvTranspose" + std::to_string(dims) + "d: " + describe_layer(layer.params) + " (" +
                           describe_convention(layer.convention, spec.auto_pad) + "), input " +
                           shape_to_string(spatial));
  }
  return 0;
}

}  // namespace tconv
