// Runs a piece of work in a child process and brings back the bytes it returns, so that a crash
// inside a library (ONNX's shape inference divides by attributes and recurses into functions
// without checks of its own) ends the child, not tconv. The child keeps none of tconv's signal
// handlers (they remove tconv's temporary files) and writes no core file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace tconv {

struct IsolatedResult {
  enum class Outcome {
    Returned,  // `bytes` is what the work returned
    Failed,    // the work threw: `bytes` is the first line of its message
    Crashed,   // the child died of `signal_number`
    TooLarge,  // the child's answer passed max_bytes (the child is killed)
  };
  Outcome outcome = Outcome::Returned;
  std::string bytes;
  int signal_number = 0;
};

// Forks, runs `work` in the child (which exits right after), and waits for it. The caller must
// be single-threaded (tconv is, until the fast engine starts its pool). Throws IoError when the
// child cannot be started or read.
IsolatedResult run_isolated(const std::function<std::string()>& work, int64_t max_bytes);

}  // namespace tconv
