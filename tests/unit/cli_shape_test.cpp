// `tconv shape` in process: every feature through run_cli. Sizes by hand from
// out = (m-1)*S - 2P + D*(K-1) + P_out + 1 (or - P_begin - P_end for ONNX pads).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using Run = testing::CliRun;

Run shape(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), "shape");
  return testing::run_tconv(args, stdin_text);
}

void check_failure(const Run& r, int status, const std::string& message) {
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.status == status);
  CHECK(r.out.empty());
  CHECK(r.err == "tconv: error: " + message + "\n");
}

TEST_CASE("shape prints the size and nothing else") {
  CHECK(shape({"2x2", "-k", "3", "-s", "2", "-p", "1", "--output-padding", "1"}).out == "4x4\n");
  CHECK(shape({"5", "-k", "3"}).out == "7\n");          // 4 + 2 + 1
  CHECK(shape({"2x3x4", "-k", "3"}).out == "4x5x6\n");  // +2 each
  // Per-dimension lists: (4-1)*2 + 2 + 1 = 9 ; (5-1)*1 + 1 + 1 = 6
  CHECK(shape({"4x5", "-k", "3,2", "-s", "2,1"}).out == "9x6\n");
  // Long names; dilation 2: (2-1)*2 + 2*(2-1) + 1 = 5
  CHECK(shape({"2x2", "--kernel-size", "2", "--stride", "2", "--dilation", "2"}).out == "5x5\n");
  // ONNX pads 1,2,1,2 with strides 3,2 on 3x3, k 3: (3-1)*3 + 3 - 2 = 7 ; (3-1)*2 + 3 - 4 = 3
  CHECK(shape({"3x3", "-k", "3", "-s", "3,2", "--pads", "1,2,1,2"}).out == "7x3\n");
  // SAME_UPPER: in*stride = 6x8
  CHECK(shape({"3x4", "-k", "4", "-s", "2", "--auto-pad", "same-upper"}).out == "6x8\n");
  // output_size picks output_padding: 5 or 6 reachable with k3 s2 from 2
  CHECK(shape({"2x2", "-k", "3", "-s", "2", "--output-size", "6x5"}).out == "6x5\n");
  // ONNX output_shape: full 5x5; ONNX Runtime accepts up to 5 + stride-1 = 6 (zeros at the end)
  CHECK(shape({"2x2", "-k", "3", "-s", "2", "--output-shape", "6x4"}).out == "6x4\n");
}

TEST_CASE("--json prints one object with per-dimension lists and the convention") {
  const Run r = shape({"2x3", "-k", "3", "-s", "2,1", "-p", "1,0", "--output-padding", "1,0", "--json"});
  REQUIRE(r.status == 0);
  CHECK(r.out.back() == '\n');
  CHECK(r.out.find('\n') == r.out.size() - 1);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["input_size"] == nlohmann::json({2, 3}));
  CHECK(json["kernel_size"] == nlohmann::json({3, 3}));
  CHECK(json["stride"] == nlohmann::json({2, 1}));
  CHECK(json["padding"] == nlohmann::json({{1, 1}, {0, 0}}));  // [begin, end] pairs, as compute writes them
  CHECK(json["output_padding"] == nlohmann::json({1, 0}));
  CHECK(json["dilation"] == nlohmann::json({1, 1}));
  CHECK(json["padding_convention"] == "pytorch padding");
  CHECK(json["output_size"] == nlohmann::json({4, 5}));  // 2 - 2 + 2 + 1 + 1 ; 2 + 2 + 1
  // Asymmetric: [begin, end] per dimension; the auto_pad mode is named.
  const auto onnx =
      nlohmann::json::parse(shape({"3x4", "-k", "3", "-s", "2", "--auto-pad", "same-lower", "--json"}).out);
  // full (3-1)*2 + 3 = 7, target 6: total 1 -> lower puts it at the beginning; 9 - 8 = 1 likewise
  CHECK(onnx["padding"] == nlohmann::json({{1, 0}, {1, 0}}));
  CHECK(onnx["padding_convention"] == "onnx auto_pad same-lower");
  CHECK(onnx["output_size"] == nlohmann::json({6, 8}));
}

