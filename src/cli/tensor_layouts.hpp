// How the tensors the user gave map onto the engine's layouts (cli/tensor_inputs.hpp), with
// D = --dims spatial dimensions:
//   input   rank D: one channel; rank D+1: (C, ...); rank D+2: (N, C, ...)  -> (N, C, ...)
//   weight  rank D: one input and one output channel; rank D+2 as is      -> (Cin, Cout/groups, k...)
//   bias    Cout values (a list, or one row)                              -> (Cout)
// and the checks that tie them together (Cin, Cout, groups).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/tensor_inputs.hpp"
#include "core/any_tensor.hpp"
#include "io/tensor_parse.hpp"

namespace tconv {

// The spatial axes' names in messages: "L"; "H, W"; "D, H, W".
std::string spatial_names(int dims);

// (leading..., spatial...).
Shape with_leading(const Shape& spatial, std::initializer_list<int64_t> leading);

// The spatial dimensions a data weight's rank implies when --dims is not given: rank 3, 4, 5 is
// PyTorch's (Cin, Cout/groups, k...) of ConvTranspose1d, 2d, 3d; rank 1 can only be a 1-D kernel
// (k) and rank 2 a 2-D one (kH, kW). Empty for any other rank (the caller's default stands). A
// 3-D kernel alone (kD, kH, kW) is rank 3 too, so it needs --dims 3.
std::optional<int> dims_from_weight_rank(size_t rank);

// The -g that would give a weight of Cout/groups = per_group the wanted output channels:
// wanted / per_group, when that divides evenly, divides the input's channels (PyTorch's weight is
// (Cin, Cout/groups, k...) and needs Cin % groups == 0) and is not the groups already given.
std::optional<int64_t> groups_that_fit(int64_t in_channels, int64_t per_group, int64_t wanted_cout, int64_t groups);

// Puts a data weight in (Cin, Cout/groups, k...). Throws DataError for a rank other than D or
// D+2, naming its shape and the layouts D allows, and where D came from (dims_origin, e.g.
// "--dims 2" or "the weight's rank 3").
void weight_to_engine_layout(AnyTensor& weight, int dims, const std::string& dims_origin);

// Puts a data input in (N, C, spatial...) and returns the layout it was given in. A text
// matrix of one row is a 1-D signal when D is 1. Throws DataError for a rank other than D, D+1
// or D+2, naming its shape, the layouts D allows and where D came from (dims_origin).
InputLayout input_to_engine_layout(AnyTensor& input, TensorFormat format, int dims, const std::string& dims_origin);

// The layout of a generated input: (N, C, ...) with --batch, (C, ...) with --in-channels or
// more than one channel, else spatial only.
InputLayout generated_input_layout(bool batch_given, bool channels_given, int64_t channels);

// A data weight against the input (N, C, ...) and --out-channels. Throws InvalidParameter when
// the weight's Cin is not the input's C, or out_channels is not Cout/groups * groups (naming the
// -g that would fit, groups_that_fit). No groups can mend a Cin mismatch: the weight's first
// dimension is the input's channel count whatever the groups.
void check_weight_channels(const Shape& weight, const Shape& input, int64_t groups, std::optional<int64_t> out_channels,
                           int dims);

// Puts a data bias in (Cout). Throws DataError for a shape that is not a list (or one row),
// InvalidParameter when it does not hold Cout values, ending with `fix` when it is not empty
// (e.g. "-g 4 would fit: Cout = 1 x 4").
void bias_to_engine_layout(AnyTensor& bias, int64_t cout, const std::string& fix);

}  // namespace tconv
