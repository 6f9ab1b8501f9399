// How tconv's --help reads: the description, the usage line, the options in titled groups (in
// the order they were declared, each group's prose note under its title), the commands, and
// the footer (examples, the exit-status rule). Everything is wrapped to one width; an option
// shows its short names, its first long name and its placeholder (-k,--kernel-size K[,K2[,K3]]),
// never CLI11's TEXT, "REQUIRED", "Excludes:" or the underscore aliases (OptionGroup,
// cli/option_group.hpp, declares those; a group's note says them once in prose).
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tconv {

class HelpFormatter : public CLI::FormatterBase {
 public:
  // width: the columns to wrap to (help_width).
  explicit HelpFormatter(size_t width) : width_(width) {}

  // Prose printed under the title of `group` in app's help.
  void set_group_note(const CLI::App* app, const std::string& group, const std::string& note);
  // That prose, or nullptr when the group has none.
  const std::string* group_note(const CLI::App* app, const std::string& group) const;

  // The names a choice flag lists (OptionGroup::choice records them, its aliases left out), for
  // the readers of the tables that offer them (cli/completion.hpp); nullptr for other options.
  void set_choices(const CLI::Option* option, std::vector<std::string> names);
  const std::vector<std::string>* choices(const CLI::Option* option) const;

  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

 private:
  std::string option_line(const CLI::Option* option, size_t column) const;
  std::string footer(const CLI::App* app) const;

  size_t width_;
  std::map<std::pair<const CLI::App*, std::string>, std::string> notes_;
  std::map<const CLI::Option*, std::vector<std::string>> choices_;
};

// What help shows of a command's tables, one rule for every reader of them (help, the man page
// cli/man_page.hpp, the shell completions cli/completion.hpp):
//   - the app's HelpFormatter (its group notes and choices), or nullptr;
const HelpFormatter* help_formatter(const CLI::App& app);
//   - whether an option is shown at all (CLI11's hidden options are in no group);
bool shown_in_help(const CLI::Option* option);
//   - the names shown: the short names, then the first long name ("-k", "--kernel-size"; the
//     other long names are aliases), or a positional's name ("INPUT_SIZE");
std::vector<std::string> shown_names(const CLI::Option* option);
//   - whether an option takes a value (a flag does not); the value's placeholder is its type name;
bool takes_value(const CLI::Option* option);
//   - the titles of the groups of non-positional options, in the order they were declared, the
//     one holding the help flag last;
std::vector<std::string> option_groups(const CLI::App* app);
//   - the words of the usage line after the command's name: "[OPTIONS]", the positionals
//     ("INPUT_SIZE", "[COMMAND]" when optional), "COMMAND [ARGS]" for an app with commands.
std::vector<std::string> usage_words(const CLI::App* app);

// A footer's lines as help reads them: lines indented by two spaces (examples, tables) and the
// headings above them (a line ending with ':' before an indented line) are kept as they are;
// the other lines are prose, each run of them one paragraph (joined with spaces) to be wrapped.
struct FooterLine {
  enum class Kind { Blank, Heading, Kept, Prose };
  Kind kind;
  std::string text;
};
std::vector<FooterLine> footer_lines(const std::string& footer);

// The title of the group that holds -h,--help in a command's help; printed last.
inline constexpr const char* kOtherOptionsGroup = "Other";

// text word-wrapped to `width` columns, its first line starting at column `start` (what comes
// before it on that line is the caller's), the others indented by `indent` spaces. A word
// longer than a line stands alone on its line. No trailing newline.
std::string wrap_text(const std::string& text, size_t width, size_t indent, size_t start);

// Columns for help: the terminal's (COLUMNS, else the window size of standard output) when
// standard output is a terminal, else 80; never below 40 or above 100 (long lines are hard to
// read).
size_t help_width(bool out_is_terminal);

}  // namespace tconv
