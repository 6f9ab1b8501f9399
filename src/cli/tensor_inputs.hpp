// The tensor flags shared by compute and animate: where the input, weight and bias come from,
// and how their layouts map onto the engine's (N, Cin, ...) / (Cin, Cout/groups, k...) / (Cout).
//
// A value of --input/--weight/--bias is one of
//   PATH            a file, recognised by content: NumPy .npy (float32/float64/int32/int64,
//                   C order), JSON nested arrays, or a plain text matrix (rows on lines or
//                   separated by ';', values by spaces or commas)
//   -               standard input (at most one of the three)
//   [...]           inline JSON, e.g. --input '[[1,2],[3,4]]'
//   ones | zeros | arange | random:SEED
//                   generators: arange is 1, 2, 3, ... row-major; random:SEED is uniform in
//                   [-1, 1), the same on every machine for the same SEED
// Layouts (PyTorch), with D spatial dimensions, the rank decide_spatial_rank takes from what the
// user wrote (--dims; a data weight's rank; the sizes in --input-size; a comma list in -k, -s,
// -p, -d, --output-padding or --pads; a data input of rank 1; else 2):
//   input   rank D: one channel; rank D+1: (C, ...); rank D+2: (N, C, ...)
//   weight  rank D: one input and one output channel; rank D+2: (Cin, Cout/groups, k...)
//   bias    Cout values (rank 1; a single number is accepted for Cout = 1)
// Generator sizes: the input's from --input-size (and --in-channels/--batch, which also pick
// the layout), the weight's from -k and the channels (Cin from the input, Cout from
// --out-channels, default 1), the bias's from Cout. --input-size, --in-channels and --batch
// size a generated input only: with a data input they are refused (a flag that would do nothing
// is a usage error). --out-channels with a data weight is a check that it matches.
// Data must fit the run's dtype: a finite value beyond float32's range (1e39) and an integer
// float32 cannot hold exactly (16777217) are refused for a float32 run, like NaN and Inf.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/layer_options.hpp"
#include "core/any_tensor.hpp"
#include "core/engine.hpp"
#include "core/layer_spec.hpp"
#include "io/dtype.hpp"

