// How `tconv compute` writes what it computed: the layer described in words and as JSON, the
// tensors as text blocks, and the result in the chosen format (write_output, the one place a
// format becomes bytes).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/compute_problem.hpp"
#include "core/tensor.hpp"

namespace tconv {

// "2" when every axis has the value 2, else "2x1".
std::string per_axis_text(const std::vector<int64_t>& values);

// "kernel 3, stride 2, padding 1": every value that differs from PyTorch's default, per-axis
// values joined by 'x' when the axes differ; unequal pads as "pads begin 1 end 0".
std::string describe_layer(const ConvParams& params);

// The text before a view's steps: the example's title, "ConvTranspose2d: <describe_layer>
// (<convention>, <dtype>)", the input, the kernel (also spread out when dilated) and the bias
// as aligned blocks, then a blank line.
void write_header(std::ostream& out, const Problem& problem);

// The gather view's three steps with this layer's numbers, the expanded input and the
// flipped kernel (core/gather_view.hpp), then a blank line.
void write_gather_preamble(std::ostream& out, const Problem& problem);

// "Title (2x2):" and the tensor below it, indented, leading extents of 1 dropped; names label
// the leading axes that remain (the last names are used: {"batch", "channel"} for an input).
void write_tensor_block(std::ostream& out, const std::string& title, const Tensor<double>& tensor, Dtype dtype,
                        int dims, const std::vector<std::string>& names);

// The version of --format jsonl's records (the step lines and the final result line), on the
// final line as "schema": 1. Raised only when a record loses or changes a member; new members
// may be added without it (docs/compute.md).
inline constexpr int kJsonlSchemaVersion = 1;

// What write_output adds to the result after a view.
struct OutputExtras {
  bool titled = false;      // text: "Output 3x3 (float32):" below what was shown, not "output 3x3 (float32)"
  std::string json_fields;  // json: more members of the object, each written ",\"name\":value"
};

// The engine's result (N, Cout, spatial...) in the user's layout (InputLayout) and the
// problem's format:
//   text   "output 3x3 (float32)" and the aligned values
//   json   {"shape", "dtype", "parameters" (parameters_json), "output", then extras.json_fields}
//   jsonl  {"schema": kJsonlSchemaVersion, then the json members} on one line: the last line of a
//          step stream
//   csv    one matrix (InvalidParameter for more than two non-trivial axes)
//   npy    straight from the result's buffer, in T
// Before writing, note_overflow(result, problem).
template <typename T>
void write_output(std::ostream& out, const Tensor<T>& result, const Problem& problem, const OutputExtras& extras = {});

// Finite inputs whose sum leaves the dtype's range give inf (or nan, where infinities of both
// signs meet), as PyTorch does: the answer is kept, and said once on problem.notes with the
// first such cell of the engine's (N, Cout, spatial...) result:
//   tconv: note: overflow: output cell (batch 0, channel 0, [0, 1]) is inf although every input
//   is finite: the sum leaves float32's range (PyTorch gives the same); --dtype float64 holds it
// Nothing when the result is finite, an input holds NaN or Inf (--allow-nonfinite), or notes is null.
template <typename T>
void note_overflow(const Tensor<T>& result, const Problem& problem);

}  // namespace tconv
