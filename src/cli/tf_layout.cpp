#include "cli/tf_layout.hpp"

#include <numeric>

namespace tconv {

template <typename T>
Tensor<T> permute_axes(const TensorView<T>& tensor, const std::vector<size_t>& axes) {
  const size_t rank = axes.size();
  Shape shape(rank);
  for (size_t a = 0; a < rank; ++a) shape[a] = tensor.shape[axes[a]];
  const Shape strides = row_major_strides(tensor.shape);
  Tensor<T> result(shape, std::vector<T>(static_cast<size_t>(element_count(shape))));
  // An odometer over the result's indices, with the matching offset into the source.
  std::vector<int64_t> index(rank, 0);
  int64_t source = 0;
  for (T& value : result.data) {
    value = tensor.data[source];
    for (size_t a = rank; a-- > 0;) {
      source += strides[axes[a]];
      if (++index[a] < shape[a]) break;
      source -= strides[axes[a]] * shape[a];
      index[a] = 0;
    }
  }
  return result;
}

template Tensor<float> permute_axes(const TensorView<float>&, const std::vector<size_t>&);
template Tensor<double> permute_axes(const TensorView<double>&, const std::vector<size_t>&);

namespace {

void permute_any(AnyTensor& tensor, const std::vector<size_t>& axes) {
  if (tensor.holds<float>()) {
    tensor = AnyTensor(permute_axes(tensor.view<float>(), axes));
  } else {
    tensor = AnyTensor(permute_axes(tensor.view<double>(), axes));
  }
}

// 0, 1, ..., count-1 shifted by `first`.
std::vector<size_t> run_of(size_t first, size_t count) {
  std::vector<size_t> axes(count);
  std::iota(axes.begin(), axes.end(), first);
  return axes;
}

}  // namespace

void tf_input_to_channels_first(AnyTensor& input, int dims) {
  const size_t d = static_cast<size_t>(dims);
  const size_t rank = input.shape().size();
  std::vector<size_t> axes;
  if (rank == d + 1) {
    axes.push_back(d);  // C
    for (size_t a : run_of(0, d)) axes.push_back(a);
  } else if (rank == d + 2) {
    axes = {0, d + 1};  // N, C
    for (size_t a : run_of(1, d)) axes.push_back(a);
  } else {
    return;
  }
  permute_any(input, axes);
}

void tf_filter_to_pytorch(AnyTensor& weight, int dims) {
  const size_t d = static_cast<size_t>(dims);
  if (weight.shape().size() != d + 2) return;
  std::vector<size_t> axes{d + 1, d};  // Cin, Cout
  for (size_t a : run_of(0, d)) axes.push_back(a);
  permute_any(weight, axes);
}

Tensor<double> output_to_channels_last(Tensor<double> output, int dims) {
  const size_t spatial = static_cast<size_t>(dims);
  if (output.shape.size() <= spatial || output.shape.size() > spatial + 2) return output;
  const size_t lead = output.shape.size() - spatial - 1;  // 1 with a batch axis
  std::vector<size_t> axes = run_of(0, lead);
  for (size_t a : run_of(lead + 1, spatial)) axes.push_back(a);
  axes.push_back(lead);  // C last
  return permute_axes(TensorView<double>(output), axes);
}

}  // namespace tconv
