#include "render/frame_count.hpp"

#include "core/article_cases.hpp"
#include "core/layer_spec.hpp"
#include "render/article_figures.hpp"

namespace tconv {

namespace {

// steps: of the slice; plane: input elements of one channel; cells: output cells of the slice.
int64_t frame_count(int64_t steps, int64_t plane, int64_t cells, AnimationStyle style) {
  switch (style) {
    case AnimationStyle::Scatter:
      return steps;
    case AnimationStyle::Steps:
      return steps + 1;
    case AnimationStyle::Gather:
      return cells;
    case AnimationStyle::Overlap:
      // One frame per step of the first input channel: every input element is a step.
      return plane <= kMaxOverlapGrowthFrames ? plane + 1 : 1;
  }
  return 0;
}

}  // namespace

int64_t animation_frame_count(const SliceShape& shape, AnimationStyle style) {
  return frame_count(shape.steps(), shape.rows.in * shape.cols.in, shape.rows.out * shape.cols.out, style);
}

int64_t animation_frame_count(const SliceTrace& trace, AnimationStyle style) {
  return frame_count(static_cast<int64_t>(trace.steps.size()), trace.rows.in * trace.cols.in,
                     trace.rows.out * trace.cols.out, style);
}

int64_t figure_frame_count(int number) {
  const ArticleFigure figure = article_figure(number);
  if (figure.style == FigureStyle::Dilation) return 1;
  const ArticleCase example = article_case(figure.case_number);
  const Shape spatial(example.input.shape.begin() + 2, example.input.shape.end());
  const ResolvedLayer layer = resolve_layer(example.layer, spatial);
  const SliceShape shape = slice_shape(example.input.shape, example.weight.shape, -1, layer.params, SliceChoice{});
  return animation_frame_count(shape,
                               figure.style == FigureStyle::Steps ? AnimationStyle::Steps : AnimationStyle::Scatter);
}

}  // namespace tconv
