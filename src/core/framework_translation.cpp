#include "core/framework_translation.hpp"

#include <algorithm>
#include <cmath>

#include "core/engine.hpp"
#include "core/error.hpp"
#include "core/layer_spec.hpp"

namespace tconv {

namespace {

// The window the resolved layer keeps on one axis, in uncropped coordinates.
struct AxisWindow {
  int64_t n = 0, stride = 1, dilation = 1, kernel = 1, dilated = 1;
  int64_t full0 = 0;  // (n-1)*S + K': the cells that can hold values
  int64_t begin = 0;  // pad_begin
  int64_t end = 0;    // begin + out (exclusive)
  int64_t out() const { return end - begin; }
};

std::vector<AxisWindow> windows(const ConvParams& params, const Shape& input) {
  std::vector<AxisWindow> result;
  for (size_t a = 0; a < params.axes.size(); ++a) {
    const AxisParams& axis = params.axes[a];
    AxisWindow w;
    w.n = input[a];
    w.stride = axis.stride;
    w.dilation = axis.dilation;
    w.kernel = axis.kernel;
    w.dilated = axis.dilated_kernel();
    w.full0 = axis.full_extent(w.n) - axis.output_padding;
    w.begin = axis.pad_begin;
    w.end = w.begin + axis.output_size(w.n);
    result.push_back(w);
  }
  return result;
}

// The crop that turns a framework layer's window [first, last) into the wanted one.
AxisCrop crop_between(const AxisWindow& w, int64_t first, int64_t last) { return {w.begin - first, last - w.end}; }

// ---- Python-style text ----------------------------------------------------------------------

std::string join(const std::vector<int64_t>& values, const char* separator = ", ") {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i ? separator : "") + std::to_string(values[i]);
  return text;
}
std::string py_tuple(const std::vector<int64_t>& values) {
  return "(" + join(values) + (values.size() == 1 ? ",)" : ")");
}
std::string py_list(const std::vector<int64_t>& values) { return "[" + join(values) + "]"; }

const char* spatial_letters(size_t dims) { return dims == 1 ? "W" : dims == 2 ? "HW" : "DHW"; }
std::string kernel_letters(size_t dims) {
  std::string text;
  for (const char* c = spatial_letters(dims); *c; ++c) text += std::string(text.empty() ? "" : ", ") + "k" + *c;
  return text;
}

// "[..., 0:10, 1:9]" (channels first) or "[:, 0:10, 1:9, :]" (channels last): keeps the
// non-negative part of each crop of a layer whose output is `sizes`.
std::string slice_text(const std::vector<AxisCrop>& crops, const Shape& sizes, bool channels_last) {
  std::string text = channels_last ? "[:" : "[...";
  for (size_t a = 0; a < crops.size(); ++a) {
    const int64_t first = std::max<int64_t>(0, crops[a].begin);
    text += ", " + std::to_string(first) + ":" + std::to_string(sizes[a] - std::max<int64_t>(0, crops[a].end));
  }
  return text + (channels_last ? ", :]" : "]");
}
bool any_negative(const std::vector<AxisCrop>& crops) {
  return std::any_of(crops.begin(), crops.end(), [](const AxisCrop& c) { return c.begin < 0 || c.end < 0; });
}

// ---- PyTorch ---------------------------------------------------------------------------------

PyTorchTranslation to_pytorch(const TranslationRequest& r, const std::vector<AxisWindow>& ws) {
  PyTorchTranslation t;
  t.groups = r.params.groups;
  std::vector<AxisCrop> crops;
  Shape sizes;
  bool exact = true;
  for (const AxisWindow& w : ws) {
    const int64_t limit = std::max(w.stride, w.dilation);  // output_padding < max(S, D)
    // Window [P, full0 + P_out - P): exact with P = begin and P_out = end - full0 + P.
    int64_t padding = w.begin, output_padding = w.end - w.full0 + w.begin;
    if (padding < 0 || output_padding < 0 || output_padding >= limit) {
      exact = false;
      padding = std::max<int64_t>(0, std::min(w.begin, w.full0 - w.end));
      output_padding = std::clamp<int64_t>(w.end - (w.full0 - padding), 0, limit - 1);
    }
    t.kernel_size.push_back(w.kernel);
    t.stride.push_back(w.stride);
    t.dilation.push_back(w.dilation);
    t.padding.push_back(padding);
    t.output_padding.push_back(output_padding);
    crops.push_back(crop_between(w, padding, w.full0 + output_padding - padding));
    sizes.push_back(w.full0 + output_padding - 2 * padding);
  }
  t.exact = exact;
  const size_t dims = ws.size();
  const std::string module = "torch.nn.ConvTranspose" + std::to_string(dims) + "d(" + std::to_string(r.in_channels) +
                             ", " + std::to_string(r.out_channels) + ", kernel_size=" + py_tuple(t.kernel_size) +
                             ", stride=" + py_tuple(t.stride) + ", padding=" + py_tuple(t.padding) +
                             ", output_padding=" + py_tuple(t.output_padding) + ", dilation=" + py_tuple(t.dilation) +
                             ", groups=" + std::to_string(t.groups) + ")";
  const std::string layout = "  # weight (Cin, Cout/groups, " + kernel_letters(dims) + ")";
  if (exact) {
    t.code = "conv = " + module + layout;
    return t;
  }
  t.crop = crops;
  if (!any_negative(crops)) {
    t.code = "conv = " + module + "; y = conv(x)" + slice_text(crops, sizes, false) + layout;
  } else {
    // F.pad's amounts run from the last axis; a negative amount crops.
    std::vector<int64_t> amounts;
    for (size_t a = dims; a-- > 0;) {
      amounts.push_back(-crops[a].begin);
      amounts.push_back(-crops[a].end);
    }
    t.bias_after = true;
    const std::string unbiased = module.substr(0, module.size() - 1) + ", bias=False)";
    std::string view = "1, -1";
    for (size_t a = 0; a < dims; ++a) view += ", 1";
    t.code = "conv = " + unbiased + "; y = torch.nn.functional.pad(conv(x), " + py_tuple(amounts) + ") + b.view(" +
             view + ")" + layout + ", b the bias, added after the zeros";
  }
  return t;
}

// ---- ONNX ------------------------------------------------------------------------------------

OnnxTranslation to_onnx(const TranslationRequest& r, const std::vector<AxisWindow>& ws) {
  OnnxTranslation t;
  t.group = r.params.groups;
  const size_t dims = ws.size();
  std::vector<int64_t> begins, ends;
  std::vector<AxisCrop> crops;
  bool exact = true;
  for (size_t a = 0; a < dims; ++a) {
    const AxisWindow& w = ws[a];
    const AxisParams& axis = r.params.axes[a];
    int64_t begin = w.begin, end = axis.pad_end, output_padding = axis.output_padding;
    // The end of the window, end_cell = full0 + output_padding - pads_end: keep the user's split
    // when ONNX Runtime takes it, else move it into pads_end >= 0 or output_padding < S.
    const int64_t extension = w.end - w.full0;  // output_padding - pads_end
    if (end < 0 || output_padding >= w.stride) {
      end = std::max<int64_t>(0, -extension);
      output_padding = std::max<int64_t>(0, extension);
    }
    if (begin < 0 || output_padding >= w.stride) {
      exact = false;
      begin = std::max<int64_t>(0, begin);
      output_padding = std::min(output_padding, w.stride - 1);
    }
    t.kernel_shape.push_back(w.kernel);
    t.strides.push_back(w.stride);
    t.dilations.push_back(w.dilation);
    t.output_padding.push_back(output_padding);
    begins.push_back(begin);
    ends.push_back(end);
    crops.push_back(crop_between(w, begin, w.full0 + output_padding - end));
  }
  t.pads = begins;
  t.pads.insert(t.pads.end(), ends.begin(), ends.end());
  t.exact = exact;
  t.code = "onnx.helper.make_node(\"ConvTranspose\", [\"x\", \"w\"], [\"y\"], kernel_shape=" + py_list(t.kernel_shape) +
           ", strides=" + py_list(t.strides) + ", pads=" + py_list(t.pads) +
           ", output_padding=" + py_list(t.output_padding) + ", dilations=" + py_list(t.dilations) +
           ", group=" + std::to_string(t.group) + ")  # W (Cin, Cout/group, " + kernel_letters(dims) + ")";
  if (!exact) {
    t.crop = crops;
    std::string fix;
    for (size_t a = 0; a < dims; ++a) {
      fix += (a ? ", " : "") + std::string("axis ") + std::to_string(a + 2) + " [" + std::to_string(crops[a].begin) +
             ", " + std::to_string(crops[a].end) + "]";
    }
    t.bias_after = any_negative(crops);
    t.code += "; then crop (Slice) / zero-pad (Pad, for negative amounts): " + fix;
    if (t.bias_after) t.code += "; bias: an Add after the Pad, not the node's B";
  }
  return t;
}

// ---- TensorFlow ------------------------------------------------------------------------------

// TensorFlow's begin for padding SAME / VALID and output size `out` (layer_spec.hpp).
bool tf_fits(const AxisWindow& w, bool same, int64_t out) {
  if (same) {
    return out >= (w.n - 1) * w.stride + 1 && out <= w.n * w.stride &&
           w.begin == std::max<int64_t>(0, w.full0 - out) / 2;
  }
  return w.begin == 0 && out >= w.full0 && out <= w.full0 + w.stride - 1;
}

std::string tf_call(size_t dims, const TranslationRequest& r, const std::vector<int64_t>& output_shape,
                    const std::vector<int64_t>& strides, const std::string& padding,
                    const std::vector<int64_t>& dilations) {
  std::vector<int64_t> shape = output_shape;
  shape.push_back(r.out_channels);
  return "tf.nn.conv" + std::to_string(dims) + "d_transpose(x, w, output_shape=[tf.shape(x)[0], " + join(shape) +
         "], strides=" + py_list(strides) + ", padding=" + padding + ", dilations=" + py_list(dilations) + ")";
}

TensorFlowTranslation to_tensorflow(const TranslationRequest& r, const std::vector<AxisWindow>& ws) {
  TensorFlowTranslation t;
  const size_t dims = ws.size();
  for (const AxisWindow& w : ws) {
    t.strides.push_back(w.stride);
    t.dilations.push_back(w.dilation);
    t.output_shape.push_back(w.out());
  }
  const auto all = [&](bool same) {
    return std::all_of(ws.begin(), ws.end(), [&](const AxisWindow& w) { return tf_fits(w, same, w.out()); });
  };
  // Explicit [[t, b], ...]: begin t, out in full0 - t - b .. + S-1 with b >= 0.
  std::vector<AxisCrop> explicit_padding;
  bool explicit_fits = dims == 2;
  for (size_t a = 0; a < dims; ++a) {
    const AxisWindow& w = ws[a];
    explicit_fits = explicit_fits && tf_explicit_padding_fits(r.params.axes[a], w.n);
    explicit_padding.push_back({w.begin, std::max<int64_t>(0, w.full0 - w.begin - w.out())});
  }
  std::string padding_text;
  if (all(true)) {
    t.padding = "SAME";
    padding_text = "\"SAME\"";
  } else if (all(false)) {
    t.padding = "VALID";
    padding_text = "\"VALID\"";
  } else if (explicit_fits) {
    t.padding = "EXPLICIT";
    t.explicit_padding = explicit_padding;
    padding_text = "[[0, 0]";
    for (const AxisCrop& p : explicit_padding) {
      padding_text += ", [" + std::to_string(p.begin) + ", " + std::to_string(p.end) + "]";
    }
    padding_text += ", [0, 0]]";
  } else {
    // Recipe: VALID keeps every cell that can hold a value, from the start; its output_shape
    // reaches up to S-1 zero cells past them, which spares appending zeros at the end.
    t.padding = "VALID";
    padding_text = "\"VALID\"";
    std::vector<AxisCrop> crops;
    for (size_t a = 0; a < dims; ++a) {
      const AxisWindow& w = ws[a];
      t.output_shape[a] = std::clamp(w.end, w.full0, w.full0 + w.stride - 1);
      crops.push_back(crop_between(w, 0, t.output_shape[a]));
    }
    t.crop = crops;
  }
  t.split_groups = r.params.groups > 1;
  t.exact = !t.crop && !t.split_groups;
  const std::string layout =
      "  # x N" + std::string(spatial_letters(dims)) + "C, w [" + kernel_letters(dims) + ", Cout, Cin]";
  std::string call = tf_call(dims, r, t.output_shape, t.strides, padding_text, t.dilations);
  if (t.crop) {
    Shape sizes(t.output_shape.begin(), t.output_shape.end());
    call += slice_text(*t.crop, sizes, true);
    if (any_negative(*t.crop)) {
      std::string amounts = "[[0, 0]";
      for (const AxisCrop& c : *t.crop) {
        amounts += ", [" + std::to_string(std::max<int64_t>(0, -c.begin)) + ", " +
                   std::to_string(std::max<int64_t>(0, -c.end)) + "]";
      }
      call = "tf.pad(" + call + ", " + amounts + ", [0, 0]]) + b";
      t.bias_after = true;
    }
  }
  t.code = "y = " + call + layout;
  if (t.bias_after) t.code += ", b the bias, added after the zeros";
  if (t.split_groups) {
    t.code += "; groups=" + std::to_string(r.params.groups) +
              ": no grouped conv_transpose in TensorFlow, tf.split x and w into the groups, one call each, tf.concat";
  }
  return t;
}

// ---- Keras -----------------------------------------------------------------------------------

// Keras' output length (layer_spec.hpp); op < 0 means output_padding None.
int64_t keras_length(const AxisWindow& w, bool same, int64_t op) {
  if (op < 0) return same ? w.n * w.stride : (w.n - 1) * w.stride + std::max(w.stride, w.dilated);
  return (w.n - 1) * w.stride + (same ? w.dilated % 2 : w.dilated) + op;
}

KerasTranslation to_keras(const TranslationRequest& r, const std::vector<AxisWindow>& ws) {
  KerasTranslation t;
  const size_t dims = ws.size();
  for (const AxisWindow& w : ws) {
    t.kernel_size.push_back(w.kernel);
    t.strides.push_back(w.stride);
    t.dilation_rate.push_back(w.dilation);
  }
  bool found = false;
  for (const bool same : {true, false}) {
    // output_padding None, then one output_padding per axis.
    if (std::all_of(ws.begin(), ws.end(), [&](const AxisWindow& w) {
          return keras_length(w, same, -1) == w.out() && tf_fits(w, same, w.out());
        })) {
      t.padding = same ? "same" : "valid";
      found = true;
      break;
    }
    std::vector<int64_t> paddings;
    for (const AxisWindow& w : ws) {
      const int64_t op = w.out() - keras_length(w, same, 0);
      if (op < 0 || op >= w.stride || !tf_fits(w, same, w.out())) break;
      paddings.push_back(op);
    }
    if (paddings.size() == dims) {
      t.padding = same ? "same" : "valid";
      t.output_padding = paddings;
      found = true;
      break;
    }
  }
  std::string crop_layers;
  if (!found) {
    // Recipe: valid gives full0 + output_padding cells from the start.
    t.padding = "valid";
    t.output_padding = std::vector<int64_t>();
    std::vector<AxisCrop> crops;
    for (const AxisWindow& w : ws) {
      const int64_t op = std::clamp<int64_t>(w.end - w.full0, 0, w.stride - 1);
      t.output_padding->push_back(op);
      crops.push_back(crop_between(w, 0, w.full0 + op));
    }
    t.crop = crops;
    const std::string d = std::to_string(dims) + "D(";
    const auto pairs = [&](bool positive) {
      std::string text = dims == 1 ? "" : "(";
      for (size_t a = 0; a < dims; ++a) {
        const auto part = [&](int64_t v) {
          return std::to_string(positive ? std::max<int64_t>(0, v) : std::max<int64_t>(0, -v));
        };
        text += (a ? ", " : "") + std::string("(") + part(crops[a].begin) + ", " + part(crops[a].end) + ")";
      }
      return text + (dims == 1 ? "" : ")");
    };
    crop_layers = ", keras.layers.Cropping" + d + pairs(true) + ")";
    if (any_negative(crops)) {
      crop_layers += ", keras.layers.ZeroPadding" + d + pairs(false) + ")";
      t.bias_after = true;
    }
  }
  t.split_groups = r.params.groups > 1;
  t.exact = found && !t.split_groups;
  const std::string layer =
      "keras.layers.Conv" + std::to_string(dims) + "DTranspose(" + std::to_string(r.out_channels) + ", " +
      py_tuple(t.kernel_size) + ", strides=" + py_tuple(t.strides) + ", padding=\"" + t.padding +
      "\", output_padding=" + (t.output_padding ? py_tuple(*t.output_padding) : std::string("None")) +
      ", dilation_rate=" + py_tuple(t.dilation_rate) + ")";
  const std::string layout = "  # kernel [" + kernel_letters(dims) + ", Cout, Cin], channels_last";
  t.code =
      (crop_layers.empty() ? "layer = " + layer : "layer = keras.Sequential([" + layer + crop_layers + "])") + layout;
  if (t.split_groups) {
    t.code += "; groups=" + std::to_string(r.params.groups) + ": Conv" + std::to_string(dims) +
              "DTranspose has no groups, one layer per channel group, concatenated";
  }
  return t;
}

// ---- Checking --------------------------------------------------------------------------------

// Keeps window [begin, size - end) of every spatial axis; negative amounts append zeros.
Tensor<double> apply_crop(const Tensor<double>& y, const std::vector<AxisCrop>& crops) {
  const size_t dims = crops.size();
  Shape shape = y.shape;
  for (size_t a = 0; a < dims; ++a) shape[2 + a] -= crops[a].begin + crops[a].end;
  Tensor<double> out(shape);
  const Shape in_strides = row_major_strides(y.shape);
  const int64_t count = out.size();
  Shape index(shape.size(), 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t source = index[0] * in_strides[0] + index[1] * in_strides[1];
    bool inside = true;
    for (size_t a = 0; a < dims && inside; ++a) {
      const int64_t position = index[2 + a] + crops[a].begin;
      inside = position >= 0 && position < y.shape[2 + a];
      source += position * in_strides[2 + a];
    }
    out.data[static_cast<size_t>(i)] = inside ? y.data[static_cast<size_t>(source)] : 0.0;
    for (size_t d = shape.size(); d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

// xorshift64*: values in [-1, 1).
struct Random {
  uint64_t state;
  double next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<double>((state * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0 * 2 - 1;
  }
};

LayerSpec base_spec(const TranslationRequest& r, const std::vector<AxisWindow>& ws) {
  LayerSpec spec;
  spec.dims = static_cast<int>(ws.size());
  for (const AxisWindow& w : ws) {
    spec.kernel.push_back(w.kernel);
    spec.stride.push_back(w.stride);
    spec.dilation.push_back(w.dilation);
  }
  spec.groups = r.params.groups;
  return spec;
}

}  // namespace

bool tf_explicit_padding_fits(const AxisParams& axis, int64_t input) {
  const int64_t full0 = axis.full_extent(input) - axis.output_padding, out = axis.output_size(input);
  const int64_t bottom = std::max<int64_t>(0, full0 - axis.pad_begin - out);
  return axis.pad_begin >= 0 && out - (full0 - axis.pad_begin - bottom) <= axis.stride - 1;
}

Translations translate_layer(const TranslationRequest& request) {
  validate_conv_params(request.params, request.input_spatial);
  const int64_t groups = request.params.groups;
  if (request.in_channels < 1 || request.out_channels < 1 || request.in_channels % groups != 0 ||
      request.out_channels % groups != 0) {
    throw InvalidParameter("in_channels " + std::to_string(request.in_channels) + " and out_channels " +
                           std::to_string(request.out_channels) + " must be >= 1 and divisible by groups " +
                           std::to_string(groups));
  }
  const std::vector<AxisWindow> ws = windows(request.params, request.input_spatial);
  Translations t;
  t.output_spatial = output_spatial_size(request.params, request.input_spatial);
  for (const AxisParams& axis : request.params.axes) t.pads.push_back({axis.pad_begin, axis.pad_end});
  t.pytorch = to_pytorch(request, ws);
  t.onnx = to_onnx(request, ws);
  t.tensorflow = to_tensorflow(request, ws);
  t.keras = to_keras(request, ws);
  return t;
}

std::vector<TranslationCheck> check_translations(const TranslationRequest& request, const Translations& translations,
                                                 uint64_t seed) {
  const std::vector<AxisWindow> ws = windows(request.params, request.input_spatial);
  const size_t dims = ws.size();
  Random random{seed * 0x9E3779B97F4A7C15ULL + 1};
  Shape input_shape{2, request.in_channels};
  input_shape.insert(input_shape.end(), request.input_spatial.begin(), request.input_spatial.end());
  Shape weight_shape{request.in_channels, request.out_channels / request.params.groups};
  for (const AxisWindow& w : ws) weight_shape.push_back(w.kernel);
  Tensor<double> input(input_shape), weight(weight_shape), bias(Shape{request.out_channels});
  for (Tensor<double>* t : {&input, &weight, &bias}) {
    for (double& v : t->data) v = random.next();
  }
  const Tensor<double> expected = conv_transpose_reference<double>(input, weight, &bias, request.params);

  const auto run = [&](const char* framework, const LayerSpec& spec, const std::optional<std::vector<AxisCrop>>& crop,
                       bool bias_after) {
    const ResolvedLayer layer = resolve_layer(spec, request.input_spatial);
    Tensor<double> got = conv_transpose_reference<double>(input, weight, bias_after ? nullptr : &bias, layer.params);
    if (crop) got = apply_crop(got, *crop);
    if (bias_after) {
      const int64_t plane = element_count(Shape(got.shape.begin() + 2, got.shape.end()));
      for (size_t i = 0; i < got.data.size(); ++i) {
        got.data[i] += bias.data[static_cast<size_t>((static_cast<int64_t>(i) / plane) % request.out_channels)];
      }
    }
    if (got.shape != expected.shape) {
      throw InvalidParameter(std::string("the ") + framework + " translation gives shape " +
                             shape_to_string(got.shape) + ", the layer " + shape_to_string(expected.shape));
    }
    double largest = 0;
    for (size_t i = 0; i < got.data.size(); ++i) largest = std::max(largest, std::fabs(got.data[i] - expected.data[i]));
    return TranslationCheck{framework, largest};
  };

  std::vector<TranslationCheck> checks;
  LayerSpec pytorch = base_spec(request, ws);
  pytorch.padding = translations.pytorch.padding;
  pytorch.output_padding = translations.pytorch.output_padding;
  checks.push_back(run("pytorch", pytorch, translations.pytorch.crop, translations.pytorch.bias_after));

  LayerSpec onnx = base_spec(request, ws);
  onnx.pads = translations.onnx.pads;
  onnx.output_padding = translations.onnx.output_padding;
  checks.push_back(run("onnx", onnx, translations.onnx.crop, translations.onnx.bias_after));

  // Grouped layers run grouped here: the split-and-concatenate recipe computes the same.
  LayerSpec tensorflow = base_spec(request, ws);
  const TensorFlowTranslation& tf = translations.tensorflow;
  if (tf.padding == "EXPLICIT") {
    // Explicit [[t, b], ...] with output_shape O: pads t, b and O - (full0 - t - b) cells at the
    // end (tf_fixtures.json's explicit cases).
    tensorflow.pads.resize(2 * dims);
    for (size_t a = 0; a < dims; ++a) {
      tensorflow.pads[a] = tf.explicit_padding[a].begin;
      tensorflow.pads[a + dims] = tf.explicit_padding[a].end;
      tensorflow.output_padding.push_back(tf.output_shape[a] -
                                          (ws[a].full0 - tf.explicit_padding[a].begin - tf.explicit_padding[a].end));
    }
  } else {
    tensorflow.tf_padding = tf.padding == "SAME" ? TfPadding::Same : TfPadding::Valid;
    tensorflow.output_shape = tf.output_shape;
  }
  checks.push_back(run("tensorflow", tensorflow, tf.crop, tf.bias_after));

  LayerSpec keras = base_spec(request, ws);
  keras.tf_padding = translations.keras.padding == "same" ? TfPadding::Same : TfPadding::Valid;
  if (translations.keras.output_padding) keras.output_padding = *translations.keras.output_padding;
  checks.push_back(run("keras", keras, translations.keras.crop, translations.keras.bias_after));
  return checks;
}

}  // namespace tconv
