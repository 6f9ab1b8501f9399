// The one exception family of tconv. Every error a user can cause is a tconv::Error;
// the CLI layer catches it once, prints "tconv: error: <what()>" and returns exit_code().
//
// Exit status (documented in README and `tconv --help`):
//   0  success
//   1  an error the user caused: invalid parameter, bad data, unreadable file (Error and
//      its subclasses except UsageError)
//   2  usage error: unknown option, missing or malformed flag value (UsageError, and
//      CLI11's own parse errors)
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

// The command line itself is malformed (a flag value that does not parse). Exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const noexcept override { return 2; }
};

}  // namespace tconv
