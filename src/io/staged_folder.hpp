// A folder whose files appear together (animate --out-dir): they are written into a temporary
// folder beside the target, which takes the target's place only at commit(), by an atomic
// exchange where the file system has one (renameat2 RENAME_EXCHANGE, else two renames). A reader
// sees the old set of files or the new one, never a mix, and a failed or interrupted run leaves
// the target as it was: the temporary folder is removed on failure and when a signal ends tconv
// (temporary_paths.hpp). The replaced folder is looked at again once it is out of the way, and
// only files the caller allows are removed with it: one written into the target while the run
// went on is never lost.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

#include "io/temporary_paths.hpp"

namespace tconv {

// Throws IoError "cannot write the folder 'TARGET': ..." when replacing `target` would pull
// the working directory away from under the caller (the shell of `-O .` would be left in a
// deleted folder): the working directory itself, any folder that holds it (`..`), the root.
// A target that does not exist passes.
void check_folder_replaceable(const std::string& target);

// Whether an entry of the replaced folder may be removed with it at commit(): an empty string if
// it may, else why not (shown in the error: "which tconv did not write").
using ReplaceableEntry = std::function<std::string(const std::string& name, bool is_folder)>;

class StagedFolder {
 public:
  // Creates the temporary folder, and the target's parent folders if missing. An existing target
  // (or the folder a symbolic link leads to; the link stays) must be a folder that
  // check_folder_replaceable allows, and is replaced as a whole at commit(), keeping its mode
  // (whether its content may go is the caller's decision, at commit). A new one gets 0777 minus
  // the umask. Throws IoError.
  explicit StagedFolder(std::string target);
  // Without commit(): removes the temporary folder and everything written into it.
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  // The folder to write the files into.
  const std::string& path() const { return staging_; }

  // Puts the staged folder in the target's place, then looks at the folder it replaced (the
  // target as it is now, not as it was when the run began): when `replaceable` allows every
  // entry, they are removed (those only) and the folder with them. Else the target is put back
  // as it was, the new files are kept in a visible folder beside it (TARGET.new-XXXXXX), and
  // IoError "cannot write the folder 'TARGET': it changed during the run and now holds 'NAME'
  // (REASON); it is left as it was, and the new files are in 'TARGET.new-XXXXXX'" is thrown.
  // Throws IoError for a failed rename too (the target is then unchanged).
  void commit(const ReplaceableEntry& replaceable);

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
