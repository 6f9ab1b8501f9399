// Integer flags (--groups, --batch, --threads, --max-memory, ...) parsed by tconv's rules instead
// of CLI11's, so that every integer flag answers alike: "abc" or "1.5" is a malformed value
// (UsageError, exit 2), and a well-formed integer beyond the flag's type is a value that breaks
// a rule (InvalidParameter, exit 1, "--threads must be at most 2147483647, got 99999999999"),
// as for the list flags (cli/value_parsing.hpp). CLI11 would call both "Could not convert"
// (exit 2), or silently clamp a huge --groups to the 64-bit maximum.
// The errors are thrown while CLI11 parses; app.cpp reports them with their exit status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace tconv {

// Binds the flag `names` (CLI11 syntax, e.g. "-g,--groups") to target. T is int or int64_t;
// the optional form stays empty when the flag is not given.
template <typename T>
CLI::Option* add_integer_option(CLI::App& app, const std::string& names, T& target, const std::string& description);
template <typename T>
CLI::Option* add_integer_option(CLI::App& app, const std::string& names, std::optional<T>& target,
                                const std::string& description);

}  // namespace tconv
