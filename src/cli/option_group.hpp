// Declaring a command's flags, one way for every command, so that each help reads alike and a
// new group of flags or a new command takes a few lines:
//
//   OptionGroup layer(*app, "Layer, PyTorch's names", "PyTorch's spellings work too: --kernel_size.");
//   layer.text("-k,--kernel-size", options.kernel_size, "K[,K2[,K3]]", "kernel size");
//   layer.integer("-g,--groups", options.groups, "G", "groups (default 1)");
//   layer.choice("--auto-pad", options.auto_pad, kAutoPadChoices, "MODE", "ONNX auto_pad");
//
// Every option declared here
//   - belongs to its group's titled section of the help (help_format.hpp), the group's note
//     printed under the title;
//   - shows a placeholder that names its value (K[,K2[,K3]], FILE, DIR), never CLI11's TEXT;
//   - also answers to the underscore spelling of each --multi-word name (--kernel_size for
//     --kernel-size, PyTorch's), which help does not list;
//   - names its value in messages by its first long name (--kernel-size);
//   - is checked while the command line is parsed: a malformed integer or size, or a value
//     that is not one of a choice's names, is a UsageError (exit 2) before any input is read.
// names use CLI11's syntax ("-k,--kernel-size"); a second long name is an alias help does not
// show (animate's --out for --out-dir).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/dtype.hpp"

namespace tconv {

// One accepted value of a choice flag. An unlisted name is an alias, accepted but not named in
// messages ("f32" for "float32").
template <typename E>
struct Choice {
  std::string name;
  E value;
  bool listed = true;
};

// A choice's value as it is looked up: lower case, '_' read as '-' ("SAME_UPPER" -> "same-upper").
std::string choice_key(const std::string& typed);

// Throws UsageError "<flag> must be a, b or c, got 'x'" unless value is one of names, with
// "; did you mean b?" for a near miss or for the names value begins ("same": same-upper or
// same-lower). The check is CLI11's IsMember; the message is tconv's.
void check_choice(const std::string& flag, const std::string& value, const std::vector<std::string>& names,
                  const std::vector<std::string>& listed);

class OptionGroup {
 public:
  // A section of app's help titled `title`, with `note` (may be empty) as prose under it.
  OptionGroup(CLI::App& app, std::string title, const std::string& note = "");

  // A value kept as text, checked later by the command (lists, sizes, sources).
  CLI::Option* text(const std::string& names, std::string& target, const std::string& placeholder,
                    const std::string& help);

  // A repeatable value kept as text: each use adds one entry to target.
  CLI::Option* texts(const std::string& names, std::vector<std::string>& target, const std::string& placeholder,
                     const std::string& help);

  // A flag without a value.
  CLI::Option* flag(const std::string& names, bool& target, const std::string& help);

  // An integer by tconv's rules (cli/integer_options.hpp); T is int or int64_t, or an optional
  // of one, which stays empty when the flag is not given.
  template <typename T>
  CLI::Option* integer(const std::string& names, T& target, const std::string& placeholder, const std::string& help);

  // A real number ("1", "0.5", "2e-1"); UsageError "<flag> expects a number, got '...'".
  CLI::Option* number(const std::string& names, double& target, const std::string& placeholder,
                      const std::string& help);

  // A size in bytes with an optional unit (value_parsing.hpp: parse_byte_size).
  CLI::Option* byte_size(const std::string& names, int64_t& target, const std::string& placeholder,
                         const std::string& help);

  // --max-memory SIZE, with the one definition every command that takes it shares.
  CLI::Option* max_memory(int64_t& target);

  // -o/--output FILE, the one definition of every command that prints a result: the app writes
  // the command's standard output to FILE (command.hpp). more (may be empty) is added to the
  // help, e.g. how the command reads FILE's extension.
  CLI::Option* output_file(std::string& target, const std::string& more = "");

  // One of choices, by name (see check_choice), stored in target (an E, or a std::optional<E>
  // that stays empty when the flag is not given). Case does not matter, and '_' is read as '-'
  // (--auto-pad SAME_UPPER is same-upper, --format JSON is json): choice_key(). The listed names
  // are recorded on the app's HelpFormatter (HelpFormatter::choices), where the shell completions
  // read them. names without a dash make a positional argument ("SHELL").
  template <typename Target, typename E>
  CLI::Option* choice(const std::string& names, Target& target, const std::vector<Choice<E>>& choices,
                      const std::string& placeholder, const std::string& help);

  // A positional argument, shown under "Arguments:".
  CLI::Option* positional(const std::string& name, std::string& target, const std::string& help);

  const std::string& title() const { return title_; }

 private:
  CLI::Option* place(CLI::Option* option, const std::string& placeholder);
  CLI::Option* choice_option(const std::string& names, const std::vector<std::string>& accepted,
                             const std::vector<std::string>& listed, std::function<void(const std::string&)> store);

  CLI::App& app_;
  std::string title_;
};

// --dtype's names: float32 and float64, and the aliases f32, float, f64, double.
inline const std::vector<Choice<Dtype>> kDtypeChoices{
    {"float32", Dtype::Float32},      {"float64", Dtype::Float64},    {"f32", Dtype::Float32, false},
    {"float", Dtype::Float32, false}, {"f64", Dtype::Float64, false}, {"double", Dtype::Float64, false}};

// names plus the underscore spelling of each long name that has a '-' ("-k,--kernel-size" ->
// "-k,--kernel-size,--kernel_size").
std::string with_underscore_aliases(const std::string& names);

// The help flag of a command (created by CLI11) into the last group of its help.
void place_help_flag(CLI::App& app);

template <typename Target, typename E>
CLI::Option* OptionGroup::choice(const std::string& names, Target& target, const std::vector<Choice<E>>& choices,
                                 const std::string& placeholder, const std::string& help) {
  std::vector<std::string> accepted, listed;
  for (const Choice<E>& c : choices) {
    accepted.push_back(c.name);
    if (c.listed) listed.push_back(c.name);
  }
  const auto store = [&target, choices](const std::string& value) {
    for (const Choice<E>& c : choices) {
      if (c.name == value) target = c.value;
    }
  };
  return place(choice_option(names, accepted, listed, store), placeholder)->description(help);
}

}  // namespace tconv
