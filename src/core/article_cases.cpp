#include "core/article_cases.hpp"

#include <cstdio>

#include "core/error.hpp"

namespace tconv {

namespace {

struct CaseRow {
  const char* title;
  int animation_figure, steps_figure;
  int64_t kernel, stride, padding, output_padding, dilation;
};

// The notebook's calls (see the header); every other parameter is PyTorch's default.
// One case per line (clang-format would pack them).
// clang-format off
constexpr CaseRow kRows[kArticleCaseCount] = {
    {"Basic", 1, 2, 3, 1, 0, 0, 1},
    {"Stride", 3, 4, 3, 2, 0, 0, 1},
    {"Padding", 5, 6, 3, 2, 1, 0, 1},
    {"Output padding", 7, 8, 3, 2, 0, 1, 1},
    {"Dilation", 10, 11, 2, 2, 0, 0, 2},
};
// clang-format on

std::string describe(const CaseRow& row) {
  std::string text = "kernel " + std::to_string(row.kernel);
  if (row.stride != 1) text += ", stride " + std::to_string(row.stride);
  if (row.padding != 0) text += ", padding " + std::to_string(row.padding);
  if (row.output_padding != 0) text += ", output_padding " + std::to_string(row.output_padding);
  if (row.dilation != 1) text += ", dilation " + std::to_string(row.dilation);
  return text;
}

}  // namespace

ArticleCase article_case(int number) {
  if (number < 1 || number > kArticleCaseCount) {
    throw InvalidParameter("--example must be 1 to " + std::to_string(kArticleCaseCount) + ", got " +
                           std::to_string(number));
  }
  const CaseRow& row = kRows[number - 1];
  ArticleCase result;
  result.number = number;
  result.title = row.title;
  result.animation_figure = row.animation_figure;
  result.steps_figure = row.steps_figure;
  result.parameters = describe(row);
  result.layer.dims = 2;
  result.layer.kernel = {row.kernel, row.kernel};
  result.layer.stride = {row.stride, row.stride};
  result.layer.padding = {row.padding, row.padding};
  result.layer.output_padding = {row.output_padding, row.output_padding};
  result.layer.dilation = {row.dilation, row.dilation};
  result.input = Tensor<double>({1, 1, 2, 2}, {1, 2, 3, 4});
  result.weight = Tensor<double>({1, 1, row.kernel, row.kernel},
                                 std::vector<double>(static_cast<size_t>(row.kernel * row.kernel), 1.0));
  return result;
}

std::string article_case_list() {
  std::string text;
  for (int n = 1; n <= kArticleCaseCount; ++n) {
    const CaseRow& row = kRows[n - 1];
    char line[160];
    std::snprintf(line, sizeof line, "  %d  %-15s %-36s (Figures %d and %d)\n", n, row.title, describe(row).c_str(),
                  row.animation_figure, row.steps_figure);
    text += line;
  }
  return text;
}

}  // namespace tconv
