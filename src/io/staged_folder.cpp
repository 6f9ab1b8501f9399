#include "io/staged_folder.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace tconv {

namespace fs = std::filesystem;

namespace {

std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The physical path of an existing path, or empty (errno set).
std::string real_path(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return {};
  std::string result = real;
  std::free(real);
  return result;
}

struct Entry {
  std::string name;
  bool is_folder = false;
};

// The entries of `folder`, sorted by name (so that a message names the same one every time),
// and the first one `replaceable` does not allow, as "'NAME' (REASON)" in `blocked` (empty when
// every one may go). A folder that cannot be read blocks too.
std::vector<Entry> look_at(const std::string& folder, const ReplaceableEntry& replaceable, std::string& blocked) {
  std::vector<Entry> entries;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    std::error_code ignored;
    entries.push_back({entry.path().filename().string(), entry.is_directory(ignored)});
  }
  blocked.clear();
  if (error) {
    blocked = "entries tconv cannot read (" + error.message() + ")";
    return {};
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (const Entry& entry : entries) {
    const std::string reason = replaceable(entry.name, entry.is_folder);
    if (!reason.empty()) {
      blocked = "'" + entry.name + "' (" + reason + ")";
      break;
    }
  }
  return entries;
}

// A new, visible folder beside `resolved`: RESOLVED.SUFFIX-XXXXXX. Empty on failure.
std::string visible_sibling(const std::string& resolved, const std::string& suffix) {
  std::string name = resolved + "." + suffix + "-XXXXXX";
  if (::mkdtemp(name.data()) == nullptr) return {};
  return name;
}

}  // namespace

void check_folder_replaceable(const std::string& target) {
  const std::string resolved = real_path(without_trailing_slashes(target));
  if (resolved.empty()) return;  // missing, or unreadable: StagedFolder says why
  const auto fail = [&](const std::string& reason) {
    throw IoError("cannot write the folder '" + target + "': " + reason);
  };
  if (resolved == "/") fail("the root folder cannot be replaced");
  const std::string here = real_path(".");
  if (here == resolved) {
    fail(
        "it is the working directory, which tconv would replace as a whole (the shell would be left in a deleted "
        "folder); give another folder");
  }
  if (!here.empty() && here.rfind(resolved + "/", 0) == 0) {
    fail(
        "it holds the working directory, which tconv would remove with it (the shell would be left in a deleted "
        "folder); give a folder outside it");
  }
}

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
    check_folder_replaceable(target_);
    resolved_ = real_path(resolved_);
    if (resolved_.empty()) fail(std::strerror(errno));
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

void StagedFolder::commit(const ReplaceableEntry& replaceable) {
  const auto fail = [&](const std::string& reason) {
    throw IoError("cannot write the folder '" + target_ + "': " + reason);
  };
  // A sibling of the resolved folder as the user would name it: beside the target as given,
  // unless that is a link (then where the link leads).
  const auto shown = [&](const std::string& sibling) {
    const std::string given = without_trailing_slashes(target_);
    struct stat link {};
    if (::lstat(given.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) return sibling;
    return (fs::path(given).parent_path() / fs::path(sibling).filename()).string();
  };
  // The refusal once the target is back as it was and the new files are kept in `kept` (empty:
  // they could not be kept).
  const auto refuse = [&](const std::string& blocked, const std::string& kept) {
    fail(
        "it changed during the run and now holds " + blocked + "; it is left as it was, and " +
        (kept.empty() ? std::string("the new files could not be kept") : "the new files are in '" + shown(kept) + "'"));
  };
  // Applied only now: a read-only mode would have stopped the files from being written.
  if (replaced_uid_ != static_cast<uid_t>(-1) && ::chown(staging_.c_str(), replaced_uid_, replaced_gid_) != 0) {
    // Not allowed (not root): the folder becomes the user's own, as a new one would be.
  }
  ::chmod(staging_.c_str(), replaced_mode_);
  std::string replaced;  // where the old folder is once the new one is in place
  std::vector<Entry> removable;
  TemporaryPath replaced_registration;
  {
    // Signals wait until the replaced folder has been looked at: the handler would remove it
    // whole, files tconv did not write included.
    const SignalHold hold;
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, resolved_.c_str(), RENAME_EXCHANGE) == 0) {
      // The staging name now holds the old folder, still registered for removal. Nobody can add
      // to it through the target's path any more: what it holds now is what would be lost.
      std::string blocked;
      removable = look_at(staging_, replaceable, blocked);
      if (!blocked.empty()) {
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, resolved_.c_str(), RENAME_EXCHANGE) != 0) {
          // Not expected (the same exchange just worked): keep both, and say where they are.
          const int error = errno;
          registration_.release();
          committed_ = true;
          fail("it changed during the run and now holds " + blocked + ", and could not be put back (" +
               std::strerror(error) + "): it is in '" + shown(staging_) + "', the new files are in '" + target_ + "'");
        }
        std::string kept = visible_sibling(resolved_, "new");
        if (!kept.empty() && std::rename(staging_.c_str(), kept.c_str()) != 0) {
          ::rmdir(kept.c_str());
          kept.clear();
        }
        if (!kept.empty()) {
          registration_.release();
          committed_ = true;
        }
        refuse(blocked, kept);
      }
      replaced = staging_;
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
      committed_ = true;  // the staging name is gone
      std::string blocked;
      removable = look_at(aside, replaceable, blocked);
      if (!blocked.empty()) {
        std::string kept = visible_sibling(resolved_, "new");
        if (kept.empty() || std::rename(resolved_.c_str(), kept.c_str()) != 0 ||
            std::rename(aside.c_str(), resolved_.c_str()) != 0) {
          // Not expected: both folders stay where they are, neither is removed.
          replaced_registration.release();
          fail("it changed during the run and now holds " + blocked + "; it is in '" + shown(aside) +
               "', the new files are in '" + (kept.empty() || !fs::exists(kept) ? target_ : shown(kept)) + "'");
        }
        replaced_registration.release();
        refuse(blocked, kept);
      }
      replaced = aside;
    } else {
      fail(std::strerror(errno));
    }
  }
  committed_ = true;
  if (!replaced.empty()) {
    // Only what the caller allowed, then the folder, if nothing else came in meanwhile; else it
    // stays, visible, beside the target.
    for (const Entry& entry : removable) {
      std::error_code ignored;
      fs::remove_all(fs::path(replaced) / entry.name, ignored);
    }
    if (::rmdir(replaced.c_str()) != 0) {
      const std::string kept = visible_sibling(resolved_, "old");
      if (!kept.empty() && std::rename(replaced.c_str(), kept.c_str()) != 0) ::rmdir(kept.c_str());
    }
  }
  registration_.release();
  replaced_registration.release();
}

}  // namespace tconv
