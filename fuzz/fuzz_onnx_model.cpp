// ONNX models (onnx/onnx_model.hpp): parsing, tconv's checks before ONNX's shape inference, the
// isolated inference, the walk through control-flow bodies, and each node's LayerSpec and
// resolution. A tconv::Error is the expected answer to a bad model; a crash, a sanitizer report
// or another exception is a bug (a crash inside ONNX's inference ends only the forked child).
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/layer_spec.hpp"
#include "onnx/onnx_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const tconv::onnx_model::ModelLayers layers =
        tconv::onnx_model::read_conv_transpose_layers(bytes, "fuzz.onnx", {}, int64_t{64} << 20);
    for (const tconv::onnx_model::ConvTransposeNode& node : layers.nodes) {
      try {
        const tconv::LayerSpec spec = tconv::onnx_model::layer_spec(node);
        if (const auto spatial = tconv::onnx_model::known_spatial_size(node);
            spatial && spatial->size() == spec.kernel.size()) {
          tconv::resolve_layer(spec, *spatial);
        }
      } catch (const tconv::Error&) {
      }
    }
  } catch (const tconv::Error&) {
  }
  return 0;
}
