// `tconv inspect MODEL.onnx`: every ConvTranspose node of an ONNX model, resolved and translated.
// The model is read by the run-time module libtconv-onnx.so (onnx/onnx_module.hpp).
#pragma once

#include "cli/command.hpp"

namespace tconv {

Command add_inspect_command(CLI::App& parent);

}  // namespace tconv
