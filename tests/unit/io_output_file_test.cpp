// OutputFile: the target appears only on commit(), a failure leaves nothing behind, and what is
// not a plain new file is treated as a careful Unix tool treats it: links are followed, mode and
// owner kept, devices and FIFOs written to directly, folders and block devices refused. Device
// nodes are made with mknod in a scratch folder (never the system's /dev); without the right to
// make them (not root), those checks say so and are skipped.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/error.hpp"
#include "io/output_file.hpp"
#include "io/temporary_paths.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("tconv_output_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

size_t entries(const fs::path& folder) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// mknod in the scratch folder; false (with a message) where the system does not allow it.
bool make_char_device(const fs::path& path, unsigned major_number, unsigned minor_number) {
  if (::mknod(path.c_str(), S_IFCHR | 0666, makedev(major_number, minor_number)) == 0) return true;
  MESSAGE("skipped: mknod " << path.string() << " is not permitted here (" << std::strerror(errno) << ")");
  return false;
}

TEST_CASE("commit renames the finished file onto the target") {
  const fs::path folder = fresh_folder("commit");
  const fs::path target = folder / "out.txt";
  {
    OutputFile file(target.string());
    file.stream() << "hello\n";
    CHECK_FALSE(fs::exists(target));  // not visible before commit
    CHECK(entries(folder) == 1);      // the temporary file, hidden beside it
    file.commit();
  }
  CHECK(read_all(target) == "hello\n");
  CHECK(entries(folder) == 1);
  fs::remove_all(folder);
}

TEST_CASE("without commit (an exception on the way) nothing is left, and an old file is kept") {
  const fs::path folder = fresh_folder("abort");
  const fs::path target = folder / "out.txt";
  std::ofstream(target) << "old\n";
  try {
    OutputFile file(target.string());
    file.stream() << "half";
    throw DataError("failure while writing");
  } catch (const DataError&) {
  }
  CHECK(read_all(target) == "old\n");
  CHECK(entries(folder) == 1);
  fs::remove_all(folder);
}

TEST_CASE("a folder that does not exist is an IoError naming the path") {
  CHECK_THROWS_WITH_AS(OutputFile("/nonexistent-tconv-folder/out.npy"),
                       "cannot write '/nonexistent-tconv-folder/out.npy': No such file or directory", IoError);
}

TEST_CASE("a new file gets 0666 minus the umask, a replaced one keeps its mode") {
  const fs::path folder = fresh_folder("mode");
  const mode_t old_mask = ::umask(027);
  write_file((folder / "new.json").string(), "{}");
  ::umask(old_mask);
  CHECK(mode_of(folder / "new.json") == 0640);

  std::ofstream(folder / "secret.json") << "old";
  fs::permissions(folder / "secret.json", fs::perms(0600));
  write_file((folder / "secret.json").string(), "new");
  CHECK(read_all(folder / "secret.json") == "new");
  CHECK(mode_of(folder / "secret.json") == 0600);  // not 0644 from the umask
  fs::remove_all(folder);
}

TEST_CASE("a replaced file keeps its owner and group where the system allows it (root)") {
  const fs::path folder = fresh_folder("owner");
  const fs::path target = folder / "theirs.json";
  std::ofstream(target) << "old";
  if (::chown(target.c_str(), 12345, 23456) != 0) {
    MESSAGE("skipped: cannot give a file to another user here (" << std::strerror(errno) << ")");
    fs::remove_all(folder);
    return;
  }
  write_file(target.string(), "new");
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK(info.st_uid == 12345u);
  CHECK(info.st_gid == 23456u);
  fs::remove_all(folder);
}

TEST_CASE("a symbolic link is followed: the file it points to is replaced, the link stays") {
  const fs::path folder = fresh_folder("link");
  fs::create_directories(folder / "real");
  std::ofstream(folder / "real" / "data.json") << "old";
  fs::create_symlink("real/data.json", folder / "link.json");
  write_file((folder / "link.json").string(), "new");
  CHECK(fs::is_symlink(folder / "link.json"));
  CHECK(fs::read_symlink(folder / "link.json") == "real/data.json");
  CHECK(read_all(folder / "real" / "data.json") == "new");
  CHECK(entries(folder) == 2);  // the link and the folder: no temporary beside the link
  CHECK(entries(folder / "real") == 1);

  // A link to nothing is refused, and nothing is created at its end.
  fs::create_symlink("real/missing.json", folder / "dangling.json");
  CHECK_THROWS_WITH_AS(write_file((folder / "dangling.json").string(), "x"),
                       doctest::Contains("it is a symbolic link to a file that does not exist"), IoError);
  CHECK_FALSE(fs::exists(folder / "real" / "missing.json"));
  fs::remove_all(folder);
}

