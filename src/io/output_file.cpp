#include "io/output_file.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/error.hpp"

namespace tconv {

namespace {

// A Unix socket cannot be open()ed: connect to it as a stream socket instead. -1 and errno on
// failure.
int connect_socket(const std::string& path) {
  sockaddr_un address{};
  if (path.size() >= sizeof address.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

mode_t current_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// Gives the temporary file the replaced file's owner, group and mode as far as allowed. The
// set-user-ID and set-group-ID bits are kept only when owner and group are.
void copy_ownership_and_mode(int fd, const struct stat& replaced) {
  struct stat mine {};
  bool same_owner = ::fstat(fd, &mine) == 0 && mine.st_uid == replaced.st_uid && mine.st_gid == replaced.st_gid;
  if (!same_owner) {
    same_owner = ::fchown(fd, replaced.st_uid, replaced.st_gid) == 0;
    // Not allowed (not root): the file becomes the user's, but keeps the group if the user is in it.
    if (!same_owner && ::fchown(fd, static_cast<uid_t>(-1), replaced.st_gid) != 0) {
      // Neither: the user's own group, as for a new file.
    }
  }
  ::fchmod(fd, replaced.st_mode & (same_owner ? 07777 : 0777));
}

}  // namespace

OutputFile::OutputFile(std::string path, std::string shown_as)
    : path_(std::move(path)), shown_(shown_as.empty() ? path_ : std::move(shown_as)) {
  const auto fail = [&](const std::string& reason) { throw IoError("cannot write '" + shown_ + "': " + reason); };
  if (path_.empty()) throw IoError("an output file needs a name, got ''");
  struct stat existing {};
  const bool exists = ::stat(path_.c_str(), &existing) == 0;
  if (!exists && errno != ENOENT) fail(std::strerror(errno));
  if (!exists) {
    struct stat link {};
    if (::lstat(path_.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      fail("it is a symbolic link to a file that does not exist (tconv writes only through links to existing files)");
    }
  }
  if (exists && S_ISDIR(existing.st_mode)) fail("it is a folder");
  if (exists && S_ISBLK(existing.st_mode)) {
    fail("it is a block device (tconv writes regular files, character devices, FIFOs and sockets)");
  }

  if (exists && !S_ISREG(existing.st_mode)) {
    // A character device, FIFO or socket: written to as it is.
    fd_ = S_ISSOCK(existing.st_mode) ? connect_socket(path_) : ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) fail(std::strerror(errno));
  } else {
    target_ = path_;
    if (exists) {
      struct stat link {};
      if (::lstat(path_.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        char* resolved = ::realpath(path_.c_str(), nullptr);
        if (resolved == nullptr) fail(std::strerror(errno));
        target_ = resolved;
        std::free(resolved);
      }
      // The rename would replace a read-only file; the shell's '>' and cp refuse, and so does tconv.
      if (::faccessat(AT_FDCWD, target_.c_str(), W_OK, AT_EACCESS) != 0) fail(std::strerror(errno));
    }
    std::string name = temporary_sibling_template(target_);
    {
      // Created and registered together: a signal in between would leave the file behind.
      const SignalHold hold;
      fd_ = ::mkostemp(name.data(), O_CLOEXEC);
      if (fd_ < 0) fail(std::strerror(errno));
      temporary_ = name;
      registration_ = TemporaryPath(temporary_, TemporaryPath::Kind::File);
    }
    if (exists) {
      copy_ownership_and_mode(fd_, existing);
    } else {
      ::fchmod(fd_, 0666 & ~current_umask());  // mkstemp creates 0600
    }
  }
  buffer_ = std::make_unique<FdOutputBuffer>(fd_, "'" + shown_ + "'");
  stream_.rdbuf(buffer_.get());
  stream_.exceptions(std::ios::badbit);
}

OutputFile::~OutputFile() {
  if (!committed_) discard();
}

void OutputFile::discard() noexcept {
  stream_.exceptions(std::ios::goodbit);  // rdbuf(nullptr) sets badbit
  stream_.rdbuf(nullptr);
  if (buffer_) buffer_->drop();  // a failed run sends a device no more than it has already
  buffer_.reset();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
  registration_.release();
  committed_ = true;
}

void OutputFile::commit() {
  try {
    buffer_->flush();
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 && errno != EINTR) throw IoError("cannot write '" + shown_ + "': " + std::strerror(errno));
    if (!temporary_.empty()) {
      const SignalHold hold;
      if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
        throw IoError("cannot write '" + shown_ + "': " + std::strerror(errno));
      }
      registration_.release();
      temporary_.clear();
    }
  } catch (...) {
    discard();
    throw;
  }
  stream_.exceptions(std::ios::goodbit);
  stream_.rdbuf(nullptr);
  buffer_.reset();
  committed_ = true;
}

bool same_output_file(const std::string& a, const std::string& b) {
  struct stat first {
  }, second{};
  const bool first_exists = ::stat(a.c_str(), &first) == 0;
  const bool second_exists = ::stat(b.c_str(), &second) == 0;
  if (first_exists && second_exists) {
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino && S_ISREG(first.st_mode);
  }
  if (first_exists || second_exists) return false;  // one new, one there: not the same file
  std::error_code error_a, error_b;
  const std::filesystem::path resolved_a =
      std::filesystem::weakly_canonical(std::filesystem::absolute(a, error_a), error_a);
  const std::filesystem::path resolved_b =
      std::filesystem::weakly_canonical(std::filesystem::absolute(b, error_b), error_b);
  return !error_a && !error_b && resolved_a == resolved_b;
}

void write_file(const std::string& path, std::string_view bytes, const std::string& shown_as) {
  OutputFile file(path, shown_as);
  file.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.commit();
}

}  // namespace tconv
