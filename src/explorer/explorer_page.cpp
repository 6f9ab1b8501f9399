#include "explorer/explorer_page.hpp"

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "core/error.hpp"
#include "explorer/explorer_assets.hpp"
#include "explorer/explorer_theme.hpp"
#include "io/number_format.hpp"
#include "render/picture_limits.hpp"

namespace tconv {

namespace {

// The heat map's colours are tabulated up to this many pairs per cell (more are clamped).
constexpr int kHeatTable = 64;

std::vector<int64_t> per_axis(const ConvParams& params, int64_t AxisParams::*field) {
  std::vector<int64_t> values;
  for (const AxisParams& axis : params.axes) values.push_back(axis.*field);
  return values;
}

// Tensor values for the page's data: numbers, and the non-finite ones in tconv's one JSON
// encoding (io/number_format.hpp: "NaN", "Infinity", "-Infinity"), which engine.js's
// fromJsonNumber reads back. nlohmann would write null for them, which the page cannot tell
// from 0.
nlohmann::json values_json(const std::vector<double>& values) {
  nlohmann::json list = nlohmann::json::array();
  for (double v : values) {
    const char* name = nonfinite_json_name(v);
    list.push_back(name != nullptr ? nlohmann::json(name) : nlohmann::json(v));
  }
  return list;
}

// Replaces the one occurrence of marker in text.
void fill(std::string& text, const std::string& marker, const std::string& content) {
  const size_t at = text.find(marker);
  if (at == std::string::npos) throw Error("explorer template has no " + marker);
  text.replace(at, marker.size(), content);
}

}  // namespace

void check_explorer_channels(int64_t in_channels, int64_t groups) {
  const int64_t per_group = in_channels / groups;
  if (per_group > kMaxChannelsDrawn) {
    throw InvalidParameter("--html: the page draws the input channels of a group side by side, at most " +
                           std::to_string(kMaxChannelsDrawn) + ", got " + std::to_string(per_group) + " (" +
                           std::to_string(in_channels) + " input channels, groups " + std::to_string(groups) + ")");
  }
}

ExplorerLayer explorer_layer(const Tensor<double>& input, const Tensor<double>& weight, const Tensor<double>* bias,
                             const LayerSpec& spec, const ConvParams& params, std::string title, std::string view,
                             int64_t batch_index, int64_t out_channel) {
  const int dims = params.spatial_dims();
  if (dims > 2) throw InvalidParameter("--html explores 1-D and 2-D layers, got " + std::to_string(dims) + "-D");
  // The engine's own shape rules (tconv animate has run them already; other callers get them here).
  const int64_t out_channels = check_conv_shapes(input.shape, weight.shape,
                                                 bias == nullptr ? -1 : static_cast<int64_t>(bias->data.size()), params)
                                   .out_channels;
  check_explorer_channels(input.shape[1], params.groups);
  if (batch_index < 0 || batch_index >= input.shape[0] || out_channel < 0 || out_channel >= out_channels) {
    throw InvalidParameter("--html: batch item " + std::to_string(batch_index) + " and output channel " +
                           std::to_string(out_channel) + " are not in the layer's " + std::to_string(input.shape[0]) +
                           " and " + std::to_string(out_channels));
  }
  ExplorerLayer layer;
  layer.title = std::move(title);
  layer.view = std::move(view);
  layer.input_shape = input.shape;
  layer.weight_shape = weight.shape;
  layer.input = input.data;
  layer.weight = weight.data;
  if (bias != nullptr) layer.bias = bias->data;
  layer.spec = spec;
  layer.params = params;
  layer.batch_index = batch_index;
  layer.out_channel = out_channel;
  return layer;
}

std::string explorer_page(const ExplorerLayer& layer) {
  nlohmann::json data;
  data["title"] = layer.title;
  data["view"] = layer.view;
  data["dims"] = layer.params.spatial_dims();
  data["inputShape"] = layer.input_shape;
  data["inputSize"] = Shape(layer.input_shape.begin() + 2, layer.input_shape.end());
  data["input"] = values_json(layer.input);
  data["kernel"] = per_axis(layer.params, &AxisParams::kernel);
  data["weightShape"] = layer.weight_shape;
  data["weight"] = values_json(layer.weight);
  data["bias"] = layer.bias ? values_json(*layer.bias) : nlohmann::json(nullptr);
  data["groups"] = layer.params.groups;
  data["batchIndex"] = layer.batch_index;
  data["outChannel"] = layer.out_channel;
  data["stride"] = per_axis(layer.params, &AxisParams::stride);
  // The padding flags as given (null: not given); engine.js resolves them as layer_spec.cpp does.
  const LayerSpec& spec = layer.spec;
  const auto given = [](const std::vector<int64_t>& values) {
    return values.empty() ? nlohmann::json(nullptr) : nlohmann::json(values);
  };
  data["spec"] = {{"padding", given(spec.padding)},
                  {"outputPadding", given(spec.output_padding)},
                  {"pads", given(spec.pads)},
                  {"autoPad", auto_pad_name(spec.auto_pad)},
                  {"tfPadding", tf_padding_name(spec.tf_padding)},
                  {"outputSize", given(spec.output_size)},
                  {"outputShape", given(spec.output_shape)}};
  data["dilation"] = per_axis(layer.params, &AxisParams::dilation);
  data["maxCellsASide"] = kMaxCellsASide;
  data["maxStepPanels"] = kMaxStepPanels;
  data["maxChannelsDrawn"] = kMaxChannelsDrawn;
  data["heat"] = nlohmann::json::parse(explorer_heat_json(kHeatTable));
  std::string json = data.dump();
  // Inside <script>, "</" could end the element: JSON allows "<\/" for it.
  for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3)) json.insert(at + 1, "\\");

  std::string page(explorer_asset_html());
  fill(page, "/*TCONV_THEME*/", explorer_theme_css());
  fill(page, "/*TCONV_CSS*/", std::string(explorer_asset_css()));
  fill(page, "/*TCONV_DATA*/", json);
  fill(page, "/*TCONV_ENGINE*/", std::string(explorer_asset_engine_js()));
  fill(page, "/*TCONV_UI*/", std::string(explorer_asset_ui_js()));
  return page;
}

}  // namespace tconv
