#include "cli/foreign_names.hpp"

#include <algorithm>
#include <cctype>

namespace tconv {

namespace {

// A name as the table keys it: lower case, without dashes and underscores ("kernelsize").
std::string key_of(const std::string& name) {
  std::string key;
  for (const char c : name) {
    if (c != '-' && c != '_') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

struct Entry {
  const char* key;
  const char* flag;
  const char* why;
};

// Keys are key_of() spellings. A name tconv itself has (--padding, --pads, --groups) never
// reaches the table: only unknown options are looked up.
constexpr Entry kTable[] = {
    {"kernel", "--kernel-size", "the kernel's size"},
    {"kernelsize", "--kernel-size", "PyTorch's kernel_size"},
    {"kernelshape", "--kernel-size", "ONNX's kernel_shape"},
    {"ksize", "--kernel-size", "the kernel's size"},
    {"filtersize", "--kernel-size", "the filter's size"},
    {"strides", "--stride", "ONNX's and Keras' strides"},
    {"subsample", "--stride", "the stride"},
    {"pad", "--padding", "PyTorch's padding; ONNX's begins and ends are --pads"},
    {"paddings", "--padding", "PyTorch's padding; ONNX's begins and ends are --pads"},
    {"outputpad", "--output-padding", "PyTorch's output_padding"},
    {"outpad", "--output-padding", "PyTorch's output_padding"},
    {"outpadding", "--output-padding", "PyTorch's output_padding"},
    {"outputpadding", "--output-padding", "PyTorch's output_padding"},
    {"outputpaddings", "--output-padding", "PyTorch's output_padding"},
    {"adj", "--output-padding", "Caffe2's and MXNet's adj, PyTorch's output_padding"},
    {"dilations", "--dilation", "ONNX's dilations"},
    {"dilationrate", "--dilation", "Keras' dilation_rate"},
    {"rate", "--dilation", "the dilation rate"},
    {"group", "--groups", "ONNX's group"},
    {"filters", "--out-channels", "Keras' filters"},
    {"numoutput", "--out-channels", "Caffe's num_output"},
    {"outputchannels", "--out-channels", "the output channels"},
    {"inputchannels", "--in-channels", "the input channels"},
    {"channels", "--in-channels", "the input channels"},
    {"dataformat", "--layout", "Keras' data_format; channels_last is --layout tf"},
    {"channelslast", "--layout", "channels-last data is --layout tf"},
    {"nhwc", "--layout", "channels-last data is --layout tf"},
    {"nchw", "--layout", "channels-first data is --layout pytorch, the default"},
    {"outdir", "--out-dir", "the frame folder"},
    {"outputdir", "--out-dir", "the frame folder"},
    {"outputsize", "--output-size", "the output_size of PyTorch's forward"},
    {"outputshape", "--output-shape", "ONNX's and TensorFlow's output_shape"},
    {"autopad", "--auto-pad", "ONNX's auto_pad"},
    {"ndim", "--dims", "the spatial dimensions"},
    {"spatialdims", "--dims", "the spatial dimensions"},
    {"rank", "--dims", "the spatial dimensions"},
    {"inputshape", "--input-size", "the spatial size; the channels and batch are --in-channels and --batch"},
    {"usebias", "--bias", "Keras' use_bias"},
    {"weights", "--weight", "the weight"},
    {"kernelweight", "--weight", "the weight"},
    {"precision", "--dtype", "the data type"},
};

}  // namespace

std::optional<ForeignName> foreign_name(const std::string& typed, const std::vector<std::string>& names) {
  const std::string key = key_of(typed);
  for (const Entry& entry : kTable) {
    if (key != entry.key) continue;
    if (std::find(names.begin(), names.end(), entry.flag) == names.end()) return std::nullopt;
    return ForeignName{entry.flag, entry.why};
  }
  return std::nullopt;
}

}  // namespace tconv
