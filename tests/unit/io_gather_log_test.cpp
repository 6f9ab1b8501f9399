// The gather log's size rule (io/gather_log.hpp): gather_log_entries counts what the gather
// engine really reports. The oracle is the log itself: its JSON Lines are parsed and every
// cell and term counted, over a table of layers with stride, padding (also unequal), output
// padding, dilation, groups and batch.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/gather_view.hpp"
#include "io/gather_log.hpp"

namespace tconv {
namespace {

struct Layer {
  int64_t batch, cin, cout, groups, in, kernel, stride, pad_begin, pad_end, output_padding, dilation;
};

TEST_CASE("gather_log_entries is the number of cells and terms the gather log writes") {
  const Layer layers[] = {
      {1, 1, 1, 1, 2, 3, 1, 0, 0, 0, 1},  // the article's basic case
      {1, 1, 1, 1, 2, 3, 2, 1, 1, 1, 1},  // stride, padding, output padding
      {1, 1, 1, 1, 3, 2, 2, 0, 0, 0, 2},  // dilation
      {2, 4, 6, 2, 3, 3, 2, 2, 0, 1, 1},  // batch, groups, unequal pads
      {1, 2, 2, 1, 4, 4, 3, 5, 5, 2, 1},  // padding beyond the kernel: most taps cropped
      {1, 3, 3, 3, 1, 5, 1, 0, 3, 0, 2},  // one input cell, depthwise
  };
  for (const Layer& l : layers) {
    CAPTURE(l.batch);
    CAPTURE(l.cin);
    CAPTURE(l.cout);
    CAPTURE(l.groups);
    CAPTURE(l.in);
    CAPTURE(l.kernel);
    CAPTURE(l.stride);
    CAPTURE(l.pad_begin);
    CAPTURE(l.pad_end);
    CAPTURE(l.output_padding);
    CAPTURE(l.dilation);
    ConvParams params;
    params.groups = l.groups;
    // Two axes: the second one with stride 1 and no padding, so the count multiplies.
    params.axes = {AxisParams{l.kernel, l.stride, l.dilation, l.pad_begin, l.pad_end, l.output_padding},
                   AxisParams{2, 1, 1, 0, 0, 0}};
    Tensor<double> input({l.batch, l.cin, l.in, 3});
    Tensor<double> weight({l.cin, l.cout / l.groups, l.kernel, 2});
    std::fill(input.data.begin(), input.data.end(), 1.0);
    std::fill(weight.data.begin(), weight.data.end(), 1.0);
    const ConvShapes shapes = check_conv_shapes(input.shape, weight.shape, -1, params);
    std::ostringstream lines;
    GatherJsonLog log(lines, Dtype::Float64, true);
    conv_transpose_gather<double>(input, weight, nullptr, params, &log);
    std::istringstream in(lines.str());
    std::string line;
    int64_t cells = 0, terms = 0;
    while (std::getline(in, line)) {
      ++cells;
      terms += static_cast<int64_t>(nlohmann::json::parse(line)["terms"].size());
    }
    CHECK(cells == element_count(shapes.output_shape()));
    CHECK(gather_log_entries(shapes, params) == cells + terms);
  }
}

TEST_CASE("check_json_gather_log_size refuses above its limit and names jsonl") {
  // 1000x1000 input, kernel 1: a million cells and a million terms.
  ConvParams params;
  params.axes.assign(2, AxisParams{1, 1, 1, 0, 0, 0});
  const ConvShapes big = check_conv_shapes({1, 1, 1000, 1000}, {1, 1, 1, 1}, -1, params);
  CHECK_THROWS_WITH_AS(check_json_gather_log_size(big, params),
                       "the json gather log would hold 1000000 cells and 1000000 terms, above 1000000 entries for "
                       "one document; use --format jsonl, which streams any size",
                       InvalidParameter);
  // 500x1000: 500000 cells + 500000 terms = the limit itself, accepted.
  const ConvShapes at_limit = check_conv_shapes({1, 1, 500, 1000}, {1, 1, 1, 1}, -1, params);
  CHECK_NOTHROW(check_json_gather_log_size(at_limit, params));
}

}  // namespace
}  // namespace tconv
