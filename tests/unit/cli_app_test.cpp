// The CLI in process (run_cli with string streams): exit status 0/1/2, exactly one error line
// on stderr and nothing on stdout when a run fails, --help and --version.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include "io/fd_stream.hpp"
#include "unit/cli_test_support.hpp"

namespace tconv {
namespace {

using Run = testing::CliRun;

Run run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return testing::run_tconv(args, stdin_text);
}

// A failed run: the status, nothing on stdout, one line "tconv: error: ..." containing `part`.
void check_failure(const Run& r, int status, const std::string& part) {
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.status == status);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("tconv: error: ", 0) == 0);
  CHECK(r.err.find('\n') == r.err.size() - 1);
  CHECK(r.err.find(part) != std::string::npos);
}

TEST_CASE("success is exit 0 with the answer on stdout and nothing on stderr") {
  const Run r = run({"shape", "2x2", "-k", "3", "-s", "2", "-p", "1", "--output-padding", "1"});
  CHECK(r.status == 0);
  CHECK(r.out == "4x4\n");  // (2-1)*2 - 2 + 2 + 1 + 1
  CHECK(r.err.empty());
}

TEST_CASE("a well-formed value that breaks a rule is exit 1 with the rule in the message") {
  check_failure(run({"shape", "2x2", "-k", "3", "--stride=0"}), 1, "stride must be >= 1, got 0 (dimension 1 of 2)");
  check_failure(run({"shape", "2x2", "-k", "3", "--padding=-1"}), 1, "padding must be >= 0, got -1");
  check_failure(run({"shape", "5", "-k", "3", "-s", "2", "--output-padding", "2"}), 1,
                "output_padding must be smaller than either stride or dilation, got output_padding 2, stride 2, "
                "dilation 1");
  check_failure(run({"shape", "2", "-k", "3", "-p", "3"}), 1, "output size must be >= 1, got -2");
  check_failure(run({"shape", "2x2", "-k", "3,3,3"}), 1,
                "--kernel-size needs 1 or 2 values (one per spatial dimension), got 3");
  check_failure(run({"shape", "7", "-k", "3", "-s", "2,1"}), 1, "--stride needs 1 value for a 1-D input, got 2");
  check_failure(run({"shape", "2x2x2x2", "-k", "3"}), 1,
                "INPUT_SIZE 2x2x2x2 has 4 sizes, but it is the spatial size only (1 to 3 sizes; not N or C): give 2x2");
}

TEST_CASE("malformed values, unknown options and missing arguments are usage errors, exit 2") {
  check_failure(run({"shape", "2x2", "-k", "3", "-s", "abc"}), 2,
                "--stride expects an integer or a comma list like 2,1, got 'abc'");
  check_failure(run({"shape", "2x2", "-k", "3", "--strid", "2"}), 2,
                "unknown option --strid for tconv shape; did you mean --stride?");
  check_failure(run({"shape", "2x2"}), 2, "--kernel-size is required");
  check_failure(run({"shape", "2y2", "-k", "3"}), 2, "INPUT_SIZE expects a size like 4x4 or 4,4, got '2y2'");
  check_failure(run({"shape", "2x2", "-k", "3", "--auto-pad", "same"}), 2,
                "--auto-pad must be same-upper, same-lower, valid or notset, got 'same'");
  // Options that exclude each other: the same status whether CLI11 or tconv's rules find it.
  check_failure(run({"shape", "2x2", "-k", "3", "-p", "1", "--pads", "1,1,1,1"}), 2,
                "padding and pads cannot be used together");
  check_failure(run({"shape", "2x2", "-k", "3", "--explain", "--target", "4"}), 2,
                "--explain and --target cannot be used together");
  check_failure(run({}), 2,
                "a command is required: shape, compute, animate, bench, translate, inspect, completion or help (see "
                "tconv --help)");
  check_failure(run({"nosuchcommand"}), 2, "unknown command 'nosuchcommand'; the commands are shape, compute");
}

TEST_CASE("--help and --version print to stdout and exit 0") {
  Run r = run({"--help"});
  CHECK(r.status == 0);
  CHECK(r.out.find("shape") != std::string::npos);
  CHECK(r.out.find("Exit status: 0 success") != std::string::npos);
  r = run({"shape", "--help"});
  CHECK(r.status == 0);
  CHECK(r.out.find("Usage: tconv shape") != std::string::npos);
  CHECK(r.out.find("tconv shape 2x2 -k 3 -s 2 --target 4x4") != std::string::npos);  // examples
  CHECK(r.out.find("Exit status") != std::string::npos);                             // after the examples
  CHECK(r.out.find("Examples:") < r.out.find("Exit status"));
  r = run({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("tconv ", 0) == 0);
  CHECK(r.err.empty());
}

// run_cli with standard output over a descriptor buffer (io/fd_stream.hpp) on fd.
Run run_with_output_fd(const std::vector<std::string>& args, int fd) {
  std::istringstream in;
  FdOutputBuffer buffer(fd, "standard output");
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  std::ostringstream err;
  CliContext context{in, out, err};
  Run result;
  result.status = run_cli(args, context);
  result.err = err.str();
  return result;
}

TEST_CASE("standard output that cannot be written is an error, also for --help") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"shape", "2x2", "-k", "3"}, std::vector<std::string>{"--help"},
        std::vector<std::string>{"compute", "--example", "2", "--steps"}}) {
    CAPTURE(args.front());
    const Run r = run_with_output_fd(args, -1);  // a closed descriptor
    CHECK(r.status == 1);
    CHECK(r.err == "tconv: error: cannot write standard output: Bad file descriptor\n");
  }
}

TEST_CASE("a reader that went away ends the run quietly with 141, as SIGPIPE would") {
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  REQUIRE(::sigaction(SIGPIPE, &ignore, &previous) == 0);
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  ::close(ends[0]);
  const Run r = run_with_output_fd({"compute", "--example", "1", "--steps", "--format", "jsonl"}, ends[1]);
  ::close(ends[1]);
  ::sigaction(SIGPIPE, &previous, nullptr);
  CHECK(r.status == 141);
  CHECK(r.err.empty());
}

TEST_CASE("a binary GIF is not written to a terminal") {
  const Run r = testing::run_tconv({"animate", "--figure", "9", "--gif", "-"}, "", true);
  check_failure(r, 2, "refusing to write a binary GIF to a terminal; redirect stdout or give --gif FILE");
}

TEST_CASE("integer flags: malformed is 2, beyond the flag's type is 1, whichever flag") {
  check_failure(run({"compute", "--example", "x"}), 2, "--example expects an integer, got 'x'");
  check_failure(run({"compute", "--example", "3", "--threads", "1.5"}), 2, "--threads expects an integer, got '1.5'");
  check_failure(run({"compute", "--example", "3", "--threads", "99999999999"}), 1,
                "--threads must be at most 2147483647, got 99999999999");
  check_failure(run({"compute", "--example", "99999999999999999999"}), 1,
                "--example 99999999999999999999 is out of range: at most 9223372036854775807");
  check_failure(run({"shape", "5", "-k", "3", "-s", "-99999999999999999999"}), 1,
                "--stride -99999999999999999999 is out of range: at least -9223372036854775808");
  check_failure(run({"bench", "--input-size", "4", "--out-channels", "1", "-k", "3", "--repeat", "1e3"}), 2,
                "--repeat expects an integer, got '1e3'");
}

}  // namespace
}  // namespace tconv
