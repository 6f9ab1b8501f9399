// The step logs of `tconv compute --steps`, against the article's calculation-process figures
// (cell texts transcribed in ../shared/reference-figures/ANALYSIS.md, section 1.4) and against
// the output they must add up to.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using Run = testing::CliRun;

Run run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return testing::run_tconv(args, stdin_text);
}

// The grid lines of step `step` (1-based) of a text step log.
std::vector<std::string> step_grid(const std::string& log, int step) {
  std::istringstream in(log);
  std::vector<std::string> lines;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("Step ", 0) == 0) {
      inside = line.rfind("Step " + std::to_string(step) + " of", 0) == 0;
      continue;
    }
    if (inside && line.empty()) break;
    if (inside) lines.push_back(line);
  }
  return lines;
}

TEST_CASE("example 2 --steps reads like the article's Figure 4") {
  const Run r = run({"compute", "--example", "2", "--steps"});
  REQUIRE(r.status == 0);
  // Figure 4: Step 1 rows 0-2 = 1 1 1 . . ; Step 2 rows 0-2 = 1 1 1+2 2 2 (footprint cols 2-4);
  // Step 3 row 2 = 1+3 1+3 1+2+3 2 2, rows 3-4 = 3 3 3 . . ; Step 4 row 2 = 1+3 1+3 1+2+3+4 2+4 2+4,
  // rows 3-4 = 3 3 3+4 4 4. [brackets] mark the footprint of the current step.
  CHECK(step_grid(r.out, 1) == std::vector<std::string>{"  [1] [1] [1]  .   .", "  [1] [1] [1]  .   .",
                                                        "  [1] [1] [1]  .   .", "   .   .   .   .   .",
                                                        "   .   .   .   .   ."});
  CHECK(step_grid(r.out, 2) == std::vector<std::string>{"   1   1  [1+2] [2] [2]", "   1   1  [1+2] [2] [2]",
                                                        "   1   1  [1+2] [2] [2]", "   .   .     .   .   .",
                                                        "   .   .     .   .   ."});
  CHECK(step_grid(r.out, 3) == std::vector<std::string>{"     1     1     1+2   2   2", "     1     1     1+2   2   2",
                                                        "  [1+3] [1+3] [1+2+3]  2   2", "    [3]   [3]     [3]  .   .",
                                                        "    [3]   [3]     [3]  .   ."});
  CHECK(step_grid(r.out, 4) ==
        std::vector<std::string>{"     1     1       1+2     2     2", "     1     1       1+2     2     2",
                                 "   1+3   1+3  [1+2+3+4] [2+4] [2+4]", "     3     3      [3+4]   [4]   [4]",
                                 "     3     3      [3+4]   [4]   [4]"});
  // The final output, Figure 4's last panel.
  CHECK(r.out.find("Output 5x5 (float32):\n   1  1  3  2  2\n   1  1  3  2  2\n   4  4 10  6  6\n"
                   "   3  3  7  4  4\n   3  3  7  4  4\n") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour off a terminal
}

TEST_CASE("colour marks the current step on a terminal only, and never with NO_COLOR") {
  const auto run_on = [](bool terminal, bool color_allowed) {
    std::istringstream in;
    std::ostringstream out, err;
    CliContext context{in, out, err};
    context.out_is_terminal = terminal;
    context.color_allowed = color_allowed;  // run_cli(argc, argv) clears it when NO_COLOR is set
    REQUIRE(run_cli({"compute", "--example", "1", "--steps"}, context) == 0);
    return out.str();
  };
  CHECK(run_on(true, true).find("\x1b[1;36m[1]\x1b[0m") != std::string::npos);
  CHECK(run_on(true, false).find('\x1b') == std::string::npos);
  CHECK(run_on(false, true).find('\x1b') == std::string::npos);
}

TEST_CASE("example 3 --steps (Figure 6): the padding ring's contributions are listed as cropped") {
  const Run r = run({"compute", "--example", "3", "--steps"});
  REQUIRE(r.status == 0);
  // Step 1: x(0,0)=1 covers uncropped rows/cols 0-2; padding 1 keeps rows/cols 1-2 as output
  // 0-1, and crops the five cells of row -1 and column -1.
  CHECK(step_grid(r.out, 1) == std::vector<std::string>{"  [1] [1]  .", "  [1] [1]  .", "   .   .   .",
                                                        "  cropped by padding (outside the output): (-1,-1) 1, "
                                                        "(-1,0) 1, (-1,1) 1, (0,-1) 1, (1,-1) 1"});
  CHECK(r.out.find("Output 3x3 (float32):\n   1  3  2\n   4 10  6\n   3  7  4\n") != std::string::npos);
}

TEST_CASE("example 5 --steps (Figure 11): the dilated kernel's holes show 0, never +0") {
  const Run r = run({"compute", "--example", "5", "--steps"});
  REQUIRE(r.status == 0);
  // Figure 9/11's kernel panel: the 2x2 ones kernel at dilation 2.
  CHECK(r.out.find("Dilated kernel (3x3):\n  1 0 1\n  0 0 0\n  1 0 1\n") != std::string::npos);
  // By hand: [1,2,3] at dilation 2 is [1,0,2,0,3].
  CHECK(run({"compute", "--input", "[1]", "--weight", "[1,2,3]", "-d", "2", "--dims", "1", "--steps"})
            .out.find("Dilated kernel (5):\n  1 0 2 0 3\n") != std::string::npos);
  // Figure 11, Step 3: row0 = 1 0 1+2 0 2 ; row1 = 0 0 0 0 0 ; row2 = 1+3 0 1+2+3 0 2 ;
  // row3 = 0 0 0 . . ; row4 = 3 0 3 . .
  CHECK(step_grid(r.out, 3) == std::vector<std::string>{"     1   0     1+2   0   2", "     0   0       0   0   0",
                                                        "  [1+3]  0  [1+2+3]  0   2", "     0   0       0   .   .",
                                                        "    [3]  0      [3]  .   ."});
}

TEST_CASE("jsonl steps stream one object per input element and add up to the output") {
  const Run r = run({"compute",
                     "--input",
                     "[[1.5,-2],[0.25,3]]",
                     "--weight",
                     "[[1,2],[3,-4]]",
                     "-s",
                     "2",
                     "-p",
                     "1",
                     "--output-padding",
                     "1",
                     "--dilation",
                     "2",
                     "--bias",
                     "[0.5]",
                     "--dtype",
                     "float64",
                     "--steps",
                     "--format",
                     "jsonl"});
  REQUIRE(r.status == 0);
  std::istringstream in(r.out);
  std::string line;
  std::vector<nlohmann::json> objects;
  while (std::getline(in, line)) objects.push_back(nlohmann::json::parse(line));
  REQUIRE(objects.size() == 4 + 1 + 1);  // 4 steps, the bias, the result
  std::map<std::vector<int64_t>, double> sums;
  int cropped = 0;
  for (int k = 0; k < 4; ++k) {
    CHECK(objects[static_cast<size_t>(k)]["step"] == k + 1);
    for (const auto& update : objects[static_cast<size_t>(k)]["updates"]) {
      if (update["cropped"].get<bool>()) {
        CHECK(update["output_index"].is_null());
        CHECK_FALSE(update.contains("total"));
        ++cropped;
        continue;
      }
      auto& sum = sums[update["output_index"].get<std::vector<int64_t>>()];
      sum += update["product"].get<double>();
      CHECK(update["total"].get<double>() == sum);
    }
  }
  CHECK(cropped > 0);
  const double bias = objects[4]["bias"]["value"].get<double>();
  CHECK(bias == 0.5);
  const auto& result = objects[5];
  // out = (2-1)*2 - 2 + 2*(2-1) + 1 + 1 = 4
  CHECK(result["shape"] == nlohmann::json::array({4, 4}));
  const auto output = result["output"].get<std::vector<std::vector<double>>>();
  for (int64_t i = 0; i < 4; ++i)
    for (int64_t j = 0; j < 4; ++j)
      CHECK(output[static_cast<size_t>(i)][static_cast<size_t>(j)] == sums[{i, j}] + bias);
}

TEST_CASE("json steps are one document, above the limit it points to jsonl") {
  const Run r = run({"compute", "--example", "1", "--steps", "--format", "json"});
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["steps"].size() == 4);
  CHECK(doc["steps"][3]["input"]["value"] == 4);
  CHECK(doc["output"][1][1] == 10);
  const Run big = run({"compute", "--input", "ones", "--input-size", "201x200", "--weight", "ones", "-k", "5",
                       "--steps", "--format", "json"});
  CHECK(big.status == 1);
  CHECK(big.out.empty());
  // 201*200 steps of 5*5 updates
  CHECK(big.err ==
        "tconv: error: the json step log would hold 1005000 updates, above 1000000 for one document; use "
        "--format jsonl, which streams any size\n");
}

}  // namespace
}  // namespace tconv

