// `tconv compute` in-process: input sources and layouts, output formats, the views, and the
// error contract (one line, the right status, nothing on stdout). Expected outputs are the
// article's printed PyTorch results or hand arithmetic shown next to them.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/npy.hpp"
#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using Run = testing::CliRun;

Run run(const std::vector<std::string>& args, const std::string& stdin_text = "", bool terminal = false) {
  return testing::run_tconv(args, stdin_text, terminal);
}

std::string fixture(const std::string& name) { return std::string(TCONV_TEST_DATA_DIR) + "/npy/" + name; }

void check_fails(const Run& r, int status, const std::string& message) {
  CHECK(r.status == status);
  CHECK(r.out.empty());
  CHECK(r.err == "tconv: error: " + message + "\n");
}

TEST_CASE("the article's five examples give PyTorch's printed outputs") {
  // From the article's notebook (ANALYSIS.md 1.2).
  const char* expected[] = {
      "[[1,3,3,2],[4,10,10,6],[4,10,10,6],[3,7,7,4]]",
      "[[1,1,3,2,2],[1,1,3,2,2],[4,4,10,6,6],[3,3,7,4,4],[3,3,7,4,4]]",
      "[[1,3,2],[4,10,6],[3,7,4]]",
      "[[1,1,3,2,2,0],[1,1,3,2,2,0],[4,4,10,6,6,0],[3,3,7,4,4,0],[3,3,7,4,4,0],[0,0,0,0,0,0]]",
      "[[1,0,3,0,2],[0,0,0,0,0],[4,0,10,0,6],[0,0,0,0,0],[3,0,7,0,4]]",
  };
  for (int n = 1; n <= 5; ++n) {
    CAPTURE(n);
    const Run r = run({"compute", "--example", std::to_string(n), "--format", "json"});
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["output"] == nlohmann::json::parse(expected[n - 1]));
  }
}

TEST_CASE("text output: a header with the shape, integers without a decimal point") {
  const Run r = run({"compute", "--input", "[[1,2],[3,4]]", "--weight", "ones", "-k", "3", "-s", "2", "-p", "1"});
  CHECK(r.status == 0);
  CHECK(r.out == "output 3x3 (float32)\n 1  3  2\n 4 10  6\n 3  7  4\n");
}

TEST_CASE("float32 prints 0.1 as 0.1, float64 keeps the exact double") {
  // 0.1 * 1 = 0.1 in either dtype.
  CHECK(run({"compute", "--input", "[[0.1]]", "--weight", "[[1]]", "--format", "csv"}).out == "0.1\n");
  // 0.1 + 0.2: float32 sum is 0.3 (shortest float32 text), float64 is 0.30000000000000004.
  CHECK(run({"compute", "--input", "[0.1,0.2]", "--weight", "[1,1]", "--dims", "1", "-s", "0", "--format", "csv"})
            .status == 1);
  CHECK(run({"compute", "--input", "[[[0.1]],[[0.2]]]", "--weight", "[[[[1]]],[[[1]]]]", "--format", "csv"}).out ==
        "0.3\n");
  CHECK(run({"compute", "--input", "[[[0.1]],[[0.2]]]", "--weight", "[[[[1]]],[[[1]]]]", "--format", "csv", "--dtype",
             "float64"})
            .out == "0.30000000000000004\n");
}

TEST_CASE("layouts: the output keeps the input's leading layout") {
  const auto shape = [](const std::vector<std::string>& args) {
    std::vector<std::string> all{"compute", "--format", "json"};
    all.insert(all.end(), args.begin(), args.end());
    const Run r = run(all);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out)["shape"].get<std::vector<int64_t>>();
  };
  CHECK(shape({"--input", "[[1,2],[3,4]]", "--weight", "ones", "-k", "2"}) == std::vector<int64_t>{3, 3});
  CHECK(shape({"--input", "[[[1,2],[3,4]]]", "--weight", "ones", "-k", "2"}) == std::vector<int64_t>{1, 3, 3});
  CHECK(shape({"--input", "[[[[1,2],[3,4]]]]", "--weight", "ones", "-k", "2"}) == std::vector<int64_t>{1, 1, 3, 3});
  // Cout 2 from an (H, W) input: (Cout, H', W').
  CHECK(shape({"--input", "[[1,2],[3,4]]", "--weight", "ones", "-k", "2", "--out-channels", "2"}) ==
        std::vector<int64_t>{2, 3, 3});
  CHECK(shape({"--input", "[1,2,3]", "--weight", "[1,1]", "--dims", "1"}) == std::vector<int64_t>{4});
  CHECK(shape({"--input", "ones", "--input-size", "2x3x4", "--weight", "ones", "-k", "1", "--dims", "3"}) ==
        std::vector<int64_t>{2, 3, 4});
  CHECK(shape({"--input", "ones", "--input-size", "3", "--batch", "2", "--in-channels", "2", "--weight", "ones", "-k",
               "2", "--dims", "1", "--out-channels", "4", "-g", "2"}) == std::vector<int64_t>{2, 4, 4});
}

