// onnx/isolated_call.hpp: work run in a child process; what it returns, throws, or dies of.
#include <doctest/doctest.h>
#include <signal.h>

#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "onnx/isolated_call.hpp"

namespace tconv {
namespace {

TEST_CASE("run_isolated brings back what the child returns") {
  const IsolatedResult result = run_isolated([] { return std::string("model bytes\0with a zero", 23); }, 1000);
  CHECK(result.outcome == IsolatedResult::Outcome::Returned);
  CHECK(result.bytes == std::string("model bytes\0with a zero", 23));
  // A large answer (more than a pipe's buffer) arrives whole.
  const IsolatedResult large = run_isolated([] { return std::string(1 << 22, 'x'); }, 1 << 23);
  CHECK(large.outcome == IsolatedResult::Outcome::Returned);
  CHECK(large.bytes.size() == size_t{1} << 22);
}

TEST_CASE("run_isolated: an exception in the child is its first line, not a crash") {
  const IsolatedResult result =
      run_isolated([]() -> std::string { throw std::runtime_error("bad model\nmore"); }, 1000);
  CHECK(result.outcome == IsolatedResult::Outcome::Failed);
  CHECK(result.bytes == "bad model");
}

TEST_CASE("run_isolated: the child dies of a signal, the caller lives on") {
  // What a division by zero inside a library does (raised: UBSan would stop a real one here).
  const IsolatedResult fpe = run_isolated(
      []() -> std::string {
        ::raise(SIGFPE);
        return "not reached";
      },
      1000);
  CHECK(fpe.outcome == IsolatedResult::Outcome::Crashed);
  CHECK(fpe.signal_number == SIGFPE);
  const IsolatedResult segv = run_isolated(
      []() -> std::string {
        ::raise(SIGSEGV);
        return "not reached";
      },
      1000);
  CHECK(segv.outcome == IsolatedResult::Outcome::Crashed);
  CHECK(segv.signal_number == SIGSEGV);
}

TEST_CASE("run_isolated: an answer past the limit is cut off, the child killed") {
  const IsolatedResult result = run_isolated([] { return std::string(1 << 20, 'x'); }, 1000);
  CHECK(result.outcome == IsolatedResult::Outcome::TooLarge);
  CHECK(result.bytes.empty());
}

}  // namespace
}  // namespace tconv
