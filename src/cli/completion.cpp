#include "cli/completion.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/help_format.hpp"
#include "cli/option_group.hpp"

namespace tconv {

namespace {

// What the value of an option (or a positional argument) completes to.
enum class ValueKind {
  Text,       // anything (a size, a number): nothing is offered
  Choice,     // one of values
  File,       // a file name
  Directory,  // a folder name
  Command,    // one of the commands
};

struct Completable {
  std::vector<std::string> shown;  // the names offered: "-k", "--kernel-size"
  std::vector<std::string> all;    // every name it answers to, aliases too
  bool takes_value = false;
  bool repeatable = false;
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> values;  // the choices
  std::string placeholder;          // "K[,K2[,K3]]", or a positional's name
  std::string description;
};

struct CommandTable {
  std::string name;  // empty for tconv itself
  std::string description;
  std::vector<Completable> options, positionals;
};

// A word the scripts may hold unquoted in a word list (compgen -W, zsh's (a b), fish's -a):
// choice names and option names are such words; anything else is left out rather than
// risk an expansion.
bool plain_word(const std::string& word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string("_-.,:+=/@%").find(c) != std::string::npos;
  });
}

std::vector<std::string> plain_words(const std::vector<std::string>& words) {
  std::vector<std::string> result;
  for (const std::string& word : words) {
    if (plain_word(word)) result.push_back(word);
  }
  return result;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator = " ") {
  std::string result;
  for (const std::string& word : words) result += (result.empty() ? "" : separator) + word;
  return result;
}

ValueKind kind_of(const std::string& placeholder) {
  if (placeholder == "FILE" || placeholder == "MODEL" || placeholder == "SOURCE" || placeholder == "PATH") {
    return ValueKind::File;
  }
  if (placeholder == "DIR") return ValueKind::Directory;
  if (placeholder == "COMMAND") return ValueKind::Command;
  return ValueKind::Text;
}

Completable completable(const CLI::Option* option, const HelpFormatter* formatter) {
  Completable c;
  c.shown = plain_words(shown_names(option));
  if (option->get_positional() && !option->nonpositional()) {
    c.all = c.shown;
    c.placeholder = option->get_name(true);
  } else {
    for (const std::string& name : option->get_snames()) c.all.push_back("-" + name);
    for (const std::string& name : option->get_lnames()) c.all.push_back("--" + name);
    c.all = plain_words(c.all);
    c.placeholder = option->get_type_name();
  }
  c.takes_value = takes_value(option);
  c.repeatable = option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  c.description = option->get_description();
  const std::vector<std::string>* choices = formatter != nullptr ? formatter->choices(option) : nullptr;
  if (choices != nullptr) {
    c.kind = ValueKind::Choice;
    c.values = plain_words(*choices);
  } else {
    c.kind = kind_of(c.placeholder);
  }
  return c;
}

CommandTable table_of(const CLI::App& app, const std::string& name) {
  CommandTable table{name, app.get_description(), {}, {}};
  const HelpFormatter* formatter = help_formatter(app);
  const auto add = [&](const CLI::Option* option, std::vector<Completable>& to) {
    Completable c = completable(option, formatter);
    if (!c.shown.empty()) to.push_back(c);
  };
  for (const CLI::Option* option : app.get_options()) {
    if (shown_in_help(option) && option->get_positional() && !option->nonpositional()) add(option, table.positionals);
  }
  for (const std::string& group : option_groups(&app)) {  // in the order of --help
    for (const CLI::Option* option : app.get_options()) {
      if (shown_in_help(option) && !option->get_positional() && option->get_group() == group) {
        add(option, table.options);
      }
    }
  }
  return table;
}

struct Tables {
  CommandTable top;
  std::vector<CommandTable> commands;
  std::vector<std::string> command_names;
};

Tables tables_of(const CLI::App& top) {
  Tables tables{table_of(top, ""), {}, {}};
  for (const CLI::App* command : top.get_subcommands([](const CLI::App*) { return true; })) {
    if (!plain_word(command->get_name())) continue;
    tables.commands.push_back(table_of(*command, command->get_name()));
    tables.command_names.push_back(command->get_name());
  }
  return tables;
}