TEST_CASE("--explain substitutes the numbers term by term") {
  const Run r = shape({"2x2", "-k", "3", "-s", "2", "-p", "1", "--output-padding", "1", "--explain"});
  REQUIRE(r.status == 0);
  const std::string dimension =
      "  (m-1)*S          = (2-1)*2     = 2\n"
      "  K' = D*(K-1) + 1 = 1*(3-1) + 1 = 3\n"
      "  -2P              = -2*1        = -2\n"
      "  +P_out           = +1          = 1\n"
      "  output           = 2 + 3 - 2 + 1 = 4\n";
  CHECK(r.out ==
        "output size = (m-1)*S + K' - 2P + P_out, with the dilated kernel K' = D*(K-1) + 1\n"
        "padding from: pytorch padding\n"
        "dimension 1: m=2 K=3 S=2 D=1 P=1 P_out=1\n" +
            dimension + "dimension 2: m=2 K=3 S=2 D=1 P=1 P_out=1\n" + dimension + "output size: 4x4\n");
  // 1-D, asymmetric pads and dilation: K' = 2*(2-1) + 1 = 3; 4*2 + 3 - 1 - 2 + 0 = 8
  const Run a = shape({"5", "-k", "2", "-s", "2", "-d", "2", "--pads", "1,2", "--explain"});
  CHECK(a.out.find("m=5 K=2 S=2 D=2 P_begin=1 P_end=2 P_out=0\n") != std::string::npos);
  CHECK(a.out.find("  -P_begin - P_end = -1 - 2      = -3\n") != std::string::npos);
  CHECK(a.out.find("  output           = 8 + 3 - 3 + 0 = 8\n") != std::string::npos);
  CHECK(a.out.find("padding from: onnx pads\n") != std::string::npos);
  // ONNX SAME_UPPER with output_shape 9 > full extent (3-1)*2 + 4 = 8: total -1 -> as ONNX
  // Runtime: nothing cropped, one zero cell at the end: pads 0 and -1.
  const Run n = shape({"3", "-k", "4", "-s", "2", "--auto-pad", "same-upper", "--output-shape", "9", "--explain"});
  CHECK(n.out.find("  -P_begin - P_end = -0 - (-1)   = 1\n") != std::string::npos);
  CHECK(n.out.find("  output           = 4 + 4 - (-1) + 0 = 9\n") != std::string::npos);
  CHECK(n.out.find("padding from: onnx auto_pad same-upper\n") != std::string::npos);
  const auto json = nlohmann::json::parse(shape({"5", "-k", "3", "--explain", "--json"}).out);
  CHECK(json["explain"][0]["dilated_kernel"] == 3);
  CHECK(json["explain"][0]["stretched_input"] == 4);
}

TEST_CASE("--target lists every (padding, output_padding) per dimension") {
  // k3 s2 from 2: base 5. 4 -> P=1,q=1 ; 6 -> P=0,q=1. The last taps reach u = 2 + 2 = 4, so
  // 6 = cells [0, 6) ends with u = 5, which only output_padding adds: output cell 5, no input.
  Run r = shape({"2x2", "-k", "3", "-s", "2", "--target", "4x6"});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "dimension 1: 2 -> 4 with kernel_size 3, stride 2, dilation 1: 1 solution, 1 useful (every output cell "
        "gets an input, every input reaches one)\n"
        "  padding 1, output_padding 1\n"
        "dimension 2: 2 -> 6 with kernel_size 3, stride 2, dilation 1: 1 solution, 0 useful (every output cell "
        "gets an input, every input reaches one)\n"
        "  padding 0, output_padding 1  (output cell 5 gets no input)\n");
  // Identical dimensions are answered once.
  CHECK(shape({"2x2", "-k", "3", "-s", "2", "--target", "4x4"}).out ==
        "2 -> 4 with kernel_size 3, stride 2, dilation 1, H and W alike: 1 solution, 1 useful (every output cell "
        "gets an input, every input reaches one)\n"
        "  padding 1, output_padding 1\n");
  // Dilation 4 allows output_padding 0..3: m=3 K=2 S=1 -> base 7; target 6 -> (1,1), (2,3).
  // The taps i + 4t write u = 0,1,2 and 4,5,6: u = 3 is a hole, output cell 3 - P (2, then 1).
  const auto json = nlohmann::json::parse(shape({"3", "-k", "2", "-s", "1", "-d", "4", "--target", "6", "--json"}).out);
  CHECK(json["solutions"] == nlohmann::json::parse(R"([[{"padding":[1,1],"output_padding":1,"rank":1,
      "useful":false,"output_without_input":2,"inputs_reach_output":true},{"padding":[2,2],"output_padding":3,
      "rank":2,"useful":false,"output_without_input":1,"inputs_reach_output":true}]])"));
  CHECK(json["target_size"] == nlohmann::json({6}));
  // --asymmetric: m=3 K=4 S=2 -> base 8; target 7
  r = shape({"3", "-k", "4", "-s", "2", "--target", "7", "--asymmetric"});
  CHECK(r.out ==
        "3 -> 7 with kernel_size 4, stride 2, dilation 1: 3 solutions, 2 useful (every output cell gets an input, "
        "every input reaches one)\n"
        "  pad_begin 0, pad_end 1, output_padding 0  (one layer in: onnx)\n"
        "  pad_begin 1, pad_end 0, output_padding 0  (one layer in: pytorch, onnx)\n"
        // the last tap is u = 4 + 3 = 7; [2, 9) ends with u = 8, output cell 6
        "  pad_begin 2, pad_end 0, output_padding 1  (output cell 6 gets no input; one layer in: onnx)\n");
  const auto asym =
      nlohmann::json::parse(shape({"3", "-k", "4", "-s", "2", "--target", "9", "--asymmetric", "--json"}).out);
  // n=3, k4, s2: full0 8, window [0, 9): ONNX (output_padding 1); TF VALID with output_shape 9;
  // Keras valid with output_padding 1: (3-1)*2 + 4 + 1 = 9. PyTorch too: padding 0, op 1.
  CHECK(asym["solutions"] ==
        nlohmann::json::parse(
            R"([[{"padding":[0,0],"output_padding":1,"frameworks":["pytorch","onnx","tensorflow","keras"],"rank":1,
                "useful":false,"output_without_input":8,"inputs_reach_output":true}]])"));  // u = 8 > last tap 7
}

