#include "io/fd_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tconv {

namespace {

constexpr size_t kBufferBytes = size_t{1} << 16;

}  // namespace

FdOutputBuffer::FdOutputBuffer(int fd, std::string name) : fd_(fd), name_(std::move(name)), buffer_(kBufferBytes) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdOutputBuffer::~FdOutputBuffer() {
  try {
    if (error_ == 0) flush();
  } catch (const Error&) {
    // Too late to report; whoever cared called flush() before.
  }
}

void FdOutputBuffer::fail(int error) {
  if (error_ == 0) error_ = error;
  setp(buffer_.data(), buffer_.data() + buffer_.size());  // drop what is left
  const std::string message = "cannot write " + name_ + ": " + std::strerror(error_);
  if (error_ == EPIPE) throw BrokenPipe(message);
  throw IoError(message);
}

void FdOutputBuffer::write_all(const char* data, size_t size) {
  if (error_ != 0) fail(error_);
  if (size == 0) return;
  if (fd_ < 0) fail(EBADF);
  while (size > 0) {
    const ssize_t written = ::write(fd_, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) fail(errno);
    if (written == 0) fail(EIO);  // not expected from write(2); never loop on it
    data += written;
    size -= static_cast<size_t>(written);
  }
}

void FdOutputBuffer::flush() {
  const auto pending = static_cast<size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  write_all(buffer_.data(), pending);
}

void FdOutputBuffer::drop() {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  if (error_ == 0) error_ = ECANCELED;
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type c) {
  if (fd_ < 0) fail(EBADF);  // a closed stdout: say so at the first write, not at the end
  flush();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdOutputBuffer::xsputn(const char* data, std::streamsize size) {
  if (fd_ < 0) fail(EBADF);
  const auto count = static_cast<size_t>(size);
  if (count <= static_cast<size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), data, count);
    pbump(static_cast<int>(count));
    return size;
  }
  // Larger than the room left: flush, then write a large block directly.
  flush();
  if (count >= buffer_.size()) {
    write_all(data, count);
  } else {
    std::memcpy(pptr(), data, count);
    pbump(static_cast<int>(count));
  }
  return size;
}

int FdOutputBuffer::sync() {
  flush();
  return 0;
}

FdInputBuffer::FdInputBuffer(int fd, std::string name) : fd_(fd), name_(std::move(name)), buffer_(kBufferBytes) {
  setg(buffer_.data(), buffer_.data(), buffer_.data());
}

FdInputBuffer::int_type FdInputBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  ssize_t got = -1;
  if (fd_ < 0) {
    errno = EBADF;
  } else {
    do {
      got = ::read(fd_, buffer_.data(), buffer_.size());
    } while (got < 0 && errno == EINTR);
  }
  if (got < 0) throw IoError("cannot read " + name_ + ": " + std::strerror(errno));
  if (got == 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace tconv
