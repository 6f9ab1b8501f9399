// How `tconv translate` and `tconv inspect` show a layer's translations (core/
// framework_translation.hpp): the JSON objects of issue 12 and the text lines, one ready-to-paste
// code line per framework under a comment that says whether it is exact.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/framework_translation.hpp"
#include "core/layer_spec.hpp"

namespace tconv {

using Json = nlohmann::ordered_json;

// The layer as the user gave it: its resolution and the convention's names.
struct LayerOrigin {
  ResolvedLayer layer;
  AutoPad auto_pad = AutoPad::NotSet;
  TfPadding tf_padding = TfPadding::None;
};

// "pytorch", "onnx" or "tf" (TensorFlow and Keras).
std::string convention_family(PaddingConvention convention);

// The recipe after a framework's layer: "the layer, then crop [begin, end] per dimension: [0, 1],
// [0, 1]" (negative amounts add zero cells); with bias_after and split_groups the words for those.
std::string recipe_text(const std::vector<AxisCrop>& crop, bool bias_after, bool split_groups);

// One framework's object: "exact", its own argument names, "crop" ([[begin, end], ...] or
// null), "bias_after", and "code".
Json pytorch_json(const PyTorchTranslation& t);
Json onnx_json(const OnnxTranslation& t);
Json tensorflow_json(const TensorFlowTranslation& t);
Json keras_json(const KerasTranslation& t);

// [{"kind", "message"}, ...]
Json notes_json(const std::vector<LayerNote>& notes);

// {"layer": {"input_size", "output_size", "pads": [[b, e], ...], "from", "convention",
//  "notes"}, "pytorch": ..., "onnx": ..., "tensorflow": ..., "keras": ...}
Json translations_json(const LayerOrigin& origin, const Shape& input, const Translations& t);

// The text form: a "layer:" line, "note:" lines, then per framework a "# Framework: exact" (or
// "not exact: <recipe>") comment line and its code line.
void print_translations(const LayerOrigin& origin, const Shape& input, const Translations& t, std::ostream& out);

// --check: {"pytorch": 0, ..., "largest_difference": 0} / "check: ..." lines.
Json checks_json(const std::vector<TranslationCheck>& checks);
void print_checks(const std::vector<TranslationCheck>& checks, std::ostream& out);

}  // namespace tconv
