// `tconv compute --view overlap`: how many (input, tap) pairs reach each output cell of a
// layer, and whether evenly (core/overlap_view.hpp). Counts need sizes, not values: without
// --input and --weight, --input-size and -k describe the layer.
#pragma once

#include <string>

#include "cli/command.hpp"
#include "cli/layer_options.hpp"
#include "cli/tensor_inputs.hpp"

namespace tconv {

// The compute flags the overlap view reads.
struct OverlapRequest {
  TensorInputOptions tensors;
  LayerOptions layer;
  bool example_given = false;
  int example = 0;
  std::string format;  // text (default) or json; empty: from the output's extension
  std::string output;  // -o FILE, empty or "-" for stdout: its extension may pick the format
  bool steps = false;  // refused: the view has no steps
  bool matrix = false;
  std::string engine = "auto";
};

// The tensor options with ones standing in for a missing --input (sized by --input-size) and
// --weight (sized by -k): the overlap counts need only sizes. Throws UsageError "<what> needs
// the input's size: ..." / "... the kernel size: ..." when a size is missing too.
TensorInputOptions with_size_stand_ins(const TensorInputOptions& tensors, const LayerOptions& layer,
                                       const std::string& what);

// Prints the view. Throws UsageError for a format other than text or json, --steps or
// --matrix or --engine fast with it, a missing size (--input-size or -k) when the data is not given;
// InvalidParameter for what resolve_layer and overlap_view throw; IoError
// from the output file.
int run_overlap_view(const OverlapRequest& request, CliContext& context);

}  // namespace tconv
