// The whole content of a file, for the parsers. A regular file is mapped read-only: its pages
// are the page cache's own, so an 8 MB weight file costs neither a copy nor 8 MB of fresh
// memory (each fresh page is a page fault: about 0.5 ms per MB on the test machine). Anything
// else (a pipe, a FIFO, a device, standard input) is read into memory, and reading stops as
// soon as it passes the memory limit: /dev/zero costs no more than the limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>

namespace tconv {

class FileBytes {
 public:
  FileBytes() = default;
  explicit FileBytes(std::string bytes) : owned_(std::move(bytes)) {}
  // Opens path and maps or reads it. Throws IoError "cannot read <what> '<path>': <reason>",
  // and MemoryLimitError "the file of <what> would need N bytes, above the memory limit of
  // <max_bytes> bytes" for a regular file larger than max_bytes or a stream that passes it
  // ("would need more than").
  static FileBytes open(const std::string& path, const std::string& what,
                        int64_t max_bytes = std::numeric_limits<int64_t>::max());
  // Reads `in` to its end, as open() reads a stream; `subject` starts the memory-limit message
  // ("standard input (--input -)"). A read error (a directory as stdin) is the stream's own
  // exception, or IoError "cannot read <subject>" when the stream only went bad.
  static FileBytes read_stream(std::istream& in, const std::string& subject, int64_t max_bytes);

  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::string_view view() const {
    return mapped_ != nullptr ? std::string_view(static_cast<const char*>(mapped_), mapped_size_) : owned_;
  }

 private:
  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
  std::string owned_;
};

}  // namespace tconv
