// The process's standard input and output as streams whose failures are exceptions with the
// system's reason (io/fd_stream.hpp): "cannot write standard output: No space left on device",
// "cannot read standard input: Is a directory".
//
// A descriptor 0, 1 or 2 that was closed when tconv started (`tconv ... >&-`) is taken by
// /dev/null, so that no file tconv opens gets its number (an output file opened as descriptor 1
// would receive what tconv prints), and it stays closed as far as tconv is concerned: reading
// or writing it fails with "Bad file descriptor".
#pragma once

#include <istream>
#include <memory>
#include <ostream>

#include "io/fd_stream.hpp"

namespace tconv {

class StandardStreams {
 public:
  StandardStreams();
  StandardStreams(const StandardStreams&) = delete;
  StandardStreams& operator=(const StandardStreams&) = delete;

  // Both with exceptions(badbit): a failed read or write throws IoError (BrokenPipe for EPIPE).
  std::istream& in() { return in_; }
  std::ostream& out() { return out_; }
  bool out_is_terminal() const { return out_is_terminal_; }
  bool err_is_terminal() const { return err_is_terminal_; }

  // Writes what is buffered and closes descriptor 1, so that an error reported only at close
  // (a full NFS disk) is seen too. Throws IoError as a write would.
  void close_output();

 private:
  unsigned closed_;  // bit N: descriptor N was closed at start (initialised first: see the .cpp)
  bool out_is_terminal_ = false;
  bool err_is_terminal_ = false;
  FdInputBuffer in_buffer_;
  FdOutputBuffer out_buffer_;
  std::istream in_;
  std::ostream out_;
};

}  // namespace tconv
