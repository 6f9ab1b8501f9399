// Every file tconv writes goes through here (compute -o, animate's frames, frames.json and
// --gif), as a careful Unix tool writes it:
//  - a regular file, new or replacing one, is written to a temporary file beside it
//    (temporary_paths.hpp: removed on failure and when a signal ends tconv) and renamed over the
//    target only by commit(): a reader sees the old content or the new, never half of it;
//  - a replaced file keeps its mode, and its owner and group where the system allows (as root,
//    or when they are tconv's own); a new file gets 0666 minus the umask;
//  - a symbolic link is followed: the file it points to is replaced and the link stays;
//  - an existing character device, FIFO or socket is written to directly: there is nothing to
//    make atomic (opening a FIFO waits for a reader, as it does for any program);
//  - a folder, a block device, a link to nothing and a file without write permission are
//    refused, and nothing is created.
// Like `sed -i` and unlike `cp`, replacing makes a new file: other hard links to the old one
// keep the old content. The data is not fsync'ed: the rename guards against a failed or
// interrupted run, not against a power cut (which would cost every write a disk flush).
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "io/fd_stream.hpp"
#include "io/temporary_paths.hpp"

namespace tconv {

class OutputFile {
 public:
  // Opens path as above. Throws IoError "cannot write 'SHOWN': <reason>", where SHOWN is
  // shown_as, or path when that is empty (a file in a staging folder is named by its final path).
  explicit OutputFile(std::string path, std::string shown_as = {});
  // Without commit(): closes, and removes the temporary file (a device keeps what it got).
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Writes throw IoError "cannot write 'PATH': <reason>" at the first failure (a full disk).
  std::ostream& stream() { return stream_; }

  // Flushes, closes and renames the temporary file onto the target. Throws IoError as above;
  // then nothing is left behind and an existing target is unchanged.
  void commit();

 private:
  void discard() noexcept;

  std::string path_;       // as the user gave it
  std::string shown_;      // for messages
  std::string target_;     // the file that is replaced: path_, or where its links lead
  std::string temporary_;  // empty when writing directly to a device, FIFO or socket
  TemporaryPath registration_;
  int fd_ = -1;
  std::unique_ptr<FdOutputBuffer> buffer_;
  std::ostream stream_{nullptr};
  bool committed_ = false;
};

// Whether two outputs of one run would land in the same regular file, so that one would
// silently replace the other: for existing paths, the same device and inode (a symbolic or hard
// link to the other counts); for new ones, the same path once resolved (weakly_canonical).
// Character devices, FIFOs and sockets never count: `--gif /dev/null --html /dev/null` is fine.
bool same_output_file(const std::string& a, const std::string& b);

// A whole file in one go, through OutputFile. Throws IoError.
void write_file(const std::string& path, std::string_view bytes, const std::string& shown_as = {});

}  // namespace tconv