TEST_CASE("--target without a solution is one error line with the nearest sizes and advice") {
  check_failure(
      shape({"2x2", "-k", "3", "-s", "2", "--target", "4x10"}), 1,
      "no solution for target size 10 (dimension 2 of 2) from input 2 with kernel_size 3, stride 2, "
      "dilation 1: the largest reachable size is 6 (padding 0, output_padding 1); nearest reachable: 6; "
      "kernel_size >= 7 would reach it, as would stride 4 (padding 0, output_padding 3) or a larger dilation");
  check_failure(shape({"2", "-k", "3", "-s", "1", "--target", "3"}), 1,
                "no solution for target size 3 from input 2 with kernel_size 3, stride 1, dilation 1: with stride 1 "
                "and dilation 1 output_padding must be 0 and padding P removes 2*P cells, so only 4, 2 are "
                "reachable; nearest reachable: 2 or 4; a kernel_size of 4 or 2 would reach it, as would asymmetric "
                "padding (--asymmetric)");
  CHECK(shape({"2", "-k", "3", "-s", "1", "--target", "3", "--asymmetric"}).status == 0);
  check_failure(shape({"2", "-k", "3", "--target", "0"}), 1, "--target must be >= 1, got 0");
  CHECK(shape({"2", "-k", "3", "--target", "4", "--conv"}).status == 2);  // excludes --conv
  CHECK(shape({"2", "-k", "3", "--asymmetric"}).status == 2);             // needs --target
}

TEST_CASE("--conv: the forward convolution maps the output back and the sizes that share it") {
  // 2x2 k3 s2 p1 op1 -> 4x4; Conv(4) = (4 + 2 - 3)/2 + 1 = 2; sizes 3..4 map to 2
  Run r = shape({"2x2", "-k", "3", "-s", "2", "-p", "1", "--output-padding", "1", "--conv"});
  CHECK(r.out ==
        "4x4\n"
        "conv: Conv2d with the same kernel_size, stride, padding and dilation maps 4x4 back to 2x2\n"
        "conv: dimension 1: sizes 3 to 4 all map to 2; output_padding or --output-size picks one of them\n"
        "conv: dimension 1: no other ConvTranspose input size gives 4\n"
        "conv: dimension 2: sizes 3 to 4 all map to 2; output_padding or --output-size picks one of them\n"
        "conv: dimension 2: no other ConvTranspose input size gives 4\n");
  // Stride 1: 5 -> 7 -> 5, only 7.
  r = shape({"5", "-k", "3", "--conv"});
  CHECK(r.out ==
        "7\nconv: Conv1d with the same kernel_size, stride, padding and dilation maps 7 back to 5\n"
        "conv: only size 7 maps to 5\n"
        "conv: no other ConvTranspose input size gives 7\n");
  // output_padding 2 >= stride 1 (dilation 3): 2 -> 1 + 4 + 2 = 7; Conv(7) = 7 - 4 + 1 = 4.
  r = shape({"2", "-k", "2", "-d", "3", "--output-padding", "2", "--conv"});
  CHECK(r.out.find("maps 7 back to 4\n") != std::string::npos);
  CHECK(r.out.find("does not give back the input size 2\n") != std::string::npos);
  // 3 -> 2 + 4 + 1 and 4 -> 3 + 4 + 0 reach 7 as well
  CHECK(r.out.find("conv: ConvTranspose input sizes 2 to 4 all give 7, each with its own output_padding\n") !=
        std::string::npos);
  const auto json = nlohmann::json::parse(shape({"2x2", "-k", "3", "-s", "2", "--conv", "--json"}).out);
  CHECK(json["conv"]["output_size"] == nlohmann::json({2, 2}));
  CHECK(json["conv"]["same_output_sizes"] == nlohmann::json({{5, 6}, {5, 6}}));
  CHECK(json["conv"]["inputs_with_same_output"] == nlohmann::json({{2, 2}, {2, 2}}));
}

