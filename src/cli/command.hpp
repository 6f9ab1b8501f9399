// What every subcommand file provides to the app: a CLI11 subcommand with its flags bound to
// an options struct it owns, and a runner that does the work. Pattern: per subcommand an
// options struct, a setup (add_X_command) that binds flags into it, a run that uses it.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <utility>

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
  bool color_allowed = false;  // NO_COLOR is unset or empty; colour also needs a terminal
  size_t help_width = 80;      // the columns --help is wrapped to (help_format.hpp: help_width)
};

using CommandRunner = std::function<int(CliContext&)>;  // returns the exit status
using Command = std::pair<CLI::App*, CommandRunner>;

}  // namespace tconv
