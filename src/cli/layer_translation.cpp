#include "cli/layer_translation.hpp"

#include <algorithm>
#include <sstream>

namespace tconv {

namespace {

Json crop_json(const std::optional<std::vector<AxisCrop>>& crop) {
  if (!crop) return nullptr;
  Json list = Json::array();
  for (const AxisCrop& c : *crop) list.push_back({c.begin, c.end});
  return list;
}

std::string pairs_text(const std::vector<AxisCrop>& pairs) {
  std::string text;
  for (const AxisCrop& p : pairs) {
    text += (text.empty() ? "[" : ", [") + std::to_string(p.begin) + ", " + std::to_string(p.end) + "]";
  }
  return text;
}

// The comment line above a framework's code.
std::string verdict(const char* framework, bool exact, const std::optional<std::vector<AxisCrop>>& crop,
                    bool bias_after, bool split_groups) {
  std::string line = std::string("# ") + framework + ": ";
  if (exact) return line + "exact";
  return line +
         "not exact in one layer: " + recipe_text(crop ? *crop : std::vector<AxisCrop>{}, bias_after, split_groups);
}

}  // namespace

std::string convention_family(PaddingConvention convention) {
  switch (convention) {
    case PaddingConvention::PyTorch:
    case PaddingConvention::PyTorchOutputSize:
      return "pytorch";
    case PaddingConvention::OnnxPads:
    case PaddingConvention::OnnxAutoPad:
    case PaddingConvention::OnnxOutputShape:
      return "onnx";
    case PaddingConvention::TfOutputShape:
    case PaddingConvention::Keras:
      return "tf";
  }
  return "pytorch";
}

std::string recipe_text(const std::vector<AxisCrop>& crop, bool bias_after, bool split_groups) {
  std::vector<std::string> parts;
  if (split_groups) parts.push_back("no groups: one layer per group, outputs concatenated on the channels");
  const bool any_crop = std::any_of(crop.begin(), crop.end(), [](const AxisCrop& c) { return c.begin || c.end; });
  if (any_crop) {
    const bool adds = std::any_of(crop.begin(), crop.end(), [](const AxisCrop& c) { return c.begin < 0 || c.end < 0; });
    parts.push_back("the layer, then crop [begin, end] per dimension: " + pairs_text(crop) +
                    (adds ? " (a negative amount adds zero cells)" : ""));
  }
  if (bias_after) parts.push_back("the bias added after the zeros");
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

Json pytorch_json(const PyTorchTranslation& t) {
  Json json;
  json["exact"] = t.exact;
  json["kernel_size"] = t.kernel_size;
  json["stride"] = t.stride;
  json["padding"] = t.padding;
  json["output_padding"] = t.output_padding;
  json["dilation"] = t.dilation;
  json["groups"] = t.groups;
  json["crop"] = crop_json(t.crop);
  json["bias_after"] = t.bias_after;
  json["code"] = t.code;
  return json;
}

Json onnx_json(const OnnxTranslation& t) {
  Json json;
  json["exact"] = t.exact;
  json["kernel_shape"] = t.kernel_shape;
  json["strides"] = t.strides;
  json["pads"] = t.pads;
  json["output_padding"] = t.output_padding;
  json["dilations"] = t.dilations;
  json["group"] = t.group;
  json["crop"] = crop_json(t.crop);
  json["bias_after"] = t.bias_after;
  json["code"] = t.code;
  return json;
}

Json tensorflow_json(const TensorFlowTranslation& t) {
  Json json;
  json["exact"] = t.exact;
  json["padding"] = t.padding;
  if (t.padding == "EXPLICIT") {
    Json pads = Json::array();
    for (const AxisCrop& p : t.explicit_padding) pads.push_back({p.begin, p.end});
    json["explicit_padding"] = pads;
  }
  json["output_shape"] = t.output_shape;
  json["strides"] = t.strides;
  json["dilations"] = t.dilations;
  json["crop"] = crop_json(t.crop);
  json["bias_after"] = t.bias_after;
  json["split_groups"] = t.split_groups;
  json["code"] = t.code;
  return json;
}

Json keras_json(const KerasTranslation& t) {
  Json json;
  json["exact"] = t.exact;
  json["padding"] = t.padding;
  json["output_padding"] = t.output_padding ? Json(*t.output_padding) : Json(nullptr);
  json["kernel_size"] = t.kernel_size;
  json["strides"] = t.strides;
  json["dilation_rate"] = t.dilation_rate;
  json["crop"] = crop_json(t.crop);
  json["bias_after"] = t.bias_after;
  json["split_groups"] = t.split_groups;
  json["code"] = t.code;
  return json;
}

Json notes_json(const std::vector<LayerNote>& notes) {
  Json list = Json::array();
  for (const LayerNote& note : notes) list.push_back({{"kind", note.kind}, {"message", note.message}});
  return list;
}

Json translations_json(const LayerOrigin& origin, const Shape& input, const Translations& t) {
  Json layer;
  layer["input_size"] = input;
  layer["output_size"] = t.output_spatial;
  Json pads = Json::array();
  for (const AxisCrop& p : t.pads) pads.push_back({p.begin, p.end});
  layer["pads"] = pads;
  layer["from"] = convention_family(origin.layer.convention);
  layer["convention"] = describe_convention(origin.layer.convention, origin.auto_pad, origin.tf_padding);
  layer["notes"] = notes_json(origin.layer.notes);
  Json json;
  json["layer"] = layer;
  json["pytorch"] = pytorch_json(t.pytorch);
  json["onnx"] = onnx_json(t.onnx);
  json["tensorflow"] = tensorflow_json(t.tensorflow);
  json["keras"] = keras_json(t.keras);
  return json;
}

void print_translations(const LayerOrigin& origin, const Shape& input, const Translations& t, std::ostream& out) {
  out << "layer: " << shape_to_string(input) << " -> " << shape_to_string(t.output_spatial) << ", "
      << describe_convention(origin.layer.convention, origin.auto_pad, origin.tf_padding)
      << "; pads [begin, end] per dimension " << pairs_text(t.pads) << '\n';
  for (const LayerNote& note : origin.layer.notes) out << "note: " << note.kind << ": " << note.message << '\n';
  const std::string dims = std::to_string(t.output_spatial.size());
  out << verdict("PyTorch", t.pytorch.exact, t.pytorch.crop, t.pytorch.bias_after, false) << '\n'
      << t.pytorch.code << '\n';
  out << verdict("ONNX", t.onnx.exact, t.onnx.crop, t.onnx.bias_after, false) << '\n' << t.onnx.code << '\n';
  out << verdict(("TensorFlow tf.nn.conv" + dims + "d_transpose").c_str(), t.tensorflow.exact, t.tensorflow.crop,
                 t.tensorflow.bias_after, t.tensorflow.split_groups)
      << '\n'
      << t.tensorflow.code << '\n';
  out << verdict(("Keras Conv" + dims + "DTranspose").c_str(), t.keras.exact, t.keras.crop, t.keras.bias_after,
                 t.keras.split_groups)
      << '\n'
      << t.keras.code << '\n';
}

Json checks_json(const std::vector<TranslationCheck>& checks) {
  Json json;
  double largest = 0;
  for (const TranslationCheck& c : checks) {
    json[c.framework] = c.largest_difference;
    largest = std::max(largest, c.largest_difference);
  }
  json["largest_difference"] = largest;
  return json;
}

void print_checks(const std::vector<TranslationCheck>& checks, std::ostream& out) {
  double largest = 0;
  std::ostringstream each;
  each.precision(6);
  for (const TranslationCheck& c : checks) {
    each << (each.tellp() > 0 ? ", " : "") << c.framework << ' ' << c.largest_difference;
    largest = std::max(largest, c.largest_difference);
  }
  std::ostringstream line;
  line.precision(6);
  line << "check: largest difference " << largest << " against the layer on random data (" << each.str() << ")";
  out << line.str() << '\n';
}

}  // namespace tconv
