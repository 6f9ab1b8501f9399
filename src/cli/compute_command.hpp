// `tconv compute`: the step-logging calculator. Runs a transposed convolution on the user's
// tensors (or one of the article's examples) and prints the output, optionally with every
// step (--steps), in the gather form (--view gather), as the matrix C^T (--matrix), or
// the overlap counts of the layer (--view overlap, compute_overlap.hpp).
#pragma once

#include <string>

#include "cli/command.hpp"
#include "core/conv_params.hpp"

namespace tconv {

Command add_compute_command(CLI::App& parent);

// "kernel 3, stride 2, padding 1": every value that differs from PyTorch's default, with
// per-axis values joined by 'x' when they differ between axes.
std::string describe_layer(const ConvParams& params);

}  // namespace tconv
