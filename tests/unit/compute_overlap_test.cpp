// `tconv compute --view overlap` in-process: it needs only sizes, prints the counts grid, the
// pattern, the verdict and the reason, and its JSON has the documented keys. Expected counts
// by hand: kernel 3, stride 2 on 4 cells puts input i's taps at u = 2i + {0, 1, 2}, so
// u = 0..8 receive 1 1 2 1 2 1 2 1 1 pairs; a 2-D cell gets the product of its row and
// column counts.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using testing::run_tconv;

TEST_CASE("compute --view overlap works from sizes alone") {
  const auto r = run_tconv({"compute", "--view", "overlap", "--input-size", "4x4", "-k", "3", "-s", "2"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("  1 1 2 1 2 1 2 1 1\n  1 1 2 1 2 1 2 1 1\n  2 2 4 2 4 2 4 2 2\n") != std::string::npos);
  CHECK(r.out.find("Repeating period: 2x2 cells\n") != std::string::npos);
  CHECK(r.out.find("Verdict: uneven: away from the borders a cell gets 1 to 4 pairs") != std::string::npos);
  CHECK(r.out.find("Why: kernel 3 is not a multiple of stride 2") != std::string::npos);
  CHECK(r.out.find("To make it even: kernel 4 or 2 (a multiple of stride 2); or upsample") != std::string::npos);
}

TEST_CASE("compute --view overlap --format json: counts nested like the output, the verdict fields") {
  // kernel 4, stride 2, padding 1 on 4 cells: u = 2i + {0..3}, u = 0..9 get 1 1 2 2 2 2 2 2 1 1,
  // padding 1 keeps u = 1..8: 1 2 2 2 2 2 2 1.
  const auto r = run_tconv(
      {"compute", "--view", "overlap", "--input-size", "4x4", "-k", "4", "-s", "2", "-p", "1", "--format", "json"});
  REQUIRE(r.status == 0);
  const nlohmann::json json = nlohmann::json::parse(r.out);
  CHECK(json["counts"][0] == nlohmann::json::parse("[1,2,2,2,2,2,2,1]"));
  CHECK(json["counts"][3] == nlohmann::json::parse("[2,4,4,4,4,4,4,2]"));
  CHECK(json["min"] == 4);
  CHECK(json["max"] == 4);
  CHECK(json["uniform"] == true);
  CHECK(json["period"] == nlohmann::json::parse("[1,1]"));
  CHECK(json["reason"] ==
        "kernel 4 is a multiple of stride 2: away from the borders every cell gets 2 taps per axis (4 in all)");
  CHECK(json["remedy"].is_null());
  CHECK(json["output_min"] == 1);
  CHECK(json["shape"] == nlohmann::json::parse("[8,8]"));
  CHECK(json["axes"][1]["interior"] == nlohmann::json::parse("[2,6]"));
}

TEST_CASE("compute --view overlap takes the sizes from data, the examples and 1-D layers") {
  // The article's case 5: kernel 2, stride 2, dilation 2 reaches every 2nd cell only.
  const auto r = run_tconv({"compute", "--view", "overlap", "--example", "5", "--format", "json"});
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["counts"][1] == nlohmann::json::parse("[0,0,0,0,0]"));
  const auto d = run_tconv({"compute", "--view", "overlap", "--dims", "1", "--input", "[5,6,7]", "--weight", "[1,2]",
                            "-s", "2", "--format", "json"});
  REQUIRE(d.status == 0);
  CHECK(nlohmann::json::parse(d.out)["counts"] == nlohmann::json::parse("[1,1,1,1,1,1]"));
}

TEST_CASE("compute --view overlap refuses what it cannot do, with exit 2 and one line") {
  const auto no_size = run_tconv({"compute", "--view", "overlap", "-k", "3"});
  CHECK(no_size.status == 2);
  CHECK(no_size.out.empty());
  CHECK(no_size.err ==
        "tconv: error: --view overlap needs the input's size: --input-size (e.g. 4x4) or --input DATA\n");
  const auto no_kernel = run_tconv({"compute", "--view", "overlap", "--input-size", "4"});
  CHECK(no_kernel.err == "tconv: error: --view overlap needs the kernel size: -k (e.g. -k 3) or --weight DATA\n");
  const auto csv = run_tconv({"compute", "--view", "overlap", "--input-size", "4", "-k", "3", "--format", "csv"});
  CHECK(csv.status == 2);
  CHECK(csv.err == "tconv: error: --view overlap writes text or json, got 'csv'\n");
  const auto steps = run_tconv({"compute", "--view", "overlap", "--input-size", "4", "-k", "3", "--steps"});
  CHECK(steps.status == 2);
  const auto bad = run_tconv({"compute", "--view", "mosaic", "--example", "1"});
  CHECK(bad.err == "tconv: error: --view must be scatter, gather, overlap or phases, got 'mosaic'\n");
}

}  // namespace
}  // namespace tconv
