// The names engineers bring from PyTorch, ONNX, TensorFlow and Keras (kernel_size,
// kernel_shape, strides, dilation_rate, data_format, ...), and the tconv flag each means: an
// unknown option is first looked up here, then by edit distance (usage_errors.cpp), so that
// `--kernel 3` and `--strides 2` are answered with the flag meant, not with a near spelling of
// another one (`--pad` is PyTorch's padding, not ONNX's --pads).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tconv {

struct ForeignName {
  std::string flag;  // the tconv flag meant, as help names it: "--kernel-size"
  std::string why;   // where the name comes from: "PyTorch's kernel_size"
};

// The flag meant by an unknown option `typed` ("--kernel_shape", "-strides"), among the names
// the command has (`names`, as help shows them); empty when the table has no entry or the
// command lacks the flag. Case, dashes and underscores do not matter.
std::optional<ForeignName> foreign_name(const std::string& typed, const std::vector<std::string>& names);

}  // namespace tconv