// 'text' for bash and zsh.
std::string sh_quote(const std::string& text) {
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

// 'text' for fish, where \ and ' are escaped inside single quotes.
std::string fish_quote(const std::string& text) {
  std::string result = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') result += '\\';
    result += c;
  }
  return result + "'";
}

// A description short enough for a completion menu: up to its first "; " or " (" after the
// first 10 characters, at most 80 characters (cut at a space, "..." added).
std::string short_description(const std::string& text) {
  constexpr size_t kLeast = 10;
  std::string result = text;
  for (const char* stop : {"; ", " ("}) {
    const size_t at = result.find(stop, kLeast);
    if (at != std::string::npos) result.erase(at);
  }
  constexpr size_t kMost = 80;
  if (result.size() > kMost) {
    const size_t space = result.rfind(' ', kMost - 3);
    result = result.substr(0, space == std::string::npos ? kMost - 3 : space) + "...";
  }
  return result;
}

// ---- bash

// "file", "dir", "command", "words a b c" or "text": what _tconv_offer completes.
std::string bash_kind(const Completable& c) {
  switch (c.kind) {
    case ValueKind::Choice:
      return "words " + joined(c.values);
    case ValueKind::File:
      return "file";
    case ValueKind::Directory:
      return "dir";
    case ValueKind::Command:
      return "command";
    case ValueKind::Text:
      break;
  }
  return "text";
}

std::string bash_script(const Tables& tables) {
  std::string out =
      "# bash completion for tconv, written by `tconv completion bash` from tconv's option tables.\n"
      "# Installed as share/bash-completion/completions/tconv; or run: source <(tconv completion bash)\n"
      "# Needs bash 4 and nothing else (not the bash-completion package).\n\n";
  out += "_tconv_commands=" + sh_quote(joined(tables.command_names)) + "\n\n";

  std::vector<const CommandTable*> all{&tables.top};
  for (const CommandTable& command : tables.commands) all.push_back(&command);

  out += "# The options offered for command $1 ('' for tconv itself).\n_tconv_options() {\n  case $1 in\n";
  for (const CommandTable* command : all) {
    std::vector<std::string> names;
    for (const Completable& option : command->options)
      names.insert(names.end(), option.shown.begin(), option.shown.end());
    out += "    " + sh_quote(command->name) + ") echo " + sh_quote(joined(names)) + " ;;\n";
  }
  out += "  esac\n}\n\n";

  out +=
      "# What the value of option $2 of command $1 is (file, dir, command, words LIST or text); nothing\n"
      "# for a flag without a value or an unknown option.\n_tconv_value() {\n  case \"$1 $2\" in\n";
  for (const CommandTable* command : all) {
    for (const Completable& option : command->options) {
      if (!option.takes_value) continue;
      std::vector<std::string> patterns;
      for (const std::string& name : option.all) patterns.push_back(sh_quote(command->name + " " + name));
      out += "    " + joined(patterns, "|") + ") echo " + sh_quote(bash_kind(option)) + " ;;\n";
    }
  }
  out += "  esac\n}\n\n";

  out +=
      "# What positional argument $2 (0 for the first) of command $1 is, as _tconv_value says.\n"
      "_tconv_positional() {\n  case \"$1 $2\" in\n";
  for (const CommandTable* command : all) {
    for (size_t i = 0; i < command->positionals.size(); ++i) {
      out += "    " + sh_quote(command->name + " " + std::to_string(i)) + ") echo " +
             sh_quote(bash_kind(command->positionals[i])) + " ;;\n";
    }
  }
  out += "  esac\n}\n\n";

  out += R"bash(# Fills COMPREPLY with the completions of word $2 for a value of kind $1.
_tconv_offer() {
  local kind=${1%% *} words=${1#* }
  case $kind in
    file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$2") ;;
    dir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$2") ;;
    command) mapfile -t COMPREPLY < <(compgen -W "$_tconv_commands" -- "$2") ;;
    words) mapfile -t COMPREPLY < <(compgen -W "$words" -- "$2") ;;
    *) COMPREPLY=() ;;
  esac
}

