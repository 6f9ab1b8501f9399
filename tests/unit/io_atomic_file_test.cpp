// AtomicFile: the target appears only on commit(); a failure leaves nothing behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include <fstream>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("tconv_atomic_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

TEST_CASE("commit renames the finished file onto the target") {
  const fs::path folder = fresh_folder("commit");
  const fs::path target = folder / "out.txt";
  {
    AtomicFile file(target.string());
    file.stream() << "hello\n";
    CHECK_FALSE(fs::exists(target));  // not visible before commit
    file.commit();
  }
  std::ifstream in(target);
  std::string line;
  std::getline(in, line);
  CHECK(line == "hello");
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  fs::remove_all(folder);
}

TEST_CASE("without commit (an exception on the way) nothing is left, and an old file is kept") {
  const fs::path folder = fresh_folder("abort");
  const fs::path target = folder / "out.txt";
  std::ofstream(target) << "old\n";
  try {
    AtomicFile file(target.string());
    file.stream() << "half";
    throw DataError("failure while writing");
  } catch (const DataError&) {
  }
  std::ifstream in(target);
  std::string line;
  std::getline(in, line);
  CHECK(line == "old");
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  fs::remove_all(folder);
}

TEST_CASE("a folder that does not exist is an IoError naming the path") {
  CHECK_THROWS_WITH_AS(AtomicFile("/nonexistent-tconv-folder/out.npy"),
                       "cannot write '/nonexistent-tconv-folder/out.npy': No such file or directory", IoError);
}

}  // namespace
}  // namespace tconv
