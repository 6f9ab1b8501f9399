// What every subcommand file provides to the app: a CLI11 subcommand with its flags bound to
// an options struct it owns, and a runner that does the work. Pattern: per subcommand an
// options struct, a setup (add_X_command) that binds flags into it, a run that uses it.
// The flags every command shares are the app's (app.cpp): -q/--quiet and --color WHEN, and
// -o/--output FILE, which a command declares (OptionGroup::output_file) and the app carries
// out: the runner writes to context.out, which is then FILE, written atomically.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace tconv {

// The process's streams as a command sees them. Tests pass string streams.
struct CliContext {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  bool color_allowed = false;  // the environment allows colour: NO_COLOR unset or empty, TERM not dumb
  size_t help_width = 80;      // the columns --help is wrapped to (help_format.hpp: help_width)
  // Set by the app for the command it runs:
  bool color = false;  // --color: ANSI colour on out (auto: out is a terminal and colour allowed)
  bool quiet = false;  // -q/--quiet: err receives nothing; no summary lines either
};

using CommandRunner = std::function<int(CliContext&)>;  // returns the exit status

struct Command {
  CLI::App* app = nullptr;
  CommandRunner run;
  // The command's -o/--output FILE (empty or "-": standard output), or null when the command
  // has no such flag or handles it itself (animate: -o names a GIF or page by its extension).
  const std::string* output = nullptr;
};

}  // namespace tconv
