#include "io/file_bytes.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <istream>
#include <utility>
#include <vector>

#include "core/engine.hpp"
#include "core/error.hpp"

namespace tconv {

namespace {

// Closes the descriptor on every way out.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

constexpr size_t kBlockBytes = size_t{1} << 16;

// The memory-limit message of check_memory_limit for a stream, whose size is only known to be
// larger than the limit.
[[noreturn]] void stream_too_large(const std::string& subject, int64_t max_bytes) {
  throw MemoryLimitError(subject + " would need more than " + std::to_string(max_bytes) +
                         " bytes, above the memory limit of " + std::to_string(max_bytes) + " bytes");
}

// Appends a block to bytes, refusing as soon as the total passes max_bytes.
void append_bounded(std::string& bytes, const char* block, size_t size, const std::string& subject, int64_t max_bytes) {
  if (static_cast<uint64_t>(size) > static_cast<uint64_t>(max_bytes) - bytes.size()) {
    stream_too_large(subject, max_bytes);
  }
  bytes.append(block, size);
}

}  // namespace

FileBytes FileBytes::open(const std::string& path, const std::string& what, int64_t max_bytes) {
  const auto fail = [&](const std::string& reason) -> FileBytes {
    throw IoError("cannot read " + what + " '" + path + "': " + reason);
  };
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return fail(std::strerror(errno));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) return fail(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return fail("it is a directory");
  const std::string subject = "the file of " + what;
  if (S_ISREG(info.st_mode)) check_memory_limit(subject.c_str(), info.st_size, 1, max_bytes);
  FileBytes bytes;
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    void* mapped = ::mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (mapped != MAP_FAILED) {
      bytes.mapped_ = mapped;
      bytes.mapped_size_ = static_cast<size_t>(info.st_size);
      return bytes;
    }
  }
  // Not mappable (a pipe, /dev/stdin, a device, an empty file, a file system without mmap):
  // read it, bounded.
  std::vector<char> block(kBlockBytes);
  for (;;) {
    const ssize_t got = ::read(file.fd, block.data(), block.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(std::strerror(errno));
    if (got == 0) break;
    append_bounded(bytes.owned_, block.data(), static_cast<size_t>(got), subject, max_bytes);
  }
  return bytes;
}

FileBytes FileBytes::read_stream(std::istream& in, const std::string& subject, int64_t max_bytes) {
  FileBytes bytes;
  std::vector<char> block(kBlockBytes);
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    append_bounded(bytes.owned_, block.data(), static_cast<size_t>(in.gcount()), subject, max_bytes);
  }
  if (in.bad()) throw IoError("cannot read " + subject);
  return bytes;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)),
      mapped_size_(std::exchange(other.mapped_size_, 0)),
      owned_(std::move(other.owned_)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
    mapped_ = std::exchange(other.mapped_, nullptr);
    mapped_size_ = std::exchange(other.mapped_size_, 0);
    owned_ = std::move(other.owned_);
  }
  return *this;
}

FileBytes::~FileBytes() {
  if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
}

}  // namespace tconv