TEST_CASE("generators: arange is 1, 2, 3 row-major, random:SEED is reproducible and in -1 to 1") {
  // arange 2x2 kernel [[1,2],[3,4]] on a single 1: the output is the kernel.
  CHECK(run({"compute", "--input", "[[1]]", "--weight", "arange", "-k", "2", "--format", "csv"}).out == "1,2\n3,4\n");
  const Run a = run({"compute", "--input", "random:7", "--input-size", "3x3", "--weight", "[[1]]", "--format", "json",
                     "--dtype", "float64"});
  const Run b = run({"compute", "--input", "random:7", "--input-size", "3x3", "--weight", "[[1]]", "--format", "json",
                     "--dtype", "float64"});
  const Run c = run({"compute", "--input", "random:8", "--input-size", "3x3", "--weight", "[[1]]", "--format", "json",
                     "--dtype", "float64"});
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
  const auto doc = nlohmann::json::parse(a.out);  // kept alive: the loop iterates into it
  for (const auto& row : doc["output"]) {
    for (const auto& v : row) {
      CHECK(v.get<double>() >= -1.0);
      CHECK(v.get<double>() < 1.0);
    }
  }
}

TEST_CASE("sources: stdin, text matrices and .npy files by content") {
  CHECK(run({"compute", "--input", "-", "--weight", "[[1]]", "--format", "csv"}, "1 2\n3 4\n").out == "1,2\n3,4\n");
  CHECK(run({"compute", "--input", "[[2]]", "--weight", "-", "--format", "csv"}, "1,2;3,4").out == "2,4\n6,8\n");
  // f64_2x3.npy holds [[1.5,-2,3],[0.25,4,-6]]; times a 1x1 kernel of 2.
  CHECK(run({"compute", "--input", fixture("f64_2x3.npy"), "--weight", "[[2]]", "--format", "csv"}).out ==
        "3,-4,6\n0.5,8,-12\n");
  CHECK(run({"compute", "--input", fixture("i64_2x3.npy"), "--weight", "[[1]]", "--format", "csv"}).out ==
        "1,-2,3\n0,4,-6\n");
  // f64_1x2x2x2.npy is (N=1, C=2, 2, 2) = 1..8; a (2, 1, 1, 1) kernel of ones sums the channels.
  CHECK(run({"compute", "--input", fixture("f64_1x2x2x2.npy"), "--weight", "ones", "-k", "1", "--format", "csv"}).out ==
        "6,8\n10,12\n");
}

TEST_CASE("npy output round-trips, and is refused on a terminal") {
  const Run r = run({"compute", "--example", "3", "--format", "npy"});
  REQUIRE(r.status == 0);
  const Tensor<double> back = parse_npy(r.out, "out");
  CHECK(back.shape == Shape{3, 3});
  CHECK(back.data == std::vector<double>{1, 3, 2, 4, 10, 6, 3, 7, 4});
  check_fails(run({"compute", "--example", "3", "--format", "npy"}, "", true), 2,
              "refusing to write binary .npy to a terminal; redirect stdout or use -o FILE");
}

