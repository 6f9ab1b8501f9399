#include "cli/compute_command.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>
#include <optional>
#include <ostream>

#include "cli/compute_overlap.hpp"
#include "cli/compute_problem.hpp"
#include "cli/compute_report.hpp"
#include "cli/compute_views.hpp"
#include "cli/layer_options.hpp"
#include "cli/option_group.hpp"
#include "cli/tensor_inputs.hpp"
#include "cli/value_parsing.hpp"
#include "core/article_cases.hpp"
#include "core/matrix_view.hpp"
#include "io/gather_log.hpp"
#include "io/step_log_json.hpp"
#include "io/step_log_text.hpp"
#include "modules/modules.hpp"

namespace tconv {

namespace {

// --view: the overlap view is a command of its own (compute_overlap.hpp); the others are
// views of the engine's step stream (ComputeView).
enum class ViewChoice { Scatter, Gather, Overlap, Phases };

struct ComputeOptions {
  TensorInputOptions tensors;
  LayerOptions layer;
  int example = 0;  // --example N, meaningful when example_given
  bool example_given = false;
  Dtype dtype = Dtype::Float32;
  std::optional<ComputeFormat> format;  // empty: text, or -o's extension
  ViewChoice view = ViewChoice::Scatter;
  bool steps = false;
  bool matrix = false;
  std::string output;
  bool json = false;  // --json, the same as --format json
  EngineChoice engine = EngineChoice::Auto;
  int threads = 0;         // --threads, 0: every core
  bool tf_layout = false;  // --layout tf (pytorch is the default)
};

const std::vector<Choice<ComputeFormat>> kFormats{{"text", ComputeFormat::Text},
                                                  {"json", ComputeFormat::Json},
                                                  {"jsonl", ComputeFormat::Jsonl},
                                                  {"csv", ComputeFormat::Csv},
                                                  {"npy", ComputeFormat::Npy}};

std::string format_name(ComputeFormat format) {
  for (const Choice<ComputeFormat>& choice : kFormats) {
    if (choice.value == format) return choice.name;
  }
  return "text";
}

// -o out.npy writes .npy without --format (as -o OUT.NPY: any case); any other extension means
// text.
ComputeFormat format_from_path(const std::string& path) {
  const std::string extension = lowercase_extension(path);
  for (const Choice<ComputeFormat>& choice : kFormats) {
    if (choice.name == extension) return choice.value;
  }
  return ComputeFormat::Text;
}

// The view and the format, and the combinations that cannot be written.
void resolve_view_and_format(const ComputeOptions& options, Problem& problem, const CliContext& context) {
  problem.steps = options.steps;
  problem.view = options.view == ViewChoice::Gather   ? ComputeView::Gather
                 : options.view == ViewChoice::Phases ? ComputeView::Phases
                                                      : ComputeView::Scatter;
  if (problem.view == ComputeView::Phases && options.steps) {
    throw UsageError("--view phases shows every phase at once; it has no --steps");
  }
  if (options.matrix) {
    if (problem.view != ComputeView::Scatter) {
      throw UsageError(std::string("--matrix and --view ") +
                       (problem.view == ComputeView::Gather ? "gather" : "phases") +
                       " are two different views; pick one");
    }
    if (options.steps) throw UsageError("--matrix shows the whole map at once; it has no --steps");
    problem.view = ComputeView::Matrix;
  }
  const bool to_stdout = options.output.empty() || options.output == "-";
  problem.format =
      options.format ? *options.format : (to_stdout ? ComputeFormat::Text : format_from_path(options.output));
  // "not csv (from -o y.csv; ...)": without --format, the format is the file's extension.
  const std::string chosen =
      format_name(problem.format) +
      (options.format ? "" : " (from -o " + options.output + "; give --format to choose another)");
  if (options.steps && (problem.format == ComputeFormat::Csv || problem.format == ComputeFormat::Npy)) {
    throw UsageError("--steps writes text, json or jsonl, not " + chosen);
  }
  if (problem.view == ComputeView::Matrix && problem.format != ComputeFormat::Text &&
      problem.format != ComputeFormat::Json) {
    throw UsageError("--matrix writes text or json, not " + chosen);
  }
  if (problem.view == ComputeView::Phases && problem.format != ComputeFormat::Text &&
      problem.format != ComputeFormat::Json) {
    throw UsageError("--view phases writes text or json, not " + chosen);
  }
  if (problem.format == ComputeFormat::Npy && to_stdout && context.out_is_terminal) {
    throw UsageError("refusing to write binary .npy to a terminal; redirect stdout or use -o FILE");
  }
}

// Refuses, before anything is written, what the chosen output could not hold: so a failing
// run leaves stdout empty.
void check_output_size(const Problem& problem, int64_t max_memory) {
  const Shape input_spatial(problem.shapes.input_spatial);
  check_memory_limit("the output", element_count(problem.shapes.output_shape()),
                     problem.dtype == Dtype::Float32 ? 4 : 8, max_memory);
  if (problem.steps && problem.view == ComputeView::Scatter) {
    if (problem.format == ComputeFormat::Text) check_text_step_log_size(problem.shapes);
    if (problem.format == ComputeFormat::Json) check_json_step_log_size(problem.shapes, problem.layer.params);
  }
  if (problem.steps && problem.view == ComputeView::Gather) {
    if (problem.format == ComputeFormat::Text) check_text_step_log_size(problem.shapes);
    if (problem.format == ComputeFormat::Json) check_json_gather_log_size(problem.shapes, problem.layer.params);
  }
  if (problem.view == ComputeView::Matrix) {
    check_matrix_view_size(problem.inputs.weight.shape(), problem.layer.params, input_spatial);
  }
}

Problem prepare(const ComputeOptions& options, CliContext& context) {
  Problem problem;
  problem.dtype = options.dtype;
  resolve_view_and_format(options, problem, context);
  problem.tf_layout = options.tf_layout;
  if (problem.tf_layout && options.example_given) {
    throw UsageError("--example N brings its own tensors in tconv's layout; drop --layout tf");
  }
  if (problem.tf_layout && options.layer.groups != 1) {
    throw UsageError("--layout tf: TensorFlow's conv_transpose has no groups; drop -g or --layout tf");
  }
  LayerSpec spec;
  if (options.example_given) {
    check_example_flags(options.example, options.tensors, layer_flags_given(options.layer));
    const ArticleCase example = article_case(options.example);
    problem.inputs = article_case_inputs(options.example);
    spec = example.layer;
    problem.title = "Example " + std::to_string(example.number) + ", " + example.title + " (the article's Figures " +
                    std::to_string(example.animation_figure) + " and " + std::to_string(example.steps_figure) + ")";
  } else {
    TensorInputOptions tensors = options.tensors;
    tensors.dtype = problem.dtype;  // data float32 cannot hold is refused before it is rounded
    tensors.tf_layout = problem.tf_layout;
    problem.inputs = load_tensor_inputs(tensors, options.layer, context.in);
    spec = to_layer_spec(options.layer, problem.inputs.dims, problem.inputs.kernel_size());
  }
  const Shape input_shape = problem.inputs.input.shape();
  problem.layer = resolve_layer(spec, Shape(input_shape.begin() + 2, input_shape.end()));
  problem.auto_pad = spec.auto_pad;
  problem.tf_padding = spec.tf_padding;
  problem.shapes = check_conv_shapes(input_shape, problem.inputs.weight.shape(),
                                     problem.inputs.bias ? problem.inputs.bias->size() : -1, problem.layer.params);
  check_output_size(problem, options.tensors.max_memory);
  // Once, to the type the run computes in (a move for data already of that type).
  if (problem.dtype == Dtype::Float32) {
    problem.inputs.convert_to<float>();
  } else {
    problem.inputs.convert_to<double>();
  }
  return problem;
}

// The result alone (no steps, no view): the fast engine on the inputs where they are, or the
// reference loop.
template <typename T>
Tensor<T> compute_result(const TypedRun<T>& run) {
  const TensorInputs& inputs = run.problem.inputs;
  const ConvParams& params = run.problem.layer.params;
  if (run.engine == EngineChoice::Reference) {
    return conv_transpose_reference(run.input(), run.weight(), run.bias(), params, nullptr, run.max_memory);
  }
  FastOptions fast;
  fast.threads = run.threads;
  fast.memory_limit_bytes = run.max_memory;
  const std::optional<TensorView<T>> bias =
      inputs.bias ? std::optional<TensorView<T>>(inputs.bias->view<T>()) : std::nullopt;
  return fast_module().run(inputs.input.view<T>(), inputs.weight.view<T>(), bias ? &*bias : nullptr, params, fast);
}

template <typename T>
void run_typed(Problem& problem, const ComputeOptions& options, EngineChoice engine, std::ostream& out, bool color) {
  if (engine == EngineChoice::Auto) {
    engine =
        reference_engine_suffices(problem.shapes, problem.layer.params) ? EngineChoice::Reference : EngineChoice::Fast;
  }
  const bool plain = !problem.steps && problem.view == ComputeView::Scatter;
  if (!(plain && engine == EngineChoice::Fast)) problem.inputs.make_owned();
  const TypedRun<T> run{problem, options.tensors.max_memory, engine, options.threads};
  switch (problem.view) {
    case ComputeView::Matrix:
      run_matrix_view(run, out);
      break;
    case ComputeView::Gather:
      run_gather_view(run, out);
      break;
    case ComputeView::Phases:
      run_phases_view(run, out);
      break;
    case ComputeView::Scatter:
      if (problem.steps) {
        run_scatter_steps(run, out, color);
      } else {
        write_output(out, compute_result(run), problem);
      }
      break;
  }
}

int run_compute(const ComputeOptions& options, CliContext& context) {
  // The flags first: a bad one is refused before any input is read.
  if (options.threads < 0) throw InvalidParameter("--threads must be >= 0, got " + std::to_string(options.threads));
  if (options.view == ViewChoice::Overlap) {
    const char* engine_names[] = {"auto", "reference", "fast"};
    const std::string engine = engine_names[options.engine == EngineChoice::Auto        ? 0
                                            : options.engine == EngineChoice::Reference ? 1
                                                                                        : 2];
    return run_overlap_view(
        {options.tensors, options.layer, options.example_given, options.example,
         options.format ? format_name(*options.format) : "", options.output, options.steps, options.matrix, engine},
        context);
  }
  if (options.engine == EngineChoice::Fast &&
      (options.steps || options.matrix || options.view != ViewChoice::Scatter)) {
    throw UsageError(
        "--engine fast cannot show --steps, --view gather or phases, or --matrix: they are the "
        "reference engine's own computations (drop --engine fast)");
  }
  Problem problem = prepare(options, context);
  problem.notes = &context.err;
  if (problem.dtype == Dtype::Float32) {
    run_typed<float>(problem, options, options.engine, context.out, context.color);
  } else {
    run_typed<double>(problem, options, options.engine, context.out, context.color);
  }
  return 0;
}

constexpr const char* kExamples =
    "Examples:\n"
    "  tconv compute --example 2 --steps                 the article's Figure 4, step by step\n"
    "  tconv compute --input '[[1,2],[3,4]]' --weight ones -k 3 -s 2 -p 1\n"
    "  tconv compute --input '[[1,2],[3,4]]' --weight ones -k 3 --out-channels 2 --bias '[0.5,-1]' -s 2 --format json "
    "| jq .shape\n"
    "  tconv compute --input random:1 --input-size 3x3 --weight arange -k 2 -s 2 --view gather --steps\n"
    "  tconv compute --example 1 --matrix                the matrix C^T: why it is called transposed\n"
    "  tconv compute --view overlap --input-size 4x4 -k 3 -s 2   why kernel 3, stride 2 makes checkerboards\n"
    "  tconv compute --input x.npy --weight w.npy -s 2 -o y.npy\n"
    "\n"
    "Article examples (--example N; input [[1,2],[3,4]], all-ones kernel):\n";

}  // namespace

Command add_compute_command(CLI::App& parent) {
  auto options = std::make_shared<ComputeOptions>();
  CLI::App* app = parent.add_subcommand(
      "compute", "Transposed convolution of an input with a kernel (PyTorch ConvTranspose1d/2d/3d), every step shown");
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] { return std::string(kExamples) + article_case_list(); });
  OptionGroup input(*app, kInputGroup, kInputGroupNote);
  CLI::Option* example =
      input.integer("--example", options->example, "N", "the article's case N (1-5) instead of --input and --weight");
  add_tensor_input_options(input, options->tensors);
  add_layer_options(*app, options->layer, true, false);

  OptionGroup output(*app, "Output");
  output.output_file(options->output, "without --format, FILE's extension picks the format (y.npy, y.json)");
  output.choice("--format", options->format, kFormats, "FORMAT",
                "text (default), json, jsonl, csv (a matrix) or npy; with -o, the file's extension picks it");
  output.flag("--json", options->json, "the same as --format json, as in the other commands");

  OptionGroup views(*app, "Views",
                    "--steps shows the steps of the scatter view or, with --view gather, the gather view's.");
  views.flag("--steps", options->steps, "every step: one per input element (scatter) or output cell (gather)");
  views.choice("--view", options->view,
               std::vector<Choice<ViewChoice>>{{"scatter", ViewChoice::Scatter},
                                               {"gather", ViewChoice::Gather},
                                               {"overlap", ViewChoice::Overlap},
                                               {"phases", ViewChoice::Phases},
                                               {"zero-insertion", ViewChoice::Gather, false}},
               "VIEW",
               "scatter (default: the engine's own steps), gather (conv_arithmetic's stride-1 convolution of the "
               "zero-inserted input; also named zero-insertion; its JSON adds that input and kernel) or "
               "overlap (how many input-tap pairs reach each output cell: the checkerboard check; needs only "
               "sizes) or phases (the stride phases: each an ordinary convolution with its own taps)");
  views.flag("--matrix", options->matrix, "the transposed convolution as the matrix C^T, with two checks");

  OptionGroup engine(*app, "Engine");
  engine.choice("--engine", options->engine,
                std::vector<Choice<EngineChoice>>{
                    {"auto", EngineChoice::Auto}, {"reference", EngineChoice::Reference}, {"fast", EngineChoice::Fast}},
                "ENGINE",
                "auto (default: fast from a million multiply-adds on, unless steps or a view are shown), "
                "reference (the step loop) or fast");
  engine.integer("--threads", options->threads, "N", "threads of the fast engine (default 0: every core)");
  engine.choice("--dtype", options->dtype, kDtypeChoices, "TYPE",
                "compute in float32 (default, as PyTorch) or float64");
  // Keras' data_format names and the layout letters are accepted too.
  input.choice("--layout", options->tf_layout,
               std::vector<Choice<bool>>{{"pytorch", false},
                                         {"tf", true},
                                         {"channels-first", false, false},
                                         {"channels-last", true, false},
                                         {"nchw", false, false},
                                         {"ncw", false, false},
                                         {"ncdhw", false, false},
                                         {"nhwc", true, false},
                                         {"nwc", true, false},
                                         {"ndhwc", true, false}},
               "LAYOUT",
               "pytorch (default) or tf: --input channels-last (N, H, W, C), --weight TensorFlow's filter "
               "(kH, kW, Cout, Cin); the output channels-last (except as text)");
  place_help_flag(*app);
  const auto run = [options, example](CliContext& context) {
    options->example_given = example->count() > 0;
    if (options->json) {
      if (options->format && *options->format != ComputeFormat::Json) {
        throw UsageError("--json and --format " + format_name(*options->format) + " ask for two formats; give one");
      }
      options->format = ComputeFormat::Json;
    }
    return run_compute(*options, context);
  };
  return {app, run, &options->output};
}

}  // namespace tconv
