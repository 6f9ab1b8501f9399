// Helpers shared by the render tests: traces of the article's cases built by hand (independent
// of core/article_cases), and a frame sink that keeps raster frames for pixel probes.
#pragma once

#include <vector>

#include "core/engine.hpp"
#include "render/draw.hpp"
#include "render/slice_trace.hpp"

namespace tconv::test {

// Input [[1,2],[3,4]] through an all-ones k x k kernel with the given parameters (both axes).
inline SliceTrace article_trace(int64_t kernel, int64_t stride, int64_t padding, int64_t output_padding,
                                int64_t dilation) {
  AxisParams axis;
  axis.kernel = kernel;
  axis.stride = stride;
  axis.pad_begin = axis.pad_end = padding;
  axis.output_padding = output_padding;
  axis.dilation = dilation;
  ConvParams params;
  params.axes = {axis, axis};
  const Tensor<double> input({1, 1, 2, 2}, {1, 2, 3, 4});
  const Tensor<double> weight({1, 1, kernel, kernel}, std::vector<double>(static_cast<size_t>(kernel * kernel), 1.0));
  return trace_slice(input, weight, nullptr, params, SliceChoice{});
}

struct Frame {
  RgbImage image;
  int duration_ms = 0;
};

class KeepFrames : public FrameSink {
 public:
  void add(Canvas& canvas, int duration_ms) override { frames.push_back({canvas.to_rgb(), duration_ms}); }
  std::vector<Frame> frames;
};

struct Pixel {
  int r = 0, g = 0, b = 0;
  friend bool operator==(const Pixel&, const Pixel&) = default;
};

inline Pixel pixel_at(const RgbImage& image, double x, double y, double scale = 1.0) {
  const auto px = static_cast<size_t>(x * scale), py = static_cast<size_t>(y * scale);
  const uint8_t* p = image.pixels.data() + (py * static_cast<size_t>(image.width) + px) * 3;
  return {p[0], p[1], p[2]};
}

inline Pixel pixel_of(const Rgb& color) { return {color.r8(), color.g8(), color.b8()}; }

}  // namespace tconv::test
