#include "core/shape_solver.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>
#include <utility>

#include "core/checked_math.hpp"
#include "core/framework_translation.hpp"

namespace tconv {

std::vector<SizeDerivation> derive_output_size(const ConvParams& params, const Shape& input_spatial) {
  validate_conv_params(params, input_spatial);
  std::vector<SizeDerivation> derivation;
  for (size_t a = 0; a < params.axes.size(); ++a) {
    SizeDerivation d;
    d.input = input_spatial[a];
    d.axis = params.axes[a];
    d.stretched = (d.input - 1) * d.axis.stride;
    d.dilated_kernel = d.axis.dilated_kernel();
    d.full_extent = d.axis.full_extent(d.input);
    d.cropped = d.axis.pad_begin + d.axis.pad_end;
    d.output = d.full_extent - d.cropped;
    derivation.push_back(d);
  }
  return derivation;
}

namespace {

// The uncropped extent without output_padding, (m-1)*S + K', after checking the operands.
int64_t base_extent(const AxisTarget& axis) {
  const auto require = [](int64_t value, const char* name) {
    if (value < 1) throw InvalidParameter(std::string(name) + " must be >= 1, got " + std::to_string(value));
  };
  require(axis.kernel, "kernel_size");
  require(axis.stride, "stride");
  require(axis.dilation, "dilation");
  require(axis.input, "input size");
  require(axis.target, "target size");
  const std::string what = "output size";
  return checked_add(checked_mul(axis.input - 1, axis.stride, what),
                     checked_add(checked_mul(axis.dilation, axis.kernel - 1, what), 1, what), what);
}

// PyTorch allows output_padding < stride or < dilation: 0 .. max(S, D) - 1.
int64_t output_padding_limit(const AxisTarget& axis) { return std::max(axis.stride, axis.dilation); }

// The largest size one layer reaches with this stride: padding 0, output_padding max(S, D) - 1.
// Saturated at INT64_MAX.
int64_t largest_reachable(const AxisTarget& axis, int64_t stride) {
  AxisTarget with_stride = axis;
  with_stride.stride = stride;
  int64_t base = 0;
  try {
    base = base_extent(with_stride);
  } catch (const InvalidParameter&) {
    return std::numeric_limits<int64_t>::max();
  }
  const int64_t extra = output_padding_limit(with_stride) - 1;
  return base > std::numeric_limits<int64_t>::max() - extra ? std::numeric_limits<int64_t>::max() : base + extra;
}

// "stride 4 (padding 0, output_padding 0)": the smallest stride above axis.stride that reaches the
// target, with its best-ranked symmetric solution. largest_reachable grows with the stride, so
// a binary search finds it; above stride 1 both parities are reachable (output_padding 0 or 1).
std::string larger_stride_advice(const AxisTarget& axis) {
  int64_t low = axis.stride + 1;              // the answer lies in [low, high]
  int64_t high = std::max(low, axis.target);  // stride >= target reaches it: (m-1)*S + K' + S-1 >= S
  if (largest_reachable(axis, high) < axis.target) return "a larger stride";
  while (low < high) {
    const int64_t middle = low + (high - low) / 2;
    if (largest_reachable(axis, middle) >= axis.target) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  AxisTarget with_stride = axis;
  with_stride.stride = low;
  std::vector<StrideSolution> found;
  try {
    for (const PaddingSolution& p : solve_padding(with_stride, PaddingModel::Symmetric)) {
      found.push_back({low, p, false});
    }
  } catch (const InvalidParameter&) {
    found.clear();  // too many to list: name the stride alone
  }
  if (found.empty()) return "stride " + std::to_string(low);
  const PaddingSolution p = rank_solutions(with_stride, found).front().solution.padding;
  const AxisParams best{axis.kernel, low, axis.dilation, p.pad_begin, p.pad_end, p.output_padding};
  return "stride " + std::to_string(low) + " (" + layer_text(best, {false, false, false}) + ")";
}

__extension__ typedef __int128 Wide;  // products of two 64-bit sizes

// The inverse of a modulo n (gcd(a, n) = 1, n >= 2), by the extended Euclidean algorithm.
int64_t inverse_mod(int64_t a, int64_t n) {
  Wide r0 = n, r1 = a % n, t0 = 0, t1 = 1;
  while (r1 != 0) {
    const Wide q = r0 / r1;
    const Wide r2 = r0 - q * r1;
    r0 = r1;
    r1 = r2;
    const Wide t2 = t0 - q * t1;
    t0 = t1;
    t1 = t2;
  }
  return static_cast<int64_t>((t0 % n + n) % n);
}

Wide ceil_div(Wide a, Wide b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

// Whether uncropped cell u gets a tap: u = i*S + t*D for some 0 <= i < m, 0 <= t < K.
// t must lie in [t_lo, t_hi] for i to stay in range, and t*D = u (mod S): with g = gcd(S, D),
// u must be a multiple of g and t = (u/g) * (D/g)^-1 (mod S/g).
bool cell_reached(const AxisParams& a, int64_t m, Wide u) {
  const Wide last_origin = Wide(m - 1) * a.stride;
  const Wide reach = Wide(a.dilation) * (a.kernel - 1);
  if (u < 0 || u > last_origin + reach) return false;
  const Wide t_lo = u > last_origin ? ceil_div(u - last_origin, a.dilation) : 0;
  const Wide t_hi = std::min<Wide>(a.kernel - 1, u / a.dilation);
  if (t_lo > t_hi) return false;
  const int64_t g = std::gcd(a.stride, a.dilation);
  if (u % g != 0) return false;
  const int64_t period = a.stride / g;  // t repeats its residue every S/g taps
  if (period == 1) return true;
  const int64_t d = (a.dilation / g) % period;
  const int64_t r = static_cast<int64_t>((u / g) % period);
  const Wide t0 = Wide(r) * inverse_mod(d, period) % period;
  const Wide first = t_lo + ((t0 - t_lo % period) % period + period) % period;  // smallest t >= t_lo
  return first <= t_hi;
}

constexpr int64_t kMaxScannedCells = int64_t{1} << 24;

}  // namespace

std::string layer_text(const AxisParams& axis, LayerTextParts parts) {
  std::string text = parts.kernel ? "kernel_size " + std::to_string(axis.kernel) + ", " : std::string();
  if (parts.stride) text += "stride " + std::to_string(axis.stride) + ", ";
  text += parts.pads_apart || axis.pad_begin != axis.pad_end
              ? "pad_begin " + std::to_string(axis.pad_begin) + ", pad_end " + std::to_string(axis.pad_end)
              : "padding " + std::to_string(axis.pad_begin);
  return text + ", output_padding " + std::to_string(axis.output_padding);
}

bool is_usual_choice(const AxisParams& axis) {
  return axis.stride % 2 == 0 && axis.kernel / 2 == axis.stride && axis.kernel % 2 == 0 && axis.dilation == 1 &&
         axis.pad_begin == axis.stride / 2 && axis.pad_end == axis.stride / 2 && axis.output_padding == 0;
}

std::optional<AxisParams> usual_layer(int64_t input, int64_t target) {
  if (input < 1 || target % input != 0) return std::nullopt;
  const int64_t stride = target / input;
  if (stride % 2 != 0 || stride > std::numeric_limits<int64_t>::max() / 2) return std::nullopt;
  const AxisParams layer{2 * stride, stride, 1, stride / 2, stride / 2, 0};
  if (!is_usual_choice(layer)) return std::nullopt;
  return layer;
}

LayerUse layer_use(const AxisParams& axis, int64_t input) {
  LayerUse use;
  const Wide reach = Wide(axis.dilation) * (axis.kernel - 1);
  // The kept window [a, b) of the uncropped output.
  const Wide a = axis.pad_begin;
  const Wide b = a + (Wide(input - 1) * axis.stride + reach + 1 + axis.output_padding - axis.pad_begin - axis.pad_end);
  int64_t scanned = 0;
  const auto count = [&] {
    if (++scanned > kMaxScannedCells) {
      throw InvalidParameter("kernel_size " + std::to_string(axis.kernel) + ", dilation " +
                             std::to_string(axis.dilation) + " and stride " + std::to_string(axis.stride) +
                             " leave too many cells to check which output cells get an input");
    }
  };
  // Input i writes i*S + t*D. With i*S in [a, b) its tap 0 is kept; i*S >= b keeps none, which
  // only the last input can meet first: pad_end - output_padding <= D*(K-1). Inputs with
  // i*S < a keep their first tap at or after a, if it is before b and t <= K-1: input 0 needs
  // pad_begin <= D*(K-1), and then at most D*(K-1)/S + 1 inputs are left to look at.
  use.inputs_reach_output = a <= reach && Wide(axis.pad_end) - axis.output_padding <= reach;
  if (axis.dilation == 1) {
    // Dense taps: input i writes the run [i*S, i*S + K-1], so an input with i*S < a <= K-1
    // keeps u = a. The first cell no run covers from a on: a itself in a gap between runs
    // (S > K), else the end of a's run, i*S + K, which is a gap or past the last tap; with
    // S <= K the runs touch and only the cells past the last tap (m-1)*S + K-1 are empty.
    const Wide last = Wide(input - 1) * axis.stride + axis.kernel - 1;
    Wide first = 0;  // the first empty cell >= a
    if (a < 0 || a > last) {
      first = a;
    } else if (axis.stride <= axis.kernel) {
      first = last + 1;
    } else {
      const Wide run = a / axis.stride * axis.stride;  // the start of a's run or gap
      first = a - run >= axis.kernel ? a : run + axis.kernel;
    }
    if (first < b) use.output_without_input = static_cast<int64_t>(first - a);
    return use;
  }
  for (Wide i = 0; use.inputs_reach_output && i < input && i * axis.stride < a; ++i) {
    count();
    const Wide t = ceil_div(a - i * axis.stride, axis.dilation);
    use.inputs_reach_output = t <= axis.kernel - 1 && i * axis.stride + t * axis.dilation < b;
  }
  // Where neither bound on t binds, u in [D*(K-1), (m-1)*S], every t in 0..K-1 is allowed and
  // coverage depends on u mod S only: S consecutive cells of it tell about all of it.
  const Wide stable_first = reach;
  const Wide stable_last = Wide(input - 1) * axis.stride;
  const auto scan = [&](Wide from, Wide to) -> std::optional<int64_t> {
    for (Wide u = from; u < to; ++u) {
      count();
      if (!cell_reached(axis, input, u)) return static_cast<int64_t>(u - a);
    }
    return std::nullopt;
  };
  std::optional<int64_t> gap = scan(a, std::min(b, stable_first));
  if (!gap) {
    const Wide from = std::max(a, stable_first);
    const Wide to = std::min(b, stable_last + 1);
    if (from < to) gap = scan(from, std::min(to, from + axis.stride));
  }
  // After the stable part (or all the rest when there is none); a cell past the last tap ends it.
  if (!gap) gap = scan(std::max({a, stable_first, stable_last + 1}), b);
  use.output_without_input = gap;
  return use;
}

std::vector<PaddingSolution> solve_padding(const AxisTarget& axis, PaddingModel model) {
  const int64_t base = base_extent(axis);
  const int64_t limit = output_padding_limit(axis);
  // base - target is the padding the target leaves over; output_padding adds to it.
  const int64_t excess = base - axis.target;
  const int64_t first_q = std::max<int64_t>(0, -excess);
  // Count first: a huge stride or input makes the list too long to be an answer.
  int64_t count = 0;
  if (model == PaddingModel::Symmetric) {
    const int64_t q0 = first_q + ((excess + first_q) % 2 != 0 ? 1 : 0);  // 2P = excess + q must be even
    count = q0 < limit ? (limit - 1 - q0) / 2 + 1 : 0;
  } else {
    // Each part saturates above the cap, so the sum cannot overflow.
    const int64_t q1 = std::max<int64_t>(1, first_q);
    count = std::min(excess >= 0 ? excess + 1 : int64_t{0}, kMaxPaddingSolutions + 1) +
            std::min(q1 < limit ? limit - q1 : int64_t{0}, kMaxPaddingSolutions + 1);
  }
  if (count > kMaxPaddingSolutions) {
    throw InvalidParameter("more than " + std::to_string(kMaxPaddingSolutions) +
                           " (padding, output_padding) pairs reach target size " + std::to_string(axis.target) +
                           ": too many to list; fix the padding or output_padding instead");
  }
  std::vector<PaddingSolution> solutions;
  if (model == PaddingModel::Symmetric) {
    for (int64_t q = first_q; q < limit; ++q) {
      const int64_t total = excess + q;  // = 2P
      if (total % 2 == 0) solutions.push_back({total / 2, total / 2, q});
    }
    return solutions;  // q ascending makes P ascending too
  }
  for (int64_t begin = 0; begin <= excess; ++begin) solutions.push_back({begin, excess - begin, 0});
  for (int64_t q = std::max<int64_t>(1, first_q); q < limit; ++q) solutions.push_back({excess + q, 0, q});
  return solutions;
}

Unreachable explain_unreachable(const AxisTarget& axis) {
  const int64_t base = base_extent(axis);
  const int64_t limit = output_padding_limit(axis);
  // Saturated: above INT64_MAX every target is below it anyway.
  const int64_t largest = base > std::numeric_limits<int64_t>::max() - (limit - 1) ? std::numeric_limits<int64_t>::max()
                                                                                   : base + (limit - 1);
  Unreachable result;
  if (axis.target > largest) {
    result.nearest = {largest};
    result.reason = "the largest reachable size is " + std::to_string(largest) + " (padding 0, output_padding " +
                    std::to_string(limit - 1) + ")";
    // (m-1)*S + D*(K-1) + 1 + (limit-1) >= target  <=>  K >= ceil((target - (m-1)*S - limit) / D) + 1
    const int64_t needed = axis.target - (axis.input - 1) * axis.stride - limit;
    const int64_t kernel = needed / axis.dilation + (needed % axis.dilation != 0 ? 1 : 0) + 1;
    result.advice = "kernel_size >= " + std::to_string(kernel) + " would reach it, as would " +
                    larger_stride_advice(axis) + " or a larger dilation";
    if (const std::optional<LayerChain> chain = two_layer_chain(axis, true)) {
      result.advice += ", or two such layers " + std::to_string(axis.input) + " -> " + std::to_string(chain->middle) +
                       " -> " + std::to_string(axis.target) + ", each " +
                       layer_text(chain->layer, {false, true, false});
    }
    return result;
  }
  // Below the largest size only the symmetric model with output_padding 0 can miss: with stride
  // 1 and dilation 1 padding removes cells two at a time, so the parity of the size is fixed.
  if (axis.target > 1) result.nearest.push_back(axis.target - 1);
  result.nearest.push_back(axis.target + 1);
  std::string reachable = std::to_string(base);
  const int64_t smallest = base % 2 == 0 ? 2 : 1;
  for (int64_t size = base - 2; size >= smallest; size -= 2) {
    if (size == base - 6 && size > smallest) {
      reachable += ", ..., " + std::to_string(smallest);
      break;
    }
    reachable += ", " + std::to_string(size);
  }
  result.reason = "with stride 1 and dilation 1 output_padding must be 0 and padding P removes 2*P cells, so only " +
                  reachable + " are reachable";
  // A kernel one larger or smaller flips the parity (K + 1 only where it does not overflow).
  std::string kernels;
  if (axis.kernel < std::numeric_limits<int64_t>::max()) kernels = std::to_string(axis.kernel + 1);
  if (axis.kernel > 1) kernels += (kernels.empty() ? "" : " or ") + std::to_string(axis.kernel - 1);
  result.advice = "a kernel_size of " + kernels + " would reach it, as would asymmetric padding (--asymmetric)";
  return result;
}

std::vector<ForwardConv> matching_forward_conv(const ConvParams& params, const Shape& input_spatial) {
  const std::vector<SizeDerivation> derivation = derive_output_size(params, input_spatial);
  std::vector<ForwardConv> result;
  for (const SizeDerivation& d : derivation) {
    ForwardConv conv;
    conv.transposed_output = d.output;
    const int64_t stride = d.axis.stride;
    // n + pads - K' = (m-1)*S + P_out >= 0, so the floor is a plain division.
    const int64_t span = d.full_extent - d.dilated_kernel;
    conv.conv_output = span / stride + 1;
    // The smallest size with this span quotient: (conv-1)*S + K' - pads <= n, so no overflow;
    // the largest is S-1 above it, saturated for strides near the 64-bit limit.
    const int64_t first = ((conv.conv_output - 1) * stride + d.dilated_kernel) - d.cropped;
    conv.same_first = std::max<int64_t>(1, first);
    conv.same_last = first > std::numeric_limits<int64_t>::max() - (stride - 1) ? std::numeric_limits<int64_t>::max()
                                                                                : first + (stride - 1);
    // (m'-1)*S in [span - (max(S,D) - 1), span]; m' >= 1.
    const int64_t lowest = span - (std::max(stride, d.axis.dilation) - 1);
    conv.inputs_first = lowest <= 0 ? 1 : lowest / stride + (lowest % stride != 0 ? 1 : 0) + 1;
    conv.inputs_last = span / stride + 1;
    result.push_back(conv);
  }
  return result;
}

std::vector<StrideSolution> solve_stride_and_padding(const AxisTarget& axis, PaddingModel model) {
  std::vector<StrideSolution> solutions;
  const int64_t last = std::min(axis.target, kMaxSearchedStride);
  for (int64_t stride = 1; stride <= last; ++stride) {
    AxisTarget with_stride = axis;
    with_stride.stride = stride;
    for (const PaddingSolution& padding : solve_padding(with_stride, model)) {
      if (solutions.size() >= static_cast<size_t>(kMaxPaddingSolutions)) {
        throw InvalidParameter("more than " + std::to_string(kMaxPaddingSolutions) + " (stride, padding, " +
                               "output_padding) choices reach target size " + std::to_string(axis.target) +
                               ": too many to list; give the stride (-s)");
      }
      const bool usual = is_usual_choice(
          {axis.kernel, stride, axis.dilation, padding.pad_begin, padding.pad_end, padding.output_padding});
      solutions.push_back({stride, padding, usual});
    }
  }
  return solutions;
}

Expressible expressible_in(const AxisParams& axis, int64_t input) {
  ConvParams params;
  params.axes = {axis};
  const Translations one_d = translate_layer({params, {input}, 1, 1});
  Expressible result;
  result.pytorch = one_d.pytorch.exact;
  result.onnx = one_d.onnx.exact;
  result.tensorflow = one_d.tensorflow.exact;
  result.tensorflow_explicit = tf_explicit_padding_fits(axis, input);
  result.keras = one_d.keras.exact;
  return result;
}

ValuesRelation compare_values(const AxisParams& original, const AxisParams& candidate, int64_t input) {
  // The same kernel, stride and dilation make the same uncropped output (output_padding only
  // appends cells); the window [pad_begin, pad_begin + size) says which of its cells are kept.
  if (original.kernel != candidate.kernel || original.stride != candidate.stride ||
      original.dilation != candidate.dilation) {
    return ValuesRelation::Other;
  }
  const int64_t original_end = original.pad_begin + original.output_size(input);
  const int64_t candidate_end = candidate.pad_begin + candidate.output_size(input);
  if (original.pad_begin == candidate.pad_begin && original_end == candidate_end) return ValuesRelation::Same;
  if (candidate.pad_begin <= original.pad_begin && candidate_end >= original_end) return ValuesRelation::Extends;
  return ValuesRelation::Other;
}

bool same_values(const AxisParams& original, const AxisParams& candidate, int64_t input) {
  return compare_values(original, candidate, input) == ValuesRelation::Same;
}

std::vector<RankedSolution> rank_solutions(const AxisTarget& axis, const std::vector<StrideSolution>& solutions) {
  std::vector<RankedSolution> ranked;
  ranked.reserve(solutions.size());
  for (const StrideSolution& s : solutions) {
    const AxisParams layer{axis.kernel,         s.stride,          axis.dilation,
                           s.padding.pad_begin, s.padding.pad_end, s.padding.output_padding};
    ranked.push_back({s, layer_use(layer, axis.input), 0});
  }
  const auto key = [](const RankedSolution& r) {
    const PaddingSolution& p = r.solution.padding;
    return std::tuple(r.use.output_without_input.has_value(), !r.use.inputs_reach_output, r.solution.stride,
                      Wide(p.pad_begin) + p.pad_end, std::max(p.pad_begin, p.pad_end), p.output_padding, p.pad_begin);
  };
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](const RankedSolution& x, const RankedSolution& y) { return key(x) < key(y); });
  for (size_t i = 0; i < ranked.size(); ++i) ranked[i].rank = static_cast<int64_t>(i) + 1;
  return ranked;
}

std::optional<LayerChain> two_layer_chain(const AxisTarget& axis, bool stride_given) {
  const int64_t m = axis.input;
  const Wide dilated = Wide(axis.dilation) * (axis.kernel - 1) + 1;  // K'
  const int64_t first_stride = stride_given ? axis.stride : 1;
  const int64_t last_stride = stride_given ? axis.stride : std::min(axis.target, kMaxSearchedStride);
  for (int64_t stride = first_stride; stride <= last_stride; ++stride) {
    std::optional<LayerChain> best;
    const int64_t limit = std::min<int64_t>(std::max(stride, axis.dilation), 4096);
    for (int64_t q = 0; q < limit; ++q) {
      // 2P*(S+1) = ((m-1)*S + K' + q - 1)*S + K' + q - target
      const Wide twice = (Wide(m - 1) * stride + dilated + q - 1) * stride + dilated + q - axis.target;
      if (twice < 0 || twice % (2 * (Wide(stride) + 1)) != 0) continue;
      const Wide padding = twice / (2 * (Wide(stride) + 1));
      const Wide middle = Wide(m - 1) * stride + dilated - 2 * padding + q;
      if (middle <= m || middle >= axis.target) continue;
      const AxisParams layer{
          axis.kernel, stride, axis.dilation, static_cast<int64_t>(padding), static_cast<int64_t>(padding), q};
      if (!layer_use(layer, m).useful() || !layer_use(layer, static_cast<int64_t>(middle)).useful()) continue;
      if (!best || std::pair(layer.pad_begin, q) < std::pair(best->layer.pad_begin, best->layer.output_padding)) {
        best = LayerChain{layer, static_cast<int64_t>(middle)};
      }
    }
    if (best) return best;
  }
  return std::nullopt;
}

}  // namespace tconv
