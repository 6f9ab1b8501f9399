// The five cases of the article "Demystify Transposed Convolutional Layers" (RyC37), the
// examples behind `tconv compute --example N` and `tconv animate --example N`.
//
// Every case: input X = [[1,2],[3,4]] (one batch item, one channel), an all-ones kernel, one
// output channel, no bias, PyTorch's ConvTranspose2d. The parameter sets, with the article's
// animation figure and step figure and the output PyTorch prints:
//   1 Basic           k=3                 Fig 1 / Fig 2    4x4 [[1,3,3,2],[4,10,10,6],...]
//   2 Stride          k=3, s=2            Fig 3 / Fig 4    5x5
//   3 Padding         k=3, s=2, p=1       Fig 5 / Fig 6    3x3 [[1,3,2],[4,10,6],[3,7,4]]
//   4 Output padding  k=3, s=2, op=1      Fig 7 / Fig 8    6x6 (last row and column zero)
//   5 Dilation        k=2, s=2, d=2       Fig 10 / Fig 11  5x5
#pragma once

#include <string>
#include <vector>

#include "core/layer_spec.hpp"
#include "core/tensor.hpp"

namespace tconv {

constexpr int kArticleCaseCount = 5;

struct ArticleCase {
  int number = 0;            // 1..kArticleCaseCount
  std::string title;         // "Basic", "Stride", "Padding", "Output padding", "Dilation"
  int animation_figure = 0;  // 1, 3, 5, 7, 10
  int steps_figure = 0;      // 2, 4, 6, 8, 11
  std::string parameters;    // "kernel 3, stride 2, padding 1": the figure's parameter panel
  LayerSpec layer;           // dims 2, PyTorch convention, kernel/stride/... filled per axis
  Tensor<double> input;      // shape (1, 1, 2, 2): [[1,2],[3,4]]
  Tensor<double> weight;     // shape (1, 1, k, k): all ones
};

// Case `number` (1..5). Throws InvalidParameter "--example must be 1 to 5, got N" otherwise.
ArticleCase article_case(int number);

// One line per case, "  1  Basic            kernel 3  (Figures 1 and 2)", for --help texts.
std::string article_case_list();

}  // namespace tconv
