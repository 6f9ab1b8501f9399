// The table of onnx_module.hpp: the entry point of libtconv-onnx.so.
#include "onnx/onnx_module.hpp"

namespace tconv {

namespace {

constexpr OnnxModule kModule{&onnx_model::read_conv_transpose_layers};

}  // namespace

}  // namespace tconv

extern "C" const tconv::OnnxModule* tconv_onnx_module() { return &tconv::kModule; }
