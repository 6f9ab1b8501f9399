// The temporary files and folders tconv writes beside its outputs: their names, and their removal
// when a signal ends the process: every catchable signal whose default action is to end it (INT,
// TERM, HUP, PIPE, QUIT, USR1, USR2, ALRM, VTALRM, PROF, XCPU, XFSZ, IO, PWR, STKFLT and the
// real-time signals), but those that mean tconv crashed (SEGV, BUS, FPE, ILL, ABRT, TRAP, SYS).
// After removing them the handler lets the same signal end tconv, so the shell sees 128+N (130
// for Ctrl-C, 143 for SIGTERM, 153 for a file past `ulimit -f`). A signal that was ignored when
// tconv started (nohup, a background job of a script) stays ignored.
// The handler works on fixed storage with unlink, rmdir, open, getdents64 and close only: it is
// async-signal-safe.
#pragma once

#include <signal.h>

#include <string>

namespace tconv {

// "DIR/.NAME.tconv-XXXXXX" beside `path` (for mkstemp/mkdtemp), with NAME cut (at a UTF-8
// character boundary) so that the last component fits the folder's NAME_MAX: an output name of
// 255 bytes still gets a temporary beside it.
std::string temporary_sibling_template(const std::string& path);

// A registered temporary: removed if one of the signals above ends the process while the
// registration is alive. Releasing it (or destroying it) only unregisters; removing the path
// on the normal way out is the owner's job.
class TemporaryPath {
 public:
  enum class Kind {
    File,
    Folder,  // a folder of files (no subfolders): its files are removed, then the folder
  };

  TemporaryPath() = default;
  // Installs the handlers on first use. Throws IoError when the path is longer than PATH_MAX
  // or 32 temporaries are registered already (neither happens in tconv's own use).
  TemporaryPath(const std::string& path, Kind kind);
  ~TemporaryPath() { release(); }
  TemporaryPath(TemporaryPath&& other) noexcept;
  TemporaryPath& operator=(TemporaryPath&& other) noexcept;
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;

  void release() noexcept;

 private:
  int slot_ = -1;
};

// Holds SIGINT, SIGTERM, SIGHUP and SIGPIPE back for its lifetime (they are delivered after
// it): for the steps between two system calls that must not be cut apart, such as creating a
// temporary file and registering it, or renaming it into place and unregistering it.
class SignalHold {
 public:
  SignalHold();
  ~SignalHold();
  SignalHold(const SignalHold&) = delete;
  SignalHold& operator=(const SignalHold&) = delete;

 private:
  sigset_t saved_;
};

}  // namespace tconv
