#include "cli/app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/animate_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/completion.hpp"
#include "cli/compute_command.hpp"
#include "cli/help_format.hpp"
#include "cli/inspect_command.hpp"
#include "cli/man_page.hpp"
#include "cli/option_group.hpp"
#include "cli/shape_command.hpp"
#include "cli/spelling.hpp"
#include "cli/translate_command.hpp"
#include "cli/usage_errors.hpp"
#include "core/error.hpp"
#include "io/fd_stream.hpp"
#include "io/output_file.hpp"
#include "io/standard_streams.hpp"
#include "io/terminal_text.hpp"

#ifndef TCONV_VERSION
#error "TCONV_VERSION must be defined by the build"
#endif

namespace tconv {

namespace {

// The rule, also in README's "Exit status" and core/error.hpp.
constexpr const char* kExitStatusHelp =
    "Exit status: 0 success; 1 a value that breaks a rule (--stride 0, an integer too large),\n"
    "bad data, or a file or standard output that cannot be read or written; 2 usage error:\n"
    "unknown option, malformed value, a value not among the choices (--format, --example N),\n"
    "options that exclude each other, or a flag that would have no effect; 128+N when signal\n"
    "N ends tconv (its temporary files are removed first; a closed pipe is quiet, 141).\n"
    "Errors are one line on stderr: tconv: error: ...";

// A closed pipe (`tconv ... | head`) ends tconv quietly with the status SIGPIPE would give,
// also when SIGPIPE is ignored and the write fails with EPIPE instead.
constexpr int kBrokenPipeStatus = 128 + 13;

constexpr size_t kMaxMessageBytes = 1000;

// Messages quote names from files (an ONNX model's nodes) and the user's own words: printed as
// one terminal-safe line of at most 1000 bytes (io/terminal_text.hpp).
int report(CliContext& context, const std::string& message, int status) {
  context.err << "tconv: error: " << terminal_safe(message, kMaxMessageBytes) << '\n';
  return status;
}

// A memory limit's message, with the way to raise it when the command has the flag for it
// (translate --check has a fixed limit: no hint naming a flag it does not take).
std::string memory_limit_message(const MemoryLimitError& error, const CLI::App* command) {
  const bool has_flag = command != nullptr && command->get_option_no_throw("--max-memory") != nullptr;
  return std::string(error.what()) + (has_flag ? " (raise it with --max-memory BYTES)" : "");
}

constexpr const char* kTopFooter =
    "Run tconv help COMMAND (or tconv COMMAND --help) for a command's options. Every --multi-word option also "
    "takes its underscore spelling, as PyTorch writes it: --kernel_size, --output_padding.";

// "unknown command 'x'; did you mean y? (the commands are ...)", or empty for a command.
std::string unknown_command(const std::string& word, const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), word) != names.end()) return "";
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  const std::vector<std::string> near = closest_names(word, names);
  if (!near.empty())
    return "unknown command '" + word + "'; did you mean " + or_list(near) + "? (the commands are " + list + ")";
  return "unknown command '" + word + "'; the commands are " + list + " (see tconv --help)";
}

// The flags every command takes, defined once (command.hpp).
enum class ColorMode { Auto, Always, Never };

struct CommonFlags {
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
};

void add_common_flags(CLI::App& command, CommonFlags& flags) {
  OptionGroup other(command, kOtherOptionsGroup);
  other.flag("-q,--quiet", flags.quiet,
             "print nothing but errors and the result: no notes, warnings, progress or summary lines");
  other.choice("--color", flags.color,
               std::vector<Choice<ColorMode>>{{"auto", ColorMode::Auto},
                                              {"always", ColorMode::Always},
                                              {"never", ColorMode::Never},
                                              {"colour", ColorMode::Always, false}},
               "WHEN",
               "ANSI colour: auto (default: on a terminal, unless NO_COLOR is set or TERM is dumb), always or never");
}

// Runs command as its flags and the shared ones ask: standard output into -o FILE (committed
// only when the command succeeds), standard error silenced by --quiet, colour by --color.
int run_command(const Command& command, const CommonFlags& flags, CliContext& context) {
  const bool to_file = command.output != nullptr && !command.output->empty() && *command.output != "-";
  std::optional<OutputFile> file;
  if (to_file) file.emplace(*command.output);
  std::ostream silent(nullptr);  // --quiet: writes go nowhere
  CliContext inner{context.in, to_file ? file->stream() : context.out, flags.quiet ? silent : context.err};
  inner.out_is_terminal = !to_file && context.out_is_terminal;
  inner.err_is_terminal = !flags.quiet && context.err_is_terminal;
  inner.color_allowed = context.color_allowed;
  inner.help_width = context.help_width;
  inner.color = flags.color == ColorMode::Always ||
                (flags.color == ColorMode::Auto && context.color_allowed && inner.out_is_terminal);
  inner.quiet = flags.quiet;
  const int status = command.run(inner);
  if (file && status == 0) file->commit();
  return status;
}

