#include "render/article_figures.hpp"

#include "core/article_cases.hpp"
#include "core/error.hpp"

namespace tconv {

ArticleFigure article_figure(int number) {
  ArticleFigure figure;
  figure.number = number;
  if (number == 9) {
    figure.style = FigureStyle::Dilation;
    figure.title = "Figure 9: a 2x2 kernel at dilation 1, 2, 3, 4";
    return figure;
  }
  for (int n = 1; n <= kArticleCaseCount; ++n) {
    const ArticleCase c = article_case(n);
    if (number != c.animation_figure && number != c.steps_figure) continue;
    figure.case_number = n;
    figure.style = number == c.animation_figure ? FigureStyle::Scatter : FigureStyle::Steps;
    figure.title = "Figure " + std::to_string(number) + ": " + c.title + " (" + c.parameters + "), " +
                   figure_style_name(figure.style);
    return figure;
  }
  throw InvalidParameter("--figure must be 1 to " + std::to_string(kArticleFigureCount) + " or all, got " +
                         std::to_string(number));
}

std::string figure_style_name(FigureStyle style) {
  switch (style) {
    case FigureStyle::Scatter:
      return "scatter";
    case FigureStyle::Steps:
      return "steps";
    case FigureStyle::Dilation:
      return "dilation";
  }
  return "scatter";
}

}  // namespace tconv
