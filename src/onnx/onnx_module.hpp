// The ONNX model reader as a run-time module, libtconv-onnx.so: Debian's libonnx and libprotobuf
// are loaded only by `tconv inspect`, so that `tconv shape` and the other commands start without
// them. Like render_module.hpp: one C symbol, tconv_onnx_module(), returns the table; the
// command-line layer reaches it through onnx_module() (modules/modules.hpp).
#pragma once

#include <string>
#include <vector>

#include "onnx/onnx_model.hpp"

namespace tconv {

struct OnnxModule {
  // onnx_model::read_conv_transpose_layers, with its exceptions.
  onnx_model::ModelLayers (*read_conv_transpose_layers)(std::string_view bytes, const std::string& path,
                                                        const std::vector<onnx_model::InputShape>& input_shapes,
                                                        int64_t max_bytes);
};

}  // namespace tconv

// The module's entry point: the table, valid for the life of the process.
extern "C" const tconv::OnnxModule* tconv_onnx_module();
