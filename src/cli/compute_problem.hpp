// What one `tconv compute` run works on, shared by its three files: compute_command.cpp (flags,
// prepare, dispatch), compute_report.cpp (how the problem and its result are written) and
// compute_views.cpp (the step log, the gather view and the matrix view).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "cli/tensor_inputs.hpp"
#include "core/engine.hpp"
#include "core/layer_spec.hpp"
#include "io/dtype.hpp"

namespace tconv {

enum class ComputeFormat { Text, Json, Jsonl, Csv, Npy };
enum class ComputeView { Scatter, Gather, Matrix, Phases };
enum class EngineChoice { Auto, Reference, Fast };

// Everything a run needs, resolved from the flags and the tensors.
struct Problem {
  TensorInputs inputs;
  ResolvedLayer layer;
  AutoPad auto_pad = AutoPad::NotSet;
  TfPadding tf_padding = TfPadding::None;
  bool tf_layout = false;  // --layout tf: TF's layouts in, the output channels-last (not as text)
  ConvShapes shapes;
  Dtype dtype = Dtype::Float32;
  ComputeFormat format = ComputeFormat::Text;
  ComputeView view = ComputeView::Scatter;
  bool steps = false;
  std::string title;              // the example's title line, or empty
  std::ostream* notes = nullptr;  // where "tconv: note: ..." lines go (standard error), or nowhere
};

// The tensors of one run in its dtype T (prepare converted them), and the way back to the
// user's layout. The fast engine reads them where they are (perhaps a mapped file); the
// reference engine and the views need tensors of their own (TensorInputs::make_owned).
template <typename T>
struct TypedRun {
  const Problem& problem;
  int64_t max_memory = kDefaultMemoryLimitBytes;
  EngineChoice engine = EngineChoice::Reference;  // Reference or Fast: Auto is resolved
  int threads = 0;

  const Tensor<T>& input() const { return problem.inputs.input.get<T>(); }
  const Tensor<T>& weight() const { return problem.inputs.weight.get<T>(); }
  const Tensor<T>* bias() const { return problem.inputs.bias ? &problem.inputs.bias->get<T>() : nullptr; }
  // Batch and channel labels in text: when the user's layout has them or they exceed 1.
  bool show_batch() const { return problem.inputs.layout == InputLayout::BatchChannels || problem.shapes.batch > 1; }
  bool show_channels() const { return problem.inputs.layout != InputLayout::Spatial || problem.shapes.in_channels > 1; }
};

}  // namespace tconv