# The completion function: reads COMP_WORDS and COMP_CWORD, fills COMPREPLY.
_tconv() {
  local cur=${COMP_WORDS[COMP_CWORD]} command='' command_seen=0 positional=0 i word kind
  COMPREPLY=()
  # --flag=value: bash splits at '=' (COMP_WORDBREAKS); the value being completed comes after it.
  if [[ $cur == = ]]; then
    cur=''
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if ((!command_seen)) && [[ $word != -* ]]; then
      command=$word
      command_seen=1
      continue
    fi
    if [[ $word == -* ]]; then
      kind=$(_tconv_value "$command" "$word")
      [[ -n $kind ]] || continue
      if [[ ${COMP_WORDS[i + 1]} == = ]] && ((i + 1 < COMP_CWORD)); then
        ((++i))
      fi
      if ((i + 1 == COMP_CWORD)); then
        _tconv_offer "$kind" "$cur"
        return 0
      fi
      ((++i))
    elif [[ $word != = ]]; then
      ((++positional))
    fi
  done
  if ((!command_seen)); then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$(_tconv_options '')" -- "$cur")
    else
      _tconv_offer command "$cur"
    fi
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_tconv_options "$command")" -- "$cur")
  else
    _tconv_offer "$(_tconv_positional "$command" "$positional")" "$cur"
  fi
  return 0
}

complete -F _tconv tconv
)bash";
  return out;
}

// ---- zsh

// Inside the [...] of an _arguments spec: ']' and '\' escaped.
std::string zsh_explanation(const std::string& text) {
  std::string result;
  for (char c : short_description(text)) {
    if (c == ']' || c == '\\' || c == '[') result += '\\';
    result += c;
  }
  return result;
}

// A message or name part of a spec (between colons): ':' and '\' escaped.
std::string zsh_part(const std::string& text) {
  std::string result;
  for (char c : text) {
    if (c == ':' || c == '\\') result += '\\';
    result += c;
  }
  return result;
}

std::string zsh_action(const Completable& c, const Tables& tables) {
  switch (c.kind) {
    case ValueKind::Choice:
      return "(" + joined(c.values) + ")";
    case ValueKind::File:
      return "_files";
    case ValueKind::Directory:
      return "_files -/";
    case ValueKind::Command:
      return "(" + joined(tables.command_names) + ")";
    case ValueKind::Text:
      break;
  }
  return " ";
}

// The _arguments specs of a command's options and positional arguments, one per line.
std::vector<std::string> zsh_specs(const CommandTable& command, const Tables& tables) {
  std::vector<std::string> specs;
  for (const Completable& option : command.options) {
    const std::string excluded = option.repeatable ? "*" : "(" + joined(option.shown) + ")";
    for (const std::string& name : option.shown) {
      std::string spec = excluded + name + "[" + zsh_explanation(option.description) + "]";
      if (option.takes_value) spec += ":" + zsh_part(option.placeholder) + ":" + zsh_action(option, tables);
      specs.push_back(sh_quote(spec));
    }
  }
  for (size_t i = 0; i < command.positionals.size(); ++i) {
    const Completable& positional = command.positionals[i];
    specs.push_back(sh_quote(std::to_string(i + 1) + ":" + zsh_part(positional.placeholder) + ":" +
                             zsh_action(positional, tables)));
  }
  return specs;
}

std::string zsh_script(const Tables& tables) {
  std::string out =
      "#compdef tconv\n"
      "# zsh completion for tconv, written by `tconv completion zsh` from tconv's option tables.\n"
      "# Installed as share/zsh/vendor-completions/_tconv; or put it, named _tconv, in a folder of $fpath.\n\n";
  out += "_tconv_command() {\n  case $words[1] in\n";
  for (const CommandTable& command : tables.commands) {
    out += "    " + command.name + ")\n      _arguments";
    for (const std::string& spec : zsh_specs(command, tables)) out += " \\\n        " + spec;
    out += "\n      ;;\n";
  }
  out += "  esac\n}\n\n";
  out += "_tconv() {\n  local curcontext=$curcontext state line ret=1\n  typeset -A opt_args\n  _arguments -C";
  std::vector<std::string> top = zsh_specs(tables.top, tables);
  for (const std::string& spec : top) out += " \\\n    " + spec;
  out += " \\\n    '1: :->command' \\\n    '*:: :->argument' && ret=0\n";
  out += "  case $state in\n    command)\n      local -a commands\n      commands=(\n";
  for (const CommandTable& command : tables.commands) {
    out += "        " + sh_quote(zsh_part(command.name) + ":" + short_description(command.description)) + "\n";
  }
  out += "      )\n      _describe -t commands 'tconv command' commands && ret=0\n      ;;\n";
  out +=
      "    argument)\n      curcontext=${curcontext%:*:*}:tconv-$words[1]:\n      _tconv_command && ret=0\n"
      "      ;;\n  esac\n  return ret\n}\n\n";
  out += "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _tconv \"$@\"\nelse\n  compdef _tconv tconv\nfi\n";
  return out;
}

