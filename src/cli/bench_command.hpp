// `tconv bench`: times the fast engine on a layer given by flags, with random data, after a
// warm-up, and prints median, min and max milliseconds and GFLOP/s, where
//     flops = 2 * N * Cin * Cout/groups * prod(input spatial) * prod(kernel)
// (every multiply-add of the scatter form, cropped ones included: PyTorch's and oneDNN's
// convention, so numbers compare across tools).
#pragma once

#include <cstdint>

#include "cli/command.hpp"
#include "core/conv_params.hpp"
#include "core/tensor.hpp"

namespace tconv {

// The formula above for input (N, Cin, spatial...), as a double (it can pass 2^63).
double conv_transpose_flops(const Shape& input, int64_t out_channels, const ConvParams& params);

Command add_bench_command(CLI::App& parent);

}  // namespace tconv
