// Usage errors in tconv's words, for app.cpp: what was wrong with the command line, said so
// that the next attempt works. CLI11 finds them; these functions word them.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace tconv {

// The first argument of the last parse that no option or command took, as a message, or
// nullopt when every argument was taken. In the order they are looked for:
//   - an option of tconv itself after a command: "--version is an option of tconv itself, not
//     of tconv shape: tconv --version"
//   - a command's option before the command: "-k is an option of tconv shape: put it after the
//     command, as in tconv shape ... -k"
//   - an unknown option: "unknown option --strid for tconv shape; did you mean --stride?" (a
//     near spelling, closest_names, or for a single letter its other case or the one long name
//     starting with it: -V -> --version), else "...; see tconv shape --help"
//   - a word nothing takes: "unexpected argument '3x3' for tconv shape; see tconv shape --help"
// top is the whole command line's app; its parsed command is looked at as well.
std::optional<std::string> unused_argument_message(const CLI::App& top);

// A CLI11 parse error of top's last parse as one line (without "tconv: error: "), for the
// errors CLI11 words differently from tconv ("A subcommand is required", "--out: At Most 1
// required but received 2", "--explain excludes --target"). Others are passed on, with a
// hint to the help of the command that was parsed.
std::string parse_error_message(const CLI::ParseError& error, const CLI::App& top);

}  // namespace tconv
