// The names of the fast engine's paths and the reference-or-fast threshold (fast_engine.hpp),
// linked into the command-line layer without the engine.
#include "core/error.hpp"
#include "fast/fast_engine.hpp"

namespace tconv {

std::string fast_path_name(FastPath path) {
  switch (path) {
    case FastPath::Auto:
      return "auto";
    case FastPath::Direct:
      return "direct";
    case FastPath::Gemm:
      return "gemm";
    case FastPath::OneDnn:
      return "onednn";
  }
  return "auto";
}

FastPath parse_fast_path(const std::string& name) {
  for (FastPath path : {FastPath::Auto, FastPath::Direct, FastPath::Gemm, FastPath::OneDnn}) {
    if (fast_path_name(path) == name) return path;
  }
  throw InvalidParameter("fast engine path must be auto, direct, gemm or onednn, got '" + name + "'");
}

double conv_transpose_multiply_adds(const ConvShapes& shapes, const ConvParams& params) {
  double count = static_cast<double>(shapes.batch) * static_cast<double>(shapes.in_channels) *
                 static_cast<double>(shapes.out_channels / params.groups);
  for (int64_t extent : shapes.input_spatial) count *= static_cast<double>(extent);
  for (const AxisParams& axis : params.axes) count *= static_cast<double>(axis.kernel);
  return count;
}

bool reference_engine_suffices(const ConvShapes& shapes, const ConvParams& params) {
  return conv_transpose_multiply_adds(shapes, params) < kReferenceMultiplyAdds;
}

}  // namespace tconv
