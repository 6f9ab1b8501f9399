// The whole content of a file, for the parsers. A regular file is mapped read-only: its pages
// are the page cache's own, so an 8 MB weight file costs neither a copy nor 8 MB of fresh
// memory (each fresh page is a page fault: about 0.5 ms per MB on the test machine). Anything
// else (a pipe, a terminal) is read into memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tconv {

class FileBytes {
 public:
  FileBytes() = default;
  explicit FileBytes(std::string bytes) : owned_(std::move(bytes)) {}
  // Opens path and maps or reads it. Throws IoError "cannot read <what> '<path>': <reason>".
  static FileBytes open(const std::string& path, const std::string& what);

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
