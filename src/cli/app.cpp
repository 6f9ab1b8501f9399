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

#ifndef TCONV_VERSION
#error "TCONV_VERSION must be defined by the build"
#endif

namespace tconv {

namespace {

constexpr const char* kExitStatusHelp =
    "Exit status: 0 success; 1 invalid parameter, bad data or unreadable file;\n"
    "2 usage error (unknown option, missing or malformed flag value).\n"
    "Errors are one line on stderr: tconv: error: ...";

int report(CliContext& context, const std::string& message, int status) {
  context.err << "tconv: error: " << message << '\n';
  return status;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, CliContext& context) {
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
  }

  try {
    for (Command& command : commands) {
      if (command.first->parsed()) return command.second(context);
    }
    return report(context, "no subcommand given; see tconv --help", 2);
  } catch (const Error& error) {
    return report(context, error.what(), error.exit_code());
  } catch (const std::bad_alloc&) {
    return report(context, "out of memory: this machine cannot hold tensors of these sizes", 1);
  } catch (const std::exception& error) {
    // Not a user error: a bug or a failure of the system. Still one line, never a crash.
    return report(context, std::string("internal error: ") + error.what(), 1);
  }
}

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  CliContext context{std::cin, out, err};
  context.out_is_terminal = &out == &std::cout && isatty(STDOUT_FILENO) == 1;
  context.err_is_terminal = &err == &std::cerr && isatty(STDERR_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  context.color_allowed = no_color == nullptr || no_color[0] == '\0';
  return run_cli(args, context);
}

}  // namespace tconv
