// The man page (cli/man_page.hpp): roff escaping, and a page made from a small app's tables
// (groups, notes, placeholders, footers, examples, the exit status once); tconv's own page
// through `tconv help --man`.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/help_format.hpp"
#include "cli/man_page.hpp"
#include "cli/option_group.hpp"
#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using testing::run_tconv;

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

constexpr const char* kExit = "Exit status: 0 success; 2 usage error.";

// tool, with one command `run`: an argument, two groups (one with a note), a choice, a footer.
struct SmallApp {
  CLI::App top{"tool: does things", "tool"};
  std::string input, file, mode;
  bool flag = false;
  SmallApp() {
    top.formatter(std::make_shared<HelpFormatter>(80));
    CLI::App* run = top.add_subcommand("run", "Run the thing");
    run->footer(
        [] { return std::string("Examples:\n  tool run x --mode fast      quick\n  tool run y\n\nSome prose.\n"); });
    run->footer(kExit);
    OptionGroup(*run, "Arguments").positional("INPUT", input, "what to run")->required();
    OptionGroup files(*run, "Files", ".npy files and back\\slashes.");
    files.text("-f,--file-name", file, "FILE", "read from FILE");
    OptionGroup other(*run, "Other things");
    other.choice("--mode", mode, std::vector<Choice<std::string>>{{"fast", "fast"}, {"slow", "slow"}}, "MODE",
                 "fast or slow");
    other.flag("--dry-run", flag, "do nothing");
  }
};

TEST_CASE("roff_escape: backslashes, minus signs, and a line that would start a request") {
  CHECK(roff_escape("-k 3") == "\\-k 3");
  CHECK(roff_escape("a\\b") == "a\\eb");
  CHECK(roff_escape(".hidden") == "\\&.hidden");
  CHECK(roff_escape("'quoted'") == "\\&'quoted'");
  CHECK(roff_escape("one\n.two") == "one\n\\&.two");
  CHECK(roff_escape("a.b 'c'") == "a.b 'c'");  // only at the start of a line
}

TEST_CASE("man_page: a small app's commands, groups, notes, placeholders, examples and exit status") {
  SmallApp app;
  const std::string page = man_page(app.top, kExit);
  CHECK(page.find("\n.TH TOOL 1 ") != std::string::npos);
  CHECK(page.find(".SH NAME\ntool \\- does things\n") != std::string::npos);
  CHECK(page.find("\\fBtool run\\fR [\\fIOPTIONS\\fR] \\fIINPUT\\fR\n") != std::string::npos);
  CHECK(page.find(".SS run\nRun the thing\n") != std::string::npos);
  // The groups in the order of --help, each title then its note, each option its placeholder.
  const size_t arguments = page.find("\\fBArguments:\\fR");
  const size_t files = page.find("\\fBFiles:\\fR\n.br\n\\&.npy files and back\\eslashes.\n");
  const size_t other = page.find("\\fBOther things:\\fR");
  REQUIRE(arguments != std::string::npos);
  REQUIRE(files != std::string::npos);
  REQUIRE(other != std::string::npos);
  CHECK(arguments < files);
  CHECK(files < other);
  CHECK(page.find(".TP\n\\fB\\-f\\fR, \\fB\\-\\-file\\-name\\fR \\fIFILE\\fR\nread from FILE\n") != std::string::npos);
  CHECK(page.find(".TP\n\\fB\\-\\-dry\\-run\\fR\ndo nothing\n") != std::string::npos);  // a flag: no placeholder
  CHECK(page.find("file_name") == std::string::npos);  // the underscore alias is not listed
  // The footer: examples in EXAMPLES (command in bold, what it shows under it), prose under the command.
  const size_t examples = page.find(".SH EXAMPLES\n");
  const size_t status = page.find(".SH EXIT STATUS\n");
  REQUIRE(examples != std::string::npos);
  REQUIRE(status != std::string::npos);
  CHECK(page.find(".TP\n\\fBtool run x \\-\\-mode fast\\fR\nquick\n") > examples);
  CHECK(page.find(".TP\n\\fBtool run y\\fR\n") > examples);
  CHECK(page.find("Some prose.") < status);
  // The exit status once, in its own section, not after every command.
  CHECK(count(page, "2 usage error") == 1);
  CHECK(page.find("0 success; 2 usage error.") > status);
  CHECK(page.find(".SH SEE ALSO\n") > examples);
}

TEST_CASE("tconv help --man: every command of tconv --help in the page, and not with a COMMAND") {
  const testing::CliRun man = run_tconv({"help", "--man"});
  REQUIRE(man.status == 0);
  CHECK(man.err.empty());
  for (const char* command : {"shape", "compute", "animate", "bench", "translate", "inspect", "completion", "help"}) {
    CAPTURE(command);
    CHECK(man.out.find(std::string(".SS ") + command + "\n") != std::string::npos);
  }
  CHECK(man.out.find("\\fB\\-k\\fR, \\fB\\-\\-kernel\\-size\\fR \\fIK[,K2[,K3]]\\fR") != std::string::npos);
  // app.cpp's exit-status text, once.
  CHECK(count(man.out, "128+N when signal") == 1);

  const testing::CliRun both = run_tconv({"help", "--man", "shape"});
  CHECK(both.status == 2);
  CHECK(both.out.empty());
  CHECK(both.err.find("tconv: error: ") == 0);
  CHECK(both.err.find("cannot be used together") != std::string::npos);
  CHECK(both.err.find("--man") != std::string::npos);
}

}  // namespace
}  // namespace tconv
