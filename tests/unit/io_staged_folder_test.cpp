// StagedFolder: the files of a folder appear together at commit(), replace an older set as a
// whole, and a run that does not commit leaves the target as it was. TemporaryPath: a signal
// that ends the process removes what is registered, and the process dies of that signal
// (checked in a forked child).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "core/error.hpp"
#include "io/output_file.hpp"
#include "io/staged_folder.hpp"
#include "io/temporary_paths.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("tconv_staged_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

// Lets every entry of the replaced folder go.
const ReplaceableEntry anything = [](const std::string&, bool) { return std::string(); };

TEST_CASE("a new folder appears only at commit, with every file, and 0777 minus the umask") {
  const fs::path parent = fresh_folder("new");
  const fs::path target = parent / "deep" / "frames";
  const mode_t old_mask = ::umask(022);
  {
    StagedFolder folder(target.string());
    write_file(folder.path() + "/a.png", "a");
    write_file(folder.path() + "/frames.json", "{}");
    CHECK_FALSE(fs::exists(target));
    folder.commit(anything);
  }
  ::umask(old_mask);
  CHECK(names_in(target) == std::set<std::string>{"a.png", "frames.json"});
  CHECK(names_in(parent / "deep") == std::set<std::string>{"frames"});  // no temporary left beside it
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0755);
  fs::remove_all(parent);
}

TEST_CASE("an older folder is replaced as a whole: no file of the old set stays, its mode does") {
  const fs::path parent = fresh_folder("replace");
  const fs::path target = parent / "frames";
  fs::create_directories(target);
  for (const char* name : {"frame_000.png", "frame_001.png", "frame_002.png", "frames.json"}) {
    std::ofstream(target / name) << "old";
  }
  fs::permissions(target, fs::perms(0750));
  {
    StagedFolder folder(target.string());
    write_file(folder.path() + "/frame_000.png", "new");
    write_file(folder.path() + "/frames.json", "new");
    CHECK(names_in(target).size() == 4);  // the old set, untouched until commit
    folder.commit(anything);
  }
  CHECK(names_in(target) == std::set<std::string>{"frame_000.png", "frames.json"});
  CHECK(names_in(parent) == std::set<std::string>{"frames"});
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0750);
  fs::remove_all(parent);
}

TEST_CASE("without commit the target is as it was and the temporary folder is gone") {
  const fs::path parent = fresh_folder("abort");
  const fs::path target = parent / "frames";
  fs::create_directories(target);
  std::ofstream(target / "frames.json") << "old";
  try {
    StagedFolder folder(target.string());
    write_file(folder.path() + "/frames.json", "new");
    throw DataError("failure while drawing");
  } catch (const DataError&) {
  }
  CHECK(names_in(parent) == std::set<std::string>{"frames"});
  CHECK(names_in(target) == std::set<std::string>{"frames.json"});
  std::ifstream in(target / "frames.json");
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "old");
  fs::remove_all(parent);
}

TEST_CASE("a link to a folder is followed and kept, a file is refused") {
  const fs::path parent = fresh_folder("link");
  fs::create_directories(parent / "real");
  std::ofstream(parent / "real" / "old.png") << "old";
  fs::create_directory_symlink("real", parent / "link");
  {
    StagedFolder folder((parent / "link").string());
    write_file(folder.path() + "/new.png", "new");
    folder.commit(anything);
  }
  CHECK(fs::is_symlink(parent / "link"));
  CHECK(names_in(parent / "real") == std::set<std::string>{"new.png"});
  CHECK(names_in(parent) == std::set<std::string>{"link", "real"});

  std::ofstream(parent / "plain") << "x";
  CHECK_THROWS_WITH_AS(
      StagedFolder((parent / "plain").string()),
      ("cannot write the folder '" + (parent / "plain").string() + "': it exists and is not a folder").c_str(),
      IoError);
  fs::remove_all(parent);
}

TEST_CASE("a file written into the target during the run stays, and the new files are kept beside it") {
  const fs::path parent = fresh_folder("changed");
  const fs::path target = parent / "frames";
  fs::create_directories(target);
  std::ofstream(target / "frames.json") << "old";
  const ReplaceableEntry only_json = [](const std::string& name, bool) {
    return name == "frames.json" ? std::string() : std::string("not ours");
  };
  std::string message;
  {
    StagedFolder folder(target.string());
    write_file(folder.path() + "/frames.json", "new");
    std::ofstream(target / "notes.txt") << "mine";  // written while the run went on
    try {
      folder.commit(only_json);
    } catch (const IoError& error) {
      message = error.what();
    }
  }
  // The target as it was when the run ended, the new files in the one folder beside it.
  CHECK(names_in(target) == std::set<std::string>{"frames.json", "notes.txt"});
  std::ifstream old_json(target / "frames.json");
  CHECK(std::string(std::istreambuf_iterator<char>(old_json), {}) == "old");
  std::set<std::string> beside = names_in(parent);
  REQUIRE(beside.size() == 2);
  beside.erase("frames");
  const std::string kept = *beside.begin();
  CHECK(kept.rfind("frames.new-", 0) == 0);
  CHECK(names_in(parent / kept) == std::set<std::string>{"frames.json"});
  CHECK(message == "cannot write the folder '" + target.string() +
                       "': it changed during the run and now holds 'notes.txt' (not ours); it is left as it was, "
                       "and the new files are in '" +
                       (parent / kept).string() + "'");
  fs::remove_all(parent);
}

