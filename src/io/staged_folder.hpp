// A folder whose files appear together (animate --out-dir): they are written into a temporary
// folder beside the target, which takes the target's place only at commit(), by an atomic
// exchange where the file system has one (renameat2 RENAME_EXCHANGE, else two renames). A reader
// sees the old set of files or the new one, never a mix, and a failed or interrupted run leaves
// the target as it was: the temporary folder is removed on failure and when a signal ends tconv
// (temporary_paths.hpp).
#pragma once

#include <sys/types.h>

#include <string>

#include "io/temporary_paths.hpp"

namespace tconv {

class StagedFolder {
 public:
  // Creates the temporary folder, and the target's parent folders if missing. An existing target
  // (or the folder a symbolic link leads to; the link stays) must be a folder, and is replaced
  // as a whole at commit(), keeping its mode (whether its content may go is the caller's
  // decision). A new one gets 0777 minus the umask. Throws IoError.
  explicit StagedFolder(std::string target);
  // Without commit(): removes the temporary folder and everything written into it.
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  // The folder to write the files into.
  const std::string& path() const { return staging_; }

  // Puts the staged folder in the target's place, then removes the replaced one. Throws IoError
  // (the target is then unchanged).
  void commit();

 private:
  std::string target_;    // as given, for messages
  std::string resolved_;  // the folder that is replaced: target_, or where its link leads
  std::string staging_;
  TemporaryPath registration_;
  mode_t replaced_mode_ = 0;  // given to the new folder at commit()
  uid_t replaced_uid_ = static_cast<uid_t>(-1);
  gid_t replaced_gid_ = static_cast<gid_t>(-1);
  bool committed_ = false;
};

}  // namespace tconv
