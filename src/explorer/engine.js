// tconv's reference transposed convolution in JavaScript: a line-by-line port of
// src/core/engine.cpp (the scatter loop and its step stream) and of the parameter checks of
// src/core/layer_spec.cpp, src/core/conv_params.cpp and src/cli/value_parsing.cpp, with the
// same one-line messages. tests/browser/agreement.mjs proves, in Chromium, that this file
// gives tconv's outputs, steps and messages.
//
// Layouts as in engine.hpp (row-major, PyTorch):
//   input (N, Cin, spatial...), weight (Cin, Cout/groups, kernel...), bias (Cout) or null.
// Loop order (and the order of the steps): batch -> input channel -> input position = one
// step -> output channel of the group -> kernel tap = one update; then bias per batch item.
// float32 rounds every product and every sum with Math.fround, as the C++ float engine does.
"use strict";
(function (root) {
  class ParameterError extends Error {}

  // " (dimension 2 of 3)"; empty for 1-D (core/conv_params.cpp axis_label).
  function axisLabel(axis, dims) {
    return dims <= 1 ? "" : " (dimension " + (axis + 1) + " of " + dims + ")";
  }

  // value_parsing.cpp parse_int_list: "3", "2,1", with allowX "4x4". Throws the CLI's message.
  function parseIntList(text, option, allowX) {
    const fail = () => {
      throw new ParameterError(option + " expects " + (allowX ? "a size like 4x4 or 4,4" : "an integer or a comma list like 2,1") +
        ", got '" + text + "'");
    };
    if (text === "") fail();
    const parts = text.split(allowX ? /[,xX]/ : /,/);
    return parts.map((part) => {
      if (!/^(\+[0-9]+|-?[0-9]+)$/.test(part)) fail();
      const value = Number(part);
      if (!Number.isSafeInteger(value)) fail();  // the page's range: int64 in C++
      return value;
    });
  }

  // value_parsing.cpp broadcast_to_dims.
  function broadcast(values, dims, option) {
    if (values.length === dims) return values;
    if (values.length === 1) return new Array(dims).fill(values[0]);
    if (dims === 1) throw new ParameterError(option + " needs 1 value for a 1-D input, got " + values.length);
    throw new ParameterError(option + " needs 1 or " + dims + " values (one per spatial dimension), got " + values.length);
  }

  function requireAtLeast(value, minimum, name, axis, dims) {
    if (value < minimum) {
      throw new ParameterError(name + " must be >= " + minimum + ", got " + value + axisLabel(axis, dims));
    }
  }

  // conv_params.cpp validate_conv_params, for axes {kernel, stride, dilation, padBegin, padEnd,
  // outputPadding} and the input's spatial sizes.
  function validateConvParams(axes, groups, inputSpatial) {
    const dims = axes.length;
    if (dims < 1 || dims > 3) throw new ParameterError("tconv supports 1 to 3 spatial dimensions, got " + dims);
    requireAtLeast(groups, 1, "groups", 0, 1);
    for (let a = 0; a < dims; ++a) {
      const axis = axes[a];
      requireAtLeast(axis.kernel, 1, "kernel_size", a, dims);
      requireAtLeast(axis.stride, 1, "stride", a, dims);
      requireAtLeast(axis.dilation, 1, "dilation", a, dims);
      requireAtLeast(axis.outputPadding, 0, "output_padding", a, dims);
      requireAtLeast(inputSpatial[a], 1, "input size", a, dims);
      const input = inputSpatial[a];
      const out = outputSize(axis, input);
      if (out < 1) {
        throw new ParameterError("output size must be >= 1, got " + out + axisLabel(a, dims) + ": (" + input + "-1)*" +
          axis.stride + " - " + (axis.padBegin + axis.padEnd) + " (padding) + " + axis.dilation + "*(" + axis.kernel +
          "-1) + " + axis.outputPadding + " + 1");
      }
    }
  }

  function dilatedKernel(axis) { return axis.dilation * (axis.kernel - 1) + 1; }
  function fullExtent(axis, input) { return (input - 1) * axis.stride + dilatedKernel(axis) + axis.outputPadding; }
  function outputSize(axis, input) { return fullExtent(axis, input) - axis.padBegin - axis.padEnd; }

  // layer_spec.cpp resolve_layer for PyTorch's parameters: spec {kernel, stride, padding,
  // outputPadding, dilation} (arrays of dims values; stride/padding/outputPadding/dilation may
  // be null for the default), groups. Returns the axes; throws the CLI's messages.
  function resolveLayer(spec, inputSpatial) {
    const dims = inputSpatial.length;
    const nonNegative = (values, name) => {
      (values || []).forEach((value, i) => {
        if (value < 0) throw new ParameterError(name + " must be >= 0, got " + value + axisLabel(i, dims));
      });
    };
    nonNegative(spec.padding, "padding");
    nonNegative(spec.outputPadding, "output_padding");
    const axes = [];
    for (let a = 0; a < dims; ++a) {
      const pad = spec.padding ? spec.padding[a] : 0;
      axes.push({
        kernel: spec.kernel[a],
        stride: spec.stride ? spec.stride[a] : 1,
        dilation: spec.dilation ? spec.dilation[a] : 1,
        outputPadding: spec.outputPadding ? spec.outputPadding[a] : 0,
        padBegin: pad,
        padEnd: pad,
      });
    }
    const groups = spec.groups || 1;
    validateConvParams(axes.map((x) => ({ ...x, padBegin: 0, padEnd: 0, outputPadding: 0 })), groups, inputSpatial);
    axes.forEach((axis, a) => {
      if (axis.outputPadding >= axis.stride && axis.outputPadding >= axis.dilation) {
        throw new ParameterError("output_padding must be smaller than either stride or dilation, got output_padding " +
          axis.outputPadding + ", stride " + axis.stride + ", dilation " + axis.dilation + axisLabel(a, dims));
      }
    });
    return { axes, groups };
  }

  function product(values) { return values.reduce((p, v) => p * v, 1); }

  // engine.cpp check_conv_shapes, with its messages.
  function checkShapes(inputShape, weightShape, biasSize, layer) {
    const dims = layer.axes.length;
    const shapeText = (shape) => shape.join("x");  // core/tensor.hpp shape_to_string
    if (inputShape.length !== dims + 2) {
      throw new ParameterError("input must have shape (N, Cin, " + dims + " spatial sizes), got " + shapeText(inputShape));
    }
    const inChannels = inputShape[1];
    if (layer.groups < 1) throw new ParameterError("groups must be >= 1, got " + layer.groups);
    if (inputShape[0] < 1 || inChannels < 1) throw new ParameterError("input must not be empty, got shape " + shapeText(inputShape));
    if (inChannels % layer.groups !== 0) {
      throw new ParameterError("groups must divide the input channels: " + inChannels + " input channels, groups " + layer.groups);
    }
    let fits = weightShape.length === dims + 2 && weightShape[0] === inChannels && weightShape[1] >= 1;
    for (let a = 0; fits && a < dims; ++a) fits = weightShape[a + 2] === layer.axes[a].kernel;
    if (!fits) {
      throw new ParameterError("weight must have shape (" + inChannels + ", Cout/groups" +
        layer.axes.map((axis) => ", " + axis.kernel).join("") + ") = (Cin, Cout/groups, kernel...), got " + shapeText(weightShape));
    }
    const outChannels = weightShape[1] * layer.groups;
    if (biasSize >= 0 && biasSize !== outChannels) {
      throw new ParameterError("bias must have one value per output channel: expected " + outChannels + ", got " + biasSize);
    }
    const inputSpatial = inputShape.slice(2);
    validateConvParams(layer.axes, layer.groups, inputSpatial);
    return {
      batch: inputShape[0], inChannels, outChannels, inputSpatial,
      outputSpatial: layer.axes.map((axis, a) => outputSize(axis, inputSpatial[a])),
      dims,
    };
  }

  // Row-major index -> coordinates in a shape.
  function unravel(flat, shape) {
    const index = new Array(shape.length);
    for (let d = shape.length - 1; d >= 0; --d) {
      index[d] = flat % shape[d];
      flat = Math.floor(flat / shape[d]);
    }
    return index;
  }

  // The reference loop. input/weight: {shape, data}; bias: array or null; dtype "float32" or
  // "float64". observer: optional {beginStep(step), update(u), endStep(), addBias(n, oc, b)},
  // with the fields of core/step_record.hpp (camelCase). Returns {shape, data} of the output.
  function convTranspose(input, weight, bias, layer, dtype, observer) {
    const round = dtype === "float64" ? (v) => v : Math.fround;
    const shapes = checkShapes(input.shape, weight.shape, bias ? bias.length : -1, layer);
    const x = Array.from(input.data, round);
    const w = Array.from(weight.data, round);
    const b = bias ? Array.from(bias, round) : null;
    const dims = shapes.dims;
    const kernelShape = layer.axes.map((axis) => axis.kernel);
    const taps = product(kernelShape);
    const inPlane = product(shapes.inputSpatial);
    const outPlane = product(shapes.outputSpatial);
    const cinPerGroup = shapes.inChannels / layer.groups;
    const coutPerGroup = shapes.outChannels / layer.groups;
    const out = new Array(shapes.batch * shapes.outChannels * outPlane).fill(0);
    const tapIndex = [];
    for (let t = 0; t < taps; ++t) tapIndex.push(unravel(t, kernelShape));
    let stepNumber = 0;
    for (let n = 0; n < shapes.batch; ++n) {
      for (let ic = 0; ic < shapes.inChannels; ++ic) {
        const group = Math.floor(ic / cinPerGroup);
        for (let p = 0; p < inPlane; ++p) {
          const position = unravel(p, shapes.inputSpatial);
          const value = x[(n * shapes.inChannels + ic) * inPlane + p];
          if (observer) observer.beginStep({ number: ++stepNumber, batch: n, inChannel: ic, position, value });
          for (let ocg = 0; ocg < coutPerGroup; ++ocg) {
            const oc = group * coutPerGroup + ocg;
            const wBase = (ic * coutPerGroup + ocg) * taps;
            const outBase = (n * shapes.outChannels + oc) * outPlane;
            for (let t = 0; t < taps; ++t) {
              const tap = tapIndex[t];
              const uncropped = new Array(dims), output = new Array(dims);
              let inside = true, flat = 0;
              for (let d = 0; d < dims; ++d) {
                const axis = layer.axes[d];
                uncropped[d] = position[d] * axis.stride + tap[d] * axis.dilation;
                output[d] = uncropped[d] - axis.padBegin;
                if (output[d] < 0 || output[d] >= shapes.outputSpatial[d]) inside = false;
                flat = flat * shapes.outputSpatial[d] + output[d];
              }
              const weightValue = w[wBase + t];
              const prod = round(value * weightValue);
              if (inside) out[outBase + flat] = round(out[outBase + flat] + prod);
              if (observer) {
                observer.update({
                  outChannel: oc, tap, weight: weightValue, uncropped, output, cropped: !inside, product: prod,
                  total: inside ? out[outBase + flat] : 0,
                });
              }
            }
          }
          if (observer && observer.endStep) observer.endStep();
        }
      }
      if (b) {
        for (let oc = 0; oc < shapes.outChannels; ++oc) {
          const outBase = (n * shapes.outChannels + oc) * outPlane;
          for (let i = 0; i < outPlane; ++i) out[outBase + i] = round(out[outBase + i] + b[oc]);
          if (observer && observer.addBias) observer.addBias(n, oc, b[oc]);
        }
      }
    }
    return { shape: [shapes.batch, shapes.outChannels, ...shapes.outputSpatial], data: out };
  }

  // A convenience observer: the steps as plain objects {number, batch, inChannel, position,
  // value, updates: [...]} and the biases {batch, outChannel, value}.
  function recordSteps() {
    const record = { steps: [], biases: [] };
    record.beginStep = (step) => record.steps.push({ ...step, updates: [] });
    record.update = (u) => record.steps[record.steps.length - 1].updates.push(u);
    record.endStep = () => {};
    record.addBias = (batch, outChannel, value) => record.biases.push({ batch, outChannel, value });
    return record;
  }

  // The shortest text that reads back to the same value in the dtype (io/number_format's rule
  // for the page's numbers; integers without a decimal point).
  function formatNumber(value, dtype) {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    if (Object.is(value, -0)) return "-0";
    for (let digits = 1; digits <= 17; ++digits) {
      const text = value.toPrecision(digits);
      const back = Number(text);
      if ((dtype === "float64" ? back : Math.fround(back)) === value) return String(back);
    }
    return String(value);
  }

  root.TconvEngine = {
    ParameterError, axisLabel, parseIntList, broadcast, validateConvParams, resolveLayer, checkShapes,
    convTranspose, recordSteps, formatNumber, dilatedKernel, fullExtent, outputSize, unravel,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