TEST_CASE("only the entries allowed are removed with the replaced folder") {
  const fs::path parent = fresh_folder("allowed");
  const fs::path target = parent / "frames";
  fs::create_directories(target);
  std::ofstream(target / "frames.json") << "old";
  {
    StagedFolder folder(target.string());
    write_file(folder.path() + "/frame_000.png", "new");
    folder.commit([](const std::string& name, bool is_folder) {
      return !is_folder && name == "frames.json" ? std::string() : std::string("no");
    });
  }
  CHECK(names_in(target) == std::set<std::string>{"frame_000.png"});
  CHECK(names_in(parent) == std::set<std::string>{"frames"});
  fs::remove_all(parent);
}

TEST_CASE("the working directory and the folders that hold it are not replaced") {
  const fs::path parent = fresh_folder("cwd");
  fs::create_directories(parent / "here" / "deeper");
  fs::create_directories(parent / "beside");
  const fs::path before = fs::current_path();
  fs::current_path(parent / "here");
  CHECK_THROWS_WITH_AS(check_folder_replaceable("."),
                       "cannot write the folder '.': it is the working directory, which tconv would replace as a "
                       "whole (the shell would be left in a deleted folder); give another folder",
                       IoError);
  CHECK_THROWS_WITH_AS(check_folder_replaceable("../here/"), doctest::Contains("it is the working directory"), IoError);
  CHECK_THROWS_WITH_AS(check_folder_replaceable(".."),
                       "cannot write the folder '..': it holds the working directory, which tconv would remove with "
                       "it (the shell would be left in a deleted folder); give a folder outside it",
                       IoError);
  CHECK_THROWS_WITH_AS(check_folder_replaceable("/"), "cannot write the folder '/': the root folder cannot be replaced",
                       IoError);
  CHECK_THROWS_WITH_AS(StagedFolder("."), doctest::Contains("it is the working directory"), IoError);
  CHECK_NOTHROW(check_folder_replaceable("deeper"));
  CHECK_NOTHROW(check_folder_replaceable("../beside"));
  CHECK_NOTHROW(check_folder_replaceable("missing"));
  fs::current_path(before);
  fs::remove_all(parent);
}

// In a child: registers a file and a folder of files, then raises `signal_number`. Returns
// the child's wait status.
int child_killed_by(int signal_number, const std::string& file, const std::string& folder) {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(::open(file.c_str(), O_WRONLY | O_CREAT, 0600));
    ::mkdir(folder.c_str(), 0700);
    ::close(::open((folder + "/frame_000.png").c_str(), O_WRONLY | O_CREAT, 0600));
    ::close(::open((folder + "/frames.json").c_str(), O_WRONLY | O_CREAT, 0600));
    const TemporaryPath registered_file(file, TemporaryPath::Kind::File);
    const TemporaryPath registered_folder(folder, TemporaryPath::Kind::Folder);
    ::raise(signal_number);
    ::_exit(99);  // not reached: the signal ends the child
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  return status;
}

TEST_CASE("a signal removes the registered temporaries and ends the process by the same signal") {
  const fs::path parent = fresh_folder("signal");
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    CAPTURE(signal_number);
    const int status = child_killed_by(signal_number, (parent / ".out.json.tconv-abc123").string(),
                                       (parent / ".frames.tconv-def456").string());
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    CHECK(names_in(parent).empty());
  }
  fs::remove_all(parent);
}

TEST_CASE("a released registration is not removed") {
  const fs::path parent = fresh_folder("released");
  const fs::path kept = parent / "kept.json";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(::open(kept.c_str(), O_WRONLY | O_CREAT, 0600));
    TemporaryPath registered(kept.string(), TemporaryPath::Kind::File);
    registered.release();
    ::raise(SIGTERM);
    ::_exit(99);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK(fs::exists(kept));
  fs::remove_all(parent);
}

}  // namespace
}  // namespace tconv