namespace tconv {

class OptionGroup;

// How the user laid out the input; the output is given back in the same leading layout.
enum class InputLayout {
  Spatial,        // (spatial...)          -> output (spatial...) when Cout is 1, else (Cout, spatial...)
  Channels,       // (C, spatial...)       -> output (Cout, spatial...)
  BatchChannels,  // (N, C, spatial...)    -> output (N, Cout, spatial...)
};

struct TensorInputOptions {
  std::string input;                              // --input
  std::string weight;                             // --weight
  std::string bias;                               // --bias (empty: no bias)
  std::optional<int> dims;                        // --dims; empty: decide_spatial_rank
  std::string input_size;                         // --input-size, for input generators: "2x2"
  std::optional<int64_t> in_channels;             // --in-channels
  std::optional<int64_t> out_channels;            // --out-channels
  std::optional<int64_t> batch;                   // --batch
  bool allow_nonfinite = false;                   // --allow-nonfinite
  int64_t max_memory = kDefaultMemoryLimitBytes;  // --max-memory BYTES
  Dtype dtype = Dtype::Float64;                   // the type the run computes in: set by the command, not a flag
  bool tf_layout = false;  // data in TensorFlow's layouts (cli/tf_layout.hpp): set by compute's --layout tf
  // Set by a command, not a flag: called with the input's and the weight's shapes in the
  // engine's layouts once both are known, before a generator fills either (a generated tensor
  // takes its memory from its shape alone), so that a command refuses from the shapes what it
  // would refuse later anyway (animate: a grid too large to draw). Empty: no check.
  std::function<void(const Shape& input, const Shape& weight)> check_shapes;
};

// The help group of the flags below, and its note: what a SOURCE is.
inline constexpr const char* kInputGroup = "Input data";
inline constexpr const char* kInputGroupNote =
    "A SOURCE is a file (.npy, JSON or a text matrix, recognised by content), - for standard input, inline JSON "
    "like '[[1,2],[3,4]]', or a generator: ones, zeros, arange (1, 2, 3, ...), random:SEED.";

// Binds the flags above into group (long names only, so a command keeps its short flags free):
// --input --weight --bias --dims --input-size --in-channels --out-channels --batch
// --allow-nonfinite --max-memory. None is required by the parser: load_tensor_inputs says
// what is missing (compute and animate accept --example instead of --input/--weight).
void add_tensor_input_options(OptionGroup& group, TensorInputOptions& options);

// The flags above that were given, among --input --weight --bias --dims --input-size
// --in-channels --out-channels --batch (the ones --example and --figure replace).
std::vector<std::string> tensor_flags_given(const TensorInputOptions& options);

// The spatial rank of the layer and where it came from.
struct SpatialRank {
  int dims = 2;
  // Where it came from, for messages ("..., but ORIGIN needs rank ..."): "--dims 2", "a 2-D
  // layer (from the weight's rank 4)", "a 1-D layer (from --input-size 5)", "a 3-D layer (from
  // -k 3,3,3)", "a 1-D layer (from the input's rank 1)", "a 2-D layer (the default; ...)".
  std::string origin;
};

// The one rule for the spatial rank of compute and animate: the first of these that speaks
// gives it.
//   1. --dims
//   2. a data weight's rank (dims_from_weight_rank; weight_rank is empty for a generated weight)
//   3. the number of sizes in --input-size: 5 is 1-D, 4x4 2-D, 2x3x4 3-D (one size stands for
//      every dimension when 1 or 2 gave the rank, as before)
//   4. a comma list of n values in -k, -s, -p, -d or --output-padding, of 2n values in --pads:
//      n-D (a single value says nothing)
//   5. a data input of rank 1 (input_rank is empty for a generated input): 1-D
//   6. else 2-D (rank-3 data is (C, H, W), rank-4 (N, C, H, W))
// Every later source that speaks must agree with the first: InvalidParameter naming both
// ("--input-size 5x5 gives a 2-D layer but -k 3,3,3 gives 3-D"); so is a rank above 3. --dims
// is checked against a data weight by weight_to_engine_layout, not here (a rank-3 weight is a
// 1-D layer or, with --dims 3, a 3-D kernel alone). tensors.dims must already be 1 to 3.
SpatialRank decide_spatial_rank(const TensorInputOptions& tensors, const LayerOptions& layer,
                                std::optional<size_t> weight_rank, std::optional<size_t> input_rank);

// The three tensors in the engine's layouts. As loaded, float32 .npy data is float and all
// else double (every source dtype widens exactly: float64, int32, and int64 values up to
// 2^53 -- larger ones are refused); convert_to<T>() then gives all three the run's type.
struct TensorInputs {
  AnyTensor input;                // (N, Cin, spatial...)
  AnyTensor weight;               // (Cin, Cout/groups, kernel...)
  std::optional<AnyTensor> bias;  // (Cout)
  InputLayout layout = InputLayout::Spatial;
  int dims = 2;

  // The kernel's spatial size, from the weight: feed it to to_layer_spec.
  Shape kernel_size() const;
  // float or double: a move for tensors already of type T.
  template <typename T>
  void convert_to();
  // Copies values borrowed from a mapped file into tensors of their own (AnyTensor::get).
  void make_owned();
};

// Reads, parses, generates and reshapes the tensors. `in` is standard input (for '-').
// Throws UsageError for a malformed value (unknown generator, bad SEED, --dims outside 1..3,
// '-' given twice, a sizing flag with a data input), IoError for an unreadable file (with the
// path and the reason), DataError for bad data (the source, the position and the rule: bad JSON
// at line:column, ragged arrays, wrong rank, empty tensor, NaN/Inf unless allow_nonfinite, a
// value the dtype cannot hold), InvalidParameter for sizes that do not fit (a count below 1, a
// generator without its size flag, Cin mismatch between input and weight, a bias that is not
// Cout long, above max_memory: a stream is refused as soon as it passes it).
TensorInputs load_tensor_inputs(const TensorInputOptions& options, const LayerOptions& layer, std::istream& in);

// For --example N: N must be one of the article's cases (UsageError "--example must be 1 to 5,
// got N": a choice from a fixed list), and no flag the example replaces may be given: tensor
// flags (tensor_flags_given) or, when layer_flags is set, the layer flags (UsageError naming them).
void check_example_flags(int example, const TensorInputOptions& tensors, bool layer_flags);

// The tensors of the article's case (see core/article_cases.hpp), with layout Spatial.
TensorInputs article_case_inputs(int number);

// The engine's output shape (N, Cout, spatial...) in the user's layout (see InputLayout).
Shape user_output_shape(InputLayout layout, const Shape& engine_output_shape);

}  // namespace tconv
