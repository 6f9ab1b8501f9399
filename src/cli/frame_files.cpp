#include "cli/frame_files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"

namespace tconv {

namespace fs = std::filesystem;

namespace {

// frames.json or frame_NNN.png/svg: what a run of tconv animate writes into its folder.
bool is_frame_folder_file(const std::string& name) {
  if (name == "frames.json") return true;
  const bool numbered = name.size() >= 13 && name.rfind("frame_", 0) == 0 &&
                        std::all_of(name.begin() + 6, name.end() - 4, [](char c) { return c >= '0' && c <= '9'; });
  const std::string ext = name.size() >= 4 ? name.substr(name.size() - 4) : "";
  return numbered && (ext == ".png" || ext == ".svg");
}

// Why this run may not remove an entry of its frame folder (empty: it may): the one rule of the
// check before drawing and of the look again at commit (io/staged_folder.hpp).
std::string frame_folder_entry_rule(const std::string& name, bool is_folder, bool force) {
  if (is_folder || !is_frame_folder_file(name)) return "which tconv did not write";
  if (!force) return "frames of another run; --force replaces them";
  return {};
}

}  // namespace

void check_frame_folder(const std::string& dir, bool force) {
  check_folder_replaceable(dir);
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    throw IoError("cannot use --out-dir " + dir + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(info.st_mode)) throw IoError("--out-dir " + dir + " exists and is not a folder");
  std::vector<std::string> own, other;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    std::error_code ignored;
    const bool is_folder = entry.is_directory(ignored);
    (frame_folder_entry_rule(name, is_folder, true).empty() ? own : other).push_back(name);
  }
  if (error) throw IoError("cannot read the folder " + dir + ": " + error.message());
  // Name the manifest, or else the first file, so that the message is the same every time.
  std::sort(own.begin(), own.end());
  std::sort(other.begin(), other.end());
  if (!other.empty()) {
    throw IoError("--out-dir " + dir + " holds files that are not frames of an earlier run (" + other.front() +
                  "); tconv replaces the whole folder, so give a new or empty one");
  }
  if (!own.empty() && !force) {
    const bool manifest = std::find(own.begin(), own.end(), "frames.json") != own.end();
    throw IoError("--out-dir " + dir + " already holds frames of another run (" +
                  (manifest ? std::string("frames.json") : own.front()) +
                  "); use --force to replace them, or another folder");
  }
}

AnimationFiles::AnimationFiles(std::string folder, bool force, std::string gif, std::string html, std::ostream& out)
    : folder_(std::move(folder)), force_(force), gif_(std::move(gif)), html_(std::move(html)), out_(out) {
  // All opened before anything is drawn: a GIF or page path that cannot be written fails at once.
  if (!folder_.empty()) staged_.emplace(folder_);
  if (!gif_.empty() && gif_ != "-") gif_file_.emplace(gif_);
  if (!html_.empty() && html_ != "-") html_file_.emplace(html_);
}

void AnimationFiles::write_frame_file(const std::string& name, const std::string& bytes) {
  const std::string final_path = (fs::path(folder_) / name).string();
  write_file((fs::path(staged_->path()) / name).string(), bytes, final_path);
  written_.push_back(final_path);
}

void AnimationFiles::write_gif(const std::string& bytes) {
  if (gif_ == "-") {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return;
  }
  // Committed with the folder, so that a failure before leaves neither.
  gif_file_->stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void AnimationFiles::write_html(const std::string& page) {
  if (html_ == "-") {
    out_ << page;
    return;
  }
  // Committed with the folder and the GIF, as the GIF is.
  html_file_->stream() << page;
}

std::vector<std::string> AnimationFiles::commit() {
  if (staged_) {
    // The folder is looked at again as it is now: another run's frames or a file written
    // meanwhile are refused as they would have been at the start.
    staged_->commit([force = force_](const std::string& name, bool is_folder) {
      return frame_folder_entry_rule(name, is_folder, force);
    });
  }
  if (gif_file_) {
    gif_file_->commit();
    written_.push_back(gif_);
  }
  if (html_file_) {
    html_file_->commit();
    written_.push_back(html_);
  }
  return written_;
}

}  // namespace tconv
