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

  // layer_spec.cpp: the conventions' names (describe_convention).
  function describeConvention(convention, autoPad, tfPadding) {
    switch (convention) {
      case "pytorch-output-size": return "pytorch output_size";
      case "onnx-pads": return "onnx pads";
      case "onnx-auto-pad": return "onnx auto_pad " + autoPad;
      case "onnx-output-shape": return autoPad === "notset" ? "onnx output_shape" : "onnx auto_pad " + autoPad + ", output_shape";
      case "tf-output-shape": return "tf padding " + tfPadding + ", output_shape";
      case "keras": return "keras padding " + tfPadding;
      default: return "pytorch padding";
    }
  }

  // "crops 1 at the start and adds 1 zero cell at the end" (layer_spec.cpp describe_crop).
  function describeCrop(begin, end) {
    const side = (pad, where) => (pad > 0 ? "crops " + pad + " at the " + where
      : pad < 0 ? "adds " + -pad + (pad === -1 ? " zero cell" : " zero cells") + " at the " + where : "");
    const first = side(begin, "start"), second = side(end, "end");
    if (!first && !second) return "crops nothing";
    return !first ? second : !second ? first : first + " and " + second;
  }

  // C++ integer division truncates toward zero; the totals halved here are >= 0 except where
  // Python's floor division is meant (floorHalf).
  const half = (total) => Math.trunc(total / 2);
  const floorHalf = (total) => Math.floor(total / 2);

  // layer_spec.cpp resolve_onnx: ONNX as ONNX Runtime runs it, with a "runtime-disagreement"
  // note where ONNX's reference implementation gives other values.
  function resolveOnnx(spec, inputSpatial, resolved) {
    const dims = spec.dims;
    const hasShape = !!spec.outputShape;
    const same = spec.autoPad === "same-upper" || spec.autoPad === "same-lower";
    resolved.convention = same || (!hasShape && spec.autoPad === "valid") ? "onnx-auto-pad" : hasShape ? "onnx-output-shape" : "onnx-pads";
    resolved.axes.forEach((axis, a) => {
      const input = inputSpatial[a];
      const full = fullExtent(axis, input);
      const where = axisLabel(a, dims);
      const givenBegin = axis.padBegin, givenEnd = axis.padEnd;
      let text = "";
      if (hasShape) {
        const wanted = spec.outputShape[a];
        const total = full - wanted;
        axis.padBegin = total < 0 ? 0 : spec.autoPad === "same-upper" ? half(total) : total - half(total);
        axis.padEnd = total - axis.padBegin;
        const largest = full - axis.outputPadding + axis.stride - 1;
        if (wanted > largest) {
          throw new ParameterError("output_shape " + wanted + " is too large" + where +
            ": ONNX Runtime accepts at most (in-1)*stride + dilation*(kernel-1) + stride = " + largest +
            " here (the matching Conv must map it back to " + input + ")");
        }
        if (givenBegin !== 0 || givenEnd !== 0) text = "; ONNX's text ignores pads when output_shape is given, as ONNX Runtime does";
        else if (total >= 0) text = "; ONNX's text derives the pads from output_shape, as ONNX Runtime does";
        else text = "; ONNX's text asks for a negative padding here";
      } else if (same) {
        const target = input * axis.stride;
        const total = Math.max(0, full - target);
        axis.padBegin = spec.autoPad === "same-upper" ? half(total) : total - half(total);
        axis.padEnd = total - axis.padBegin;
        text = "; ONNX's text asks for in*stride = " + target + " cells, which needs a negative padding it does not place";
      } else if (spec.autoPad === "valid") {
        axis.padBegin = axis.padEnd = 0;
      }
      // ONNX's reference implementation (onnx/reference/ops/op_conv_transpose.py).
      let refBegin = givenBegin, refOutput = hasShape ? spec.outputShape[a] : full - givenBegin - givenEnd;
      if (same) {
        refOutput = hasShape ? spec.outputShape[a] : input * axis.stride;
        const total = full - refOutput;
        refBegin = spec.autoPad === "same-upper" ? floorHalf(total) : total - floorHalf(total);
      }
      const output = full - axis.padBegin - axis.padEnd;
      if (refBegin !== axis.padBegin || refOutput !== output) {
        resolved.notes.push({ kind: "runtime-disagreement", message: "ONNX runtimes disagree on this layer" + where +
          ": ONNX Runtime (followed here) gives " + output + " cells and " + describeCrop(axis.padBegin, axis.padEnd) +
          "; ONNX's reference implementation gives " + refOutput + " cells and " + describeCrop(refBegin, full - refBegin - refOutput) + text });
      }
    });
  }

  // layer_spec.cpp resolve_tf: TensorFlow's output_shape rule, or Keras' output length.
  function resolveTf(spec, inputSpatial, resolved) {
    const dims = spec.dims;
    const valid = spec.tfPadding === "valid";
    resolved.convention = spec.outputShape ? "tf-output-shape" : "keras";
    resolved.axes.forEach((axis, a) => {
      const where = axisLabel(a, dims);
      const input = inputSpatial[a], stride = axis.stride, kernel = dilatedKernel(axis);
      const full = fullExtent(axis, input) - axis.outputPadding;
      const lowest = valid ? full : (input - 1) * stride + 1;
      const highest = valid ? full + stride - 1 : input * stride;
      const accepted = "TensorFlow accepts " + (valid ? "(in-1)*stride + K' .. + stride-1 = " : "(in-1)*stride+1 .. in*stride = ") +
        lowest + ".." + highest + " (K' = dilation*(kernel-1)+1)";
      let output;
      if (spec.outputShape) {
        output = spec.outputShape[a];
        if (output < lowest || output > highest) {
          throw new ParameterError("output_shape " + output + " does not fit tf padding " + spec.tfPadding + where + ": " + accepted);
        }
      } else if (spec.outputPadding) {
        output = (input - 1) * stride + (valid ? kernel : kernel % 2) + axis.outputPadding;
        if (output < lowest) {
          throw new ParameterError("Keras padding same with output_padding " + axis.outputPadding +
            " gives (in-1)*stride + K' % 2 + output_padding = " + output + where + ", which TensorFlow refuses: " + accepted);
        }
      } else {
        output = valid ? (input - 1) * stride + Math.max(stride, kernel) : highest;
      }
      axis.outputPadding = 0;
      axis.padBegin = valid ? 0 : half(Math.max(0, full - output));
      axis.padEnd = full - axis.padBegin - output;
    });
  }

  // layer_spec.cpp resolve_layer. spec: {kernel, stride, dilation, padding, outputPadding,
  // pads (all begins, then all ends), autoPad ("notset", "same-upper", "same-lower", "valid"),
  // tfPadding ("none", "same", "valid"), outputSize, outputShape, groups}; every list null
  // (not given) or one value per spatial dimension (pads: two). Returns {axes, groups,
  // convention, notes}: axes {kernel, stride, dilation, outputPadding, padBegin, padEnd};
  // convention as describeConvention names it; notes [{kind, message}]. Throws the CLI's
  // messages in the CLI's order.
  function resolveLayer(spec, inputSpatial) {
    const dims = inputSpatial.length;
    spec = { autoPad: "notset", tfPadding: "none", ...spec, dims };
    const given = (values) => values !== null && values !== undefined;
    const checkLength = (values, expected, name) => {
      if (given(values) && values.length !== expected) {
        throw new ParameterError(name + " needs " + expected + " values for this layer, got " + values.length + " (" + values.join(",") + ")");
      }
    };
    for (const [key, name] of [["kernel", "kernel_size"], ["stride", "stride"], ["dilation", "dilation"], ["padding", "padding"],
      ["outputPadding", "output_padding"]]) checkLength(spec[key], dims, name);
    checkLength(spec.pads, 2 * dims, "pads (all begins, then all ends)");
    checkLength(spec.outputSize, dims, "output_size");
    checkLength(spec.outputShape, dims, "output_shape");

    const together = (a, nameA, b, nameB) => {
      if (a && b) throw new ParameterError(nameA + " and " + nameB + " cannot be used together: they are two conventions for the same padding");
    };
    const hasPadding = given(spec.padding), hasPads = given(spec.pads), hasAuto = spec.autoPad !== "notset";
    const hasSize = given(spec.outputSize), hasShape = given(spec.outputShape), hasOutPad = given(spec.outputPadding);
    const hasTf = spec.tfPadding !== "none";
    together(hasPadding, "padding", hasPads, "pads");
    together(hasPadding, "padding", hasAuto, "auto_pad");
    together(hasPads, "pads", hasAuto, "auto_pad");
    together(hasSize, "output_size", hasShape, "output_shape");
    together(hasSize, "output_size", hasOutPad, "output_padding");
    together(hasSize, "output_size", hasPads || hasAuto, "ONNX padding (use output_shape)");
    together(hasShape, "output_shape", hasPadding, "padding (use pads)");
    together(hasTf, "tf_padding", hasPadding, "padding");
    together(hasTf, "tf_padding", hasPads, "pads");
    together(hasTf, "tf_padding", hasAuto, "auto_pad");
    together(hasTf, "tf_padding", hasSize, "output_size");
    together(hasTf && hasShape, "output_shape (tf.nn.conv2d_transpose)", hasOutPad, "output_padding (Keras)");

    const nonNegative = (values, name, beginEnd) => {
      (values || []).forEach((value, i) => {
        if (value < 0) throw new ParameterError(name + " must be >= 0, got " + value + axisLabel(beginEnd ? i % dims : i, dims));
      });
    };
    nonNegative(spec.padding, "padding", false);
    nonNegative(spec.pads, "pads", true);
    nonNegative(spec.outputPadding, "output_padding", false);

    const valueOr = (values, a, fallback) => (given(values) ? values[a] : fallback);
    const resolved = { groups: spec.groups || 1, convention: "pytorch", notes: [], axes: [] };
    for (let a = 0; a < dims; ++a) {
      const pad = valueOr(spec.padding, a, 0);
      resolved.axes.push({
        kernel: spec.kernel[a], stride: valueOr(spec.stride, a, 1), dilation: valueOr(spec.dilation, a, 1),
        outputPadding: valueOr(spec.outputPadding, a, 0),
        padBegin: hasPads ? spec.pads[a] : pad, padEnd: hasPads ? spec.pads[a + dims] : pad,
      });
    }
    validateConvParams(resolved.axes.map((x) => ({ ...x, padBegin: 0, padEnd: 0, outputPadding: 0 })), resolved.groups, inputSpatial);
    const onnx = !hasTf && (hasPads || hasAuto || hasShape);
    resolved.axes.forEach((axis, a) => {
      const values = ", got output_padding " + axis.outputPadding + ", stride " + axis.stride;
      if (hasTf && axis.outputPadding >= axis.stride) {
        throw new ParameterError("output_padding must be smaller than stride for Keras" + values + axisLabel(a, dims));
      }
      if (onnx && axis.outputPadding >= axis.stride) {
        throw new ParameterError("output_padding must be smaller than stride for ONNX (ONNX Runtime refuses it even below the dilation)" +
          values + axisLabel(a, dims));
      }
      if (axis.outputPadding >= axis.stride && axis.outputPadding >= axis.dilation) {
        throw new ParameterError("output_padding must be smaller than either stride or dilation" + values + ", dilation " + axis.dilation +
          axisLabel(a, dims));
      }
    });
    validateConvParams(resolved.axes.map((x) => ({ ...x, padBegin: 0, padEnd: 0 })), resolved.groups, inputSpatial);
    (spec.outputShape || []).forEach((value, i) => {
      if (value < 1) throw new ParameterError("output_shape must be >= 1, got " + value + axisLabel(i, dims));
    });

    if (hasSize) {
      resolved.convention = "pytorch-output-size";
      resolved.axes.forEach((axis, a) => {
        const minimum = outputSize(axis, inputSpatial[a]);  // may be < 1: PyTorch allows that here
        const maximum = minimum + axis.stride - 1;
        const wanted = spec.outputSize[a];
        if (wanted < minimum || wanted > maximum) {
          throw new ParameterError("output_size " + wanted + " is not reachable" + axisLabel(a, dims) +
            ": with these parameters the output size is " + (minimum === maximum ? minimum : "between " + minimum + " and " + maximum));
        }
        axis.outputPadding = wanted - minimum;
      });
    } else if (hasTf) {
      resolveTf(spec, inputSpatial, resolved);
    } else if (onnx) {
      resolveOnnx(spec, inputSpatial, resolved);
    }
    validateConvParams(resolved.axes, resolved.groups, inputSpatial);
    resolved.description = describeConvention(resolved.convention, spec.autoPad, spec.tfPadding);
    return resolved;
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
  // for the page's numbers; integers without a decimal point; nan, inf, -inf as the CLI prints them).
  function formatNumber(value, dtype) {
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    if (Object.is(value, -0)) return "-0";
    for (let digits = 1; digits <= 17; ++digits) {
      const text = value.toPrecision(digits);
      const back = Number(text);
      if ((dtype === "float64" ? back : Math.fround(back)) === value) return String(back);
    }
    return String(value);
  }

  // A value of the page's data: a JSON number, or one of the strings io/number_format.hpp
  // writes for the values JSON has no number for. Anything else is a bug of the writer.
  const nonFinite = new Map([["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]]);
  function fromJsonNumber(value) {
    if (typeof value === "number") return value;
    if (nonFinite.has(value)) return nonFinite.get(value);
    throw new Error("not a number in the page's data: " + JSON.stringify(value));
  }

  root.TconvEngine = {
    ParameterError, axisLabel, parseIntList, broadcast, validateConvParams, resolveLayer, checkShapes,
    convTranspose, recordSteps, formatNumber, fromJsonNumber, describeConvention, describeCrop, dilatedKernel, fullExtent, outputSize, unravel,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
