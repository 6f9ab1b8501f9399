// Stream buffers over file descriptors whose every failure is an exception naming the stream and
// the system's reason ("cannot write standard output: No space left on device"). std::ofstream
// and std::cout only set a failbit and lose errno, so a full disk reads as success unless every
// caller checks, and then only as "writing failed".
//
// An std::ostream or std::istream over these should have exceptions(std::ios::badbit) set: the
// stream then passes the buffer's exception on unchanged, so the first failed write stops the
// work (a --steps log is not computed to the end after the disk filled up).
#pragma once

#include <streambuf>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace tconv {

// A write to a pipe whose reader has gone (`tconv ... | head`), when SIGPIPE is ignored (else
// SIGPIPE itself ends tconv). The command line ends quietly on it, as SIGPIPE would.
class BrokenPipe : public IoError {
 public:
  using IoError::IoError;
};

class FdOutputBuffer : public std::streambuf {
 public:
  // name: the target as messages call it ("standard output", "'out.json'"). fd < 0 stands for a
  // closed descriptor: every write fails with "Bad file descriptor". The descriptor is not
  // closed by the buffer.
  FdOutputBuffer(int fd, std::string name);
  // Writes what is left if nothing failed before, ignoring errors: call flush() first to see them.
  ~FdOutputBuffer() override;
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  // Writes everything buffered. Throws IoError "cannot write <name>: <reason>" (BrokenPipe for
  // EPIPE); after one failure every later write or flush throws the same error again, and the
  // rest of the buffer is dropped.
  void flush();
  // Forgets what is buffered (a failed run: the rest is not written, not even by the destructor).
  void drop();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  [[noreturn]] void fail(int error);
  void write_all(const char* data, size_t size);

  int fd_;
  std::string name_;
  std::vector<char> buffer_;
  int error_ = 0;  // errno of the first failure, 0 while none
};

class FdInputBuffer : public std::streambuf {
 public:
  // As FdOutputBuffer: fd < 0 is a closed descriptor (reads fail with "Bad file descriptor").
  FdInputBuffer(int fd, std::string name);

 protected:
  // Throws IoError "cannot read <name>: <reason>", e.g. "Is a directory" for `< somedir`.
  int_type underflow() override;

 private:
  int fd_;
  std::string name_;
  std::vector<char> buffer_;
};

}  // namespace tconv
