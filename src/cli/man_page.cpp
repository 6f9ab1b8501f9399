#include "cli/man_page.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "cli/help_format.hpp"

#ifndef TCONV_VERSION
#error "TCONV_VERSION must be defined by the build"
#endif

namespace tconv {

namespace {

std::string bold(const std::string& text) { return "\\fB" + roff_escape(text) + "\\fR"; }
std::string italic(const std::string& text) { return "\\fI" + roff_escape(text) + "\\fR"; }

std::string trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \n") - begin + 1);
}

// A usage word ("[OPTIONS]", "INPUT_SIZE", "COMMAND [ARGS]") with its names in italics.
std::string synopsis_word(const std::string& word) {
  std::string result, name;
  const auto flush = [&] {
    if (!name.empty()) result += italic(name);
    name.clear();
  };
  for (char c : word) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      name += c;
    } else {
      flush();
      result += roff_escape(std::string(1, c));
    }
  }
  flush();
  return result;
}

std::string synopsis(const CLI::App& app, const std::string& name) {
  std::string line = bold(name);
  for (const std::string& word : usage_words(&app)) line += " " + synopsis_word(word);
  return line + '\n';
}

// The footer without the exit-status text that ends it (it has its own section).
std::string own_footer(const CLI::App& app, const std::string& exit_status) {
  std::string footer = trimmed(app.get_footer());
  const std::string tail = trimmed(exit_status);
  if (!tail.empty() && footer.size() >= tail.size() &&
      footer.compare(footer.size() - tail.size(), tail.size(), tail) == 0) {
    footer.erase(footer.size() - tail.size());
  }
  return trimmed(footer);
}

// A footer's blocks (runs of lines between blank lines), as help reads them (footer_lines).
using Block = std::vector<FooterLine>;

