// `tconv translate`: one layer written in PyTorch, ONNX, TensorFlow and Keras.
#pragma once

#include "cli/command.hpp"

namespace tconv {

Command add_translate_command(CLI::App& parent);

}  // namespace tconv
