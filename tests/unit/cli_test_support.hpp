// Running the CLI in process for tests: run_cli with string streams instead of the process's.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace tconv::testing {

struct CliRun {
  int status = -1;
  std::string out, err;
};

// Runs `tconv ARGS` with `stdin_text` as standard input. `terminal` makes stdout look like a
// colour terminal (NO_COLOR unset).
inline CliRun run_tconv(const std::vector<std::string>& args, const std::string& stdin_text = "",
                        bool terminal = false) {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  CliContext context{in, out, err};
  context.out_is_terminal = terminal;
  context.color_allowed = true;
  CliRun result;
  result.status = run_cli(args, context);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace tconv::testing
