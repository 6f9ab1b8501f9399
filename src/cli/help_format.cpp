#include "cli/help_format.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace tconv {

namespace {

constexpr size_t kNarrowestHelp = 40;
constexpr size_t kWidestHelp = 100;
// Left columns wider than this put their description on the next line.
constexpr size_t kWidestNameColumn = 30;
// A description column narrower than this moves under the names.
constexpr size_t kNarrowestDescription = 30;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// "-k,--kernel-size": the short names, then the first long name (the others are aliases).
std::string option_names(const CLI::Option* option) {
  std::string names;
  for (const std::string& name : shown_names(option)) names += (names.empty() ? "" : ",") + name;
  return names;
}

// "-k,--kernel-size K[,K2[,K3]]"; flags have no placeholder.
std::string option_left(const CLI::Option* option) {
  std::string left = option_names(option);
  if (option->get_type_size() != 0 && !option->get_positional()) left += " " + option->get_type_name();
  return left;
}

std::string usage_line(const CLI::App* app, const std::string& name) {
  std::string usage = "Usage: " + name;
  for (const std::string& word : usage_words(app)) usage += " " + word;
  return usage;
}

}  // namespace

const HelpFormatter* help_formatter(const CLI::App& app) {
  return dynamic_cast<const HelpFormatter*>(app.get_formatter().get());
}

bool shown_in_help(const CLI::Option* option) { return !option->get_group().empty(); }

std::vector<std::string> shown_names(const CLI::Option* option) {
  if (option->get_positional() && !option->nonpositional()) return {option->get_name(true)};
  std::vector<std::string> names;
  for (const std::string& name : option->get_snames()) names.push_back("-" + name);
  if (!option->get_lnames().empty()) names.push_back("--" + option->get_lnames().front());
  return names;
}

bool takes_value(const CLI::Option* option) { return option->get_expected_max() != 0; }

std::vector<std::string> option_groups(const CLI::App* app) {
  std::vector<std::string> groups;
  for (const CLI::Option* option : app->get_options()) {
    if (!shown_in_help(option) || option->get_positional()) continue;
    if (std::find(groups.begin(), groups.end(), option->get_group()) == groups.end()) {
      groups.push_back(option->get_group());
    }
  }
  const CLI::Option* help = app->get_help_ptr();
  if (help != nullptr) {
    const auto at = std::find(groups.begin(), groups.end(), help->get_group());
    if (at != groups.end()) std::rotate(at, at + 1, groups.end());
  }
  return groups;
}

std::vector<std::string> usage_words(const CLI::App* app) {
  std::vector<std::string> words;
  bool any_option = false;
  for (const CLI::Option* option : app->get_options()) any_option = any_option || !option->get_positional();
  if (any_option) words.emplace_back("[OPTIONS]");
  for (const CLI::Option* option : app->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    const std::string positional = option->get_name(true);
    words.push_back(option->get_required() ? positional : "[" + positional + "]");
  }
  if (!app->get_subcommands([](const CLI::App*) { return true; }).empty()) words.emplace_back("COMMAND [ARGS]");
  return words;
}

std::vector<FooterLine> footer_lines(const std::string& footer) {
  std::vector<FooterLine> result;
  const std::vector<std::string> lines = split_lines(footer);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool indented = line.rfind("  ", 0) == 0;
    const bool heading =
        !line.empty() && line.back() == ':' && i + 1 < lines.size() && lines[i + 1].rfind("  ", 0) == 0;
    if (line.empty()) {
      result.push_back({FooterLine::Kind::Blank, line});
    } else if (heading) {
      result.push_back({FooterLine::Kind::Heading, line});
    } else if (indented) {
      result.push_back({FooterLine::Kind::Kept, line});
    } else if (!result.empty() && result.back().kind == FooterLine::Kind::Prose) {
      result.back().text += " " + line;
    } else {
      result.push_back({FooterLine::Kind::Prose, line});
    }
  }
  return result;
}

