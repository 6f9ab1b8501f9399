// The article's Figures 1-11 (RyC37, "Demystify Transposed Convolutional Layers"), each as a
// style applied to one of the article's cases (core/article_cases.hpp), or Figure 9's dilated
// kernels. Every number comes from the engine's step stream.
#pragma once

#include <string>

#include "render/draw.hpp"

namespace tconv {

constexpr int kArticleFigureCount = 11;

enum class FigureStyle { Scatter, Steps, Dilation };

struct ArticleFigure {
  int number = 0;
  FigureStyle style = FigureStyle::Scatter;
  int case_number = 0;  // 1..5; 0 for Figure 9
  std::string title;    // "Figure 3: stride (kernel 3, stride 2), scatter"
};

// Figure `number` (1..11). Throws InvalidParameter "--figure must be 1 to 11 or all, got N".
ArticleFigure article_figure(int number);

// "scatter", "steps", "dilation".
std::string figure_style_name(FigureStyle style);

// Draws figure `number` into sink.
void draw_article_figure(int number, const DrawOptions& options, FrameSink& sink);

}  // namespace tconv
