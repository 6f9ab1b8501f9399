#include "render/frame_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/error.hpp"
#include "render/png_encoder.hpp"

namespace tconv {

namespace fs = std::filesystem;

namespace {

std::string system_reason(int error) { return std::strerror(error); }

bool is_frame_file(const fs::path& path) {
  const std::string name = path.filename().string();
  const std::string ext = path.extension().string();
  return name.rfind("frame_", 0) == 0 && (ext == ".png" || ext == ".svg");
}

std::string frame_name(int index, FrameFormat format) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%03d.%s", index, format == FrameFormat::Png ? "png" : "svg");
  return name;
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& bytes) {
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::path temporary = folder / ("." + path.filename().string() + ".tmp" + std::to_string(getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError("cannot write " + path.string() + ": " + system_reason(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw IoError("cannot write " + path.string() + ": " + system_reason(error));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw IoError("cannot write " + path.string() + ": " + system_reason(error));
  }
}

void prepare_frame_dir(const fs::path& dir, bool force) {
  std::error_code error;
  const fs::file_status status = fs::status(dir, error);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) throw IoError("--out " + dir.string() + " exists and is not a folder");
    if (force) return;
    // Name the manifest, or else the first frame file, so the message is the same every time.
    std::vector<std::string> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
      if (entry.path().filename() == "frames.json" || is_frame_file(entry.path())) {
        found.push_back(entry.path().filename().string());
      }
    }
    if (!found.empty()) {
      std::sort(found.begin(), found.end());
      const bool manifest = std::find(found.begin(), found.end(), "frames.json") != found.end();
      throw IoError("--out " + dir.string() + " already holds frames of another run (" +
                    (manifest ? std::string("frames.json") : found.front()) +
                    "); use --force to replace them, or another folder");
    }
    if (error) throw IoError("cannot read the folder " + dir.string() + ": " + error.message());
    return;
  }
  fs::create_directories(dir, error);
  if (error) throw IoError("cannot create the folder " + dir.string() + ": " + error.message());
}

FrameWriter::FrameWriter(fs::path dir, FrameFormat format, fs::path gif, double scale, ManifestInfo info)
    : dir_(std::move(dir)), format_(format), gif_path_(std::move(gif)), scale_(scale), info_(std::move(info)) {
  if (!gif_path_.empty()) gif_ = std::make_unique<GifEncoder>();
}

void FrameWriter::add(Canvas& canvas, int duration_ms) {
  if (frame_count() >= kMaxFrames) {
    throw InvalidParameter("animate writes at most " + std::to_string(kMaxFrames) +
                           " frames; choose a smaller input or one channel");
  }
  width_ = static_cast<int>(std::lround(canvas.width() * scale_));
  height_ = static_cast<int>(std::lround(canvas.height() * scale_));
  const std::string name = frame_name(frame_count(), format_);
  if (format_ == FrameFormat::Svg) {
    const std::string svg = canvas.finish_svg();
    if (!dir_.empty()) {
      write_file_atomically(dir_ / name, svg);
      written_.push_back(dir_ / name);
    }
  } else {
    const RgbImage image = canvas.to_rgb();
    if (!dir_.empty()) {
      write_file_atomically(dir_ / name, encode_png(image));
      written_.push_back(dir_ / name);
    }
    if (gif_) gif_->add(image, duration_ms);
  }
  files_.push_back(name);
  durations_.push_back(duration_ms);
  if (on_frame_) on_frame_(frame_count());
}

std::vector<fs::path> FrameWriter::finish() {
  if (!dir_.empty()) {
    nlohmann::ordered_json manifest;
    manifest["generator"] = "tconv animate";
    if (info_.figure > 0) manifest["figure"] = info_.figure;
    manifest["title"] = info_.title;
    manifest["style"] = info_.style;
    manifest["format"] = format_ == FrameFormat::Png ? "png" : "svg";
    manifest["width"] = width_;
    manifest["height"] = height_;
    manifest["scale"] = scale_;
    manifest["loop"] = 0;  // 0 = forever, as in GIF's Netscape extension
    nlohmann::ordered_json frames = nlohmann::ordered_json::array();
    int64_t total = 0;
    for (size_t i = 0; i < files_.size(); ++i) {
      frames.push_back({{"file", files_[i]}, {"duration_ms", durations_[i]}});
      total += durations_[i];
    }
    manifest["frame_count"] = files_.size();
    manifest["total_duration_ms"] = total;
    manifest["frames"] = frames;
    write_file_atomically(dir_ / "frames.json", manifest.dump(2) + "\n");
    written_.push_back(dir_ / "frames.json");
    // A forced run over an older, longer one: drop the older frames beyond this run's.
    std::error_code error;
    std::vector<fs::path> stale;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir_, error)) {
      if (!is_frame_file(entry.path())) continue;
      const std::string name = entry.path().filename().string();
      if (std::find(files_.begin(), files_.end(), name) == files_.end()) stale.push_back(entry.path());
    }
    for (const fs::path& path : stale) fs::remove(path, error);
  }
  if (gif_) {
    write_file_atomically(gif_path_, gif_->finish());
    written_.push_back(gif_path_);
  }
  return written_;
}

}  // namespace tconv
