// The shell completions (cli/completion.hpp) of a small app's tables: the options as help shows
// them, a choice's listed names (not its aliases, not a name unsafe in a word list), file and
// folder values by placeholder, positional arguments; tconv's own through `tconv completion`.
// (tests/e2e/system/man_completion.sh runs the bash script in bash.)
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/completion.hpp"
#include "cli/help_format.hpp"
#include "cli/option_group.hpp"
#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using testing::run_tconv;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct SmallApp {
  CLI::App top{"tool: does things", "tool"};
  std::string model, file, dir, size, mode;
  SmallApp() {
    top.formatter(std::make_shared<HelpFormatter>(80));
    CLI::App* run = top.add_subcommand("run", "Run the thing; with care");
    OptionGroup(*run, "Arguments").positional("MODEL", model, "the model")->required();
    OptionGroup group(*run, "Options");
    group.text("-f,--file-name", file, "FILE", "read from FILE");
    group.text("-O,--out-dir,--out", dir, "DIR", "write to DIR");
    group.text("--size", size, "SIZE", "a size");
    group.choice("--mode", mode,
                 std::vector<Choice<std::string>>{
                     {"fast", "fast"}, {"slow", "slow"}, {"quick", "fast", false}, {"$(boom)", "slow"}},
                 "MODE", "fast or slow (default fast)");
    place_help_flag(*run);
  }
};

TEST_CASE("completion_script bash: options as help shows them, choices, files, folders, positionals") {
  SmallApp app;
  const std::string bash = completion_script(app.top, Shell::Bash);
  CHECK(has(bash, "_tconv_commands='run'\n"));
  CHECK(has(bash, "    'run') echo '-f --file-name -O --out-dir --size --mode -h --help' ;;\n"));
  // Every name it answers to is recognised as taking a value; the aliases are not offered.
  CHECK(has(bash, "'run -f'|'run --file-name'|'run --file_name') echo 'file' ;;\n"));
  CHECK(has(bash, "'run -O'|'run --out-dir'|'run --out'|'run --out_dir') echo 'dir' ;;\n"));
  CHECK(has(bash, "'run --size') echo 'text' ;;\n"));
  // The listed names only: not the alias "quick", not "$(boom)", which a word list would run.
  CHECK(has(bash, "'run --mode') echo 'words fast slow' ;;\n"));
  CHECK_FALSE(has(bash, "boom"));
  CHECK(has(bash, "'run 0') echo 'file' ;;\n"));  // MODEL
  CHECK(has(bash, "complete -F _tconv tconv\n"));
  CHECK_FALSE(has(bash, "_init_completion"));  // no bash-completion package needed
}

TEST_CASE("completion_script zsh and fish: the same tables in each shell's syntax") {
  SmallApp app;
  const std::string zsh = completion_script(app.top, Shell::Zsh);
  CHECK(zsh.rfind("#compdef tconv\n", 0) == 0);
  CHECK(has(zsh, "'(-f --file-name)--file-name[read from FILE]:FILE:_files'"));
  CHECK(has(zsh, "'(-O --out-dir)-O[write to DIR]:DIR:_files -/'"));
  CHECK(has(zsh, "'(--mode)--mode[fast or slow]:MODE:(fast slow)'"));  // the description up to " ("
  CHECK(has(zsh, "'1:MODEL:_files'"));
  CHECK(has(zsh, "'run:Run the thing'"));  // up to "; "
  const std::string fish = completion_script(app.top, Shell::Fish);
  CHECK(has(fish, "complete -c tconv -n __fish_use_subcommand -a run -d 'Run the thing'\n"));
  CHECK(has(fish,
            "complete -c tconv -n '__fish_seen_subcommand_from run' -s f -l file-name -r -F -d 'read from FILE'\n"));
  CHECK(has(fish, "-l mode -x -a 'fast slow' -d 'fast or slow'\n"));
  CHECK(has(fish, "complete -c tconv -n '__fish_seen_subcommand_from run' -F -d 'MODEL'\n"));
  CHECK_FALSE(has(zsh + fish, "boom"));
}

TEST_CASE("tconv completion SHELL: the three scripts, and SHELL checked") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    CAPTURE(shell);
    const testing::CliRun r = run_tconv({"completion", shell});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(has(r.out, "kernel-size"));
    CHECK(has(r.out, "same-upper same-lower valid notset"));  // --auto-pad's listed names
  }
  const testing::CliRun bad = run_tconv({"completion", "tcsh"});
  CHECK(bad.status == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err == "tconv: error: SHELL must be bash, zsh or fish, got 'tcsh'\n");
  const testing::CliRun none = run_tconv({"completion"});
  CHECK(none.status == 2);
  CHECK(none.out.empty());
}

}  // namespace
}  // namespace tconv
