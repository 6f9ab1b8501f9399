// Where animate's files go (cli/frame_files.hpp): which --out folder a run may replace, and a
// folder that appears whole at commit, with the GIF, or the GIF on standard output.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/frame_files.hpp"
#include "core/error.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("tconv_frame_files_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_CASE("a missing or empty folder is fine, an earlier run's frames need --force, other files never") {
  TempDir tmp("check");
  const std::string dir = (tmp.path / "frames").string();
  check_frame_folder(dir, false);  // missing
  fs::create_directories(dir);
  check_frame_folder(dir, false);  // empty
  std::ofstream(fs::path(dir) / "frame_000.png") << "x";
  std::ofstream(fs::path(dir) / "frames.json") << "{}";
  CHECK_THROWS_WITH_AS(check_frame_folder(dir, false),
                       ("--out-dir " + dir +
                        " already holds frames of another run (frames.json); use --force to replace them, or another "
                        "folder")
                           .c_str(),
                       IoError);
  check_frame_folder(dir, true);
  std::ofstream(fs::path(dir) / "notes.txt") << "mine";
  CHECK_THROWS_WITH_AS(check_frame_folder(dir, true),
                       ("--out-dir " + dir +
                        " holds files that are not frames of an earlier run (notes.txt); tconv replaces the whole "
                        "folder, so give a new or empty one")
                           .c_str(),
                       IoError);
  std::ofstream(tmp.path / "plain") << "x";
  CHECK_THROWS_WITH_AS(check_frame_folder((tmp.path / "plain").string(), true),
                       ("--out-dir " + (tmp.path / "plain").string() + " exists and is not a folder").c_str(), IoError);
}

TEST_CASE("the folder and the GIF appear at commit, the paths are the final ones") {
  TempDir tmp("commit");
  const std::string dir = (tmp.path / "frames").string();
  const std::string gif = (tmp.path / "a.gif").string();
  std::ostringstream out;
  AnimationFiles files(dir, false, gif, "", out);
  files.write_frame_file("frame_000.png", "png");
  files.write_frame_file("frames.json", "{}");
  files.write_gif("GIF89a");
  CHECK_FALSE(fs::exists(dir));
  CHECK_FALSE(fs::exists(gif));
  const std::vector<std::string> written = files.commit();
  CHECK(written == std::vector<std::string>{dir + "/frame_000.png", dir + "/frames.json", gif});
  CHECK(read_all(dir + "/frame_000.png") == "png");
  CHECK(read_all(gif) == "GIF89a");
  CHECK(out.str().empty());
}

TEST_CASE("at commit the folder is looked at again: another run's frames need --force, other files stop it") {
  TempDir tmp("again");
  const std::string dir = (tmp.path / "frames").string();
  const std::string gif = (tmp.path / "a.gif").string();
  const auto kept_beside = [&] {
    for (const fs::directory_entry& entry : fs::directory_iterator(tmp.path)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("frames.new-", 0) == 0) return name;
    }
    return std::string();
  };
  {
    // Without --force, frames another run put there meanwhile stay, and the GIF is not written.
    std::ostringstream out;
    AnimationFiles files(dir, false, gif, "", out);
    files.write_frame_file("frames.json", "mine");
    files.write_gif("GIF89a");
    fs::create_directories(dir);
    std::ofstream(fs::path(dir) / "frames.json") << "theirs";
    CHECK_THROWS_WITH_AS(files.commit(),
                         doctest::Contains("it changed during the run and now holds 'frames.json' (frames of another "
                                           "run; --force replaces them); it is left as it was"),
                         IoError);
    CHECK(read_all(dir + "/frames.json") == "theirs");
    CHECK_FALSE(fs::exists(gif));
    REQUIRE_FALSE(kept_beside().empty());
    CHECK(read_all(tmp.path / kept_beside() / "frames.json") == "mine");
    fs::remove_all(tmp.path / kept_beside());
  }
  {
    // With --force they go; a file tconv did not write never does.
    std::ostringstream out;
    AnimationFiles files(dir, true, "", "", out);
    files.write_frame_file("frames.json", "mine");
    std::ofstream(fs::path(dir) / "notes.txt") << "kept";
    CHECK_THROWS_WITH_AS(files.commit(), doctest::Contains("now holds 'notes.txt' (which tconv did not write)"),
                         IoError);
    CHECK(read_all(dir + "/notes.txt") == "kept");
    CHECK(read_all(dir + "/frames.json") == "theirs");
    fs::remove_all(tmp.path / kept_beside());
    fs::remove(fs::path(dir) / "notes.txt");
  }
  {
    std::ostringstream out;
    AnimationFiles files(dir, true, "", "", out);
    files.write_frame_file("frame_000.png", "mine");
    files.commit();
    CHECK(read_all(dir + "/frame_000.png") == "mine");
    CHECK_FALSE(fs::exists(fs::path(dir) / "frames.json"));
    CHECK(kept_beside().empty());
  }
}