// ---- fish

std::string fish_value(const Completable& c, const Tables& tables) {
  switch (c.kind) {
    case ValueKind::Choice:
      return " -x -a " + fish_quote(joined(c.values));
    case ValueKind::File:
      return " -r -F";
    case ValueKind::Directory:
      return " -x -a '(__fish_complete_directories)'";
    case ValueKind::Command:
      return " -x -a " + fish_quote(joined(tables.command_names));
    case ValueKind::Text:
      break;
  }
  return " -x";
}

std::string fish_script(const Tables& tables) {
  std::string out =
      "# fish completion for tconv, written by `tconv completion fish` from tconv's option tables.\n"
      "# Installed as share/fish/vendor_completions.d/tconv.fish; or run: tconv completion fish | source\n\n"
      "complete -c tconv -e\n"
      "# No file names unless a value or an argument is a file.\n"
      "complete -c tconv -f\n";
  const auto option_lines = [&](const CommandTable& command, const std::string& condition) {
    std::string lines;
    for (const Completable& option : command.options) {
      std::string line = "complete -c tconv -n " + condition;
      for (const std::string& name : option.shown) {
        line += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
      }
      if (option.takes_value) line += fish_value(option, tables);
      lines += line + " -d " + fish_quote(short_description(option.description)) + "\n";
    }
    // Positional arguments: their values wherever the command's words are completed.
    for (const Completable& positional : command.positionals) {
      std::string value;
      if (positional.kind == ValueKind::File) value = " -F";
      if (positional.kind == ValueKind::Directory) value = " -f -a '(__fish_complete_directories)'";
      if (positional.kind == ValueKind::Choice) value = " -f -a " + fish_quote(joined(positional.values));
      if (positional.kind == ValueKind::Command) value = " -f -a " + fish_quote(joined(tables.command_names));
      if (value.empty()) continue;
      lines += "complete -c tconv -n " + condition + value + " -d " + fish_quote(positional.placeholder) + "\n";
    }
    return lines;
  };
  out += option_lines(tables.top, "__fish_use_subcommand");
  for (const CommandTable& command : tables.commands) {
    out += "complete -c tconv -n __fish_use_subcommand -a " + command.name + " -d " +
           fish_quote(short_description(command.description)) + "\n";
  }
  for (const CommandTable& command : tables.commands) {
    out += option_lines(command, fish_quote("__fish_seen_subcommand_from " + command.name));
  }
  return out;
}

}  // namespace

std::string completion_script(const CLI::App& top, Shell shell) {
  const Tables tables = tables_of(top);
  switch (shell) {
    case Shell::Bash:
      return bash_script(tables);
    case Shell::Zsh:
      return zsh_script(tables);
    case Shell::Fish:
      return fish_script(tables);
  }
  return "";
}

Command add_completion_command(CLI::App& top) {
  auto shell = std::make_shared<Shell>(Shell::Bash);
  CLI::App* app = top.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
  app->footer([] {
    return std::string(
        "Examples:\n"
        "  source <(tconv completion bash)                   completion in this bash\n"
        "  tconv completion zsh > ~/.zfunc/_tconv            zsh, with ~/.zfunc in $fpath\n"
        "  tconv completion fish > ~/.config/fish/completions/tconv.fish\n\n"
        "cmake --install puts the three scripts where each shell looks for them.\n");
  });
  OptionGroup arguments(*app, "Arguments");
  arguments
      .choice("SHELL", *shell,
              std::vector<Choice<Shell>>{{"bash", Shell::Bash}, {"zsh", Shell::Zsh}, {"fish", Shell::Fish}}, "SHELL",
              "the shell: bash, zsh or fish")
      ->required();
  place_help_flag(*app);
  return {app, [shell, &top](CliContext& context) {
            context.out << completion_script(top, *shell);
            return 0;
          }};
}

}  // namespace tconv
