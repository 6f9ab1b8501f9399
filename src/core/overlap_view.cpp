#include "core/overlap_view.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/index.hpp"

namespace tconv {

namespace {

// Counts each update of the engine's stream at its output cell (when kept) and at its
// uncropped cell (always: u lies in [0, R) on every axis).
class PairCounter : public StepObserver {
 public:
  PairCounter(const Shape& output, const Shape& reach, std::vector<int64_t>& counts, std::vector<int64_t>& reach_counts)
      : output_(output), reach_(reach), counts_(counts), reach_counts_(reach_counts) {}

  void update(const MacUpdate& update) override {
    ++reach_counts_[static_cast<size_t>(flatten(update.uncropped, reach_))];
    if (!update.cropped) ++counts_[static_cast<size_t>(flatten(update.output, output_))];
  }

 private:
  const Shape& output_;
  const Shape& reach_;
  std::vector<int64_t>& counts_;
  std::vector<int64_t>& reach_counts_;
};

struct Counts {
  Shape output, reach;
  std::vector<int64_t> counts, reach_counts;
};

// One run of the reference engine on ones (values do not matter, only the stream's updates),
// one input and one output channel.
Counts count_pairs(ConvParams params, const Shape& input_spatial, int64_t memory_limit_bytes) {
  params.groups = 1;
  Counts result;
  result.output = output_spatial_size(params, input_spatial);
  for (size_t a = 0; a < params.axes.size(); ++a) {
    const AxisParams& p = params.axes[a];
    result.reach.push_back(p.full_extent(input_spatial[a]) - p.output_padding);
  }
  const int64_t outputs = element_count(result.output), reached = element_count(result.reach);
  check_memory_limit("the overlap counts", checked_add(outputs, reached, "overlap counts"), 8, memory_limit_bytes);
  result.counts.assign(static_cast<size_t>(outputs), 0);
  result.reach_counts.assign(static_cast<size_t>(reached), 0);
  Shape input_shape{1, 1}, weight_shape{1, 1};
  input_shape.insert(input_shape.end(), input_spatial.begin(), input_spatial.end());
  for (const AxisParams& p : params.axes) weight_shape.push_back(p.kernel);
  const Tensor<double> input(input_shape, std::vector<double>(static_cast<size_t>(element_count(input_shape)), 1.0));
  const Tensor<double> weight(weight_shape, std::vector<double>(static_cast<size_t>(element_count(weight_shape)), 1.0));
  PairCounter counter(result.output, result.reach, result.counts, result.reach_counts);
  conv_transpose_reference<double>(input, weight, nullptr, params, &counter, memory_limit_bytes);
  return result;
}

OverlapAxis count_axis(const AxisParams& params, int64_t in, int64_t memory_limit_bytes) {
  OverlapAxis axis;
  axis.in = in;
  axis.kernel = params.kernel;
  axis.stride = params.stride;
  axis.dilation = params.dilation;
  axis.pad_begin = params.pad_begin;
  ConvParams one;
  one.axes = {params};
  const Counts counts = count_pairs(one, {in}, memory_limit_bytes);
  axis.reach = counts.reach[0];
  axis.counts = counts.counts;
  axis.reach_counts = counts.reach_counts;
  const int64_t out = counts.output[0];
  const int64_t s = params.stride, first_full = params.dilation * (params.kernel - 1);
  axis.interior_begin = std::clamp<int64_t>(first_full - params.pad_begin, 0, out);
  axis.interior_end = std::clamp<int64_t>((in - 1) * s - params.pad_begin + 1, 0, out);
  if (axis.interior_end <= axis.interior_begin) axis.interior_begin = axis.interior_end = 0;

  // The pattern away from the borders, from the same axis without padding on an input long
  // enough that [D(K-1), (n-1)S] holds a whole period: n - 1 >= D(K-1)/S + 2.
  AxisParams bare;
  bare.kernel = params.kernel;
  bare.stride = s;
  bare.dilation = params.dilation;
  one.axes = {bare};
  const int64_t long_in = first_full / s + 3;
  const Counts steady = count_pairs(one, {long_in}, memory_limit_bytes);
  axis.pattern.assign(static_cast<size_t>(s), 0);
  for (int64_t u = first_full; u < first_full + s; ++u) {
    // Output index o = u - pad_begin of the layer itself; its residue mod S.
    const int64_t j = ((u - params.pad_begin) % s + s) % s;
    axis.pattern[static_cast<size_t>(j)] = steady.counts[static_cast<size_t>(u)];
  }
  axis.min = *std::min_element(axis.pattern.begin(), axis.pattern.end());
  axis.max = *std::max_element(axis.pattern.begin(), axis.pattern.end());
  axis.uniform = axis.min == axis.max;
  for (int64_t p = 1; p <= s; ++p) {
    if (s % p != 0) continue;
    bool repeats = true;
    for (int64_t j = 0; j < s && repeats; ++j) {
      repeats = axis.pattern[static_cast<size_t>(j)] == axis.pattern[static_cast<size_t>((j + p) % s)];
    }
    if (repeats) {
      axis.period = p;
      break;
    }
  }
  return axis;
}

// "1 or 2", "0, 1 or 2": the distinct counts of the pattern.
std::string count_choices(const OverlapAxis& axis) {
  const std::set<int64_t> values(axis.pattern.begin(), axis.pattern.end());
  std::string text;
  size_t i = 0;
  for (int64_t v : values) {
    if (i > 0) text += i + 1 == values.size() ? " or " : ", ";
    text += std::to_string(v);
    ++i;
  }
  return text;
}

std::string taps(int64_t n) { return std::to_string(n) + (n == 1 ? " tap" : " taps"); }

}  // namespace

std::string overlap_axis_reason(const OverlapAxis& axis) {
  const std::string k = std::to_string(axis.kernel), s = std::to_string(axis.stride);
  const int64_t common = std::gcd(axis.dilation, axis.stride);
  if (axis.stride == 1) return "stride 1: away from the borders every cell gets all " + taps(axis.max);
  if (common > 1) {
    return "dilation " + std::to_string(axis.dilation) + " and stride " + s + " share the factor " +
           std::to_string(common) + ": the taps land on every " + std::to_string(common) +
           (common == 2   ? "nd"
            : common == 3 ? "rd"
                          : "th") +
           " cell only, so away from the borders a cell gets " + count_choices(axis) + " taps";
  }
  if (axis.kernel % axis.stride != 0) {
    return "kernel " + k + " is not a multiple of stride " + s + ": away from the borders a cell gets " +
           count_choices(axis) + " taps";
  }
  return "kernel " + k + " is a multiple of stride " + s + ": away from the borders every cell gets " + taps(axis.max);
}

std::string overlap_axis_remedy(const OverlapAxis& axis) {
  if (axis.uniform) return "";
  std::vector<std::string> parts;
  if (std::gcd(axis.dilation, axis.stride) > 1) {
    parts.push_back("a dilation that shares no factor with stride " + std::to_string(axis.stride) + " (e.g. 1)");
  }
  if (axis.kernel % axis.stride != 0) {
    const int64_t up = (axis.kernel / axis.stride + 1) * axis.stride, down = axis.kernel / axis.stride * axis.stride;
    std::string kernels = "kernel " + std::to_string(up);
    if (down >= axis.stride) kernels += " or " + std::to_string(down);
    parts.push_back(kernels + " (a multiple of stride " + std::to_string(axis.stride) + ")");
  }
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? " and " : "") + parts[i];
  return text;
}

