// Draws the article's figures 1-11 from their cases (core/article_cases.hpp).
#include "core/article_cases.hpp"
#include "render/article_figures.hpp"
#include "render/slice_trace.hpp"

namespace tconv {

namespace {

SliceTrace trace_case(int case_number) {
  const ArticleCase c = article_case(case_number);
  const Shape spatial(c.input.shape.begin() + 2, c.input.shape.end());
  const ResolvedLayer layer = resolve_layer(c.layer, spatial);
  return trace_slice(c.input, c.weight, nullptr, layer.params, SliceChoice{});
}

// Figure 9's kernel at one dilation: a single input 1 scattered through the 2x2 ones kernel
// writes exactly the dilated kernel (taps 1, holes 0).
SliceTrace trace_dilated_kernel(int64_t dilation) {
  ConvParams params;
  AxisParams axis;
  axis.kernel = 2;
  axis.dilation = dilation;
  params.axes = {axis, axis};
  const Tensor<double> input({1, 1, 1, 1}, {1.0});
  const Tensor<double> weight({1, 1, 2, 2}, {1.0, 1.0, 1.0, 1.0});
  return trace_slice(input, weight, nullptr, params, SliceChoice{});
}

}  // namespace

void draw_article_figure(int number, const DrawOptions& options, FrameSink& sink) {
  const ArticleFigure figure = article_figure(number);
  switch (figure.style) {
    case FigureStyle::Scatter:
      draw_scatter(trace_case(figure.case_number), options, sink);
      return;
    case FigureStyle::Steps:
      draw_steps(trace_case(figure.case_number), options, sink);
      return;
    case FigureStyle::Dilation: {
      std::vector<SliceTrace> kernels;
      for (int64_t d = 1; d <= 4; ++d) kernels.push_back(trace_dilated_kernel(d));
      draw_dilation(kernels, options, sink);
      return;
    }
  }
}

}  // namespace tconv
