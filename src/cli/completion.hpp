// `tconv completion bash|zsh|fish`: a shell completion script made from the same tables as
// --help (cli/help_format.hpp reads them), so that a new flag is completed the day it is added.
// What is offered:
//   - the commands, after `tconv`;
//   - each command's options as help shows them (short names and the first long name; not the
//     underscore spellings or old names, which are still accepted);
//   - the value of an option: a choice flag's listed names (OptionGroup::choice records them);
//     file names for a placeholder FILE, MODEL, SOURCE or PATH, folders for DIR, the commands
//     for COMMAND; nothing for other values (sizes, numbers);
//   - positional arguments the same way by their names (inspect's MODEL, help's COMMAND).
// The bash script needs bash 4 and nothing else (not the bash-completion package); the build
// writes the three scripts beside tconv and `cmake --install` puts them where each shell looks.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"

namespace CLI {
class App;
}

namespace tconv {

enum class Shell { Bash, Zsh, Fish };

// The completion script for `shell` of top (the whole command line's app) and its commands.
std::string completion_script(const CLI::App& top, Shell shell);

// `tconv completion SHELL`: prints completion_script of top, the app it is added to.
Command add_completion_command(CLI::App& top);

}  // namespace tconv
