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

namespace tconv {

class HelpFormatter : public CLI::FormatterBase {
 public:
  // width: the columns to wrap to (help_width).
  explicit HelpFormatter(size_t width) : width_(width) {}

  // Prose printed under the title of `group` in app's help.
  void set_group_note(const CLI::App* app, const std::string& group, const std::string& note);

  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;

 private:
  std::string option_line(const CLI::Option* option, size_t column) const;
  std::string footer(const CLI::App* app) const;

  size_t width_;
  std::map<std::pair<const CLI::App*, std::string>, std::string> notes_;
};

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
