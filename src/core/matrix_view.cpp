#include "core/matrix_view.hpp"

#include "core/engine.hpp"
#include "core/error.hpp"
#include "core/index.hpp"

namespace tconv {

namespace {

struct Sizes {
  int64_t cin = 0, cout = 0, cin_per_group = 0, cout_per_group = 0, in_plane = 0, out_plane = 0, taps = 0;
  Shape in, out, kernel;
  Shape item;  // one batch item of the input: (1, Cin, in...)
};

Sizes sizes_of(const Shape& weight, const ConvParams& params, const Shape& input_spatial) {
  const int rank = params.spatial_dims();
  if (static_cast<int>(weight.size()) != rank + 2) {
    throw InvalidParameter("the weight must have shape (Cin, Cout/groups, kernel...), got " + shape_to_string(weight));
  }
  Sizes s;
  s.item = {1, weight[0]};
  s.item.insert(s.item.end(), input_spatial.begin(), input_spatial.end());
  // The engine's own checks, since C^T comes from the engine.
  const ConvShapes shapes = check_conv_shapes(s.item, weight, -1, params);
  s.cin = shapes.in_channels;
  s.cout = shapes.out_channels;
  s.cin_per_group = s.cin / params.groups;
  s.cout_per_group = weight[1];
  s.in = shapes.input_spatial;
  s.out = shapes.output_spatial;
  s.kernel.assign(weight.begin() + 2, weight.end());
  s.in_plane = element_count(s.in);
  s.out_plane = element_count(s.out);
  s.taps = element_count(s.kernel);
  const int64_t entries = checked_mul(checked_mul(s.cout, s.out_plane, "matrix rows"),
                                      checked_mul(s.cin, s.in_plane, "matrix columns"), "matrix size");
  if (entries > kMaxMatrixEntries) {
    throw InvalidParameter("the matrix view is for small cases: this one would have " + std::to_string(entries) +
                           " entries, above " + std::to_string(kMaxMatrixEntries));
  }
  return s;
}

// Writes the weight of each multiply-accumulate the reference engine reports into C^T at
// (its output cell, its input element): the engine's own index rule, nothing re-derived.
class TransposedMatrixRecorder : public StepObserver {
 public:
  TransposedMatrixRecorder(DenseMatrix& matrix, const Sizes& sizes) : matrix_(matrix), sizes_(sizes) {}

  void begin_step(const InputStep& step) override {
    column_ = step.in_channel * sizes_.in_plane + flatten(step.position, sizes_.in);
  }

  void update(const MacUpdate& update) override {
    if (update.cropped) return;
    const int64_t row = update.out_channel * sizes_.out_plane + flatten(update.output, sizes_.out);
    matrix_.values[static_cast<size_t>(row * matrix_.columns + column_)] = update.weight;
  }

 private:
  DenseMatrix& matrix_;
  const Sizes& sizes_;
  int64_t column_ = 0;
};

}  // namespace

void check_matrix_view_size(const Shape& weight, const ConvParams& params, const Shape& input_spatial) {
  sizes_of(weight, params, input_spatial);
}

DenseMatrix transposed_conv_matrix(const Tensor<double>& weight, const ConvParams& params, const Shape& input_spatial) {
  const Sizes s = sizes_of(weight.shape, params, input_spatial);
  DenseMatrix m{s.cout * s.out_plane, s.cin * s.in_plane, {}};
  m.values.assign(static_cast<size_t>(m.rows * m.columns), 0.0);
  // The input's values do not matter: the recorder keeps the weights.
  TransposedMatrixRecorder recorder(m, s);
  conv_transpose_reference<double>(Tensor<double>(s.item), weight, nullptr, params, &recorder);
  return m;
}

DenseMatrix conv_matrix(const Tensor<double>& weight, const ConvParams& params, const Shape& input_spatial) {
  const Sizes s = sizes_of(weight.shape, params, input_spatial);
  // The forward convolution maps (Cout, out...) to (Cin, in...): C has Cin*in rows.
  DenseMatrix m{s.cin * s.in_plane, s.cout * s.out_plane, {}};
  m.values.assign(static_cast<size_t>(m.rows * m.columns), 0.0);
  std::vector<double> x(static_cast<size_t>(m.columns), 0.0);
  for (int64_t column = 0; column < m.columns; ++column) {
    x[static_cast<size_t>(column)] = 1.0;
    // y = conv(x): a direct gather loop over the convolution's outputs (the input positions).
    for (int64_t ic = 0; ic < s.cin; ++ic) {
      const int64_t group = ic / s.cin_per_group;
      for (int64_t i = 0; i < s.in_plane; ++i) {
        const Index pos = unflatten(i, s.in);
        double y = 0;
        for (int64_t ocg = 0; ocg < s.cout_per_group; ++ocg) {
          const int64_t oc = group * s.cout_per_group + ocg;
          for (int64_t t = 0; t < s.taps; ++t) {
            const Index tap = unflatten(t, s.kernel);
            Index read = zero_index(pos.rank);
            bool inside = true;
            for (int a = 0; a < pos.rank; ++a) {
              const auto u = static_cast<size_t>(a);
              const AxisParams& p = params.axes[u];
              read[a] = pos[a] * p.stride + tap[a] * p.dilation - p.pad_begin;
              inside = inside && read[a] >= 0 && read[a] < s.out[u];
            }
            if (inside) {
              y += weight.data[static_cast<size_t>((ic * s.cout_per_group + ocg) * s.taps + t)] *
                   x[static_cast<size_t>(oc * s.out_plane + flatten(read, s.out))];
            }
          }
        }
        m.values[static_cast<size_t>((ic * s.in_plane + i) * m.columns + column)] = y;
      }
    }
    x[static_cast<size_t>(column)] = 0.0;
  }
  return m;
}

DenseMatrix transpose(const DenseMatrix& matrix) {
  DenseMatrix t{matrix.columns, matrix.rows, std::vector<double>(matrix.values.size())};
  for (int64_t r = 0; r < matrix.rows; ++r)
    for (int64_t c = 0; c < matrix.columns; ++c) t.values[static_cast<size_t>(c * t.columns + r)] = matrix.at(r, c);
  return t;
}

std::vector<double> multiply(const DenseMatrix& matrix, const std::vector<double>& vector) {
  if (static_cast<int64_t>(vector.size()) != matrix.columns) {
    throw InvalidParameter("matrix of " + std::to_string(matrix.columns) + " columns times a vector of " +
                           std::to_string(vector.size()) + " values");
  }
  std::vector<double> result(static_cast<size_t>(matrix.rows), 0.0);
  for (int64_t r = 0; r < matrix.rows; ++r) {
    double sum = 0;
    for (int64_t c = 0; c < matrix.columns; ++c) sum += matrix.at(r, c) * vector[static_cast<size_t>(c)];
    result[static_cast<size_t>(r)] = sum;
  }
  return result;
}

}  // namespace tconv
