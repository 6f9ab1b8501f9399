#include "io/temporary_paths.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <utility>

#include "core/error.hpp"

namespace tconv {

namespace {

// Every catchable signal whose default action ends the process, but those that mean tconv
// itself crashed (SEGV, BUS, FPE, ILL, ABRT, TRAP, SYS: left to the default action and the
// sanitizers); the real-time signals SIGRTMIN..SIGRTMAX (known at run time) come on top.
constexpr int kNamedSignals[] = {SIGINT,    SIGTERM, SIGHUP,  SIGPIPE, SIGQUIT, SIGUSR1, SIGUSR2,  SIGALRM,
                                 SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO,   SIGPWR,  SIGSTKFLT};
constexpr int kMaxSignals = static_cast<int>(std::size(kNamedSignals)) + 64;

// The signals above, SIGRTMIN..SIGRTMAX included, in a fixed array (filled once, before any
// handler is installed).
struct CleanupSignals {
  int numbers[kMaxSignals] = {};
  int count = 0;
  CleanupSignals() {
    for (int number : kNamedSignals) numbers[count++] = number;
    for (int number = SIGRTMIN; number <= SIGRTMAX && count < kMaxSignals; ++number) numbers[count++] = number;
  }
  const int* begin() const { return numbers; }
  const int* end() const { return numbers + count; }
};
const CleanupSignals& cleanup_signals() {
  static const CleanupSignals signals;
  return signals;
}
constexpr int kSlots = 32;
constexpr const char* kTemporaryTag = ".tconv-XXXXXX";

enum SlotState : int { kFree = 0, kFilling = 1, kReady = 2 };

// Fixed storage: the handler must not allocate. A slot is taken by a compare-and-swap from
// kFree to kFilling, filled, then published as kReady; the handler reads only kReady slots.
struct Slot {
  std::atomic<int> state{kFree};
  TemporaryPath::Kind kind = TemporaryPath::Kind::File;
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free atomic");

Slot g_slots[kSlots];
std::atomic<bool> g_installed{false};

// Removes a folder of files: getdents64 instead of readdir, which may allocate. Deleting while
// listing may skip names, so it lists again until a pass finds nothing left.
void remove_folder(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buffer[4096];
    for (int pass = 0; pass < 64; ++pass) {
      bool removed_any = false;
      ::lseek(fd, 0, SEEK_SET);
      for (;;) {
        const ssize_t got = ::getdents64(fd, buffer, sizeof buffer);
        if (got <= 0) break;
        for (ssize_t at = 0; at < got;) {
          const auto* entry = reinterpret_cast<const struct dirent64*>(buffer + at);
          const char* name = entry->d_name;
          const bool dots = name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
          if (!dots && ::unlinkat(fd, name, 0) == 0) removed_any = true;
          at += entry->d_reclen;
        }
      }
      if (!removed_any) break;
    }
    ::close(fd);
  }
  ::rmdir(path);
}

void remove_registered_paths() {
  for (int i = kSlots; i-- > 0;) {
    Slot& slot = g_slots[i];
    if (slot.state.load(std::memory_order_acquire) != kReady) continue;
    if (slot.kind == TemporaryPath::Kind::Folder) {
      remove_folder(slot.path);
    } else {
      ::unlink(slot.path);
    }
  }
}

void on_fatal_signal(int signal_number) {
  const int saved_errno = errno;
  remove_registered_paths();
  // Die of the same signal: the default action, once this handler returns (the signal is
  // blocked while the handler runs, so raise() leaves it pending until then).
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  ::sigaction(signal_number, &fallback, nullptr);
  ::raise(signal_number);
  errno = saved_errno;
}

// Whether each of cleanup_signals() was ignored when tconv first looked (then it stays ignored).
bool g_ignored_at_start[kMaxSignals] = {};

// On every registration, not once: a handler someone else installed since (a test framework's)
// is replaced again.
void install_handlers() {
  const bool first = !g_installed.exchange(true);
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  sigemptyset(&action.sa_mask);
  const CleanupSignals& signals = cleanup_signals();
  for (int signal_number : signals) sigaddset(&action.sa_mask, signal_number);
  for (int i = 0; i < signals.count; ++i) {
    struct sigaction current {};
    if (::sigaction(signals.numbers[i], nullptr, &current) != 0) continue;
    if (first) g_ignored_at_start[i] = current.sa_handler == SIG_IGN;  // nohup, a script's background job
    if (g_ignored_at_start[i] || current.sa_handler == on_fatal_signal) continue;
    ::sigaction(signals.numbers[i], &action, nullptr);
  }
}

size_t name_max(const std::string& folder) {
  const long value = ::pathconf(folder.empty() ? "." : folder.c_str(), _PC_NAME_MAX);
  return value > 0 ? static_cast<size_t>(std::min(value, 255L)) : 255;
}

}  // namespace

std::string temporary_sibling_template(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const size_t overhead = 1 + std::strlen(kTemporaryTag);  // the leading '.' and the tag
  const size_t limit = name_max(folder);
  size_t keep = limit > overhead ? limit - overhead : 0;
  if (name.size() > keep) {
    // Do not cut a UTF-8 character in two: back up over continuation bytes (10xxxxxx).
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    name.resize(keep);
  }
  return folder + "." + name + kTemporaryTag;
}

TemporaryPath::TemporaryPath(const std::string& path, Kind kind) {
  if (path.size() >= PATH_MAX) throw IoError("cannot register the temporary path '" + path + "': too long");
  install_handlers();
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!g_slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acq_rel)) continue;
    g_slots[i].kind = kind;
    std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
    g_slots[i].state.store(kReady, std::memory_order_release);
    slot_ = i;
    return;
  }
  throw IoError("cannot register the temporary path '" + path + "': too many temporary files");
}

TemporaryPath::TemporaryPath(TemporaryPath&& other) noexcept : slot_(std::exchange(other.slot_, -1)) {}

TemporaryPath& TemporaryPath::operator=(TemporaryPath&& other) noexcept {
  if (this != &other) {
    release();
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

void TemporaryPath::release() noexcept {
  if (slot_ < 0) return;
  g_slots[slot_].state.store(kFree, std::memory_order_release);
  slot_ = -1;
}

SignalHold::SignalHold() {
  sigset_t held;
  sigemptyset(&held);
  for (int signal_number : cleanup_signals()) sigaddset(&held, signal_number);
  ::pthread_sigmask(SIG_BLOCK, &held, &saved_);
}

SignalHold::~SignalHold() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

}  // namespace tconv