TEST_CASE("the working directory and the folders that hold it are refused before anything is drawn") {
  TempDir tmp("cwd");
  fs::create_directories(tmp.path / "here");
  const fs::path before = fs::current_path();
  fs::current_path(tmp.path / "here");
  CHECK_THROWS_WITH_AS(check_frame_folder(".", true), doctest::Contains("'.': it is the working directory"), IoError);
  CHECK_THROWS_WITH_AS(check_frame_folder("..", true), doctest::Contains("'..': it holds the working directory"),
                       IoError);
  fs::current_path(before);
}

TEST_CASE("the explorer page appears at commit, after the folder and the GIF") {
  TempDir tmp("html");
  const std::string dir = (tmp.path / "frames").string();
  const std::string gif = (tmp.path / "a.gif").string();
  const std::string html = (tmp.path / "page.html").string();
  std::ostringstream out;
  AnimationFiles files(dir, false, gif, html, out);
  files.write_frame_file("frames.json", "{}");
  files.write_gif("GIF89a");
  files.write_html("<!DOCTYPE html>");
  CHECK_FALSE(fs::exists(html));
  CHECK(files.commit() == std::vector<std::string>{dir + "/frames.json", gif, html});
  CHECK(read_all(html) == "<!DOCTYPE html>");
}

TEST_CASE("the page alone: no folder, no GIF") {
  TempDir tmp("html_only");
  const std::string html = (tmp.path / "page.html").string();
  std::ostringstream out;
  AnimationFiles files("", false, "", html, out);
  files.write_html("<!DOCTYPE html>");
  CHECK(files.commit() == std::vector<std::string>{html});
  CHECK(read_all(html) == "<!DOCTYPE html>");
  CHECK(out.str().empty());
}

TEST_CASE("a page path that is a folder is refused when the files are opened, before anything is drawn") {
  TempDir tmp("html_folder");
  fs::create_directory(tmp.path / "page");
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(AnimationFiles("", false, "", (tmp.path / "page").string(), out),
                       ("cannot write '" + (tmp.path / "page").string() + "': it is a folder").c_str(), IoError);
  CHECK(fs::is_directory(tmp.path / "page"));
}

TEST_CASE("--html - goes to standard output beside the frames, which go to disk") {
  TempDir tmp("html_stdout");
  const std::string dir = (tmp.path / "frames").string();
  std::ostringstream out;
  AnimationFiles files(dir, false, "", "-", out);
  files.write_frame_file("frames.json", "{}");
  files.write_html("<!DOCTYPE html>");
  CHECK(files.commit() == std::vector<std::string>{dir + "/frames.json"});
  CHECK(out.str() == "<!DOCTYPE html>");
  CHECK_FALSE(fs::exists(tmp.path / "-"));
}

TEST_CASE("--gif - goes to standard output, nothing is written to disk") {
  TempDir tmp("stdout");
  std::ostringstream out;
  AnimationFiles files("", false, "-", "", out);
  files.write_gif("GIF89a...;");
  CHECK(files.commit().empty());
  CHECK(out.str() == "GIF89a...;");
  CHECK(fs::is_empty(tmp.path));
}

TEST_CASE("without commit, nothing appears") {
  TempDir tmp("abort");
  {
    std::ostringstream out;
    AnimationFiles files((tmp.path / "frames").string(), false, (tmp.path / "a.gif").string(),
                         (tmp.path / "page.html").string(), out);
    files.write_frame_file("frame_000.png", "png");
    files.write_gif("GIF89a");
    files.write_html("<!DOCTYPE html>");
  }
  CHECK(fs::is_empty(tmp.path));
}

}  // namespace
}  // namespace tconv
