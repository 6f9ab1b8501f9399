// Where frames go: numbered files (frame_000.png ... or .svg) and a frames.json manifest in a
// folder, and/or one animated GIF. Every file is written atomically (a temporary file in the
// same folder, then rename), with mode 0644 (minus the umask).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "render/draw.hpp"
#include "render/gif_encoder.hpp"

namespace tconv {

enum class FrameFormat { Png, Svg };

// What frames.json says about the run besides the frames.
struct ManifestInfo {
  std::string title;   // e.g. "Figure 3: stride 2"
  std::string style;   // scatter, steps, gather, dilation
  int figure = 0;      // 1..11, 0 for a custom layer
};

// The frame cap: more frames than this are refused (frame files are numbered with 3 digits).
constexpr int kMaxFrames = 999;

// Writes `bytes` to `path` atomically. Throws IoError naming the path and the system's reason.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Makes `dir` ready for a run: creates it (and its parents) if missing; refuses (IoError) a
// path that is not a folder, and a folder that already holds another run's frames
// (frames.json or frame_*.png/svg) unless force is set.
void prepare_frame_dir(const std::filesystem::path& dir, bool force);

// A frame writer as the command-line layer sees it: virtual calls only, so that it can be
// created by the render module (render/render_module.hpp) and used without linking it.
class FrameOutput : public FrameSink {
 public:
  // Writes frames.json and the GIF, removes stale frame files a forced run left behind, and
  // returns every path written, in order.
  virtual std::vector<std::filesystem::path> finish() = 0;
  virtual int frame_count() const = 0;
  // Called after each frame with the number of frames written so far.
  virtual void on_frame(std::function<void(int)> callback) = 0;
};

class FrameWriter final : public FrameOutput {
 public:
  // dir or gif may be empty (not wanted). The folder must have been prepared.
  FrameWriter(std::filesystem::path dir, FrameFormat format, std::filesystem::path gif, double scale,
              ManifestInfo info);

  // Encodes and writes the frame (and adds it to the GIF). Throws IoError, Error.
  void add(Canvas& canvas, int duration_ms) override;

  std::vector<std::filesystem::path> finish() override;
  int frame_count() const override { return static_cast<int>(durations_.size()); }
  void on_frame(std::function<void(int)> callback) override { on_frame_ = std::move(callback); }

 private:
  std::filesystem::path dir_;
  FrameFormat format_;
  std::filesystem::path gif_path_;
  double scale_;
  ManifestInfo info_;
  std::unique_ptr<GifEncoder> gif_;
  std::vector<std::string> files_;
  std::vector<int> durations_;
  std::vector<std::filesystem::path> written_;
  int width_ = 0, height_ = 0;
  std::function<void(int)> on_frame_;
};

}  // namespace tconv