TEST_CASE("a folder, a block device and a file without write permission are refused") {
  const fs::path folder = fresh_folder("refuse");
  CHECK_THROWS_WITH_AS(OutputFile(folder.string()), ("cannot write '" + folder.string() + "': it is a folder").c_str(),
                       IoError);
  const fs::path block = folder / "disk";
  if (::mknod(block.c_str(), S_IFBLK | 0600, makedev(7, 200)) == 0) {
    CHECK_THROWS_WITH_AS(OutputFile(block.string()), doctest::Contains("it is a block device"), IoError);
    CHECK(fs::is_block_file(block));
  } else {
    MESSAGE("skipped the block device: mknod is not permitted here");
  }
  const fs::path locked = folder / "locked.json";
  std::ofstream(locked) << "keep";
  fs::permissions(locked, fs::perms(0444));
  if (::geteuid() != 0) {  // root may write anything
    CHECK_THROWS_WITH_AS(OutputFile(locked.string()), doctest::Contains("Permission denied"), IoError);
    CHECK(read_all(locked) == "keep");
  }
  fs::remove_all(folder);
}

TEST_CASE("a character device is written to directly and stays a device") {
  const fs::path folder = fresh_folder("device");
  const fs::path null_device = folder / "null";  // major 1, minor 3: what /dev/null is
  if (!make_char_device(null_device, 1, 3)) {
    fs::remove_all(folder);
    return;
  }
  write_file(null_device.string(), "into the void");
  CHECK(fs::is_character_file(null_device));
  CHECK(entries(folder) == 1);

  // Major 1, minor 7 is /dev/full: every write fails with ENOSPC, and that is an error.
  const fs::path full_device = folder / "full";
  REQUIRE(make_char_device(full_device, 1, 7));
  CHECK_THROWS_WITH_AS(write_file(full_device.string(), "x"),
                       ("cannot write '" + full_device.string() + "': No space left on device").c_str(), IoError);
  CHECK(fs::is_character_file(full_device));
  fs::remove_all(folder);
}

TEST_CASE("a FIFO is written to directly (opening it waits for a reader)") {
  const fs::path folder = fresh_folder("fifo");
  const fs::path fifo = folder / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = read_all(fifo); });
  write_file(fifo.string(), "through the pipe");
  reader.join();
  CHECK(received == "through the pipe");
  CHECK(fs::is_fifo(fifo));
  CHECK(entries(folder) == 1);
  fs::remove_all(folder);
}

TEST_CASE("a Unix socket is connected to and written to directly") {
  const fs::path folder = fresh_folder("socket");
  const fs::path path = folder / "listener";
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 1) == 0);
  std::string received;
  std::thread reader([&] {
    const int connection = ::accept(listener, nullptr, nullptr);
    char block[256];
    for (ssize_t got; (got = ::read(connection, block, sizeof block)) > 0;)
      received.append(block, static_cast<size_t>(got));
    ::close(connection);
  });
  write_file(path.string(), "through the socket");
  reader.join();
  ::close(listener);
  CHECK(received == "through the socket");
  CHECK(fs::is_socket(path));
  fs::remove_all(folder);
}

TEST_CASE("a name of 255 bytes still gets a temporary file beside it") {
  const fs::path folder = fresh_folder("long");
  const std::string name = std::string(250, 'n') + ".json";
  REQUIRE(name.size() == 255);
  write_file((folder / name).string(), "long");
  CHECK(read_all(folder / name) == "long");
  CHECK(entries(folder) == 1);

  // The template keeps the folder, fits NAME_MAX, and does not cut a UTF-8 character in two.
  const std::string wide = std::string(240, 'a') + "\xC3\xA9\xC3\xA9.json";  // a 2-byte character at the cut
  const std::string made = temporary_sibling_template((folder / wide).string());
  const std::string last = made.substr(made.find_last_of('/') + 1);
  CHECK(made.rfind(folder.string() + "/.", 0) == 0);
  CHECK(last.size() <= 255);
  CHECK(last.substr(last.size() - 13) == ".tconv-XXXXXX");
  const std::string kept = last.substr(1, last.size() - 14);
  CHECK(kept == std::string(240, 'a'));  // 255 - 1 - 13 = 241 bytes would split the é: cut before it
  CHECK(temporary_sibling_template("out.json") == ".out.json.tconv-XXXXXX");
  fs::remove_all(folder);
}

TEST_CASE("two outputs are the same file by device and inode, or by resolved path when new") {
  const fs::path folder = fresh_folder("same");
  std::ofstream(folder / "old.gif") << "old";
  fs::create_symlink("old.gif", folder / "sym.gif");
  fs::create_hard_link(folder / "old.gif", folder / "hard.gif");
  fs::create_directory(folder / "sub");
  fs::create_directory_symlink("sub", folder / "linked");
  const auto at = [&](const char* name) { return (folder / name).string(); };
  CHECK(same_output_file(at("old.gif"), at("old.gif")));
  CHECK(same_output_file(at("old.gif"), at("sym.gif")));
  CHECK(same_output_file(at("hard.gif"), at("old.gif")));
  CHECK(same_output_file(at("old.gif"), at("sub/../old.gif")));
  CHECK_FALSE(same_output_file(at("old.gif"), at("new.gif")));
  // New files: the same path once resolved, through a linked folder too.
  CHECK(same_output_file(at("new.gif"), at("./new.gif")));
  CHECK(same_output_file(at("sub/new.gif"), at("linked/new.gif")));
  CHECK_FALSE(same_output_file(at("new.gif"), at("new.html")));
  // A character device can take two outputs; a folder is not a file that one would replace.
  CHECK_FALSE(same_output_file("/dev/null", "/dev/null"));
  CHECK_FALSE(same_output_file(at("sub"), at("linked")));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace tconv
