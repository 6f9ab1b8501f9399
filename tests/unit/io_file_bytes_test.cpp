// FileBytes: a regular file's bytes (mapped), an empty file, a FIFO (read, not mappable), and
// the errors, which name what was read and the path.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "io/file_bytes.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

fs::path fresh_folder() {
  const fs::path folder = fs::temp_directory_path() / ("tconv_file_bytes_" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

TEST_CASE("FileBytes gives a file's bytes, also after a move, and an empty file as empty") {
  const fs::path folder = fresh_folder();
  std::string content(100000, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 7);
  std::ofstream(folder / "data.bin", std::ios::binary) << content;
  std::ofstream(folder / "empty.bin").close();

  FileBytes bytes = FileBytes::open((folder / "data.bin").string(), "--weight");
  CHECK(bytes.view() == content);
  FileBytes moved = std::move(bytes);
  CHECK(moved.view() == content);
  moved = FileBytes::open((folder / "empty.bin").string(), "--weight");
  CHECK(moved.view().empty());
  fs::remove_all(folder);
}

TEST_CASE("FileBytes reads what it cannot map: a FIFO") {
  const fs::path folder = fresh_folder();
  const fs::path fifo = folder / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << "[[1, 2], [3, 4]]"; });
  const FileBytes bytes = FileBytes::open(fifo.string(), "--input");
  writer.join();
  CHECK(bytes.view() == "[[1, 2], [3, 4]]");
  fs::remove_all(folder);
}

TEST_CASE("a stream is read only until it passes the limit, a file's size is checked first") {
  const fs::path folder = fresh_folder();
  std::ofstream(folder / "ten.txt") << "0123456789";
  CHECK(FileBytes::open((folder / "ten.txt").string(), "--input", 10).view() == "0123456789");
  CHECK_THROWS_WITH_AS(FileBytes::open((folder / "ten.txt").string(), "--input", 9),
                       "the file of --input would need 10 bytes, above the memory limit of 9 bytes", MemoryLimitError);
  // An endless writer into a FIFO: refused after the limit, not read to the end (there is none).
  // The writer's end goes when the reader closes: SIGPIPE is ignored meanwhile, the write fails.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  REQUIRE(::sigaction(SIGPIPE, &ignore, &previous) == 0);
  const fs::path fifo = folder / "endless";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string block(4096, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }  // ends when the reader closes the FIFO
  });
  CHECK_THROWS_WITH_AS(FileBytes::open(fifo.string(), "--input", 100000),
                       "the file of --input would need more than 100000 bytes, above the memory limit of 100000 bytes",
                       MemoryLimitError);
  writer.join();
  ::sigaction(SIGPIPE, &previous, nullptr);
  std::istringstream stdin_text(std::string(20, 'y'));
  CHECK(FileBytes::read_stream(stdin_text, "the standard input of --input", 20).view() == std::string(20, 'y'));
  std::istringstream too_long(std::string(21, 'y'));
  CHECK_THROWS_WITH_AS(FileBytes::read_stream(too_long, "the standard input of --input", 20),
                       "the standard input of --input would need more than 20 bytes, above the memory limit of 20 "
                       "bytes",
                       MemoryLimitError);
  fs::remove_all(folder);
}

TEST_CASE("FileBytes errors name the flag, the path and the reason") {
  const fs::path folder = fresh_folder();
  CHECK_THROWS_WITH_AS(
      FileBytes::open((folder / "missing.npy").string(), "--input"),
      ("cannot read --input '" + (folder / "missing.npy").string() + "': No such file or directory").c_str(), IoError);
  CHECK_THROWS_WITH_AS(FileBytes::open(folder.string(), "--weight"),
                       ("cannot read --weight '" + folder.string() + "': it is a directory").c_str(), IoError);
  fs::remove_all(folder);
}

}  // namespace
}  // namespace tconv
