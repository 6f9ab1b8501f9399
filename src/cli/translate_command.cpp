#include "cli/translate_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/layer_options.hpp"
#include "cli/layer_translation.hpp"
#include "cli/option_group.hpp"
#include "cli/size_queries.hpp"
#include "cli/value_parsing.hpp"
#include "core/error.hpp"
#include "core/shape_solver.hpp"

namespace tconv {

namespace {

struct TranslateOptions {
  std::string input_size;
  LayerOptions layer;
  int64_t in_channels = 1;
  int64_t out_channels = 1;
  bool json = false;
  std::string output;  // -o FILE (command.hpp)
  bool check = false;
};

constexpr const char* kTranslateHelpFooter = R"(Examples:
  tconv translate 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10
      the ONNX layer in PyTorch (padding 0, then a crop), ONNX, TF and Keras
  tconv translate 7x7 -k 4 -s 2 -p 1 --in-channels 64 --out-channels 32 --check
      a PyTorch layer everywhere, each translation run against it on random data
  tconv translate 4x4 -k 3 -s 2 --tf-padding same --json

Exact means the same values, not only the same size. Where one layer of a framework cannot
keep the same cells, the line gives the layer and the crop (or zero padding) after it, and is
marked "not exact".)";

// The largest number of multiply-adds --check runs (the layer and four translations, batch 2,
// in the reference engine): a few seconds at most.
constexpr double kMaxCheckWork = 2e8;

void check_work(const TranslationRequest& request) {
  double work = 2.0 * 5 * static_cast<double>(request.in_channels) *
                static_cast<double>(request.out_channels / std::max<int64_t>(request.params.groups, 1));
  for (size_t a = 0; a < request.input_spatial.size(); ++a) {
    work *= static_cast<double>(request.input_spatial[a]) * static_cast<double>(request.params.axes[a].kernel);
  }
  if (work > kMaxCheckWork) {
    std::ostringstream text;
    text << "--check would run " << work << " multiply-adds in tconv's reference engine (at most " << kMaxCheckWork
         << "); the translations do not depend on the channel counts or the batch: check with fewer channels";
    throw InvalidParameter(text.str());
  }
}

// When PyTorch needs a recipe, the tempting size-only answer (the first symmetric padding and
// output_padding that give the same size, as `tconv shape --target` lists them) keeps other
// cells: say so, with the windows.
std::optional<LayerNote> size_only_note(const ConvParams& params, const Shape& input, const Translations& t) {
  if (t.pytorch.exact) return std::nullopt;
  std::string padding, output_padding, windows;
  bool differs = false;
  for (size_t a = 0; a < params.axes.size(); ++a) {
    const AxisParams& axis = params.axes[a];
    const std::vector<PaddingSolution> found = solve_padding(
        {input[a], axis.kernel, axis.stride, axis.dilation, t.output_spatial[a]}, PaddingModel::Symmetric);
    if (found.empty()) return std::nullopt;
    const AxisParams candidate{axis.kernel,        axis.stride,      axis.dilation,
                               found[0].pad_begin, found[0].pad_end, found[0].output_padding};
    differs = differs || !same_values(axis, candidate, input[a]);
    padding += (a ? ", " : "") + std::to_string(found[0].pad_begin);
    output_padding += (a ? ", " : "") + std::to_string(found[0].output_padding);
    windows += (a ? ", " : "") + std::string("[") + std::to_string(candidate.pad_begin) + ", " +
               std::to_string(candidate.pad_begin + t.output_spatial[a]) + ") not [" + std::to_string(axis.pad_begin) +
               ", " + std::to_string(axis.pad_begin + t.output_spatial[a]) + ")";
  }
  if (!differs) return std::nullopt;
  return LayerNote{"size-only-answer-differs", "PyTorch padding (" + padding + "), output_padding (" + output_padding +
                                                   ") gives the same size " + shape_to_string(t.output_spatial) +
                                                   " but other values: it keeps the cells " + windows +
                                                   " of the uncropped output"};
}

// One query: the layer on one input size, its translations written whole to out.
void translate_one(const TranslateOptions& options, const std::string& input_size, std::ostream& out) {
  const Shape input = parse_int_list(input_size, "INPUT_SIZE", true);
  const LayerSpec spec = to_layer_spec(options.layer, static_cast<int>(input.size()));
  const ResolvedLayer layer = resolve_layer(spec, input);
  const TranslationRequest request{layer.params, input, options.in_channels, options.out_channels};
  const Translations translations = translate_layer(request);
  std::vector<TranslationCheck> checks;
  if (options.check) {
    check_work(request);
    checks = check_translations(request, translations);
  }
  LayerOrigin origin{layer, spec.auto_pad, spec.tf_padding};
  if (const std::optional<LayerNote> note = size_only_note(layer.params, input, translations)) {
    origin.layer.notes.push_back(*note);
  }
  if (options.json) {
    Json json = translations_json(origin, input, translations);
    if (options.check) json["check"] = checks_json(checks);
    out << json.dump() << '\n';
  } else {
    print_translations(origin, input, translations, out);
    if (options.check) print_checks(checks, out);
  }
}

// INPUT_SIZE, or with "-" one input size per line of standard input, as `tconv shape -` reads
// them (size_queries.hpp): one JSON object per line with --json, else the answers apart by a
// blank line. All answers are collected first: on an error standard output stays empty.
int run_translate(const TranslateOptions& options, CliContext& context) {
  std::ostringstream out;
  if (options.input_size != "-") {
    translate_one(options, options.input_size, out);
  } else {
    bool first = true;
    read_size_queries(context.in, [&](const std::string& size) {
      if (!first && !options.json) out << '\n';
      first = false;
      translate_one(options, size, out);
    });
  }
  context.out << out.str();
  return 0;
}

}  // namespace

Command add_translate_command(CLI::App& parent) {
  auto options = std::make_shared<TranslateOptions>();
  CLI::App* app = parent.add_subcommand(
      "translate", "One layer in PyTorch, ONNX, TensorFlow and Keras: exact (same values) or with the recipe");
  OptionGroup arguments(*app, "Arguments");
  arguments
      .positional("INPUT_SIZE", options->input_size,
                  "the input's spatial size: 5, 2x2 or 4x5x6; - reads one per line of standard input")
      ->required();
  add_layer_options(*app, options->layer, true, true);
  OptionGroup channels(*app, "Channels",
                       "Only for the code lines and --check: the translations do not depend on them.");
  channels.integer("--in-channels", options->in_channels, "C", "input channels (default 1)");
  channels.integer("--out-channels", options->out_channels, "C", "output channels, all groups together (default 1)");
  OptionGroup answer(*app, "Answer");
  answer.flag("--json", options->json, "print one JSON object");
  answer.output_file(options->output);
  answer.flag("--check", options->check,
              "run the layer and every translation through tconv's engine on random data and print the largest "
              "difference (0 expected)");
  place_help_flag(*app);
  app->footer([] { return std::string(kTranslateHelpFooter) + "\n"; });
  return {app, [options](CliContext& context) { return run_translate(*options, context); }, &options->output};
}

}  // namespace tconv
