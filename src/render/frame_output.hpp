// What becomes of frames: numbered files (frame_000.png ... or .svg) and a frames.json manifest
// for a folder, and/or one animated GIF. The bytes are handed to a FrameFiles, which the command
// line implements with io's OutputFile and StagedFolder: the render module itself writes no
// file, so that every file tconv writes goes through one mechanism (and one registry of
// temporary files for the signal handler, which a module's own copy of io would not share).
#pragma once

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
  std::string title;  // e.g. "Figure 3: stride 2"
  std::string style;  // scatter, steps, gather, dilation
  int figure = 0;     // 1..11, 0 for a custom layer
};

// The frame cap: more frames than this are refused (frame files are numbered with 3 digits).
constexpr int kMaxFrames = 999;

// "frame_007.png": the name of frame `index` (0-based).
std::string frame_file_name(int index, FrameFormat format);

// Where the files of a run go. Both throw IoError.
class FrameFiles {
 public:
  virtual ~FrameFiles() = default;
  // A file of the frame folder, by name: a frame, or frames.json.
  virtual void write_frame_file(const std::string& name, const std::string& bytes) = 0;
  // The animated GIF.
  virtual void write_gif(const std::string& bytes) = 0;
};

// A frame writer as the command-line layer sees it: virtual calls only, so that it can be
// created by the render module (render/render_module.hpp) and used without linking it.
class FrameOutput : public FrameSink {
 public:
  // Writes frames.json and the GIF.
  virtual void finish() = 0;
  virtual int frame_count() const = 0;
  // Called after each frame with the number of frames written so far.
  virtual void on_frame(std::function<void(int)> callback) = 0;
};

class FrameWriter final : public FrameOutput {
 public:
  // folder: write frame files and frames.json; gif: collect the frames into a GIF.
  FrameWriter(FrameFormat format, bool folder, bool gif, double scale, ManifestInfo info, FrameFiles& files);

  // Encodes and writes the frame (and adds it to the GIF). Throws IoError, Error.
  void add(Canvas& canvas, int duration_ms) override;

  void finish() override;
  int frame_count() const override { return static_cast<int>(durations_.size()); }
  void on_frame(std::function<void(int)> callback) override { on_frame_ = std::move(callback); }

 private:
  FrameFormat format_;
  bool folder_;
  double scale_;
  ManifestInfo info_;
  FrameFiles& files_out_;
  std::unique_ptr<GifEncoder> gif_;
  std::vector<std::string> files_;
  std::vector<int> durations_;
  int width_ = 0, height_ = 0;
  std::function<void(int)> on_frame_;
};

}  // namespace tconv