std::string wrap_text(const std::string& text, size_t width, size_t indent, size_t start) {
  std::istringstream words(text);
  std::string word, result, line;
  size_t line_start = start;
  while (words >> word) {
    if (!line.empty() && line_start + line.size() + 1 + word.size() > width) {
      result += line + '\n' + std::string(indent, ' ');
      line.clear();
      line_start = indent;
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return result + line;
}

size_t help_width(bool out_is_terminal) {
  if (!out_is_terminal) return 80;
  size_t columns = 0;
  const char* variable = std::getenv("COLUMNS");
  if (variable != nullptr) columns = static_cast<size_t>(std::strtoul(variable, nullptr, 10));
  winsize window{};
  if (columns == 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &window) == 0) columns = window.ws_col;
  if (columns == 0) columns = 80;
  return std::clamp(columns, kNarrowestHelp, kWidestHelp);
}

void HelpFormatter::set_group_note(const CLI::App* app, const std::string& group, const std::string& note) {
  notes_[{app, group}] = note;
}

const std::string* HelpFormatter::group_note(const CLI::App* app, const std::string& group) const {
  const auto note = notes_.find({app, group});
  return note == notes_.end() ? nullptr : &note->second;
}

void HelpFormatter::set_choices(const CLI::Option* option, std::vector<std::string> names) {
  choices_[option] = std::move(names);
}

const std::vector<std::string>* HelpFormatter::choices(const CLI::Option* option) const {
  const auto found = choices_.find(option);
  return found == choices_.end() ? nullptr : &found->second;
}

std::string HelpFormatter::option_line(const CLI::Option* option, size_t column) const {
  const std::string left = "  " + option_left(option);
  const std::string& description = option->get_description();
  if (width_ < column + kNarrowestDescription) {  // too narrow for two columns
    return left + "\n      " + wrap_text(description, width_, 6, 6) + '\n';
  }
  if (left.size() + 2 > column) {
    return left + '\n' + std::string(column, ' ') + wrap_text(description, width_, column, column) + '\n';
  }
  return left + std::string(column - left.size(), ' ') + wrap_text(description, width_, column, column) + '\n';
}

// Paragraphs of prose are wrapped; the other lines are kept as they are (footer_lines).
std::string HelpFormatter::footer(const CLI::App* app) const {
  std::string result;
  for (const FooterLine& line : footer_lines(app->get_footer())) {
    result += (line.kind == FooterLine::Kind::Prose ? wrap_text(line.text, width_, 0, 0) : line.text) + '\n';
  }
  return result;
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode /*mode*/) const {
  std::string out;
  if (!app->get_description().empty()) out += wrap_text(app->get_description(), width_, 0, 0) + '\n';
  out += usage_line(app, name) + '\n';

  std::vector<const CLI::Option*> shown;
  for (const CLI::Option* option : app->get_options()) {
    if (shown_in_help(option)) shown.push_back(option);
  }
  size_t widest = 0;
  for (const CLI::Option* option : shown) {
    const size_t left = option_left(option).size();
    if (left <= kWidestNameColumn) widest = std::max(widest, left);
  }
  const size_t column = 2 + widest + 2;

  std::vector<const CLI::Option*> positionals;
  for (const CLI::Option* option : shown) {
    if (option->get_positional()) positionals.push_back(option);
  }
  if (!positionals.empty()) {
    out += "\nArguments:\n";
    for (const CLI::Option* option : positionals) out += option_line(option, column);
  }
  for (const std::string& group : option_groups(app)) {
    out += '\n' + group + ":\n";
    if (const std::string* note = group_note(app, group)) out += "  " + wrap_text(*note, width_, 2, 2) + '\n';
    for (const CLI::Option* option : shown) {
      if (!option->get_positional() && option->get_group() == group) out += option_line(option, column);
    }
  }
  const std::vector<const CLI::App*> commands = app->get_subcommands([](const CLI::App*) { return true; });
  if (!commands.empty()) {
    out += "\nCommands:\n";
    size_t name_width = 0;
    for (const CLI::App* command : commands) name_width = std::max(name_width, command->get_name().size());
    for (const CLI::App* command : commands) {
      const std::string left = "  " + command->get_name();
      const size_t command_column = std::max(column, 2 + name_width + 2);
      out += left + std::string(command_column - left.size(), ' ') +
             wrap_text(command->get_description(), width_, command_column, command_column) + '\n';
    }
  }
  const std::string footer_text = footer(app);
  if (!footer_text.empty()) out += '\n' + footer_text;
  return out;
}

}  // namespace tconv
