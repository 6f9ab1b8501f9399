#include "io/staged_folder.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"

namespace tconv {

namespace fs = std::filesystem;

namespace {

std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

StagedFolder::StagedFolder(std::string target) : target_(std::move(target)) {
  const auto fail = [&](const std::string& reason) {
    throw IoError("cannot write the folder '" + target_ + "': " + reason);
  };
  resolved_ = without_trailing_slashes(target_);
  struct stat existing {};
  const bool exists = ::stat(resolved_.c_str(), &existing) == 0;
  if (!exists && errno != ENOENT) fail(std::strerror(errno));
  if (exists && !S_ISDIR(existing.st_mode)) fail("it exists and is not a folder");
  if (exists) {
    char* real = ::realpath(resolved_.c_str(), nullptr);
    if (real == nullptr) fail(std::strerror(errno));
    resolved_ = real;
    std::free(real);
    if (resolved_ == "/") fail("the root folder cannot be replaced");
  } else {
    const fs::path parent = fs::path(resolved_).parent_path();
    std::error_code error;
    if (!parent.empty()) fs::create_directories(parent, error);
    if (error) throw IoError("cannot create the folder '" + parent.string() + "': " + error.message());
  }
  std::string name = temporary_sibling_template(resolved_);
  {
    const SignalHold hold;  // created and registered together
    if (::mkdtemp(name.data()) == nullptr) fail(std::strerror(errno));
    staging_ = name;
    registration_ = TemporaryPath(staging_, TemporaryPath::Kind::Folder);
  }
  if (exists) {
    replaced_mode_ = existing.st_mode & 07777;
    replaced_uid_ = existing.st_uid;
    replaced_gid_ = existing.st_gid;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    replaced_mode_ = 0777 & ~mask;
  }
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
  registration_.release();
}

void StagedFolder::commit() {
  const auto fail = [&](const std::string& reason) {
    throw IoError("cannot write the folder '" + target_ + "': " + reason);
  };
  // Applied only now: a read-only mode would have stopped the files from being written.
  if (replaced_uid_ != static_cast<uid_t>(-1) && ::chown(staging_.c_str(), replaced_uid_, replaced_gid_) != 0) {
    // Not allowed (not root): the folder becomes the user's own, as a new one would be.
  }
  ::chmod(staging_.c_str(), replaced_mode_);
  std::string replaced;  // where the old folder is once the new one is in place
  TemporaryPath replaced_registration;
  {
    const SignalHold hold;
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, resolved_.c_str(), RENAME_EXCHANGE) == 0) {
      replaced = staging_;  // the staging name now holds the old folder, still registered for removal
    } else if (errno == ENOENT) {
      if (std::rename(staging_.c_str(), resolved_.c_str()) != 0) fail(std::strerror(errno));
      registration_.release();
    } else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
      // No atomic exchange on this file system: move the old folder aside, then the new one in.
      std::string aside = temporary_sibling_template(resolved_);
      if (::mkdtemp(aside.data()) == nullptr) fail(std::strerror(errno));
      replaced_registration = TemporaryPath(aside, TemporaryPath::Kind::Folder);
      if (std::rename(resolved_.c_str(), aside.c_str()) != 0) {
        const int error = errno;
        ::rmdir(aside.c_str());
        fail(std::strerror(error));
      }
      if (std::rename(staging_.c_str(), resolved_.c_str()) != 0) {
        const int error = errno;
        std::rename(aside.c_str(), resolved_.c_str());  // put the old one back
        fail(std::strerror(error));
      }
      registration_.release();
      replaced = aside;
    } else {
      fail(std::strerror(errno));
    }
  }
  committed_ = true;
  if (!replaced.empty()) {
    std::error_code ignored;
    fs::remove_all(replaced, ignored);
  }
  registration_.release();
}

}  // namespace tconv
