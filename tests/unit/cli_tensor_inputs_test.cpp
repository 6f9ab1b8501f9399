// decide_spatial_rank (cli/tensor_inputs.hpp): the spatial rank of compute and animate comes
// from what the user wrote, in the order --dims, a data weight's rank, the sizes in
// --input-size, a comma list in -k/-s/-p/-d/--output-padding/--pads, a rank-1 data input, else
// 2; two sources that disagree are refused with both named. The expected ranks are read off the
// flags by hand (a list of n values is n-D; --pads holds 2 values per dimension).
#include <doctest/doctest.h>

#include <sstream>

#include "cli/tensor_inputs.hpp"
#include "core/error.hpp"

namespace tconv {
namespace {

struct Given {
  TensorInputOptions tensors;
  LayerOptions layer;
  std::optional<size_t> weight_rank;
  std::optional<size_t> input_rank;
};

SpatialRank decide(const Given& given) {
  return decide_spatial_rank(given.tensors, given.layer, given.weight_rank, given.input_rank);
}

std::string refusal(const Given& given) {
  try {
    decide(given);
  } catch (const InvalidParameter& error) {
    return error.what();
  }
  return "(accepted)";
}

TEST_CASE("decide_spatial_rank: each source alone gives the rank and names itself") {
  Given none;
  CHECK(decide(none).dims == 2);
  CHECK(decide(none).origin == "a 2-D layer (the default; --dims sets another)");

  Given dims;
  dims.tensors.dims = 3;
  CHECK(decide(dims).dims == 3);
  CHECK(decide(dims).origin == "--dims 3");

  // PyTorch's (Cin, Cout/groups, k...): rank 3, 4, 5 is 1-D, 2-D, 3-D; a kernel alone of rank 1
  // or 2 is 1-D or 2-D.
  for (const auto& [rank, expected] : {std::pair<size_t, int>{1, 1}, {2, 2}, {3, 1}, {4, 2}, {5, 3}}) {
    CAPTURE(rank);
    Given weight;
    weight.weight_rank = rank;
    CHECK(decide(weight).dims == expected);
    CHECK(decide(weight).origin ==
          "a " + std::to_string(expected) + "-D layer (from the weight's rank " + std::to_string(rank) + ")");
  }
  Given odd_weight;  // a rank no layout reads: the default stands, the layout check says why
  odd_weight.weight_rank = 6;
  CHECK(decide(odd_weight).dims == 2);

  for (const auto& [size, expected] : {std::pair<const char*, int>{"5", 1}, {"4x4", 2}, {"2x3x4", 3}, {"4,4", 2}}) {
    CAPTURE(size);
    Given input_size;
    input_size.tensors.input_size = size;
    CHECK(decide(input_size).dims == expected);
    CHECK(decide(input_size).origin ==
          "a " + std::to_string(expected) + "-D layer (from --input-size " + std::string(size) + ")");
  }

  const auto with_list = [](std::string LayerOptions::*flag, const std::string& text) {
    Given given;
    given.layer.*flag = text;
    return decide(given);
  };
  CHECK(with_list(&LayerOptions::kernel_size, "3,3,3").dims == 3);
  CHECK(with_list(&LayerOptions::kernel_size, "3,3,3").origin == "a 3-D layer (from -k 3,3,3)");
  CHECK(with_list(&LayerOptions::stride, "2").origin == "a 2-D layer (the default; --dims sets another)");
  CHECK(with_list(&LayerOptions::stride, "2,1").origin == "a 2-D layer (from -s 2,1)");
  CHECK(with_list(&LayerOptions::padding, "1,0,0").origin == "a 3-D layer (from -p 1,0,0)");
  CHECK(with_list(&LayerOptions::dilation, "1,2").origin == "a 2-D layer (from -d 1,2)");
  CHECK(with_list(&LayerOptions::output_padding, "0,1,0").origin == "a 3-D layer (from --output-padding 0,1,0)");
  // --pads: all begins, then all ends, two values per dimension.
  CHECK(with_list(&LayerOptions::pads, "1,1").origin == "a 1-D layer (from --pads 1,1)");
  CHECK(with_list(&LayerOptions::pads, "1,2,1,2").dims == 2);
  CHECK(with_list(&LayerOptions::pads, "0,0,0,1,1,1").dims == 3);
  CHECK(with_list(&LayerOptions::pads, "1").dims == 2);  // one value is every side's
  CHECK(with_list(&LayerOptions::pads, "1").origin == "a 2-D layer (the default; --dims sets another)");
  CHECK(with_list(&LayerOptions::pads, "1,2,3").dims == 2);  // odd: the layer's own check refuses it

  // A data input: rank 1 is a signal; rank 2, 3, 4 stay (H, W), (C, H, W), (N, C, H, W).
  for (const auto& [rank, expected] : {std::pair<size_t, int>{1, 1}, {2, 2}, {3, 2}, {4, 2}, {5, 2}}) {
    CAPTURE(rank);
    Given input;
    input.input_rank = rank;
    CHECK(decide(input).dims == expected);
  }
  Given signal;
  signal.input_rank = 1;
  CHECK(decide(signal).origin == "a 1-D layer (from the input's rank 1)");
}

TEST_CASE("decide_spatial_rank: the first source that speaks wins, in the documented order") {
  // --dims before the weight: a rank-3 weight is then a 3-D kernel alone, not checked here.
  Given dims_weight;
  dims_weight.tensors.dims = 3;
  dims_weight.weight_rank = 3;
  CHECK(decide(dims_weight).dims == 3);
  CHECK(decide(dims_weight).origin == "--dims 3");
  // The weight before --input-size: one size stands for every dimension (5 is 5x5).
  Given weight_size;
  weight_size.weight_rank = 4;
  weight_size.tensors.input_size = "5";
  CHECK(decide(weight_size).dims == 2);
  CHECK(decide(weight_size).origin == "a 2-D layer (from the weight's rank 4)");
  Given dims_size;
  dims_size.tensors.dims = 3;
  dims_size.tensors.input_size = "4";
  CHECK(decide(dims_size).dims == 3);
  // --input-size before the lists, which agree.
  Given size_list;
  size_list.tensors.input_size = "5";
  size_list.layer.kernel_size = "3";
  size_list.layer.stride = "2";
  CHECK(decide(size_list).dims == 1);
  CHECK(decide(size_list).origin == "a 1-D layer (from --input-size 5)");
  // The lists before the input's rank: a rank-1 input under -k 3,3 is left to the layout check.
  Given list_input;
  list_input.layer.kernel_size = "3,3";
  list_input.input_rank = 1;
  CHECK(decide(list_input).dims == 2);
  CHECK(decide(list_input).origin == "a 2-D layer (from -k 3,3)");
  Given dims_input;
  dims_input.tensors.dims = 2;
  dims_input.input_rank = 1;
  CHECK(decide(dims_input).dims == 2);
  Given weight_input;
  weight_input.weight_rank = 4;
  weight_input.input_rank = 1;
  CHECK(decide(weight_input).origin == "a 2-D layer (from the weight's rank 4)");
  // Lists that agree with each other and with a single value.
  Given lists;
  lists.layer.kernel_size = "3,3,3";
  lists.layer.stride = "2";
  lists.layer.padding = "1,1,1";
  lists.layer.dilation = "1,2,1";
  lists.layer.output_padding = "0,1,0";
  CHECK(decide(lists).dims == 3);
  CHECK(decide(lists).origin == "a 3-D layer (from -k 3,3,3)");
}

TEST_CASE("decide_spatial_rank: two sources that disagree are refused, both named") {
  Given dims_size;
  dims_size.tensors.dims = 2;
  dims_size.tensors.input_size = "2x2x2";
  CHECK(refusal(dims_size) == "--dims 2 gives a 2-D layer but --input-size 2x2x2 gives 3-D");
  Given dims_list;
  dims_list.tensors.dims = 1;
  dims_list.layer.dilation = "2,2";
  CHECK(refusal(dims_list) == "--dims 1 gives a 1-D layer but -d 2,2 gives 2-D");
  Given weight_size;
  weight_size.weight_rank = 4;
  weight_size.tensors.input_size = "4x4x4";
  CHECK(refusal(weight_size) == "the weight's rank 4 gives a 2-D layer but --input-size 4x4x4 gives 3-D");
  Given weight_list;
  weight_list.weight_rank = 5;
  weight_list.layer.output_padding = "1,1";
  CHECK(refusal(weight_list) == "the weight's rank 5 gives a 3-D layer but --output-padding 1,1 gives 2-D");
  // A rank-3 weight is also a 3-D kernel alone: the message says how to read it so.
  Given kernel_alone;
  kernel_alone.weight_rank = 3;
  kernel_alone.layer.kernel_size = "2,2,2";
  CHECK(refusal(kernel_alone) ==
        "the weight's rank 3 gives a 1-D layer but -k 2,2,2 gives 3-D; --dims 3 reads a rank-3 weight as one 3-D "
        "kernel (kD, kH, kW)");
  Given size_list;
  size_list.tensors.input_size = "5x5";
  size_list.layer.kernel_size = "3,3,3";
  CHECK(refusal(size_list) == "--input-size 5x5 gives a 2-D layer but -k 3,3,3 gives 3-D");
  Given one_size_list;
  one_size_list.tensors.input_size = "5";
  one_size_list.layer.kernel_size = "3,3";
  CHECK(refusal(one_size_list) == "--input-size 5 gives a 1-D layer but -k 3,3 gives 2-D");
  Given size_pads;
  size_pads.tensors.input_size = "3x3";
  size_pads.layer.pads = "1,1";
  CHECK(refusal(size_pads) == "--input-size 3x3 gives a 2-D layer but --pads 1,1 gives 1-D");
  // Two lists: the first in the order -k, -s, -p, -d, --output-padding, --pads is named first.
  Given k_s;
  k_s.layer.kernel_size = "3,3";
  k_s.layer.stride = "2,2,2";
  CHECK(refusal(k_s) == "-k 3,3 gives a 2-D layer but -s 2,2,2 gives 3-D");
  Given s_p;
  s_p.layer.stride = "2,2";
  s_p.layer.padding = "1,1,1";
  CHECK(refusal(s_p) == "-s 2,2 gives a 2-D layer but -p 1,1,1 gives 3-D");
  Given p_pads;
  p_pads.layer.padding = "1,1";
  p_pads.layer.pads = "1,1,1,1,1,1";
  CHECK(refusal(p_pads) == "-p 1,1 gives a 2-D layer but --pads 1,1,1,1,1,1 gives 3-D");
  // More than 3 dimensions, from any source.
  Given four;
  four.tensors.input_size = "2x2x2x2";
  CHECK(refusal(four) == "--input-size 2x2x2x2 gives a 4-D layer; tconv's layers are 1-D, 2-D or 3-D");
  Given four_pads;
  four_pads.layer.pads = "0,0,0,0,0,0,0,0";
  CHECK(refusal(four_pads) == "--pads 0,0,0,0,0,0,0,0 gives a 4-D layer; tconv's layers are 1-D, 2-D or 3-D");
}

TEST_CASE("load_tensor_inputs: the decided rank lays out the tensors, its origin named when they do not fit") {
  std::istringstream in;
  // [1,2,3] with a generated kernel of 3: a 1-D input, the weight (1, 1, 3).
  TensorInputOptions signal;
  signal.input = "[1,2,3]";
  signal.weight = "ones";
  LayerOptions k3;
  k3.kernel_size = "3";
  const TensorInputs loaded = load_tensor_inputs(signal, k3, in);
  CHECK(loaded.dims == 1);
  CHECK(loaded.input.shape() == Shape{1, 1, 3});
  CHECK(loaded.weight.shape() == Shape{1, 1, 3});
  CHECK(loaded.layout == InputLayout::Spatial);
  // --input-size 5: a generated (1, 1, 5) input.
  TensorInputOptions sized;
  sized.input = "arange";
  sized.input_size = "5";
  sized.weight = "ones";
  CHECK(load_tensor_inputs(sized, k3, in).input.shape() == Shape{1, 1, 5});
  // A rank-1 input under a 2-D list: the layout check names the list.
  LayerOptions k33;
  k33.kernel_size = "3,3";
  try {
    load_tensor_inputs(signal, k33, in);
    FAIL("accepted");
  } catch (const DataError& error) {
    CHECK(std::string(error.what()) ==
          "--input has shape 3 (rank 1), but a 2-D layer (from -k 3,3) needs rank 2 (H, W), 3 (C, H, W) or 4 (N, C, "
          "H, W)");
  }
  // A rank-3 input stays (C, H, W).
  TensorInputOptions volume;
  volume.input = "[[[1,2],[3,4]]]";
  volume.weight = "ones";
  const TensorInputs channels = load_tensor_inputs(volume, k3, in);
  CHECK(channels.dims == 2);
  CHECK(channels.layout == InputLayout::Channels);
}

}  // namespace
}  // namespace tconv