TEST_CASE("-o writes atomically and picks the format from the extension") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / ("tconv_compute_o_" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  const std::string target = (folder / "y.npy").string();
  const Run r = run({"compute", "--example", "1", "-o", target}, "", true);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  std::ifstream file(target, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CHECK(parse_npy(bytes, target).shape == Shape{4, 4});
  // The extension in any case (issue 22, item 13: -o Y.NPY wrote text).
  const std::string upper = (folder / "Y.NPY").string();
  REQUIRE(run({"compute", "--example", "1", "-o", upper}, "", true).status == 0);
  std::ifstream upper_file(upper, std::ios::binary);
  const std::string upper_bytes((std::istreambuf_iterator<char>(upper_file)), std::istreambuf_iterator<char>());
  CHECK(parse_npy(upper_bytes, upper).shape == Shape{4, 4});
  const std::string json = (folder / "y.Json").string();
  REQUIRE(run({"compute", "--example", "3", "-o", json}, "", true).status == 0);
  std::ifstream json_file(json);
  const nlohmann::json parsed = nlohmann::json::parse(json_file);
  CHECK(parsed["output"].dump() == "[[1,3,2],[4,10,6],[3,7,4]]");  // the article's Example 3
  fs::remove(upper);
  fs::remove(json);
  // A failing run leaves no file behind.
  const std::string bad = (folder / "bad.json").string();
  check_fails(run({"compute", "--input", "[[1,2],[3]]", "--weight", "ones", "-k", "3", "-o", bad}), 1,
              "--input (inline JSON): line 1, column 8: ragged array: this array has 1 entry, the first one at this "
              "depth has 2 entries");
  CHECK_FALSE(fs::exists(bad));
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  fs::remove_all(folder);
}

TEST_CASE("the float32 result matches PyTorch's float32 ConvTranspose2d to float32 rounding") {
  // tests/numpy/make_npy_fixtures.py: ConvTranspose2d(2, 3, 3, stride=2, padding=1,
  // output_padding=1) on random float32 data; PyTorch sums in another order, so a few ulp.
  const Run r = run({"compute", "--input", fixture("torch_x.npy"), "--weight", fixture("torch_w.npy"), "--bias",
                     fixture("torch_b.npy"), "-s", "2", "-p", "1", "--output-padding", "1", "--format", "npy"});
  REQUIRE(r.status == 0);
  const Tensor<double> ours = parse_npy(r.out, "ours");
  std::ifstream file(fixture("torch_y_f32.npy"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const Tensor<double> torch = parse_npy(bytes, "torch");
  REQUIRE(ours.shape == torch.shape);
  int64_t identical = 0;
  for (size_t i = 0; i < ours.data.size(); ++i) {
    CAPTURE(i);
    CHECK(std::abs(ours.data[i] - torch.data[i]) <= 4e-6 * (1 + std::abs(torch.data[i])));
    identical += ours.data[i] == torch.data[i];
  }
  CHECK(identical > static_cast<int64_t>(ours.data.size()) / 2);
}

TEST_CASE("errors: one line, the documented status, nothing on stdout") {
  check_fails(run({"compute", "--input", "-", "--weight", "-"}), 2,
              "'-' (standard input) can be given to only one of --input, --weight, --bias");
  check_fails(run({"compute", "--weight", "ones", "-k", "3"}), 2, "--input is required (or --example N); see --help");
  check_fails(run({"compute", "--input", "[[1,2],[3,4]]", "--weight", "[[[[1]]],[[[1]]]]"}), 1,
              "the weight's first dimension is Cin = 2 (weight shape 2x1x1x1), but the input has 1 channel (input "
              "shape 1x1x2x2 as (N, C, H, W))");
  check_fails(run({"compute", "--input", "[[1,2],[3,4]]", "--weight", "ones"}), 1,
              "--weight ones needs -k/--kernel-size (e.g. -k 3)");
  check_fails(run({"compute", "--input", "[[[[[1]]]]]", "--weight", "ones", "-k", "1"}), 1,
              "--input has shape 1x1x1x1x1 (rank 5), but a 2-D layer (the default; --dims sets another) needs rank 2 "
              "(H, W), 3 (C, H, W) or 4 (N, C, H, W)");
  check_fails(run({"compute", "--input", "[[1,NaN]]", "--weight", "ones", "-k", "1"}), 1,
              "--input holds nan at index [0, 1]; pass --allow-nonfinite to compute with it");
  CHECK(run({"compute", "--input", "[[1,NaN]]", "--weight", "ones", "-k", "1", "--allow-nonfinite", "--format", "csv"})
            .out == "1,nan\n");
  check_fails(run({"compute", "--input", "/nonexistent/x.npy", "--weight", "ones", "-k", "1"}), 1,
              "cannot read --input '/nonexistent/x.npy': No such file or directory (give a file, '-' for stdin, inline "
              "JSON like '[[1,2],[3,4]]', or ones/zeros/arange/random:SEED)");
  check_fails(run({"compute", "--input", "random:x", "--input-size", "2", "--weight", "ones", "-k", "1"}), 2,
              "--input random:SEED needs a non-negative integer SEED, got 'x'");
  check_fails(run({"compute", "--example", "1", "--input", "[[1]]"}), 2,
              "--example N brings its own input and kernel; drop --input/--weight/--bias");
  check_fails(run({"compute", "--example", "6"}), 2, "--example must be 1 to 5, got 6");
  check_fails(run({"compute", "--example", "1", "--format", "xml"}), 2,
              "--format must be text, json, jsonl, csv or npy, got 'xml'");
  check_fails(run({"compute", "--example", "1", "--steps", "--format", "npy"}), 2,
              "--steps writes text, json or jsonl, not npy");
  // Without --format the format is -o's extension: the message says so.
  check_fails(run({"compute", "--example", "1", "--steps", "-o", "out.csv"}), 2,
              "--steps writes text, json or jsonl, not csv (from -o out.csv; give --format to choose another)");
  check_fails(run({"compute", "--example", "1", "--matrix", "-o", "out.npy"}), 2,
              "--matrix writes text or json, not npy (from -o out.npy; give --format to choose another)");
  check_fails(run({"compute", "--example", "1", "--matrix", "--format", "csv"}), 2,
              "--matrix writes text or json, not csv");
  check_fails(
      run({"compute", "--input", "ones", "--input-size", "4x4", "--weight", "ones", "-k", "3", "--max-memory", "130"}),
      1, "the output would need 144 bytes, above the memory limit of 130 bytes (raise it with --max-memory BYTES)");
  check_fails(run({"compute", "--input", "ones", "--input-size", "100x100", "--weight", "ones", "-k", "3", "--steps"}),
              1,
              "the text step log is for small cases (at most 1024 steps and 4096 output cells); this one has 10000 "
              "steps and 10404 output cells: use --steps --format jsonl");
}

TEST_CASE("--view gather gives the same output and shows the expanded input") {
  const Run r = run({"compute", "--example", "2", "--view", "gather", "--steps"});
  REQUIRE(r.status == 0);
  // Stride 2: one zero between elements; K-1 = 2 padding on each side -> 7x7.
  CHECK(r.out.find("Expanded input (7x7):\n  0 0 0 0 0 0 0\n  0 0 0 0 0 0 0\n  0 0 1 0 2 0 0\n") != std::string::npos);
  // Output (2,2) gathers all four inputs: 1+2+3+4 = 10.
  CHECK(r.out.find("  out (2,2) = 1·1 + 2·1 + 3·1 + 4·1 = 10\n") != std::string::npos);
  const Run json = run({"compute", "--example", "2", "--view", "gather", "--format", "json"});
  CHECK(nlohmann::json::parse(json.out)["output"] ==
        nlohmann::json::parse("[[1,1,3,2,2],[1,1,3,2,2],[4,4,10,6,6],[3,3,7,4,4],[3,3,7,4,4]]"));
}

TEST_CASE("--view gather --steps --format json has a limit of its own, not the text log's") {
  // 40x40, kernel 3: 1600 steps, above the text log's 1024, but 1764 cells and 14400 terms
  // (1600 inputs x 9 taps, all inside the output) fit one JSON document.
  const Run r = run({"compute", "--input", "ones", "--input-size", "40x40", "--weight", "ones", "-k", "3", "--view",
                     "gather", "--steps", "--format", "json"});
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["cells"].size() == 1764);
  check_fails(run({"compute", "--input", "ones", "--input-size", "40x40", "--weight", "ones", "-k", "3", "--view",
                   "gather", "--steps"}),
              1,
              "the text step log is for small cases (at most 1024 steps and 4096 output cells); this one has 1600 "
              "steps and 1764 output cells: use --steps --format jsonl");
  // 200x200, kernel 5: 204x204 = 41616 cells and 200*5 pairs per axis = 1000000 terms.
  check_fails(run({"compute", "--input", "ones", "--input-size", "200x200", "--weight", "ones", "-k", "5", "--view",
                   "gather", "--steps", "--format", "json"}),
              1,
              "the json gather log would hold 41616 cells and 1000000 terms, above 1000000 entries for one "
              "document; use --format jsonl, which streams any size");
}

TEST_CASE("--matrix prints C^T and both checks") {
  const Run r = run({"compute", "--example", "1", "--matrix", "--format", "json"});
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["matrix"]["rows"] == 16);
  CHECK(doc["matrix"]["columns"] == 4);
  // Output (1,1) (row 5) receives all four inputs through the all-ones kernel.
  CHECK(doc["matrix"]["values"][5] == nlohmann::json::parse("[1,1,1,1]"));
  // Output (0,0) (row 0) only x(0,0).
  CHECK(doc["matrix"]["values"][0] == nlohmann::json::parse("[1,0,0,0]"));
  CHECK(doc["checks"]["ct_times_input_equals_output"] == true);
  CHECK(doc["checks"]["ct_is_transpose_of_conv_matrix"] == true);
}

}  // namespace
}  // namespace tconv
