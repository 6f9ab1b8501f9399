#include "onnx/isolated_call.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>

#include "core/error.hpp"

namespace tconv {

namespace {

// The child's answer: one byte, 'R' (returned) or 'F' (failed), then the bytes.
constexpr char kReturned = 'R';
constexpr char kFailed = 'F';
// A hang in the library ends the child after this much CPU time (SIGXCPU: a crash).
constexpr rlim_t kChildCpuSeconds = 300;

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t wrote = ::write(fd, data, size);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    data += wrote;
    size -= static_cast<size_t>(wrote);
  }
  return true;
}

[[noreturn]] void run_child(const std::function<std::string()>& work, int fd) {
  for (int number = 1; number < NSIG; ++number) {
    struct sigaction current {};
    if (::sigaction(number, nullptr, &current) != 0) continue;
    if (current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN) ::signal(number, SIG_DFL);
  }
  const struct rlimit no_core { 0, 0 };
  ::setrlimit(RLIMIT_CORE, &no_core);
  const struct rlimit cpu { kChildCpuSeconds, kChildCpuSeconds };
  ::setrlimit(RLIMIT_CPU, &cpu);
  std::string answer;
  try {
    answer = std::string(1, kReturned) + work();
  } catch (const std::exception& error) {
    const std::string message = error.what();
    answer = std::string(1, kFailed) + message.substr(0, message.find('\n'));
  }
  // _exit: no atexit handlers, no flush of the parent's buffered output.
  ::_exit(write_all(fd, answer.data(), answer.size()) ? 0 : 1);
}

}  // namespace

IsolatedResult run_isolated(const std::function<std::string()>& work, int64_t max_bytes) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw IoError(std::string("cannot start a child process: ") + std::strerror(errno));
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw IoError(std::string("cannot start a child process: ") + std::strerror(error));
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(work, fds[1]);
  }
  ::close(fds[1]);

  IsolatedResult result;
  std::string answer;
  bool too_large = false;
  int read_error = 0;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) read_error = errno;
    if (got <= 0) break;
    if (static_cast<int64_t>(answer.size()) + got > max_bytes + 1) {
      too_large = true;
      ::kill(child, SIGKILL);
      break;
    }
    answer.append(buffer, static_cast<size_t>(got));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (too_large) {
    result.outcome = IsolatedResult::Outcome::TooLarge;
    return result;
  }
  if (WIFSIGNALED(status)) {
    result.outcome = IsolatedResult::Outcome::Crashed;
    result.signal_number = WTERMSIG(status);
    return result;
  }
  if (read_error != 0) throw IoError(std::string("cannot read from a child process: ") + std::strerror(read_error));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || answer.empty()) {
    throw IoError("a child process ended without an answer (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
  }
  result.outcome = answer[0] == kReturned ? IsolatedResult::Outcome::Returned : IsolatedResult::Outcome::Failed;
  result.bytes = answer.substr(1);
  return result;
}

}  // namespace tconv