TEST_CASE("shape - answers one query per stdin line") {
  // k3 s2: 2 -> 5, 3 -> 7, 5 -> 11 (blank and # lines skipped, spaces and CR trimmed)
  Run r = shape({"-", "-k", "3", "-s", "2"}, "2x2\n\n# comment\n  3x3 \r\n5\n");
  CHECK(r.status == 0);
  CHECK(r.out == "5x5\n7x7\n11\n");
  CHECK(shape({"-", "-k", "3"}, "").out.empty());
  r = shape({"-", "-k", "3", "--json"}, "1\n2\n");  // JSON Lines: 1 -> 3, 2 -> 4
  CHECK(r.out ==
        R"({"input_size":[1],"kernel_size":[3],"stride":[1],"padding":[[0,0]],"output_padding":[0],"dilation":[1],)"
        R"("padding_convention":"pytorch padding","output_size":[3]})"
        "\n"
        R"({"input_size":[2],"kernel_size":[3],"stride":[1],"padding":[[0,0]],"output_padding":[0],"dilation":[1],)"
        R"("padding_convention":"pytorch padding","output_size":[4]})"
        "\n");
  // Errors name the line; nothing is printed for the lines before it.
  check_failure(shape({"-", "-k", "3"}, "2\n3\nabc\n"), 1,
                "stdin line 3: expected one input size like 5, 4x4 or 4x5x6, got 'abc'");
  check_failure(shape({"-", "-k", "3", "-p", "2"}, "4\n1\n"), 1,
                "stdin line 2: output size must be >= 1, got -1: (1-1)*1 - 4 (padding) + 1*(3-1) + 0 + 1");
  check_failure(shape({"-", "-k", "3", "-s", "x"}, "4\n"), 2,
                "stdin line 1: --stride expects an integer or a comma list like 2,1, got 'x'");
}

TEST_CASE("shape - is bounded: a line of 64 KiB, a million lines, 100 characters quoted") {
  const std::string long_line(70000, '7');
  Run r = shape({"-", "-k", "3"}, "4\n" + long_line + "\n");
  check_failure(r, 1, "stdin line 2 is longer than 65536 bytes: '" + std::string(100, '7') + "...'");
  CHECK(r.err.size() < 200);
  r = shape({"-", "-k", "3"}, "4\n" + std::string(60000, 'x') + "\n");
  check_failure(r, 1,
                "stdin line 2: expected one input size like 5, 4x4 or 4x5x6, got '" + std::string(100, 'x') + "...'");
  CHECK(r.err.size() < 200);
  // Blank lines count too: an endless stream of them ends at the bound.
  std::string lines;
  for (int i = 0; i < 999999; ++i) lines += "#\n";
  CHECK(shape({"-", "-k", "3"}, lines + "5\n").out == "7\n");  // line 1000000
  check_failure(shape({"-", "-k", "3"}, lines + "5\n\n"), 1,
                "stdin line 1000001: more than 1000000 lines; split the input into several runs");
  // A byte-order mark at the start (Windows editors) is not part of the first size.
  CHECK(shape({"-", "-k", "3"},
              "\xEF\xBB\xBF"
              "4x4\n")
            .out == "6x6\n");
}

}  // namespace
}  // namespace tconv
