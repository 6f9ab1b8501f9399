// Writing an output file so that a failure never leaves a half-written file behind: the
// bytes go to a temporary file beside the target, which is renamed over it only on commit().
#pragma once

#include <fstream>
#include <string>

namespace tconv {

class AtomicFile {
 public:
  // Creates "<path>.tconv-XXXXXX" in the target's folder. Throws IoError naming the path and
  // the system's reason when it cannot be created.
  explicit AtomicFile(std::string path);
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return stream_; }

  // Flushes, closes and renames onto the target. Throws IoError (and removes the temporary
  // file) when any of that fails, e.g. a full disk.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace tconv