OverlapView overlap_view(const ConvParams& params, const Shape& input_spatial, int64_t memory_limit_bytes) {
  validate_conv_params(params, input_spatial);
  OverlapView view;
  Counts all = count_pairs(params, input_spatial, memory_limit_bytes);
  view.output = all.output;
  view.reach = all.reach;
  view.counts = std::move(all.counts);
  view.reach_counts = std::move(all.reach_counts);
  view.output_min = *std::min_element(view.counts.begin(), view.counts.end());
  view.output_max = *std::max_element(view.counts.begin(), view.counts.end());
  view.min = view.max = 1;
  for (size_t a = 0; a < params.axes.size(); ++a) {
    view.axes.push_back(count_axis(params.axes[a], input_spatial[a], memory_limit_bytes));
    view.min *= view.axes.back().min;
    view.max *= view.axes.back().max;
    view.uniform = view.uniform && view.axes.back().uniform;
  }

  const int dims = params.spatial_dims();
  std::vector<std::string> reasons, remedies;
  for (const OverlapAxis& axis : view.axes) {
    reasons.push_back(overlap_axis_reason(axis));
    remedies.push_back(overlap_axis_remedy(axis));
  }
  const bool same =
      std::all_of(reasons.begin(), reasons.end(), [&](const std::string& r) { return r == reasons[0]; }) &&
      std::all_of(remedies.begin(), remedies.end(), [&](const std::string& r) { return r == remedies[0]; });
  const std::string totals = view.uniform ? std::to_string(view.min) + " in all"
                                          : std::to_string(view.min) + " to " + std::to_string(view.max) + " in all";
  if (dims == 1) {
    view.reason = reasons[0];
  } else if (same) {
    view.reason = reasons[0] + " per axis (" + totals + ")";
  } else {
    for (int a = 0; a < dims; ++a) {
      view.reason += (a > 0 ? "; " : "") + std::string("dimension ") + std::to_string(a + 1) + ": " +
                     reasons[static_cast<size_t>(a)];
    }
    view.reason += " (" + totals + ")";
  }
  if (!view.uniform) {
    if (same || dims == 1) {
      view.remedy = remedies[0];
    } else {
      for (int a = 0; a < dims; ++a) {
        if (remedies[static_cast<size_t>(a)].empty()) continue;
        view.remedy += (view.remedy.empty() ? "" : "; ") + std::string("dimension ") + std::to_string(a + 1) + ": " +
                       remedies[static_cast<size_t>(a)];
      }
    }
    view.remedy += "; or upsample by the stride (nearest or bilinear) and apply an ordinary convolution";
  }
  return view;
}

}  // namespace tconv
