#include "cli/usage_errors.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "cli/foreign_names.hpp"
#include "cli/spelling.hpp"

namespace tconv {

namespace {

// "tconv" or "tconv shape".
std::string command_path(const CLI::App& app) {
  return app.get_parent() == nullptr ? app.get_name() : command_path(*app.get_parent()) + " " + app.get_name();
}

// The command that was parsed, if any.
const CLI::App* parsed_command(const CLI::App& top) {
  const std::vector<CLI::App*> parsed = top.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

std::string help_hint(const CLI::App& top) {
  const CLI::App* command = parsed_command(top);
  return "see " + command_path(command != nullptr ? *command : top) + " --help";
}

// Every name of every option of app ("-k", "--kernel-size", "--kernel_size").
std::vector<std::string> all_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// The names help shows: the short names and the first long name of each option.
std::vector<std::string> shown_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    if (!option->get_lnames().empty()) names.push_back("--" + option->get_lnames().front());
  }
  return names;
}

bool has_name(const CLI::App& app, const std::string& name) {
  const std::vector<std::string> names = all_names(app);
  return std::find(names.begin(), names.end(), name) != names.end();
}

// What looks like an option: a dash and a letter ("-1" is a negative number, "-" standard input).
bool looks_like_option(const std::string& argument) {
  return argument.size() >= 2 && argument[0] == '-' && !std::isdigit(static_cast<unsigned char>(argument[1])) &&
         argument[1] != '.';
}

// The options that may have been meant by an unknown `typed`.
std::vector<std::string> suggestions(const std::string& typed, const CLI::App& app) {
  const std::vector<std::string> names = shown_names(app);
  if (typed.size() == 2 && typed[1] != '-') {  // a single letter: its other case, or the long name it starts
    const char letter = typed[1];
    const char other = static_cast<char>(std::isupper(static_cast<unsigned char>(letter))
                                             ? std::tolower(static_cast<unsigned char>(letter))
                                             : std::toupper(static_cast<unsigned char>(letter)));
    if (std::find(names.begin(), names.end(), std::string("-") + other) != names.end()) {
      return {std::string("-") + other};
    }
    std::vector<std::string> starting;
    for (const std::string& name : names) {
      if (name.size() > 2 && name[1] == '-' &&
          std::tolower(static_cast<unsigned char>(name[2])) == std::tolower(static_cast<unsigned char>(letter))) {
        starting.push_back(name);
      }
    }
    if (starting.size() == 1) return starting;
    return {};
  }
  return closest_names(typed, names);
}

std::optional<std::string> unknown_option(const std::string& argument, const CLI::App& app, const CLI::App& top) {
  const std::string name = argument.substr(0, argument.find('='));
  const std::string where = command_path(app);
  const CLI::App* command = parsed_command(top);
  if (&app != &top && has_name(top, name)) {
    return name + " is an option of tconv itself, not of " + where + ": tconv " + name;
  }
  if (&app == &top && command != nullptr && has_name(*command, name)) {
    return name + " is an option of " + command_path(*command) + ": put it after the command, as in " +
           command_path(*command) + " ... " + name;
  }
  if (name == "-v" || name == "--verbose") {  // a habit from other tools, not a near spelling of --view
    return name + " is not an option of " + where + ": tconv has no verbose mode (-V/--version prints the version, " +
           "-q/--quiet keeps only errors and the result)";
  }
  if (const std::optional<ForeignName> meant = foreign_name(name, shown_names(app))) {
    return "unknown option " + name + " for " + where + "; did you mean " + meant->flag + " (" + meant->why + ")?";
  }
  const std::vector<std::string> near = suggestions(name, app);
  if (!near.empty()) return "unknown option " + name + " for " + where + "; did you mean " + or_list(near) + "?";
  return "unknown option " + name + " for " + where + "; see " + where + " --help";
}

}  // namespace

std::optional<std::string> unused_argument_message(const CLI::App& top) {
  std::vector<const CLI::App*> apps{&top};
  if (const CLI::App* command = parsed_command(top)) apps.push_back(command);
  for (const CLI::App* app : apps) {
    for (const std::string& argument : app->remaining()) {
      if (looks_like_option(argument)) return unknown_option(argument, *app, top);
    }
  }
  for (const CLI::App* app : apps) {
    for (const std::string& argument : app->remaining()) {
      if (argument == "--") continue;
      const std::string where = command_path(*app);
      return "unexpected argument '" + argument + "' for " + where + "; see " + where + " --help";
    }
  }
  return std::nullopt;
}

namespace {

// A non-empty run without white space (a regular expression's \S+).
bool is_word(std::string_view text) {
  return !text.empty() && text.find_first_of(" \t\n\r\f\v") == std::string_view::npos;
}

// A non-empty run of decimal digits.
bool is_number(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string parse_error_message(const CLI::ParseError& error, const CLI::App& top) {
  const std::string text = error.what();
  if (text == "A subcommand is required") {
    std::vector<std::string> names;
    for (const CLI::App* command : top.get_subcommands([](const CLI::App*) { return true; })) {
      names.push_back(command->get_name());
    }
    return "a command is required: " + or_list(names) + " (see tconv --help)";
  }
  // CLI11's texts, matched by hand (std::regex trips GCC 12's -Wmaybe-uninitialized under ASan):
  // "NAME: N required WHAT missing", "NAME: At Most 1 required but received N", "A excludes B".
  const std::string_view view = text;
  if (const size_t colon = view.find(": "); colon != std::string_view::npos && is_word(view.substr(0, colon))) {
    const std::string_view name = view.substr(0, colon);
    const std::string_view rest = view.substr(colon + 2);
    constexpr std::string_view kRequired = " required ", kMissing = " missing";
    const size_t required = rest.find(kRequired);
    if (required != std::string_view::npos && is_number(rest.substr(0, required)) &&
        rest.size() > required + kRequired.size() + kMissing.size() &&
        rest.substr(rest.size() - kMissing.size()) == kMissing) {
      const std::string_view what =
          rest.substr(required + kRequired.size(), rest.size() - kMissing.size() - required - kRequired.size());
      return std::string(name) + " needs a value: " + std::string(what) + "; " + help_hint(top);
    }
    constexpr std::string_view kRepeated = "At Most 1 required but received ";
    if (rest.substr(0, kRepeated.size()) == kRepeated && is_number(rest.substr(kRepeated.size()))) {
      return std::string(name) + " was given " + std::string(rest.substr(kRepeated.size())) + " times; give it once";
    }
  }
  constexpr std::string_view kExcludes = " excludes ";
  if (const size_t at = view.find(kExcludes);
      at != std::string_view::npos && is_word(view.substr(0, at)) && is_word(view.substr(at + kExcludes.size()))) {
    return std::string(view.substr(0, at)) + " and " + std::string(view.substr(at + kExcludes.size())) +
           " cannot be used together; " + help_hint(top);
  }
  return text + "; " + help_hint(top);
}

}  // namespace tconv
