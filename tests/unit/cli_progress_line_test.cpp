// animate's frame counter (cli/progress_line.hpp): redrawn in place on a terminal, wiped before
// anything else is printed, absent off a terminal.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cli/app.hpp"
#include "cli/progress_line.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

TEST_CASE("progress line: each redraw erases to the end of the line, clear wipes it") {
  std::ostringstream err;
  {
    ProgressLine line(err, true, "animate", 12);
    line.show(10);
    line.show(9);
    line.clear();
    line.clear();  // nothing shown any more: no second wipe
  }
  CHECK(err.str() ==
        "\rtconv: animate: frame 10 of 12\x1b[K"
        "\rtconv: animate: frame 9 of 12\x1b[K"
        "\r\x1b[K");
}

TEST_CASE("progress line: wiped when it goes out of scope, e.g. on an error") {
  std::ostringstream err;
  {
    ProgressLine line(err, true, "figure 3", 57);
    line.show(1);
  }
  CHECK(err.str() == "\rtconv: figure 3: frame 1 of 57\x1b[K\r\x1b[K");
}

TEST_CASE("progress line: off a terminal nothing is written") {
  std::ostringstream err;
  {
    ProgressLine line(err, false, "animate", 2);
    line.show(1);
    line.show(2);
    line.clear();
  }
  CHECK(err.str().empty());
}

TEST_CASE("progress line: never shown, nothing to wipe") {
  std::ostringstream err;
  { ProgressLine line(err, true, "animate", 1); }
  CHECK(err.str().empty());
}

// The bug seen on a terminal: the written paths (stdout) were printed while the counter (stderr)
// still stood on the line, giving "tconv: animate: frame 5prog/frame_000.png". Both streams are
// one terminal here, as in a shell: each path must start on a wiped line.
TEST_CASE("animate on a terminal: the counter is wiped before the paths are printed") {
  const fs::path dir = fs::temp_directory_path() / ("tconv_progress_line_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::istringstream in;
  std::ostringstream terminal;
  CliContext context{in, terminal, terminal};
  context.err_is_terminal = true;
  const int status = run_cli({"animate", "--example", "1", "-O", dir.string()}, context);
  const std::string text = terminal.str();
  fs::remove_all(dir);
  REQUIRE(status == 0);
  const std::string first_path = (dir / "frame_000.png").string();
  const size_t at = text.find(first_path);
  REQUIRE(at != std::string::npos);
  CHECK(text.find("tconv: animate: frame ") != std::string::npos);  // the counter was shown
  // Everything before the first path: counter redraws, then one wipe right before the path.
  CHECK(text.substr(0, at).rfind("\r\x1b[K") == at - 4);
  CHECK(text.find("\rtconv:", at) == std::string::npos);  // no counter after the paths
}

}  // namespace
}  // namespace tconv
