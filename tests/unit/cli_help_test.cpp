// The command line as a new user meets it: help in groups with placeholders, `tconv help CMD`,
// PyTorch's underscore spellings, and unknown names answered with what was probably meant.
#include <doctest/doctest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "cli/help_format.hpp"
#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using testing::run_tconv;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST_CASE("wrap_text breaks between words at the width and indents the lines after the first") {
  CHECK(wrap_text("one two three", 9, 2, 0) == "one two\n  three");
  CHECK(wrap_text("one two three", 80, 2, 0) == "one two three");
  // The first line starts at column 6: "one two" would end at 13 > 10.
  CHECK(wrap_text("one two", 10, 6, 6) == "one\n      two");
  // A word longer than a line stands alone.
  CHECK(wrap_text("a verylongword b", 6, 0, 0) == "a\nverylongword\nb");
}

TEST_CASE("each command's help: titled groups, placeholders, none of CLI11's clutter, 80 columns") {
  for (const char* command : {"shape", "compute", "animate", "bench", "translate", "inspect"}) {
    CAPTURE(command);
    const testing::CliRun r = run_tconv({command, "--help"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("TEXT") == std::string::npos);
    CHECK(r.out.find("Excludes") == std::string::npos);
    CHECK(r.out.find("REQUIRED") == std::string::npos);
    if (std::string(command) != "inspect") {  // inspect reads its layers from a model
      CHECK(r.out.find("Layer, PyTorch's names:\n") != std::string::npos);
      CHECK(r.out.find("-k,--kernel-size K[,K2[,K3]]") != std::string::npos);
    }
    CHECK(r.out.find("  --kernel_size") == std::string::npos);  // the aliases are prose, not option lines
    CHECK(r.out.find("Other:\n  -h,--help") != std::string::npos);
    // Everything but the examples (indented command lines, kept whole) fits 80 columns.
    for (const std::string& line : lines_of(r.out)) {
      if (line.rfind("  tconv ", 0) == 0) continue;
      CAPTURE(line);
      CHECK(line.size() <= 80);
    }
  }
  const std::string compute = run_tconv({"compute", "--help"}).out;
  const std::vector<std::string> groups{
      "Input data:", "Layer, PyTorch's names:", "ONNX padding:", "Output:", "Views:", "Engine:", "Other:"};
  size_t at = 0;
  for (const std::string& group : groups) {  // in this order
    CAPTURE(group);
    const size_t found = compute.find("\n" + group + "\n", at);
    CHECK(found != std::string::npos);
    at = found == std::string::npos ? at : found;
  }
  CHECK(compute.find("-o,--output FILE") != std::string::npos);
  CHECK(compute.find("--format FORMAT") != std::string::npos);
  const std::string animate = run_tconv({"animate", "--help"}).out;
  CHECK(animate.find("-O,--out-dir DIR") != std::string::npos);
  CHECK(animate.find("--max-memory SIZE") != std::string::npos);
}

// The words of an example command line up to a pipe: split at spaces, single quotes removed
// (the examples quote only values without spaces).
std::vector<std::string> example_args(const std::string& line) {
  std::vector<std::string> args;
  std::istringstream in(line.substr(0, line.find(" | ")));
  std::string word;
  while (in >> word) {
    std::string bare;
    for (char c : word) {
      if (c != '\'') bare += c;
    }
    args.push_back(bare);
  }
  return args;
}

// The --bias example once named files a reader does not have and held one bias value, which
// fits one output channel only. It runs as written: two channels, one bias value each.
TEST_CASE("compute --help: the --bias example runs as written") {
  std::string example;
  for (const std::string& line : lines_of(run_tconv({"compute", "--help"}).out)) {
    if (line.rfind("  tconv compute ", 0) == 0 && line.find("--bias") != std::string::npos) example = line;
  }
  REQUIRE_FALSE(example.empty());
  std::vector<std::string> args = example_args(example);
  REQUIRE(args.size() > 2);
  args.erase(args.begin());  // "tconv"
  CAPTURE(example);
  const testing::CliRun r = run_tconv(args);
  CHECK(r.err.empty());
  REQUIRE(r.status == 0);
  // Input 2x2, k 3, stride 2: (2-1)*2 + 3 = 5 per axis; Cout 2 from the two bias values' channels.
  CHECK(r.out.rfind("{\"shape\":[2,5,5],", 0) == 0);
}

TEST_CASE("a narrow terminal wraps the help to its width") {
  std::istringstream in;
  std::ostringstream out, err;
  CliContext context{in, out, err};
  context.help_width = 50;
  REQUIRE(run_cli({"compute", "--help"}, context) == 0);
  for (const std::string& line : lines_of(out.str())) {
    // Kept whole: examples, the table of the article's cases and its heading, an option's names.
    if (line.rfind("  tconv ", 0) == 0 || line.rfind("  -", 0) == 0 ||
        (line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[2]))) ||
        (!line.empty() && line.back() == ':')) {
      continue;
    }
    CAPTURE(line);
    CHECK(line.size() <= 50);
  }
}

