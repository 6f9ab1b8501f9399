// The one exception family of tconv. Every error a user can cause is a tconv::Error;
// the CLI layer catches it once, prints "tconv: error: <what()>" and returns exit_code().
//
// Exit status (documented in README and `tconv --help`):
//   0  success
//   1  an error the user caused: a well-formed value that breaks a rule (also an integer too
//      large for its flag), bad data, a file or standard output that cannot be read or written
//      (Error and its subclasses except UsageError)
//   2  usage error: unknown option, missing or malformed flag value, a value not among a
//      flag's choices, options that exclude each other, a flag that would have no effect
//      (UsageError, and CLI11's own parse errors)
//   128+N  signal N ended the process (io/temporary_paths.hpp); 141 also for a closed pipe
#pragma once

#include <stdexcept>
#include <string>

namespace tconv {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  virtual int exit_code() const noexcept { return 1; }
};

// A well-formed value that breaks a rule: stride 0, negative padding, groups that do not
// divide the channels, an output too large. Exit 1.
class InvalidParameter : public Error {
 public:
  using Error::Error;
};

// An allocation or a read that would pass a memory limit (--max-memory, or its default). Exit 1.
// The message says what would need how many bytes; the CLI adds how to raise the limit
// ("raise it with --max-memory BYTES") for a command that has the flag (cli/app.cpp), so no
// hint names a flag the command does not take.
class MemoryLimitError : public InvalidParameter {
 public:
  using InvalidParameter::InvalidParameter;
};

// Tensor data that cannot be used: malformed JSON, ragged arrays, wrong rank, NaN. Exit 1.
class DataError : public Error {
 public:
  using Error::Error;
};

// A file that cannot be read or written. Exit 1.
class IoError : public Error {
 public:
  using Error::Error;
};

// The command line itself is malformed: a flag value that does not parse or is not among the
// choices, options that exclude each other, a flag that would have no effect. Exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const noexcept override { return 2; }
};

}  // namespace tconv
