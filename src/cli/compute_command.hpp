// `tconv compute`: the step-logging calculator. Runs a transposed convolution on the user's
// tensors (or one of the article's examples) and prints the output, optionally with every
// step (--steps), in the gather form (--view gather), as the matrix C^T (--matrix), or
// the overlap counts of the layer (--view overlap, compute_overlap.hpp).
#pragma once

#include "cli/command.hpp"

namespace tconv {

Command add_compute_command(CLI::App& parent);

}  // namespace tconv
