#include "cli/animate_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <ostream>
#include <system_error>
#include <utility>

#include "cli/compute_overlap.hpp"
#include "cli/compute_report.hpp"
#include "cli/frame_files.hpp"
#include "cli/layer_options.hpp"
#include "cli/option_group.hpp"
#include "cli/progress_line.hpp"
#include "cli/tensor_inputs.hpp"
#include "cli/value_parsing.hpp"
#include "core/article_cases.hpp"
#include "core/error.hpp"
#include "core/overlap_view.hpp"
#include "explorer/explorer_page.hpp"
#include "io/output_file.hpp"
#include "modules/modules.hpp"
#include "render/article_figures.hpp"
#include "render/frame_count.hpp"
#include "render/picture_limits.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

namespace fs = std::filesystem;

namespace {

struct AnimateOptions {
  std::string figure;  // 1..11 or all
  std::optional<int> example;
  TensorInputOptions tensors;
  LayerOptions layer;
  std::optional<AnimationStyle> style;  // empty: scatter
  std::string out_dir;
  std::string old_out;  // --out DIR, the old name of -O/--out-dir
  std::string output;   // -o FILE: a .gif or .html file, by its extension
  std::string gif;
  std::string html;  // --html FILE: the interactive explorer page
  std::optional<FrameFormat> frame_format;
  std::optional<FrameFormat> old_format;  // --format, the old name of --frame-format
  bool list = false;                      // --list: every path written, also on a terminal
  int delay_ms = 0;                       // --delay MS; 0: each style's own times
  double scale = 1.0;
  std::vector<std::string> notes;  // for an old flag name, printed once the flags are checked
  bool force = false;
  bool numbers = false;
  bool no_numbers = false;
  int64_t batch_index = 0;
  int64_t out_channel = 0;
};

const std::vector<Choice<AnimationStyle>> kStyles{{"scatter", AnimationStyle::Scatter},
                                                  {"steps", AnimationStyle::Steps},
                                                  {"gather", AnimationStyle::Gather},
                                                  {"overlap", AnimationStyle::Overlap},
                                                  {"zero-insertion", AnimationStyle::Gather, false}};

std::string style_name(AnimationStyle style) {
  for (const Choice<AnimationStyle>& choice : kStyles) {
    if (choice.value == style) return choice.name;
  }
  return "scatter";
}

std::vector<int> parse_figures(const std::string& text) {
  if (text == "all") {
    std::vector<int> all;
    for (int n = 1; n <= kArticleFigureCount; ++n) all.push_back(n);
    return all;
  }
  const bool digits = !text.empty() && text.size() <= 3 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int number = digits ? std::stoi(text) : 0;
  if (number < 1 || number > kArticleFigureCount) {
    throw UsageError("--figure must be 1 to " + std::to_string(kArticleFigureCount) + " or all, got '" + text + "'");
  }
  return {number};
}

// Refuses a picture nobody could read: one grid limit for every style (picture_limits.hpp),
// and the strip's panel count.
void check_drawable(const SliceShape& shape, AnimationStyle style) {
  check_grid_limits(shape);
  if (style == AnimationStyle::Steps) check_step_panels(shape);
}

// What a run wrote, for its closing lines.
struct Written {
  std::vector<std::string> paths;  // every path, in order (AnimationFiles::commit)
  int64_t frames = 0;              // frames drawn, over every figure
  int folders = 0;                 // frame folders written (one per figure)
};

// "412 KB": a size for people, in powers of 1000 as ls -h --si and file managers show it.
std::string size_text(uintmax_t bytes) {
  const char* units[] = {"bytes", "KB", "MB", "GB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 3) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 || value >= 10 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

uintmax_t file_bytes(const std::string& path) {
  std::error_code error;
  const uintmax_t size = fs::file_size(path, error);
  return error ? 0 : size;
}

// The closing lines on standard output: nothing with --quiet or when the GIF or the page itself
// went there; every path, one per line, with --list or when standard output is not a terminal
// (a pipe or a file: `tconv animate ... | xargs`); else one summary line, e.g.
// "wrote 9 PNG frames and frames.json to out (412 KB), out.gif (9 frames, 96 KB)".
void report_written(const AnimateOptions& options, CliContext& context, const Written& written) {
  if (context.quiet || options.gif == "-" || options.html == "-") return;
  if (options.list || !context.out_is_terminal) {
    for (const std::string& path : written.paths) context.out << path << '\n';
    return;
  }
  uintmax_t frame_bytes = 0;
  for (const std::string& path : written.paths) {
    if (path != options.gif && path != options.html) frame_bytes += file_bytes(path);
  }
  std::vector<std::string> parts;
  if (!options.out_dir.empty()) {
    const std::string kind = options.frame_format == FrameFormat::Svg ? "SVG" : "PNG";
    const std::string where = written.folders > 1
                                  ? "frames.json each to " + options.out_dir + "/fig01 ... fig" +
                                        (written.folders < 10 ? "0" : "") + std::to_string(written.folders)
                                  : "frames.json to " + options.out_dir;
    parts.push_back(std::to_string(written.frames) + " " + kind + " frames and " + where + " (" +
                    size_text(frame_bytes) + ")");
  }
  if (!options.gif.empty()) {
    parts.push_back(options.gif + " (" + std::to_string(written.frames) + " frames, " +
                    size_text(file_bytes(options.gif)) + ")");
  }
  if (!options.html.empty()) parts.push_back(options.html + " (" + size_text(file_bytes(options.html)) + ")");
  std::string line = "wrote ";
  for (size_t i = 0; i < parts.size(); ++i) line += (i > 0 ? ", " : "") + parts[i];
  context.out << line << '\n';
}

// Refuses more frames than the cap before any is drawn (the drawing would take minutes).
void check_frame_count(int64_t frames) {
  if (frames > kMaxFrames) {
    throw InvalidParameter("this animation would have " + std::to_string(frames) + " frames; animate writes at most " +
                           std::to_string(kMaxFrames) + ": choose a smaller input or one channel");
  }
}

// The explorer page of an article figure: its case's layer, in the figure's view (Figure 9,
// the dilated kernels, opens case 5, dilation).
std::string figure_page(int number) {
  const ArticleFigure figure = article_figure(number);
  const ArticleCase example = article_case(figure.case_number == 0 ? 5 : figure.case_number);
  const ResolvedLayer layer =
      resolve_layer(example.layer, Shape(example.input.shape.begin() + 2, example.input.shape.end()));
  const std::string view = figure.style == FigureStyle::Steps ? "steps" : "scatter";
  return explorer_page(
      explorer_layer(example.input, example.weight, nullptr, example.layer, layer.params, figure.title, view));
}

// Whether frames or a GIF are drawn; without them, only the explorer page is written.
bool draws_frames(const AnimateOptions& options) { return !options.out_dir.empty() || !options.gif.empty(); }

// Every limit of the pictures and the page, from the layer's shapes alone: the grid, the strip's
// panels, the page's input channels, the frame count. Checked before generated tensors are
// filled and again (with the bias) before the slice is traced: a large layer's trace would take
// gigabytes. Returns the slice's shape.
SliceShape check_layer_limits(const AnimateOptions& options, AnimationStyle style, const Shape& input,
                              const Shape& weight, int64_t bias_size, const ConvParams& params) {
  const SliceShape shape =
      slice_shape(input, weight, bias_size, params, SliceChoice{options.batch_index, options.out_channel});
  check_drawable(shape, style);
  if (!options.html.empty()) check_explorer_channels(shape.in_channels, shape.groups);
  if (draws_frames(options)) check_frame_count(animation_frame_count(shape, style));
  return shape;
}

int run_figures(const AnimateOptions& options, const DrawOptions& draw, FrameFormat format, CliContext& context) {
  const std::vector<int> figures = parse_figures(options.figure);
  if (figures.size() > 1 && !options.gif.empty()) {
    throw UsageError("--gif writes one animation: give one --figure, not all");
  }
  if (figures.size() > 1 && !options.html.empty()) {
    throw UsageError("--html writes one page: give one --figure, not all");
  }
  // Every folder is checked before the first figure is drawn.
  const auto folder_of = [&](int number) {
    if (options.out_dir.empty()) return std::string();
    if (figures.size() == 1) return options.out_dir;
    char name[8];
    std::snprintf(name, sizeof name, "fig%02d", number);
    return (fs::path(options.out_dir) / name).string();
  };
  if (!options.out_dir.empty() && figures.size() > 1) {
    std::error_code error;
    if (fs::exists(options.out_dir, error) && !fs::is_directory(options.out_dir, error)) {
      throw IoError("--out-dir " + options.out_dir + " exists and is not a folder");
    }
  }
  for (int number : figures) {
    if (!options.out_dir.empty()) check_frame_folder(folder_of(number), options.force);
  }
  int64_t total = 0;  // the frames of every figure, for the progress line
  if (draws_frames(options)) {
    for (int number : figures) total += figure_frame_count(number);
  }
  Written written;
  for (int number : figures) {
    const ArticleFigure figure = article_figure(number);
    AnimationFiles files(folder_of(number), options.force, options.gif, options.html, context.out);
    if (!options.html.empty()) files.write_html(figure_page(number));
    if (draws_frames(options)) {
      const std::unique_ptr<FrameOutput> writer =
          render_module().open_frames(format, !options.out_dir.empty(), !options.gif.empty(), draw.scale,
                                      {figure.title, figure_style_name(figure.style), figure.number}, files);
      ProgressLine progress(context.err, context.err_is_terminal, "figure " + std::to_string(number), total);
      const int64_t before = written.frames;
      writer->on_frame([&progress, before](int frames) { progress.show(before + frames); });
      render_module().draw_article_figure(number, draw, *writer);
      writer->finish();
      progress.clear();
      written.frames += writer->frame_count();
      if (!options.out_dir.empty()) ++written.folders;
    }
    const std::vector<std::string> paths = files.commit();
    written.paths.insert(written.paths.end(), paths.begin(), paths.end());
  }
  report_written(options, context, written);
  return 0;
}

int run_layer(const AnimateOptions& options, const DrawOptions& draw, FrameFormat format, CliContext& context) {
  const AnimationStyle style = options.style.value_or(AnimationStyle::Scatter);
  TensorInputs tensors;
  LayerSpec spec;
  if (options.example) {
    check_example_flags(*options.example, options.tensors, layer_flags_given(options.layer));
    tensors = article_case_inputs(*options.example);
    spec = article_case(*options.example).layer;
  } else {
    // The overlap map needs only sizes: ones stand in for data not given.
    TensorInputOptions sources = style == AnimationStyle::Overlap
                                     ? with_size_stand_ins(options.tensors, options.layer, "--style overlap")
                                     : options.tensors;
    sources.check_shapes = [&](const Shape& input, const Shape& weight) {
      const LayerSpec shaped =
          to_layer_spec(options.layer, static_cast<int>(input.size()) - 2, Shape(weight.begin() + 2, weight.end()));
      const ResolvedLayer resolved = resolve_layer(shaped, Shape(input.begin() + 2, input.end()));
      check_layer_limits(options, style, input, weight, -1, resolved.params);
    };
    tensors = load_tensor_inputs(sources, options.layer, context.in);
    spec = to_layer_spec(options.layer, tensors.dims, tensors.kernel_size());
  }
  const Shape spatial(tensors.input.shape().begin() + 2, tensors.input.shape().end());
  const ResolvedLayer layer = resolve_layer(spec, spatial);
  // Every limit from the shapes, before the slice is traced and before any file is opened.
  const SliceChoice slice{options.batch_index, options.out_channel};
  const SliceShape shape = check_layer_limits(options, style, tensors.input.shape(), tensors.weight.shape(),
                                              tensors.bias ? tensors.bias->size() : -1, layer.params);
  tensors.convert_to<double>();  // the step stream is drawn from double values
  tensors.make_owned();
  const SliceTrace trace = trace_slice(tensors.input.get<double>(), tensors.weight.get<double>(),
                                       tensors.bias ? &tensors.bias->get<double>() : nullptr, layer.params, slice,
                                       options.tensors.max_memory);
  const std::string page =
      options.html.empty()
          ? std::string()
          : explorer_page(explorer_layer(tensors.input.get<double>(), tensors.weight.get<double>(),
                                         tensors.bias ? &tensors.bias->get<double>() : nullptr, spec, layer.params,
                                         "tconv explorer: " + describe_layer(layer.params), style_name(style),
                                         options.batch_index, options.out_channel));
  if (!options.out_dir.empty()) check_frame_folder(options.out_dir, options.force);

  AnimationFiles files(options.out_dir, options.force, options.gif, options.html, context.out);
  if (!options.html.empty()) files.write_html(page);
  Written written;
  if (!draws_frames(options)) {
    written.paths = files.commit();
    report_written(options, context, written);
    return 0;
  }
  const std::string name = style_name(style);
  const std::unique_ptr<FrameOutput> writer =
      render_module().open_frames(format, !options.out_dir.empty(), !options.gif.empty(), draw.scale,
                                  {"tconv animate --style " + name, name, 0}, files);
  ProgressLine progress(context.err, context.err_is_terminal, "animate", animation_frame_count(shape, style));
  writer->on_frame([&progress](int frames) { progress.show(frames); });
  switch (style) {
    case AnimationStyle::Scatter:
      render_module().draw_scatter(trace, draw, *writer);
      break;
    case AnimationStyle::Steps:
      render_module().draw_steps(trace, draw, *writer);
      break;
    case AnimationStyle::Gather:
      render_module().draw_gather(trace, draw, *writer);
      break;
    case AnimationStyle::Overlap:
      render_module().draw_overlap(trace, overlap_view(layer.params, spatial, options.tensors.max_memory), draw,
                                   *writer);
      break;
  }
  writer->finish();
  progress.clear();
  written.frames = writer->frame_count();
  written.folders = options.out_dir.empty() ? 0 : 1;
  written.paths = files.commit();
  report_written(options, context, written);
  return 0;
}

// The old names (--out, --format) and -o FILE, as the output flags they stand for. The old
// names still work, with a note naming the new one.
AnimateOptions resolve_output_flags(const AnimateOptions& given) {
  AnimateOptions options = given;
  if (!options.old_out.empty()) {
    if (!options.out_dir.empty()) throw UsageError("-O/--out-dir and --out (its old name) both given; give -O once");
    options.out_dir = options.old_out;
    options.notes.push_back("--out is the old name of -O/--out-dir DIR (the frame folder); -o/--output names one file");
  }
  if (options.old_format) {
    if (options.frame_format) {
      throw UsageError("--frame-format and --format (its old name) both given; give --frame-format once");
    }
    options.frame_format = options.old_format;
    options.notes.push_back("animate's --format is now --frame-format (--format names compute's data format)");
  }
  if (options.out_dir == "-") {
    throw UsageError(
        "-O - : frames need a folder, not standard output; one file on standard output is --gif - or --html -");
  }
  if (options.output.empty()) return options;
  const std::string& file = options.output;
  if (file == "-") {
    throw UsageError("-o - cannot tell which file to write to standard output: give --gif - or --html -");
  }
  const std::string extension = lowercase_extension(file);
  std::string* target = extension == "gif"                          ? &options.gif
                        : extension == "html" || extension == "htm" ? &options.html
                                                                    : nullptr;
  if (target == nullptr) {
    if (extension == "png" || extension == "svg") {
      throw UsageError("-o " + file + ": " + (extension == "png" ? "PNG" : "SVG") +
                       " frames are one file each and go to a folder: -O DIR" +
                       (extension == "svg" ? " --frame-format svg" : ""));
    }
    throw UsageError("-o " + file +
                     ": animate writes one file as .gif (--gif) or .html (--html), told by the extension; "
                     "frames go to a folder: -O DIR");
  }
  if (!target->empty()) {
    throw UsageError("-o " + file + " and " + (target == &options.gif ? "--gif " : "--html ") + *target +
                     " both name the " + (target == &options.gif ? "GIF" : "page") + "; give one");
  }
  *target = file;
  return options;
}

int run_animate(const AnimateOptions& given, CliContext& context) {
  const AnimateOptions options = resolve_output_flags(given);
  if (options.out_dir.empty() && options.gif.empty() && options.html.empty()) {
    throw UsageError("animate needs -O/--out-dir DIR (frames), --gif FILE, --html FILE or -o FILE.gif/.html");
  }
  if (!(options.scale >= 0.25 && options.scale <= 8)) {
    throw InvalidParameter("--scale must be between 0.25 and 8, got " + std::to_string(options.scale));
  }
  if (options.list && context.quiet) throw UsageError("--list and -q/--quiet contradict each other; pick one");
  if (options.delay_ms != 0) {
    if (!draws_frames(options)) throw UsageError("--delay times frames: it needs -O DIR or --gif FILE");
    if (options.delay_ms < 20 || options.delay_ms > 60000) {
      // Browsers show a GIF frame under 20 ms for 100 ms instead.
      throw InvalidParameter("--delay must be 20 to 60000 ms, got " + std::to_string(options.delay_ms));
    }
  }
  const FrameFormat format = options.frame_format.value_or(FrameFormat::Png);
  if (format == FrameFormat::Svg && !options.gif.empty()) {
    throw UsageError("--gif needs raster frames: drop --frame-format svg (or run twice)");
  }
  if (format == FrameFormat::Svg && options.out_dir.empty()) {
    throw UsageError("--frame-format svg needs -O/--out-dir DIR");
  }
  if (options.gif == "-" && context.out_is_terminal) {
    throw UsageError("refusing to write a binary GIF to a terminal; redirect stdout or give --gif FILE");
  }
  if (options.gif == "-" && options.html == "-") {
    throw UsageError("--gif - and --html - would both write to standard output; give one of them a FILE");
  }
  // Two outputs into one file: the later would silently replace the earlier (a folder and a new
  // file of the same name too: the file would be renamed onto the folder, or the folder over it).
  const std::pair<const char*, const std::string*> outputs[] = {
      {"-O/--out-dir", &options.out_dir}, {"--gif", &options.gif}, {"--html", &options.html}};
  for (size_t i = 0; i < std::size(outputs); ++i) {
    for (size_t j = i + 1; j < std::size(outputs); ++j) {
      const std::string& first = *outputs[i].second;
      const std::string& second = *outputs[j].second;
      if (first.empty() || second.empty() || first == "-" || second == "-") continue;
      if (same_output_file(first, second)) {
        throw UsageError(std::string(outputs[i].first) + " " + first + " and " + outputs[j].first + " " + second +
                         " would write the same file; give each output its own");
      }
    }
  }
  // The folder is replaced as a whole when the run ends: a GIF or page inside it would go with
  // the old one.
  const auto refuse_inside_folder = [&](const std::string& flag, const std::string& path, const std::string& what) {
    if (path.empty() || path == "-" || options.out_dir.empty()) return;
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(fs::absolute(path, error).parent_path(), error);
    if (!error && folder == fs::weakly_canonical(fs::absolute(options.out_dir, error), error)) {
      throw UsageError(flag + " " + path + " is inside the --out-dir folder, which tconv replaces as a whole; write " +
                       what + " elsewhere");
    }
  };
  refuse_inside_folder("--gif", options.gif, "the GIF");
  refuse_inside_folder("--html", options.html, "the page");
  DrawOptions draw;
  draw.scale = options.scale;
  draw.delay_ms = options.delay_ms;
  draw.surface = format == FrameFormat::Svg ? SurfaceKind::Svg : SurfaceKind::Raster;
  if (options.numbers && options.no_numbers)
    throw UsageError("--numbers and --no-numbers contradict each other; pick one");
  draw.numbers = options.numbers ? Numbers::Always : options.no_numbers ? Numbers::Never : Numbers::Auto;
  for (const std::string& note : options.notes) context.err << "tconv: note: " << note << '\n';
  if (draws_frames(options) && !render_module().fonts_embedded()) {
    context.err
        << "tconv: warning: the DejaVu fonts were not embedded at build time; using the system's default font\n";
  }
  if (!options.figure.empty()) {
    if (options.example || !tensor_flags_given(options.tensors).empty() || layer_flags_given(options.layer) ||
        options.style || options.batch_index != 0 || options.out_channel != 0) {
      throw UsageError(
          "--figure N draws the article's own figure; drop --example, --input/--weight/--bias and the "
          "other tensor flags, --style, --batch-index, --out-channel and the layer flags (-k, -s, -p, ...)");
    }
    return run_figures(options, draw, format, context);
  }
  return run_layer(options, draw, format, context);
}

}  // namespace

Command add_animate_command(CLI::App& parent) {
  auto options = std::make_shared<AnimateOptions>();
  CLI::App* app = parent.add_subcommand(
      "animate", "Frames and GIFs that show how a transposed convolution works (the article's Figures 1-11)");
  // A footer callback, so that app.cpp's exit-status footer (a string) is printed after it.
  app->footer([] {
    return std::string(
        "Examples:\n"
        "  tconv animate --figure all -O figs                     Figures 1-11: PNG frames and frames.json\n"
        "  tconv animate --figure 5 -o padding.gif                Figure 5 as an animated GIF\n"
        "  tconv animate --example 4 --style steps -O op          the calculation strip of case 4\n"
        "  tconv animate --example 3 --style gather --gif g.gif   conv_arithmetic's view\n"
        "  tconv animate --style overlap --input-size 4x4 -k 3 -s 2 -O k3s2   the checkerboard map\n"
        "  tconv animate --example 2 --frame-format svg -O slides vector frames\n"
        "  tconv animate --example 3 --html padding.html          the interactive explorer page\n"
        "  tconv animate --input '[[1,2,3],[4,5,6]]' --weight '[[1,0],[0,-1]]' -s 2 -O mine\n");
  });
  OptionGroup figures(*app, "The article's figures");
  figures.text("--figure", options->figure, "N",
               "draw the article's figure N (1-11), or all of them: DIR/fig01 ... DIR/fig11");
  OptionGroup input(*app, kInputGroup, kInputGroupNote);
  input.integer("--example", options->example, "N", "the article's case N (1-5), as compute --example");
  add_tensor_input_options(input, options->tensors);
  add_layer_options(*app, options->layer, true, false);
  OptionGroup view(*app, "What is drawn");
  view.choice("--style", options->style, kStyles, "STYLE",
              "scatter (default: one frame per input element), steps (the calculation strip), gather (the "
              "equivalent direct convolution, one frame per output cell) or overlap (how many input-tap pairs "
              "reach each output cell: the checkerboard map; needs only sizes)");
  view.integer("--batch-index", options->batch_index, "N", "which batch item to draw (default 0)");
  view.integer("--out-channel", options->out_channel, "C", "which output channel to draw (default 0)");
  view.flag("--numbers", options->numbers,
            "draw the values even where the picture must grow large for them (by default they are left out, "
            "with a note, when they would be under 9 px)");
  view.flag("--no-numbers", options->no_numbers, "draw cells without values");
  OptionGroup output(*app, "Output",
                     "At least one of -O/--out-dir, --gif, --html and -o. On a terminal one line sums up what was "
                     "written; with --list, or when standard output is a pipe or a file, every path, one per line.");
  output.text("-O,--out-dir", options->out_dir, "DIR", "write the frames and frames.json to this folder");
  output.text("-o,--output", options->output, "FILE",
              "write one file, told by its extension: FILE.gif (as --gif) or FILE.html (as --html)");
  output.text("--gif", options->gif, "FILE", "write an animated GIF to FILE (- for standard output)");
  output.text("--html", options->html, "FILE",
              "write the interactive explorer to FILE (- for standard output): one self-contained HTML page to "
              "step through the layer, ask any cell for its terms and edit the parameters live");
  const std::vector<Choice<FrameFormat>> formats{{"png", FrameFormat::Png}, {"svg", FrameFormat::Svg}};
  output.choice("--frame-format", options->frame_format, formats, "FORMAT", "frame files: png (default) or svg");
  output.number("--scale", options->scale, "X", "resolution factor, 0.25 to 8 (default 1)");
  output.integer("--delay", options->delay_ms, "MS",
                 "show every frame MS milliseconds, the last one 3 times as long (default: each style's own "
                 "pace, the last frame held longer); 20 to 60000");
  output.flag("--force", options->force, "replace the frames of an earlier run in DIR (the folder as a whole)");
  output.flag("--list", options->list, "print every path written, also on a terminal");
  // The old names, hidden from help (an empty group): each run with one gets a note.
  OptionGroup old_names(*app, "");
  old_names.text("--out", options->old_out, "DIR", "the old name of -O/--out-dir");
  old_names.choice("--format", options->old_format, formats, "FORMAT", "the old name of --frame-format");
  place_help_flag(*app);
  return {app, [options](CliContext& context) { return run_animate(*options, context); }};
}

}  // namespace tconv
