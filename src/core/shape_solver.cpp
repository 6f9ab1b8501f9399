#include "core/shape_solver.hpp"

#include <algorithm>
#include <limits>

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

}  // namespace

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
    result.advice =
        "kernel_size >= " + std::to_string(kernel) + " would reach it, as would a larger stride or dilation";
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
      const bool usual = stride % 2 == 0 && axis.kernel == 2 * stride && axis.dilation == 1 &&
                         padding.pad_begin == stride / 2 && padding.pad_end == stride / 2 &&
                         padding.output_padding == 0;
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

bool same_values(const AxisParams& original, const AxisParams& candidate, int64_t input) {
  return original.kernel == candidate.kernel && original.stride == candidate.stride &&
         original.dilation == candidate.dilation && original.pad_begin == candidate.pad_begin &&
         original.output_size(input) == candidate.output_size(input);
}

}  // namespace tconv
