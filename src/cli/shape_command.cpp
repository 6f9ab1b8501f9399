#include "cli/shape_command.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/layer_options.hpp"
#include "cli/value_parsing.hpp"
#include "core/layer_spec.hpp"

namespace tconv {

namespace {

struct ShapeOptions {
  std::string input_size;
  LayerOptions layer;
  bool json = false;
};

nlohmann::ordered_json shape_json(const Shape& input, const ResolvedLayer& layer, const Shape& output) {
  const auto per_axis = [&](auto field) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const AxisParams& axis : layer.params.axes) values.push_back(field(axis));
    return values;
  };
  bool symmetric = true;
  for (const AxisParams& axis : layer.params.axes) symmetric = symmetric && axis.pad_begin == axis.pad_end;
  nlohmann::ordered_json json;
  json["input_size"] = input;
  json["kernel_size"] = per_axis([](const AxisParams& a) { return a.kernel; });
  json["stride"] = per_axis([](const AxisParams& a) { return a.stride; });
  if (symmetric) {
    json["padding"] = per_axis([](const AxisParams& a) { return a.pad_begin; });
  } else {
    json["padding"] = per_axis([](const AxisParams& a) { return std::vector<int64_t>{a.pad_begin, a.pad_end}; });
  }
  json["output_padding"] = per_axis([](const AxisParams& a) { return a.output_padding; });
  json["dilation"] = per_axis([](const AxisParams& a) { return a.dilation; });
  json["padding_convention"] = describe_convention(layer.convention, AutoPad::NotSet);
  json["output_size"] = output;
  return json;
}

int run_shape(const ShapeOptions& options, CliContext& context) {
  const Shape input = parse_int_list(options.input_size, "INPUT_SIZE", true);
  const LayerSpec spec = to_layer_spec(options.layer, static_cast<int>(input.size()));
  const ResolvedLayer layer = resolve_layer(spec, input);
  const Shape output = output_spatial_size(layer.params, input);
  if (options.json) {
    context.out << shape_json(input, layer, output).dump() << '\n';
  } else {
    context.out << shape_to_string(output) << '\n';
  }
  return 0;
}

}  // namespace

Command add_shape_command(CLI::App& parent) {
  auto options = std::make_shared<ShapeOptions>();
  CLI::App* app = parent.add_subcommand("shape", "Output size of a transposed convolution");
  app->add_option("INPUT_SIZE", options->input_size, "input spatial size: 5, 2x2 or 4x5x6")->required();
  add_layer_options(*app, options->layer, false, true);
  app->add_flag("--json", options->json, "print one JSON object with the resolved parameters");
  return {app, [options](CliContext& context) { return run_shape(*options, context); }};
}

}  // namespace tconv