std::vector<Block> footer_blocks(const std::string& footer) {
  std::vector<Block> blocks(1);
  for (const FooterLine& line : footer_lines(footer)) {
    if (line.kind == FooterLine::Kind::Blank) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else {
      blocks.back().push_back(line);
    }
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

bool is_examples(const Block& block) {
  return !block.empty() && block.front().kind == FooterLine::Kind::Heading && block.front().text == "Examples:";
}

// A block of prose, headings and kept lines (tables, indented text) in roff.
std::string block_roff(const Block& block) {
  std::string out;
  bool kept = false;  // inside .nf
  for (const FooterLine& line : block) {
    if (line.kind == FooterLine::Kind::Kept) {
      if (!kept) out += ".PP\n.nf\n";
      kept = true;
      out += roff_escape(line.text) + '\n';
      continue;
    }
    if (kept) out += ".fi\n";
    kept = false;
    if (line.kind == FooterLine::Kind::Heading) {
      out += ".PP\n" + bold(line.text) + '\n';
    } else {
      out += ".PP\n" + roff_escape(trimmed(line.text)) + '\n';
    }
  }
  if (kept) out += ".fi\n";
  return out;
}

// One example line of an "Examples:" block: the command, then after two spaces or more what it
// shows; a line indented deeper says what the example above it shows.
struct Example {
  std::string command, comment;
};

std::vector<Example> examples_of(const Block& block) {
  std::vector<Example> examples;
  for (size_t i = 1; i < block.size(); ++i) {
    const std::string& line = block[i].text;
    const bool continuation = line.rfind("   ", 0) == 0;
    const std::string text = trimmed(line);
    if (continuation && !examples.empty()) {
      examples.back().comment += (examples.back().comment.empty() ? "" : " ") + text;
      continue;
    }
    const size_t gap = text.find("  ");
    if (gap == std::string::npos) {
      examples.push_back({text, ""});
    } else {
      examples.push_back({text.substr(0, gap), trimmed(text.substr(gap))});
    }
  }
  return examples;
}

// "\fB\-k\fR, \fB\-\-kernel\-size\fR \fIK[,K2[,K3]]\fR"
std::string option_tag(const CLI::Option* option) {
  std::string tag;
  for (const std::string& name : shown_names(option)) {
    tag += (tag.empty() ? "" : ", ") + (option->get_positional() ? italic(name) : bold(name));
  }
  if (takes_value(option) && !option->get_positional()) tag += " " + italic(option->get_type_name());
  return tag;
}

std::string option_roff(const CLI::Option* option) {
  return ".TP\n" + option_tag(option) + '\n' + roff_escape(option->get_description()) + '\n';
}

// The arguments, then the options in the groups of --help, each group's title and note first.
std::string options_roff(const CLI::App& app) {
  std::string out;
  const HelpFormatter* formatter = help_formatter(app);
  std::vector<const CLI::Option*> positionals;
  for (const CLI::Option* option : app.get_options()) {
    if (shown_in_help(option) && option->get_positional()) positionals.push_back(option);
  }
  if (!positionals.empty()) {
    out += ".PP\n" + bold("Arguments:") + '\n';
    for (const CLI::Option* option : positionals) out += option_roff(option);
  }
  for (const std::string& group : option_groups(&app)) {
    out += ".PP\n" + bold(group + ":") + '\n';
    const std::string* note = formatter != nullptr ? formatter->group_note(&app, group) : nullptr;
    if (note != nullptr) out += ".br\n" + roff_escape(*note) + '\n';
    for (const CLI::Option* option : app.get_options()) {
      if (shown_in_help(option) && !option->get_positional() && option->get_group() == group) {
        out += option_roff(option);
      }
    }
  }
  return out;
}

std::vector<const CLI::App*> commands_of(const CLI::App& top) {
  return top.get_subcommands([](const CLI::App*) { return true; });
}

}  // namespace

std::string roff_escape(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

std::string man_page(const CLI::App& top, const std::string& exit_status) {
  const std::string name = top.get_name();
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out = ".\\\" The manual page of " + name + ", written by `" + name +
                    " help --man` from the tables its --help is made of.\n";
  out += ".TH " + upper + " 1 \"\" \"" + name + " " TCONV_VERSION "\" \"User Commands\"\n";
  out += ".nh\n.ad l\n";

  // "tconv: transposed convolution ..." -> "transposed convolution ..."
  std::string summary = top.get_description();
  if (summary.rfind(name + ": ", 0) == 0) summary.erase(0, name.size() + 2);
  out += ".SH NAME\n" + roff_escape(name) + " \\- " + roff_escape(summary) + '\n';

  out += ".SH SYNOPSIS\n.nf\n" + synopsis(top, name);
  for (const CLI::App* command : commands_of(top)) out += synopsis(*command, name + " " + command->get_name());
  out += ".fi\n";

  out += ".SH DESCRIPTION\n" + roff_escape(top.get_description()) + '\n';
  for (const Block& block : footer_blocks(own_footer(top, exit_status))) {
    if (!is_examples(block)) out += block_roff(block);
  }
  out += ".SH OPTIONS\n" + options_roff(top);

  out += ".SH COMMANDS\n";
  for (const CLI::App* command : commands_of(top)) {
    out += ".SS " + roff_escape(command->get_name()) + '\n';
    out += roff_escape(command->get_description()) + '\n';
    out += ".PP\n" + synopsis(*command, name + " " + command->get_name());
    out += options_roff(*command);
    for (const Block& block : footer_blocks(own_footer(*command, exit_status))) {
      if (!is_examples(block)) out += block_roff(block);
    }
  }

  out += ".SH EXIT STATUS\n";
  std::string status = trimmed(exit_status);
  if (status.rfind("Exit status: ", 0) == 0) status.erase(0, 13);
  for (const Block& block : footer_blocks(status)) out += block_roff(block);

  out += ".SH EXAMPLES\n";
  std::vector<const CLI::App*> apps{&top};
  for (const CLI::App* command : commands_of(top)) apps.push_back(command);
  for (const CLI::App* app : apps) {
    for (const Block& block : footer_blocks(own_footer(*app, exit_status))) {
      if (!is_examples(block)) continue;
      for (const Example& example : examples_of(block)) {
        out += ".TP\n" + bold(example.command) + '\n';
        if (!example.comment.empty()) out += roff_escape(example.comment) + '\n';
      }
    }
  }

  out += ".SH SEE ALSO\n" + bold(name + " help") + " " + italic("COMMAND") + " and " + bold(name) + " " +
         italic("COMMAND") + " " + bold("--help") +
         " print the same help on a terminal. README.md and the docs folder of " + roff_escape(name) +
         "'s source tell more, with worked examples.\n";
  return out;
}

}  // namespace tconv
