// The command-line front end: parses argv, runs one subcommand, and is the single place
// where tconv::Error is caught and turned into "tconv: error: <message>" on err plus the
// documented exit status (0 success, 1 user error, 2 usage error).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace tconv {

// For main(): the process's standard streams (io/standard_streams.hpp). Standard output is
// flushed and closed at the end, and a failure there is an error like any other ("tconv: error:
// cannot write standard output: No space left on device", exit 1).
int run_cli(int argc, char** argv);

// For in-process tests: args excludes the program name. Flushes context.out at the end; an
// exception from its buffer (io/fd_stream.hpp) or a bad state is reported as a write error. A
// closed pipe (BrokenPipe) gives status 141 and no message, as SIGPIPE would.
int run_cli(const std::vector<std::string>& args, CliContext& context);

}  // namespace tconv
