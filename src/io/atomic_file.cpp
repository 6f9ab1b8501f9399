#include "io/atomic_file.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/error.hpp"

namespace tconv {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw IoError("-o needs a file name");
  std::vector<char> name(path_.begin(), path_.end());
  const std::string suffix = ".tconv-XXXXXX";
  name.insert(name.end(), suffix.begin(), suffix.end());
  name.push_back('\0');
  // mkstemp: a fresh name no one else uses; the descriptor only reserves it.
  const int fd = mkstemp(name.data());
  if (fd < 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
  // mkstemp creates 0600; an output file should get the usual umask permissions.
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  close(fd);
  temp_path_ = name.data();
  stream_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    std::remove(temp_path_.c_str());
    throw IoError("cannot write '" + path_ + "': cannot open a temporary file beside it");
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    stream_.close();
    std::remove(temp_path_.c_str());
  }
}

void AtomicFile::commit() {
  stream_.flush();
  const bool written = static_cast<bool>(stream_);
  stream_.close();
  if (!written || stream_.fail()) {
    std::remove(temp_path_.c_str());
    committed_ = true;
    throw IoError("cannot write '" + path_ + "': writing failed (disk full?)");
  }
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp_path_.c_str());
    committed_ = true;
    throw IoError("cannot write '" + path_ + "': " + reason);
  }
  committed_ = true;
}

}  // namespace tconv