TEST_CASE("tconv help COMMAND is --help, -V is --version") {
  CHECK(run_tconv({"help"}).out == run_tconv({"--help"}).out);
  for (const char* command : {"shape", "compute", "animate", "bench"}) {
    const testing::CliRun r = run_tconv({"help", command});
    CHECK(r.status == 0);
    CHECK(r.out == run_tconv({command, "--help"}).out);
  }
  const testing::CliRun bad = run_tconv({"help", "shpe"});
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "tconv: error: unknown command 'shpe'; did you mean shape? (the commands are shape, compute, "
        "animate, bench, translate, inspect, completion, help)\n");
  const testing::CliRun version = run_tconv({"-V"});
  CHECK(version.status == 0);
  CHECK(version.out == run_tconv({"--version"}).out);
}

TEST_CASE("PyTorch's underscore spellings mean the same as the dashed ones") {
  const std::string dashed = run_tconv({"shape", "5", "--kernel-size", "3", "-s", "2", "--output-padding", "1"}).out;
  CHECK(dashed == "12\n");  // (5-1)*2 + 3 + 1
  CHECK(run_tconv({"shape", "5", "--kernel_size", "3", "-s", "2", "--output_padding", "1"}).out == dashed);
  CHECK(run_tconv({"shape", "5", "-k", "3", "-s", "2", "--output_size", "12"}).out == dashed);
  // animate's old --out is still the frame folder.
  CHECK(run_tconv({"animate", "--figure", "1", "--out", "x", "--format", "gif"}).err ==
        "tconv: error: --format must be png or svg, got 'gif'\n");
}

TEST_CASE("unknown names are usage errors that say what was probably meant") {
  const auto error = [](const std::vector<std::string>& args) {
    const testing::CliRun r = run_tconv(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    return r.err;
  };
  CHECK(error({"shape", "5", "-k", "3", "--output-paddin", "1"}) ==
        "tconv: error: unknown option --output-paddin for tconv shape; did you mean --output-padding?\n");
  CHECK(error({"--bogus"}) == "tconv: error: unknown option --bogus for tconv; see tconv --help\n");
  CHECK(error({"shape", "5", "-k", "3", "--version"}) ==
        "tconv: error: --version is an option of tconv itself, not of tconv shape: tconv --version\n");
  CHECK(error({"-k", "3", "shape", "5"}) ==
        "tconv: error: -k is an option of tconv shape: put it after the command, as in tconv shape ... -k\n");
  CHECK(error({"comptue"}) ==
        "tconv: error: unknown command 'comptue'; did you mean compute? (the commands are "
        "shape, compute, animate, bench, translate, inspect, completion, help)\n");
  CHECK(error({"compute", "--example", "1", "--format", "jsn"}) ==
        "tconv: error: --format must be text, json, jsonl, csv or npy, got 'jsn'; did you mean json?\n");
  CHECK(error({"compute", "--example", "1", "--dtype", "float16"}) ==
        "tconv: error: --dtype must be float32 or float64, got 'float16'; did you mean float32 or float64?\n");
  CHECK(error({"shape", "5", "-k", "3", "extra"}) ==
        "tconv: error: unexpected argument 'extra' for tconv shape; see tconv shape --help\n");
  CHECK(error({"compute", "--example", "1", "--max-memory", "4XB"}) ==
        "tconv: error: --max-memory expects a size like 4GiB, 512MB or 1000000, got '4XB'\n");
  // ONNX writes SAME_UPPER; tconv's name is same-upper.
  CHECK(run_tconv({"shape", "5", "-k", "3", "-s", "2", "--auto-pad", "SAME_UPPER"}).out ==
        run_tconv({"shape", "5", "-k", "3", "-s", "2", "--auto-pad", "same-upper"}).out);
}

TEST_CASE("--max-memory takes units: 2KB is 2000 bytes, 2KiB 2048") {
  // The input is read in float64: arange 16x16 is 2048 bytes, over 2KB, within 2KiB.
  const std::vector<std::string> base{"compute", "--input", "arange", "--input-size", "16x16", "--weight",
                                      "ones",    "-k",      "1",      "--max-memory"};
  std::vector<std::string> args = base;
  args.push_back("2KB");
  const testing::CliRun over = run_tconv(args);
  CHECK(over.status == 1);
  CHECK(over.err.find("above the memory limit of 2000 bytes") != std::string::npos);
  args.back() = "2KiB";
  CHECK(run_tconv(args).status == 0);
}

}  // namespace
}  // namespace tconv
