// FileBytes: a regular file's bytes (mapped), an empty file, a FIFO (read, not mappable), and
// the errors, which name what was read and the path.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
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

TEST_CASE("FileBytes errors name the flag, the path and the reason") {
  const fs::path folder = fresh_folder();
  CHECK_THROWS_WITH_AS(FileBytes::open((folder / "missing.npy").string(), "--input"),
                       ("cannot read --input '" + (folder / "missing.npy").string() + "': No such file or directory").c_str(),
                       IoError);
  CHECK_THROWS_WITH_AS(FileBytes::open(folder.string(), "--weight"),
                       ("cannot read --weight '" + folder.string() + "': it is a directory").c_str(), IoError);
  fs::remove_all(folder);
}

}  // namespace
}  // namespace tconv
