#include "cli/app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/animate_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/compute_command.hpp"
#include "cli/shape_command.hpp"
#include "core/error.hpp"
#include "io/fd_stream.hpp"
#include "io/standard_streams.hpp"

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

int report(CliContext& context, const std::string& message, int status) {
  context.err << "tconv: error: " << message << '\n';
  return status;
}

// Parses and runs one command; every tconv::Error becomes its message and exit status, except a
// closed pipe, which is passed on.
int run_command_line(const std::vector<std::string>& args, CliContext& context) {
  CLI::App app{"tconv: transposed convolution (PyTorch ConvTranspose1d/2d/3d) calculator and animator", "tconv"};
  app.set_version_flag("--version", std::string("tconv ") + TCONV_VERSION);
  app.require_subcommand(1);
  app.footer(kExitStatusHelp);
  app.get_formatter()->column_width(34);

  std::vector<Command> commands;
  commands.push_back(add_shape_command(app));
  commands.push_back(add_compute_command(app));
  commands.push_back(add_animate_command(app));
  commands.push_back(add_bench_command(app));
  for (Command& command : commands) command.first->footer(kExitStatusHelp);

  // CLI11 would only say "A subcommand is required" for a misspelt command.
  if (!args.empty() && !args.front().empty() && args.front()[0] != '-') {
    std::string names;
    bool known = false;
    for (const Command& command : commands) {
      known = known || command.first->get_name() == args.front();
      names += (names.empty() ? "" : ", ") + command.first->get_name();
    }
    if (!known) {
      return report(context, "unknown command '" + args.front() + "'; the commands are " + names + " (see tconv --help)", 2);
    }
  }

  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes argv reversed
    app.parse(reversed);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help, context.out, context.err);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help, context.out, context.err);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version, context.out, context.err);
  } catch (const CLI::ParseError& error) {
    std::string hint = app.get_subcommands().empty() ? "; see tconv --help" : "; see tconv " +
                       app.get_subcommands().front()->get_name() + " --help";
    return report(context, error.what() + hint, 2);
  } catch (const BrokenPipe&) {
    throw;
  } catch (const Error& error) {  // from tconv's own flag parsers (cli/integer_options.hpp)
    return report(context, error.what(), error.exit_code());
  }

  try {
    for (Command& command : commands) {
      if (command.first->parsed()) return command.second(context);
    }
    return report(context, "no subcommand given; see tconv --help", 2);
  } catch (const BrokenPipe&) {
    throw;
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
  const char* no_color = std::getenv("NO_COLOR");
  context.color_allowed = no_color == nullptr || no_color[0] == '\0';
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