// `tconv help [COMMAND]`: the help of tconv or of one command, on standard output.
Command add_help_command(CLI::App& app, std::shared_ptr<HelpFormatter> formatter,
                         std::shared_ptr<std::vector<std::string>> names) {
  struct HelpOptions {
    std::string topic;
    bool man = false;
    std::string output;
  };
  auto options = std::make_shared<HelpOptions>();
  CLI::App* help = app.add_subcommand("help", "Print the help of tconv, or of one command");
  CLI::Option* topic = OptionGroup(*help, "Arguments").positional("COMMAND", options->topic, "the command to explain");
  OptionGroup output(*help, "Output");
  output.flag("--man", options->man, "print the manual page of tconv and every command instead (roff, for man -l)")
      ->excludes(topic);
  output.output_file(options->output);
  place_help_flag(*help);
  const auto run = [&app, formatter, names, options](CliContext& context) {
    if (options->man) {
      context.out << man_page(app, kExitStatusHelp);
      return 0;
    }
    if (options->topic.empty()) {
      context.out << formatter->make_help(&app, "tconv", CLI::AppFormatMode::Normal);
      return 0;
    }
    const std::string unknown = unknown_command(options->topic, *names);
    if (!unknown.empty()) throw UsageError(unknown);
    context.out << formatter->make_help(app.get_subcommand(options->topic), "tconv " + options->topic,
                                        CLI::AppFormatMode::Normal);
    return 0;
  };
  return {help, run, &options->output};
}

// Parses and runs one command; every tconv::Error becomes its message and exit status, except a
// closed pipe, which is passed on.
int run_command_line(const std::vector<std::string>& args, CliContext& context) {
  CLI::App app{"tconv: transposed convolution (PyTorch ConvTranspose1d/2d/3d) calculator and animator", "tconv"};
  // Before the commands are added: they share the parent's formatter.
  const auto formatter = std::make_shared<HelpFormatter>(context.help_width);
  app.formatter(formatter);
  app.set_version_flag("-V,--version", std::string("tconv ") + TCONV_VERSION, "print tconv's version and exit")
      ->group("Options");
  app.get_help_ptr()->group("Options")->description("print this help and exit");
  app.require_subcommand(1);
  app.footer(std::string(kTopFooter) + "\n\n" + kExitStatusHelp);

  const auto names = std::make_shared<std::vector<std::string>>();
  std::vector<Command> commands;
  commands.push_back(add_shape_command(app));
  commands.push_back(add_compute_command(app));
  commands.push_back(add_animate_command(app));
  commands.push_back(add_bench_command(app));
  commands.push_back(add_translate_command(app));
  commands.push_back(add_inspect_command(app));
  commands.push_back(add_completion_command(app));
  commands.push_back(add_help_command(app, formatter, names));
  CommonFlags common;
  for (Command& command : commands) {
    command.app->footer(kExitStatusHelp);
    add_common_flags(*command.app, common);
    names->push_back(command.app->get_name());
  }

  // CLI11 would only say "A subcommand is required" for a misspelt command.
  if (!args.empty() && !args.front().empty() && args.front()[0] != '-') {
    const std::string unknown = unknown_command(args.front(), *names);
    if (!unknown.empty()) return report(context, unknown, 2);
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes argv reversed
    app.parse(reversed);
  } catch (const CLI::CallForHelp& call) {
    return app.exit(call, context.out, context.err);
  } catch (const CLI::CallForAllHelp& call) {
    return app.exit(call, context.out, context.err);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version, context.out, context.err);
  } catch (const CLI::ParseError& error) {
    // An unknown option explains the errors that follow from it ("--kernel-size is required").
    return report(context, unused_argument_message(app).value_or(parse_error_message(error, app)), 2);
  } catch (const BrokenPipe&) {
    throw;
  } catch (const Error& error) {  // from tconv's own flag parsers (cli/integer_options.hpp)
    const std::optional<std::string> unused = unused_argument_message(app);
    if (unused) return report(context, *unused, 2);
    return report(context, error.what(), error.exit_code());
  }

  const CLI::App* running = nullptr;  // the command being run, for memory_limit_message
  try {
    for (Command& command : commands) {
      if (!command.app->parsed()) continue;
      running = command.app;
      return run_command(command, common, context);
    }
    return report(context, "no command given; see tconv --help", 2);
  } catch (const BrokenPipe&) {
    throw;
  } catch (const MemoryLimitError& error) {
    return report(context, memory_limit_message(error, running), error.exit_code());
  } catch (const Error& error) {
    return report(context, error.what(), error.exit_code());
  } catch (const std::bad_alloc&) {
    return report(context, "out of memory: this machine cannot hold tensors of these sizes", 1);
  } catch (const std::exception& error) {
    // Not a user error: a bug or a failure of the system. Still one line, never a crash.
    return report(context, std::string("internal error: ") + error.what(), 1);
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& args, CliContext& context) {
  try {
    const int status = run_command_line(args, context);
    if (status != 0) return status;  // reported; what is buffered goes out at exit, as it may
    // What is still buffered: a full disk may only show here.
    context.out.flush();
    if (!context.out) throw IoError("cannot write standard output");
    return status;
  } catch (const BrokenPipe&) {
    return kBrokenPipeStatus;
  } catch (const Error& error) {
    return report(context, error.what(), error.exit_code());
  } catch (const std::ios_base::failure&) {  // a stream without a message of its own
    return report(context, "cannot write standard output", 1);
  }
}

int run_cli(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  StandardStreams streams;
  CliContext context{streams.in(), streams.out(), std::cerr};
  context.out_is_terminal = streams.out_is_terminal();
  context.err_is_terminal = streams.err_is_terminal();
  context.help_width = help_width(context.out_is_terminal);
  // Colour, when --color is auto: never with NO_COLOR set (no-color.org) or on a dumb terminal.
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  context.color_allowed =
      (no_color == nullptr || no_color[0] == '\0') && (term == nullptr || std::string(term) != "dumb");
  int status = run_cli(args, context);
  if (status == 0) {
    try {
      streams.close_output();
    } catch (const BrokenPipe&) {
      status = kBrokenPipeStatus;
    } catch (const Error& error) {
      status = report(context, error.what(), 1);
    }
  }
  return status;
}

}  // namespace tconv
