#include "io/standard_streams.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace tconv {

namespace {

// Bit N set: descriptor N (0, 1, 2) was closed, and is now /dev/null. In order 0, 1, 2: open()
// returns the lowest free number, which is then the one being filled.
unsigned reserve_closed_descriptors() {
  unsigned closed = 0;
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1) continue;
    closed |= 1u << fd;
    const int placeholder = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (placeholder >= 0 && placeholder != fd) ::close(placeholder);  // fd was not the lowest free
  }
  return closed;
}

}  // namespace

StandardStreams::StandardStreams()
    : closed_(reserve_closed_descriptors()),
      in_buffer_((closed_ & 1u) != 0 ? -1 : STDIN_FILENO, "standard input"),
      out_buffer_((closed_ & 2u) != 0 ? -1 : STDOUT_FILENO, "standard output"),
      in_(&in_buffer_),
      out_(&out_buffer_) {
  in_.exceptions(std::ios::badbit);
  out_.exceptions(std::ios::badbit);
  out_is_terminal_ = (closed_ & 2u) == 0 && ::isatty(STDOUT_FILENO) == 1;
  err_is_terminal_ = (closed_ & 4u) == 0 && ::isatty(STDERR_FILENO) == 1;
}

void StandardStreams::close_output() {
  out_buffer_.flush();
  if ((closed_ & 2u) == 0 && ::close(STDOUT_FILENO) != 0 && errno != EINTR) {
    throw IoError(std::string("cannot write standard output: ") + std::strerror(errno));
  }
  closed_ |= 2u;
}

}  // namespace tconv