namespace tconv {
namespace {

TEST_CASE("a kernel other than all ones writes every term x·w, so each weight is visible") {
  // Kernel arange 1..9 (w[a][b] = 3a + b + 1) on [[1,2],[3,4]], stride 1: output (1,1) gets
  // x(0,0)·w(1,1) = 1·5, x(0,1)·w(1,0) = 2·4, x(1,0)·w(0,1) = 3·2, x(1,1)·w(0,0) = 4·1 = 23.
  const auto r =
      testing::run_tconv({"compute", "--input", "[[1,2],[3,4]]", "--weight", "arange", "-k", "3", "--steps"});
  REQUIRE(r.status == 0);
  const std::vector<std::string> grid = step_grid(r.out, 4);
  REQUIRE(grid.size() == 4);
  CHECK(grid[1].find("[1·5+2·4+3·2+4·1]") != std::string::npos);
  CHECK(grid[0].find("  1·1 ") != std::string::npos);  // x(0,0)·w(0,0), untouched by step 4
  // Columns stay aligned although "·" takes two bytes: every row of a step has the same width
  // in characters.
  const auto width = [](const std::string& line) {
    size_t n = 0;
    for (const char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  const std::vector<std::string> first = step_grid(r.out, 1);
  CHECK(width(first[0]) == width(first[2]));
  CHECK(r.out.find("Output 4x4 (float32):") != std::string::npos);
}

TEST_CASE("negative factors are bracketed in x·w terms while an all-ones kernel keeps the article's bare sums") {
  // [[-1]] through [[2,-3]]: the products -2 and 3, written (-1)·2 and (-1)·(-3).
  const auto r = testing::run_tconv({"compute", "--input", "[[-1]]", "--weight", "[[2,-3]]", "--steps"});
  REQUIRE(r.status == 0);
  CHECK(step_grid(r.out, 1) == std::vector<std::string>{"  [(-1)·2] [(-1)·(-3)]"});
  const auto ones = testing::run_tconv({"compute", "--example", "1", "--steps"});
  CHECK(ones.out.find("·") == std::string::npos);
}

}  // namespace
}  // namespace tconv
