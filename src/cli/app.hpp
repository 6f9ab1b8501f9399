// The command-line front end: parses argv, runs one subcommand, and is the single place
// where tconv::Error is caught and turned into "tconv: error: <message>" on err plus the
// documented exit status (0 success, 1 user error, 2 usage error).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace tconv {

// For main(): detects terminals when out/err are std::cout/std::cerr and reads std::cin.
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

// For in-process tests: args excludes the program name.
int run_cli(const std::vector<std::string>& args, CliContext& context);

}  // namespace tconv
