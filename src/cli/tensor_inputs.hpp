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
// Layouts (PyTorch), with D = --dims spatial dimensions (default 2):
//   input   rank D: one channel; rank D+1: (C, ...); rank D+2: (N, C, ...)
//   weight  rank D: one input and one output channel; rank D+2: (Cin, Cout/groups, k...)
//   bias    Cout values (rank 1; a single number is accepted for Cout = 1)
// Generator sizes: the input's from --input-size (and --in-channels/--batch, which also pick
// the layout), the weight's from -k and the channels (Cin from the input, Cout from
// --out-channels, default 1), the bias's from Cout.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/layer_options.hpp"
#include "core/engine.hpp"
#include "core/layer_spec.hpp"
#include "core/any_tensor.hpp"

namespace CLI {
class App;
}

namespace tconv {

// How the user laid out the input; the output is given back in the same leading layout.
enum class InputLayout {
  Spatial,        // (spatial...)          -> output (spatial...) when Cout is 1, else (Cout, spatial...)
  Channels,       // (C, spatial...)       -> output (Cout, spatial...)
  BatchChannels,  // (N, C, spatial...)    -> output (N, Cout, spatial...)
};

struct TensorInputOptions {
  std::string input;        // --input
  std::string weight;       // --weight
  std::string bias;         // --bias (empty: no bias)
  int dims = 2;             // --dims
  std::string input_size;   // --input-size, for input generators: "2x2"
  int64_t in_channels = 0;  // --in-channels, 0: not given
  int64_t out_channels = 0; // --out-channels, 0: not given
  int64_t batch = 0;        // --batch, 0: not given
  bool allow_nonfinite = false;                       // --allow-nonfinite
  int64_t max_memory = kDefaultMemoryLimitBytes;      // --max-memory BYTES
};

// Binds the flags above (long names only, so a command keeps its short flags free):
// --input --weight --bias --dims --input-size --in-channels --out-channels --batch
// --allow-nonfinite --max-memory. None is required by the parser: load_tensor_inputs says
// what is missing (compute and animate accept --example instead of --input/--weight).
void add_tensor_input_options(CLI::App& app, TensorInputOptions& options);

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
// '-' given twice), IoError for an unreadable file (with the path and the reason), DataError
// for bad data (the source, the position and the rule: bad JSON at line:column, ragged
// arrays, wrong rank, empty tensor, NaN/Inf unless allow_nonfinite), InvalidParameter for
// sizes that do not fit (a generator without its size flag, Cin mismatch between input and
// weight, a bias that is not Cout long, above max_memory).
TensorInputs load_tensor_inputs(const TensorInputOptions& options, const LayerOptions& layer, std::istream& in);

// The tensors of the article's case (see core/article_cases.hpp), with layout Spatial.
TensorInputs article_case_inputs(int number);

// The engine's output shape (N, Cout, spatial...) in the user's layout (see InputLayout).
Shape user_output_shape(InputLayout layout, const Shape& engine_output_shape);

}  // namespace tconv
