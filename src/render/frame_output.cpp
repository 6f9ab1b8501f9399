#include "render/frame_output.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "render/png_encoder.hpp"

namespace tconv {

std::string frame_file_name(int index, FrameFormat format) {
  char name[32];
  std::snprintf(name, sizeof name, "frame_%03d.%s", index, format == FrameFormat::Png ? "png" : "svg");
  return name;
}

FrameWriter::FrameWriter(FrameFormat format, bool folder, bool gif, double scale, ManifestInfo info, FrameFiles& files)
    : format_(format), folder_(folder), scale_(scale), info_(std::move(info)), files_out_(files) {
  if (gif) gif_ = std::make_unique<GifEncoder>();
}

void FrameWriter::add(Canvas& canvas, int duration_ms) {
  // The command line counts the frames before drawing; this is the last line of defence.
  if (frame_count() >= kMaxFrames) {
    throw InvalidParameter("animate writes at most " + std::to_string(kMaxFrames) +
                           " frames; choose a smaller input or one channel");
  }
  width_ = static_cast<int>(std::lround(canvas.width() * scale_));
  height_ = static_cast<int>(std::lround(canvas.height() * scale_));
  const std::string name = frame_file_name(frame_count(), format_);
  if (format_ == FrameFormat::Svg) {
    const std::string svg = canvas.finish_svg();
    if (folder_) files_out_.write_frame_file(name, svg);
  } else {
    const RgbImage image = canvas.to_rgb();
    if (folder_) files_out_.write_frame_file(name, encode_png(image));
    if (gif_) gif_->add(image, duration_ms);
  }
  files_.push_back(name);
  durations_.push_back(duration_ms);
  if (on_frame_) on_frame_(frame_count());
}

void FrameWriter::finish() {
  if (folder_) {
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
    files_out_.write_frame_file("frames.json", manifest.dump(2) + "\n");
  }
  if (gif_) files_out_.write_gif(gif_->finish());
}

}  // namespace tconv
