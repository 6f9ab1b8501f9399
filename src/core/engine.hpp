// The reference transposed convolution: a direct scatter loop, the definition of tconv's
// results. Semantics are PyTorch's ConvTranspose{1,2,3}d (see conv_params.hpp for the index
// convention and the output-size formula).
//
// Layouts (row-major):
//   input   (N, Cin, spatial...)
//   weight  (Cin, Cout/groups, kernel...)      -- PyTorch's layout for transposed convolution
//   bias    (Cout), optional
//   output  (N, Cout, output spatial...)
// Input channel ic belongs to group g = ic / (Cin/groups) and feeds output channels
// g*(Cout/groups) ... (g+1)*(Cout/groups)-1 through weight[ic, oc - g*(Cout/groups), ...].
//
// Loop order (also the order the observer sees):
//   batch n -> input channel ic -> input position (row-major) = one step
//     -> output channel oc of ic's group -> kernel tap (row-major) = one update
// then, per batch item, bias per output channel. Products are rounded to T and accumulated
// into T in exactly this order.
#pragma once

#include <cstdint>
#include <type_traits>

#include "core/conv_params.hpp"
#include "core/step_record.hpp"
#include "core/tensor.hpp"

namespace tconv {

// Sizes of one call, checked against each other.
struct ConvShapes {
  int64_t batch = 0;
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  Shape input_spatial;
  Shape output_spatial;

  Shape output_shape() const;  // (N, Cout, output spatial...)
};

// Checks that input (N, Cin, ...), weight (Cin, Cout/groups, k...) and bias (Cout) fit each
// other and the parameters, then validate_conv_params. bias_size < 0 means no bias.
// Throws InvalidParameter naming the tensor, the expected and the received shape.
ConvShapes check_conv_shapes(const Shape& input, const Shape& weight, int64_t bias_size, const ConvParams& params);

// Refuses (MemoryLimitError) an allocation of `elements` values of `element_bytes` each above
// `limit_bytes`, with the bytes it would need (the CLI adds the flag that raises the limit).
void check_memory_limit(const char* what, int64_t elements, int64_t element_bytes, int64_t limit_bytes);

// Default for --max-memory: 4 GiB.
constexpr int64_t kDefaultMemoryLimitBytes = int64_t{4} << 30;

// Runs the reference engine. observer may be null (then the loop pays nothing for it).
// Throws InvalidParameter for shapes or parameters that do not fit (check_conv_shapes) and
// for an output above memory_limit_bytes.
// T is deduced from input and weight only, so a call without bias can pass a plain nullptr.
template <typename T>
Tensor<T> conv_transpose_reference(const Tensor<T>& input, const Tensor<T>& weight,
                                   const std::type_identity_t<Tensor<T>>* bias, const ConvParams& params,
                                   StepObserver* observer = nullptr,
                                   int64_t memory_limit_bytes = kDefaultMemoryLimitBytes);

extern template Tensor<float> conv_transpose_reference(const Tensor<float>&, const Tensor<float>&, const Tensor<float>*,
                                                       const ConvParams&, StepObserver*, int64_t);
extern template Tensor<double> conv_transpose_reference(const Tensor<double>&, const Tensor<double>&,
                                                        const Tensor<double>*, const ConvParams&, StepObserver*,
                                                        int64_t);

}  // namespace tconv
