// The explorer's page: reads the layer tconv wrote into #tconv-data, runs engine.js on it and
// draws the views as observers of the engine's step stream (every number on the page is a
// value, a product or a running total the stream reported). Re-runs on every parameter edit.
//
// Hooks for tests/browser: window.tconvExplorer.{state(), setParameter(name, text), ...} and
// data attributes on the cells (data-u "row,col": uncropped output coordinate of the drawn
// output channel; data-in "row,col": input position; data-tap "row,col": kernel tap; data-ic:
// the input channel of an input cell or a tap).
"use strict";
(function () {
  const E = window.TconvEngine;
  const data = JSON.parse(document.getElementById("tconv-data").textContent);
  // NaN and ±Infinity arrive as the strings "NaN", "Infinity", "-Infinity" (tconv's JSON encoding).
  for (const key of ["input", "weight", "bias"]) if (data[key] !== null) data[key] = data[key].map(E.fromJsonNumber);
  const $ = (id) => document.getElementById(id);
  const fmt = (v) => E.formatNumber(v, "float32");

  // The page's layer: field texts as typed (the CLI's flag syntax) and the tensors. In the
  // CLI's parsing order (cli/layer_options.cpp to_layer_spec). conv: the padding conventions
  // that show the field; a field of another convention is a flag not given.
  const fields = [
    { id: "input-size", option: "--input-size", allowX: true },
    { id: "kernel-size", option: "--kernel-size", allowX: false },
    { id: "stride", option: "--stride", allowX: false, optional: true },
    { id: "padding", option: "--padding", allowX: false, optional: true, conv: ["pytorch"] },
    { id: "output-padding", option: "--output-padding", allowX: false, optional: true },
    { id: "dilation", option: "--dilation", allowX: false, optional: true },
    { id: "pads", option: "--pads", allowX: false, optional: true, conv: ["onnx"], pads: true },
    { id: "output-size", option: "--output-size", allowX: true, optional: true, conv: ["pytorch"] },
    { id: "output-shape", option: "--output-shape", allowX: true, optional: true, conv: ["onnx", "tf"] },
  ];
  const choices = [  // the CLI's --auto-pad and --tf-padding (select menus: always valid)
    { id: "auto-pad", option: "--auto-pad", conv: ["onnx"], fallback: "notset" },
    { id: "tf-padding", option: "--tf-padding", conv: ["tf"] },
  ];
  const sizeText = (values) => values.join("x");
  const listText = (values) => (values.every((v) => v === values[0]) ? String(values[0]) : values.join(","));
  const givenSpec = data.spec;  // the layer as the command line gave it: null where a flag was not given
  const optionalText = (values, text) => (values === null ? "" : text(values));
  const initialTexts = {
    "input-size": sizeText(data.inputSize),
    "kernel-size": listText(data.kernel),
    stride: listText(data.stride),
    dilation: listText(data.dilation),
    padding: optionalText(givenSpec.padding, listText),
    "output-padding": optionalText(givenSpec.outputPadding, listText),
    pads: optionalText(givenSpec.pads, listText),
    "output-size": optionalText(givenSpec.outputSize, sizeText),
    "output-shape": optionalText(givenSpec.outputShape, sizeText),
    "auto-pad": givenSpec.autoPad,
    "tf-padding": givenSpec.tfPadding === "none" ? "same" : givenSpec.tfPadding,
    convention: givenSpec.tfPadding !== "none" ? "tf" : givenSpec.pads !== null || givenSpec.autoPad !== "notset" ||
      (givenSpec.outputShape !== null) ? "onnx" : "pytorch",
  };
  if (initialTexts.convention === "pytorch" && initialTexts.padding === "") initialTexts.padding = "0";
  if (initialTexts.convention === "pytorch" && initialTexts["output-padding"] === "") initialTexts["output-padding"] = "0";

  // Values: the givenSpec tensors while their shapes stay; a generator the CLI knows after a shape
  // edit (cli/tensor_generators.cpp: ones; arange = 1, 2, 3, ... row-major over the whole
  // tensor, batch and channels included, so --batch/--in-channels/--out-channels reproduce it).
  const isOnes = (values) => values.every((v) => v === 1);
  const isArange = (values) => values.every((v, i) => v === i + 1);
  const valueSource = (values) => (isOnes(values) ? "ones" : isArange(values) ? "arange" : "data");
  const source = { input: valueSource(data.input), weight: valueSource(data.weight), bias: data.bias === null ? "none" : valueSource(data.bias) };
  const given = { input: [data.inputShape, data.input], weight: [data.weightShape, data.weight], bias: [[data.bias ? data.bias.length : 0], data.bias] };
  function generatorName(kind, shape) {
    if (source[kind] === "ones") return "ones";
    if (source[kind] === "arange" || shape.join() !== given[kind][0].join()) return "arange";
    return null;
  }
  function valuesFor(kind, shape) {
    const count = shape.reduce((p, v) => p * v, 1);
    const name = generatorName(kind, shape);
    if (name === "ones") return new Array(count).fill(1);
    if (name === "arange") return Array.from({ length: count }, (_, i) => i + 1);
    return given[kind][1].slice();
  }

  // Batch, channels and groups (the flags --batch, --in-channels, --out-channels, -g).
  const channelFields = [
    { id: "batch", option: "--batch", fallback: 1 },
    { id: "in-channels", option: "--in-channels", fallback: 1 },
    { id: "out-channels", option: "--out-channels", fallback: null },  // default: groups
    { id: "groups", option: "--groups", fallback: 1 },
  ];
  initialTexts.batch = String(data.inputShape[0]);
  initialTexts["in-channels"] = String(data.inputShape[1]);
  initialTexts["out-channels"] = String(data.weightShape[1] * data.groups);
  initialTexts.groups = String(data.groups);
  // The page draws the input channels of one group side by side: more would not be legible
  // (explorer_page.hpp kMaxChannelsDrawn, which tconv animate --html checks too).
  const maxChannelsDrawn = data.maxChannelsDrawn;

  const state = {
    slice: { batch: data.batchIndex, outChannel: data.outChannel },  // the drawn batch item and output channel
    texts: { ...initialTexts },
    view: data.view,
    frame: 1,
    playing: null,
    layer: null,   // the last valid layer: {dims, inSize, kernel, axes, input, weight, bias, ...}
    error: null,
  };

  // ---- Parsing the fields exactly as the CLI parses its flags ---------------------------------
  // In the CLI's order: the input's size and the kernel's while the tensors are generated
  // (cli/tensor_inputs.cpp), then the layer flags (cli/layer_options.cpp), then the layer's
  // rules (core/layer_spec.cpp), then the pictures' size limit; the values last, so that no
  // size is allocated before it passed every check.
  const shown = (field) => !field.conv || field.conv.includes(state.texts.convention);
  // cli/tensor_inputs.cpp decide_spatial_rank, for the page's layer of rank data.dims (its
  // command carries --dims): every list that says another rank is refused with both named, the
  // lists parsed in the CLI's order (--input-size, -k, -s, -p, -d, --output-padding, --pads).
  function checkRank(dims) {
    const lists = [["input-size", "--input-size", "--input-size", 1], ["kernel-size", "-k", "--kernel-size", 1],
      ["stride", "-s", "--stride", 1], ["padding", "-p", "--padding", 1], ["dilation", "-d", "--dilation", 1],
      ["output-padding", "--output-padding", "--output-padding", 1], ["pads", "--pads", "--pads", 2]];
    const claims = [];  // every list is parsed before any rank is compared, as in the CLI
    for (const [id, shown_, name, perDim] of lists) {
      const field = fields.find((f) => f.id === id);
      const text = state.texts[id].trim();
      if (text === "" || !shown(field)) continue;
      const count = E.parseIntList(text, name, field.allowX).length;
      if (count > 1 && count % perDim === 0) claims.push({ rank: count / perDim, source: shown_ + " " + text });
    }
    for (const claim of claims) {
      if (claim.rank !== dims) {
        throw new E.ParameterError("--dims " + dims + " gives a " + dims + "-D layer but " + claim.source + " gives " +
          claim.rank + "-D");
      }
    }
  }
  function readLayer() {
    const dims = data.dims;
    const channels = readChannels();
    checkRank(dims);
    // An empty or hidden optional field is a flag not given (null): the default.
    const get = (field) => {
      const text = state.texts[field.id].trim();
      if (field.optional && (text === "" || !shown(field))) return null;
      const values = E.parseIntList(text, field.option, field.allowX);
      if (field.pads) return values.length === 1 ? new Array(2 * dims).fill(values[0]) : values;  // --pads 1: every side
      return E.broadcast(values, dims, field.option);
    };
    const inputSize = get(fields[0]);
    if (inputSize.some((v) => v < 1)) {
      throw new E.ParameterError("--input-size must be >= 1 in every dimension, got " + state.texts["input-size"].trim());
    }
    const kernel = get(fields[1]);
    if (kernel.some((v) => v < 1)) {
      throw new E.ParameterError("kernel size must be >= 1, got " + state.texts["kernel-size"].trim());
    }
    checkOutChannels(channels);
    const [stride, padding, outputPadding, dilation, pads, outputSize, outputShape] = fields.slice(2).map(get);
    const choice = (c) => (shown(c) ? state.texts[c.id] : c.fallback || "none");
    const spec = { kernel, stride, padding, outputPadding, dilation, pads, outputSize, outputShape,
      autoPad: choice(choices[0]), tfPadding: choice(choices[1]), groups: 1 };
    const resolved = E.resolveLayer(spec, inputSize);
    const layer = { dims, inputSize, kernel, spec, axes: resolved.axes, convention: resolved.description, notes: resolved.notes };
    checkInChannels(Object.assign(layer, channels));  // groups >= 1 was checked by readChannels
    // The picture limit of tconv animate (render/picture_limits.cpp).
    const rows = planeAxes(layer);
    const largest = Math.max(rows[0].in, rows[1].in, rows[0].grid.count, rows[1].grid.count,
      rows[0].out + E.dilatedKernel(rows[0].params) - 1, rows[1].out + E.dilatedKernel(rows[1].params) - 1);
    if (largest > data.maxCellsASide) {
      throw new E.ParameterError("a grid of " + largest + " cells a side is too large to draw (at most " + data.maxCellsASide +
        " in every style); use a smaller input");
    }
    setValues(layer);
    return layer;
  }

  // The counts, parsed and checked as cli/integer_options.cpp and cli/tensor_inputs.cpp do (the
  // counts first, then groups). An empty field is the flag not given.
  function readChannels() {
    const values = {};
    for (const field of channelFields) {
      const text = state.texts[field.id].trim();
      if (text === "") {
        values[field.id] = field.fallback;
        continue;
      }
      if (!/^[+-]?[0-9]+$/.test(text)) throw new E.ParameterError(field.option + " expects an integer, got '" + text + "'");
      values[field.id] = Number(text);
      if (!Number.isSafeInteger(values[field.id])) throw new E.ParameterError(field.option + " " + text + " is out of range");
    }
    for (const id of ["in-channels", "out-channels", "batch"]) {
      if (values[id] !== null && values[id] < 1) throw new E.ParameterError("--" + id + " must be >= 1, got " + values[id]);
    }
    if (values.groups < 1) throw new E.ParameterError("groups must be >= 1, got " + values.groups);
    const groups = values.groups;
    return { batch: values.batch, inChannels: values["in-channels"], outChannels: values["out-channels"] === null ? groups : values["out-channels"],
      outChannelsGiven: values["out-channels"] !== null, groups };
  }
  // cli/tensor_inputs.cpp, when the weight is generated.
  function checkOutChannels(channels) {
    if (channels.outChannels % channels.groups !== 0) {
      throw new E.ParameterError("groups must divide the output channels: --out-channels " + channels.outChannels + ", groups " + channels.groups);
    }
  }
  // core/engine.cpp check_conv_shapes (tconv animate meets it before the pictures' limit), and
  // the page's own limit on the input channels drawn side by side.
  function checkInChannels(layer) {
    E.checkShapes([layer.batch, layer.inChannels, ...layer.inputSize], [layer.inChannels, layer.outChannels / layer.groups, ...layer.kernel],
      -1, { axes: layer.axes, groups: layer.groups });
    if (layer.inChannels / layer.groups > maxChannelsDrawn) {
      throw new E.ParameterError("the page draws the input channels of a group side by side, at most " + maxChannelsDrawn + ", got " +
        layer.inChannels / layer.groups + " (" + layer.inChannels + " input channels, groups " + layer.groups + ")");
    }
  }
  // The tensors of the layer: the given ones while their shapes stay, else the CLI's generators.
  function setValues(layer) {
    layer.inputShape = [layer.batch, layer.inChannels, ...layer.inputSize];
    layer.weightShape = [layer.inChannels, layer.outChannels / layer.groups, ...layer.kernel];
    layer.input = valuesFor("input", layer.inputShape);
    layer.weight = valuesFor("weight", layer.weightShape);
    layer.bias = source.bias === "none" ? null : valuesFor("bias", [layer.outChannels]);
  }

  // render/output_grid.cpp make_grid_axis, for a plane axis {in, out, params}.
  function gridAxis(axis) {
    const p = axis.params;
    const g = {};
    g.reachEnd = E.fullExtent(p, axis.in) - p.outputPadding;
    g.keepBegin = p.padBegin;
    g.keepEnd = p.padBegin + axis.out;
    g.addedBegin = Math.max(g.keepBegin, g.reachEnd - p.padEnd);
    g.addedEnd = Math.max(g.addedBegin, Math.min(g.keepEnd, g.reachEnd - p.padEnd + p.outputPadding));
    g.first = Math.min(0, g.keepBegin);
    g.count = Math.max(g.reachEnd, g.keepEnd) - g.first;
    return g;
  }

  // The two plane axes (rows, cols); a 1-D layer is one row.
  function planeAxes(layer) {
    const one = { kernel: 1, stride: 1, dilation: 1, padBegin: 0, padEnd: 0, outputPadding: 0 };
    const axes = layer.dims === 1 ? [{ in: 1, params: one }, { in: layer.inputSize[0], params: layer.axes[0] }]
      : [0, 1].map((a) => ({ in: layer.inputSize[a], params: layer.axes[a] }));
    for (const axis of axes) {
      axis.out = E.outputSize(axis.params, axis.in);
      axis.grid = gridAxis(axis);
    }
    return axes;
  }

  // ---- The run: the engine's stream, kept per step and per output cell ------------------------
  // The whole layer runs; the pictures keep the slice (render/slice_trace.hpp): the steps of
  // the drawn batch item over the input channels of the drawn output channel's group, in the
  // engine's order (renumbered 1..S), their updates into that output channel.
  function run(layer) {
    const record = E.recordSteps();
    const output = E.convTranspose({ shape: layer.inputShape, data: layer.input }, { shape: layer.weightShape, data: layer.weight },
      layer.bias, { axes: layer.axes, groups: layer.groups }, "float32", record);
    const slice = {
      batch: Math.min(state.slice.batch, layer.batch - 1), outChannel: Math.min(state.slice.outChannel, layer.outChannels - 1),
    };
    state.slice = slice;
    const cinPerGroup = layer.inChannels / layer.groups, coutPerGroup = layer.outChannels / layer.groups;
    const group = Math.floor(slice.outChannel / coutPerGroup);
    const channels = Array.from({ length: cinPerGroup }, (_, i) => group * cinPerGroup + i);
    const rc = (index) => (layer.dims === 1 ? [0, index[0]] : [index[0], index[1]]);
    const steps = record.steps.filter((step) => step.batch === slice.batch && channels.includes(step.inChannel)).map((step, i) => ({
      number: i + 1, ic: step.inChannel, at: rc(step.position), value: step.value,
      updates: step.updates.filter((u) => u.outChannel === slice.outChannel).map((u) => ({ tap: rc(u.tap), weight: u.weight, u: rc(u.uncropped),
        o: rc(u.output), cropped: u.cropped, product: u.product, total: u.total })),
    }));
    const axes = planeAxes(layer);
    const [R, C] = axes;
    // Per drawn output cell (uncropped coordinates), the terms in stream order.
    const terms = new Map();
    const stepAt = new Map();  // "ic:row,col" -> the step of that input element
    for (const step of steps) {
      stepAt.set(step.ic + ":" + step.at.join(","), step);
      for (const u of step.updates) {
        const key = u.u.join(",");
        if (!terms.has(key)) terms.set(key, []);
        terms.get(key).push({ step: step.number, ic: step.ic, at: step.at, x: step.value, ...u });
      }
    }
    const plane = R.out * C.out;
    const at = (slice.batch * layer.outChannels + slice.outChannel) * plane;
    const bias = record.biases.find((b) => b.batch === slice.batch && b.outChannel === slice.outChannel);
    return { layer, steps, terms, stepAt, slice, channels, ocg: slice.outChannel - group * coutPerGroup, coutPerGroup,
      output: output.data.slice(at, at + plane), fullOutput: output.data, rows: R, cols: C, bias: bias ? bias.value : null };
  }

  // What the pictures show of a batched or multi-channel layer (render/draw_common.cpp
  // slice_note); empty for one item and one channel in and out.
  function sliceNote(r) {
    const L = r.layer;
    if (L.batch === 1 && L.inChannels === 1 && L.outChannels === 1) return "";
    let note = L.batch > 1 ? "batch item " + r.slice.batch + " of " + L.batch + ", " : "";
    note += "output channel " + r.slice.outChannel + " of " + L.outChannels;
    const ch = r.channels;
    return note + (ch.length === 1 ? ", from input channel " + ch[0] : ", from input channels " + ch[0] + "-" + ch[ch.length - 1]);
  }
  const manyChannels = (r) => r.layer.inChannels > 1;
  // "c1", "b0 c1", "b1" or "": the batch item and input channel of a step, when the layer has
  // more than one of either (render/draw_common.cpp step_tag).
  const stepTag = (r, ic) => [r.layer.batch > 1 ? "b" + r.slice.batch : "", manyChannels(r) ? "c" + ic : ""].filter(Boolean).join(" ");
  // "input (0,1)", "input channel 2 (0,1)", "input batch 1, channel 2 (0,1)" (render/draw_common.cpp
  // input_name).
  const inputName = (r, ic, at) => "input" + (r.layer.batch > 1 ? " batch " + r.slice.batch + "," : "") +
    (manyChannels(r) ? " channel " + ic : "") + " (" + coord(r, at) + ")";
  // The weight feeding the drawn output channel from input channel ic, flat tap index t.
  const weightOf = (r, ic, t) => {
    const L = r.layer;
    const taps = L.kernel.reduce((p, v) => p * v, 1);
    return L.weight[(ic * r.coutPerGroup + r.ocg) * taps + t];
  };

  // ---- Drawing --------------------------------------------------------------------------------
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // A grid of cells; cell(r, c) returns {text, cls, attrs, title} or null for an empty slot.
  function grid(rows, cols, size, cell, label) {
    const wrap = el("figure", "panel");
    if (label) wrap.appendChild(el("figcaption", "", label));
    const g = el("div", "grid");
    g.style.gridTemplateColumns = "repeat(" + cols + ", " + size + "px)";
    g.style.gridAutoRows = size + "px";
    g.style.fontSize = Math.max(9, Math.min(15, Math.floor(size * 0.4))) + "px";
    for (let r = 0; r < rows; ++r) {
      for (let c = 0; c < cols; ++c) {
        const spec = cell(r, c) || { cls: "blank" };
        const node = el("div", "cell " + (spec.cls || ""), spec.text === undefined ? "" : spec.text);
        for (const [k, v] of Object.entries(spec.attrs || {})) node.setAttribute(k, v);
        g.appendChild(node);
      }
    }
    wrap.appendChild(g);
    return wrap;
  }

  // Cell size that fits the widest grid, `cells` across, in the stage (the grids of a row wrap
  // below each other when they do not fit side by side); 20 to 46 px, smaller only for grids
  // that would not fit otherwise.
  function cellSize(cells) {
    const width = Math.max(200, $("stage").clientWidth - 8);
    const fit = Math.floor(width / Math.max(cells, 1)) - 1;
    return Math.max(Math.min(fit, 12), Math.min(46, fit));
  }

  // The stepper's words for a frame, the caption's numbering: "step 3 of 6", then "output".
  function frameLabel(r, f) {
    if (state.view === "overlap") return "";
    if (state.view === "gather") return "cell " + f + " of " + r.rows.out * r.cols.out;
    return f <= r.steps.length ? "step " + f + " of " + r.steps.length : "output";
  }

  function frameCount(r) {
    if (state.view === "gather") return r.rows.out * r.cols.out;
    if (state.view === "overlap") return 1;
    return r.steps.length + 1;  // the steps, then the finished output
  }

  // Role of a drawn output cell (render/output_grid.cpp OutputGrid::role).
  function role(r, row, col) {
    const kept = (g, i) => g.first + i >= g.keepBegin && g.first + i < g.keepEnd;
    const added = (g, i) => g.first + i >= g.addedBegin && g.first + i < g.addedEnd;
    if (!kept(r.rows.grid, row) || !kept(r.cols.grid, col)) return "cropped";
    if (added(r.rows.grid, row) || added(r.cols.grid, col)) return "added";
    return "output";
  }

  // The input plane of channel ic (of the drawn batch item).
  function inputGrid(r, size, ic, current, done) {
    const L = r.layer;
    const cols = r.cols.in, rows = r.rows.in;
    const base = (r.slice.batch * L.inChannels + ic) * rows * cols;
    return grid(rows, cols, size, (row, col) => {
      const v = L.input[base + row * cols + col];
      const isCurrent = current && current.ic === ic && current.at[0] === row && current.at[1] === col;
      const isDone = done && done(r.stepAt.get(ic + ":" + row + "," + col));
      return { text: fmt(v), cls: "in" + (isCurrent ? " current" : isDone ? " done" : ""), attrs: { "data-in": row + "," + col, "data-ic": ic } };
    }, manyChannels(r) ? "input x, channel " + ic : "input x");
  }

  // The kernel from input channel ic to the drawn output channel: w[ic, oc in its group].
  function kernelGrid(r, size, flipped, ic) {
    const L = r.layer;
    const kc = L.dims === 1 ? L.kernel[0] : L.kernel[1], kr = L.dims === 1 ? 1 : L.kernel[0];
    return grid(kr, kc, size, (row, col) => {
      const tr = flipped ? kr - 1 - row : row, tc = flipped ? kc - 1 - col : col;
      return { text: fmt(weightOf(r, ic, tr * kc + tc)), cls: "tap", attrs: { "data-tap": tr + "," + tc, "data-ic": ic } };
    }, (r.layer.inChannels > 1 || r.layer.outChannels > 1 ? "kernel w[" + ic + ", " + r.ocg + "]" : "kernel w") + (flipped ? ", flipped" : ""));
  }

  // Every input channel of the group with its kernel, a pair each (kept together when the row wraps).
  function channelPairs(r, size, current, done, flipped) {
    const pairs = [];
    for (const ic of r.channels) {
      const pair = el("div", "pair");
      pair.appendChild(inputGrid(r, size, ic, current, done));
      pair.appendChild(kernelGrid(r, size, flipped, ic));
      pairs.push(pair);
    }
    return pairs;
  }

  // The scatter output at frame f (1..steps: after that step; steps+1: the finished output).
  function scatterOutput(r, f, size, label, onlyStep) {
    const finished = f > r.steps.length;
    const current = !finished && !onlyStep ? r.steps[f - 1] : null;
    const footprint = new Map();
    if (current) for (const u of current.updates) footprint.set(u.u.join(","), u);
    return grid(r.rows.grid.count, r.cols.grid.count, size, (row, col) => {
      const u = [row + r.rows.grid.first, col + r.cols.grid.first];
      const key = u.join(",");
      const cellRole = role(r, row, col);
      const attrs = { "data-u": key, "data-role": cellRole };
      if (cellRole !== "cropped") attrs["data-o"] = (u[0] - r.rows.grid.keepBegin) + "," + (u[1] - r.cols.grid.keepBegin);
      let cls = "out " + cellRole;
      let text = "";
      const all = r.terms.get(key) || [];
      if (onlyStep) {
        const mine = all.filter((t) => t.step === onlyStep.number);
        if (mine.length) text = mine.map((t) => fmt(t.product)).join("+");
        if (mine.length) cls += " touched";
      } else if (finished) {
        if (cellRole !== "cropped") {
          const o = [u[0] - r.rows.grid.keepBegin, u[1] - r.cols.grid.keepBegin];
          text = fmt(r.output[o[0] * r.cols.out + o[1]]);
          cls += " touched";  // the finished output in the output's colour, as the last PNG frame
        }
      } else {
        const seen = all.filter((t) => t.step <= f);
        if (seen.length) {
          // Kept cells: the engine's running total; cropped ones: their products, added in
          // stream order (the engine keeps no cell for them).
          text = fmt(cellRole === "cropped" ? seen.reduce((s, t) => Math.fround(s + t.product), 0) : seen[seen.length - 1].total);
          cls += " touched";
        }
      }
      if (footprint.has(key)) cls += " current" + (footprint.get(key).cropped ? " current-cropped" : "");
      return { text, cls, attrs };
    }, label);
  }

  function drawScatter(r, stage) {
    const f = state.frame;
    const step = f <= r.steps.length ? r.steps[f - 1] : null;
    const outCols = r.cols.grid.count;
    const size = cellSize(Math.max(outCols, r.cols.in, r.layer.dims === 1 ? r.layer.kernel[0] : r.layer.kernel[1]));
    const row = el("div", "row");
    for (const pair of channelPairs(r, size, step, (s) => step === null || s.number < f, false)) row.appendChild(pair);
    row.appendChild(scatterOutput(r, f, size, step ? "output, after step " + f : outputLabel(r) + (r.bias !== null ? " (with bias)" : "")));
    stage.appendChild(row);
    return step
      ? "Step " + f + " of " + r.steps.length + ": " + inputName(r, step.ic, step.at) + " = " + fmt(step.value) +
        ", times the kernel, added at the marked cells" + (step.updates.some((u) => u.cropped) ? " (warm: cropped by padding)" : "")
      : "The output: the sum of every step" + (r.bias !== null ? ", plus the bias " + fmt(r.bias) : "") +
        (hasRole(r, "cropped") ? "; the warm border is cropped by padding" : "");
  }

  function drawSteps(r, stage) {
    const f = state.frame;
    if (r.steps.length > data.maxStepPanels) {
      stage.appendChild(el("p", "note", "The steps view draws one panel per input element; " + r.steps.length +
        " are too many (at most " + data.maxStepPanels + "): use the scatter view or a smaller input"));
      return "";
    }
    const cols = r.cols.grid.count;
    const strip = el("div", "strip");
    // As many panels a row as fit with cells of 20 px or more, at most 4; a panel is the
    // output grid at a smaller size than the running sum's.
    const width = Math.max(200, $("stage").clientWidth - 8);
    const perRow = Math.max(1, Math.min(4, r.steps.length, Math.floor(width / (cols * 21 + 16))));
    const size = Math.max(Math.min(12, cellSize(cols)), Math.min(30, Math.floor((width - perRow * 16) / (perRow * cols)) - 1));
    r.steps.forEach((step) => {
      const revealed = step.number <= f;
      const tag = stepTag(r, step.ic);
      const panel = revealed ? scatterOutput(r, f, size, (tag ? tag + ": " : "") + fmt(step.value) + " · w", step)
        : grid(r.rows.grid.count, cols, size, () => ({ cls: "placeholder" }), "step " + step.number);
      panel.classList.add("step-panel");
      panel.setAttribute("data-step", step.number);
      if (step.number === f) panel.classList.add("current-panel");
      strip.appendChild(panel);
    });
    stage.appendChild(strip);
    const row = el("div", "row");
    const big = cellSize(Math.max(cols, r.cols.in));
    const current = f <= r.steps.length ? r.steps[f - 1] : null;
    for (const ic of r.channels) row.appendChild(inputGrid(r, big, ic, current, (s) => s.number < f));
    row.appendChild(scatterOutput(r, f, big, f <= r.steps.length ? "running sum" : outputLabel(r)));
    stage.appendChild(row);
    const step = current;
    return step ? "Panel " + f + " of " + r.steps.length + ": " + inputName(r, step.ic, step.at) + " = " + fmt(step.value) +
      " times the kernel; the running sum below adds the panels so far" : "The output: the sum of all " + r.steps.length + " panels" +
      (r.bias !== null ? ", plus the bias " + fmt(r.bias) : "");
  }

  // Gather: the output as a direct convolution of the input, spread by the stride (zeros
  // inserted) and padded by K'-1-P, with the flipped, dilated kernel. Spread coordinate z of
  // uncropped u: input i sits at z = i*S + K'-1; output o's window starts at z = o + P_begin.
  function gatherAxis(axis) {
    const p = axis.params;
    const k = E.dilatedKernel(p);
    return { first: p.padBegin, count: axis.out + k - 1, k, p, in: axis.in, out: axis.out };
  }

  function drawGather(r, stage) {
    const ga = [gatherAxis(r.rows), gatherAxis(r.cols)];
    const f = state.frame;
    const o = [Math.floor((f - 1) / r.cols.out), (f - 1) % r.cols.out];
    const size = cellSize(Math.max(ga[1].count, r.cols.out));
    const window0 = [o[0] + ga[0].first, o[1] + ga[1].first];
    const inputAt = (a, z) => {
      const shifted = z - (ga[a].k - 1);
      if (shifted < 0 || shifted % ga[a].p.stride !== 0) return -1;
      const i = shifted / ga[a].p.stride;
      return i < ga[a].in ? i : -1;
    };
    const tapAt = (a, offset) => {  // window offset -> unflipped tap, or -1 in a dilation hole
      const back = ga[a].k - 1 - offset;
      return back % ga[a].p.dilation === 0 ? back / ga[a].p.dilation : -1;
    };
    const row = el("div", "row");
    const L = r.layer;
    const kc = L.dims === 1 ? L.kernel[0] : L.kernel[1];
    // One spread input per input channel of the group, each with its own flipped kernel: the
    // output cell is the sum of every channel's window.
    for (const ic of r.channels) {
    const base = (r.slice.batch * L.inChannels + ic) * r.rows.in * r.cols.in;
    const pair = el("div", "pair");
    pair.appendChild(grid(ga[0].count, ga[1].count, size, (rr, cc) => {
      const z = [rr + ga[0].first, cc + ga[1].first];
      const i = [inputAt(0, z[0]), inputAt(1, z[1])];
      const inWindow = z[0] >= window0[0] && z[0] < window0[0] + ga[0].k && z[1] >= window0[1] && z[1] < window0[1] + ga[1].k;
      const tap = inWindow ? [tapAt(0, z[0] - window0[0]), tapAt(1, z[1] - window0[1])] : null;
      const isTap = tap && tap[0] >= 0 && tap[1] >= 0;
      let cls = i[0] >= 0 && i[1] >= 0 ? "in" : "zero";
      const attrs = {};
      if (cls === "in") Object.assign(attrs, { "data-in": i[0] + "," + i[1], "data-ic": ic });
      if (inWindow) cls += " window";
      if (isTap) cls += " window-tap";
      const text = cls.startsWith("in") ? fmt(L.input[base + i[0] * r.cols.in + i[1]]) : "0";
      const spec = { text, cls, attrs };
      if (isTap) spec.attrs["data-weight"] = "×" + fmt(weightOf(r, ic, tap[0] * kc + tap[1]));
      return spec;
    }, (manyChannels(r) ? "input channel " + ic : "input") + " spread by the stride, padded by K'-1-P"));
    pair.appendChild(kernelGrid(r, size, true, ic));
    row.appendChild(pair);
    }
    row.appendChild(grid(r.rows.out, r.cols.out, size, (rr, cc) => {
      const n = rr * r.cols.out + cc + 1;
      const u = [rr + r.rows.grid.keepBegin, cc + r.cols.grid.keepBegin];
      const drawn = [u[0] - r.rows.grid.first, u[1] - r.cols.grid.first];
      const cls = "out " + role(r, drawn[0], drawn[1]) + (n === f ? " current" : "") + (n <= f ? " touched" : "");
      return { text: n <= f ? fmt(r.output[n - 1]) : "", cls, attrs: { "data-u": u.join(","), "data-o": rr + "," + cc } };
    }, outputLabel(r)));
    stage.appendChild(row);
    const terms = (r.terms.get([o[0] + r.rows.grid.keepBegin, o[1] + r.cols.grid.keepBegin].join(",")) || []);
    return "Output cell " + f + " of " + r.rows.out * r.cols.out + ": (" + coord(r, o) + ") = the window's sum" +
      (terms.length ? " " + termText(terms, r.bias) : " of zeros" + (r.bias !== null ? " plus the bias" : "") + " = " + fmt(r.output[f - 1]));
  }

  // Overlap: how many (input, tap) pairs the stream sent to each drawn output cell, and the
  // verdict of core/overlap_view.cpp (even or not away from the borders, why, the remedy)
  // with one period of the pattern outlined, as in the PNGs.
  function drawOverlap(r, stage) {
    // The counts are the same for every (input channel, output channel) pair: the first one's.
    const pairs = (u) => (r.terms.get(u) || []).filter((t) => t.ic === r.channels[0]);
    let max = 0;
    for (const u of r.terms.keys()) max = Math.max(max, pairs(u).length);
    const size = cellSize(r.cols.grid.count + 1);
    const verdict = overlapVerdict(r.layer);
    // The outlined period: output cells [begin, begin + period) of each axis's interior.
    const periodAxes = r.layer.dims === 1 ? [{ begin: 0, period: 1, room: true }, verdict.axes[0]] : verdict.axes;
    const inPeriod = (a, o) => periodAxes[a].room && o >= periodAxes[a].interiorBegin && o < periodAxes[a].interiorBegin + periodAxes[a].period;
    const outlined = !verdict.uniform && periodAxes.every((x) => x.room);
    const box = el("div", "");
    box.id = "verdict";
    for (const line of verdict.lines) box.appendChild(el("p", "", line));
    stage.appendChild(box);
    const row = el("div", "row");
    row.appendChild(grid(r.rows.grid.count, r.cols.grid.count, size, (rr, cc) => {
      const u = [rr + r.rows.grid.first, cc + r.cols.grid.first];
      const count = pairs(u.join(",")).length;
      const cellRole = role(r, rr, cc);
      const o = [u[0] - r.rows.grid.keepBegin, u[1] - r.cols.grid.keepBegin];
      const period = outlined && cellRole !== "cropped" && (r.layer.dims === 1 || inPeriod(0, o[0])) && inPeriod(1, o[1]);
      const attrs = { "data-u": u.join(","), "data-count": count, style: heatStyle(count, max) };
      let edges = "";
      if (period) {  // one box around the period, as the PNG draws it
        attrs["data-period"] = "";
        const first = (a, v) => v === periodAxes[a].interiorBegin, last = (a, v) => v === periodAxes[a].interiorBegin + periodAxes[a].period - 1;
        edges = " period" + (r.layer.dims === 1 || first(0, o[0]) ? " pt" : "") + (r.layer.dims === 1 || last(0, o[0]) ? " pb" : "") +
          (first(1, o[1]) ? " pl" : "") + (last(1, o[1]) ? " pr" : "");
      }
      return { text: String(count), cls: "out heat " + cellRole + edges, attrs };
    }, "input-tap pairs per output cell"));
    stage.appendChild(row);
    return "Each cell counts the (input, tap) pairs that reach it: 0 to " + max +
      (hasRole(r, "cropped") ? "; cells outlined warm are cropped by padding" : "");
  }

  // theme::heat(count, max) as a style, tabulated by tconv up to data.heat.length pairs per
  // cell; above that, the nearest colour of the longest scale.
  function heatStyle(count, max) {
    const scale = data.heat[Math.min(Math.max(max, 1), data.heat.length) - 1];
    const steps = scale.length / 7 - 1;
    const at = max <= data.heat.length ? count : Math.round((count * steps) / max);
    const entry = scale.substr(at * 7, 7);
    return "background:#" + entry.slice(0, 6) + ";color:" + (entry[6] === "1" ? "var(--white)" : "var(--ink)");
  }

  // core/overlap_view.cpp count_axis for one axis: the counts away from the borders by output
  // index mod S, read off the engine's stream of the bare axis (no padding) on ones, on an
  // input long enough to hold a whole period.
  function overlapAxis(p, input) {
    const s = p.stride, firstFull = p.dilation * (p.kernel - 1);
    const out = E.outputSize(p, input);
    const axis = { kernel: p.kernel, stride: s, dilation: p.dilation };
    axis.interiorBegin = Math.min(Math.max(firstFull - p.padBegin, 0), out);
    axis.interiorEnd = Math.min(Math.max((input - 1) * s - p.padBegin + 1, 0), out);
    if (axis.interiorEnd <= axis.interiorBegin) axis.interiorBegin = axis.interiorEnd = 0;
    const longIn = Math.floor(firstFull / s) + 3;
    const bare = { kernel: p.kernel, stride: s, dilation: p.dilation, padBegin: 0, padEnd: 0, outputPadding: 0 };
    const counts = new Array(E.outputSize(bare, longIn)).fill(0);
    E.convTranspose({ shape: [1, 1, longIn], data: new Array(longIn).fill(1) }, { shape: [1, 1, p.kernel], data: new Array(p.kernel).fill(1) },
      null, { axes: [bare], groups: 1 }, "float64", { beginStep() {}, update(u) { if (!u.cropped) counts[u.output[0]]++; } });
    axis.pattern = new Array(s).fill(0);
    for (let u = firstFull; u < firstFull + s; ++u) axis.pattern[(((u - p.padBegin) % s) + s) % s] = counts[u];
    axis.min = Math.min(...axis.pattern);
    axis.max = Math.max(...axis.pattern);
    axis.uniform = axis.min === axis.max;
    for (let period = 1; period <= s; ++period) {
      if (s % period === 0 && axis.pattern.every((v, j) => v === axis.pattern[(j + period) % s])) {
        axis.period = period;
        break;
      }
    }
    axis.room = axis.interiorEnd - axis.interiorBegin >= axis.period;
    return axis;
  }
  const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
  const tapsText = (n) => n + (n === 1 ? " tap" : " taps");
  function countChoices(axis) {
    const values = [...new Set(axis.pattern)].sort((a, b) => a - b);
    return values.map((v, i) => (i === 0 ? "" : i + 1 === values.length ? " or " : ", ") + v).join("");
  }
  function axisReason(axis) {
    const common = gcd(axis.dilation, axis.stride);
    if (axis.stride === 1) return "stride 1: away from the borders every cell gets all " + tapsText(axis.max);
    if (common > 1) {
      return "dilation " + axis.dilation + " and stride " + axis.stride + " share the factor " + common + ": the taps land on every " +
        common + (common === 2 ? "nd" : common === 3 ? "rd" : "th") + " cell only, so away from the borders a cell gets " + countChoices(axis) + " taps";
    }
    if (axis.kernel % axis.stride !== 0) {
      return "kernel " + axis.kernel + " is not a multiple of stride " + axis.stride + ": away from the borders a cell gets " + countChoices(axis) + " taps";
    }
    return "kernel " + axis.kernel + " is a multiple of stride " + axis.stride + ": away from the borders every cell gets " + tapsText(axis.max);
  }
  function axisRemedy(axis) {
    if (axis.uniform) return "";
    const parts = [];
    if (gcd(axis.dilation, axis.stride) > 1) parts.push("a dilation that shares no factor with stride " + axis.stride + " (e.g. 1)");
    if (axis.kernel % axis.stride !== 0) {
      const up = (Math.floor(axis.kernel / axis.stride) + 1) * axis.stride, down = Math.floor(axis.kernel / axis.stride) * axis.stride;
      parts.push("kernel " + up + (down >= axis.stride ? " or " + down : "") + " (a multiple of stride " + axis.stride + ")");
    }
    return parts.join(" and ");
  }
  // The verdict lines of render/draw_overlap.cpp, with overlap_view's reason and remedy.
  function overlapVerdict(layer) {
    const axes = layer.axes.map((p, a) => overlapAxis(p, layer.inputSize[a]));
    const min = axes.reduce((m, x) => m * x.min, 1), max = axes.reduce((m, x) => m * x.max, 1);
    const uniform = axes.every((x) => x.uniform);
    const reasons = axes.map(axisReason), remedies = axes.map(axisRemedy);
    const same = reasons.every((x) => x === reasons[0]) && remedies.every((x) => x === remedies[0]);
    const totals = uniform ? min + " in all" : min + " to " + max + " in all";
    const perAxis = (texts) => texts.map((t, a) => (t ? "dimension " + (a + 1) + ": " + t : "")).filter((t) => t).join("; ");
    const reason = axes.length === 1 ? reasons[0] : same ? reasons[0] + " per axis (" + totals + ")" : perAxis(reasons) + " (" + totals + ")";
    let remedy = "";
    if (!uniform) {
      remedy = (same || axes.length === 1 ? remedies[0] : perAxis(remedies)) +
        "; or upsample by the stride (nearest or bilinear) and apply an ordinary convolution";
    }
    const lines = [uniform ? "Even: away from the borders every cell gets " + min + " (input, tap) pairs."
      : "Uneven: away from the borders a cell gets " + min + " to " + max + " (input, tap) pairs, in a pattern that repeats every " +
        axes.map((x) => x.period).join("x") + " cells (one period outlined).", "Why: " + reason + "."];
    if (!uniform) lines.push("To make it even: " + remedy + ".");
    return { axes, min, max, uniform, reason, remedy, lines };
  }

  const hasRole = (r, wanted) => {
    for (let rr = 0; rr < r.rows.grid.count; ++rr)
      for (let cc = 0; cc < r.cols.grid.count; ++cc) if (role(r, rr, cc) === wanted) return true;
    return false;
  };
  const coord = (r, at) => (r.layer.dims === 1 ? String(at[1]) : at[0] + "," + at[1]);
  // "output y", "output y, channel 1" (of the drawn batch item, said by the slice note).
  const outputLabel = (r) => "output y" + (r.layer.outChannels > 1 ? ", channel " + r.slice.outChannel : "");
  const factor = (v) => (v < 0 || Object.is(v, -0) ? "(" + fmt(v) + ")" : fmt(v));

  // "= 1·1 + 2·1 [+ bias 0.5] = 3.5" of a kept cell; cropped cells say so.
  function termText(terms, bias) {
    const parts = terms.map((t) => factor(t.x) + "·" + factor(t.weight));
    if (terms[0].cropped) return "= " + parts.join(" + ") + " (cropped by padding: not in the output)";
    const last = terms[terms.length - 1].total;
    const withBias = bias === null ? last : Math.fround(last + bias);
    return "= " + parts.join(" + ") + (bias === null ? "" : " + bias " + factor(bias)) + " = " + fmt(withBias);
  }

  // ---- Legend: the colours the picture uses, each with its meaning ----------------------------
  function legend(r) {
    const items = [];
    if (state.view === "overlap") {
      // As the PNG's legend: one swatch per count while they are few.
      let max = 0;  // of one channel pair, as drawOverlap counts
      for (const list of r.terms.values()) max = Math.max(max, list.filter((t) => t.ic === r.channels[0]).length);
      if (max <= 8) {
        for (let n = 0; n <= max; ++n) items.push(["heat", n + (n === 1 ? " pair" : " pairs"), heatStyle(n, max)]);
      } else {
        items.push(["heat-low", "few pairs"], ["heat-high", "many pairs"]);
      }
      if (document.querySelector("#stage [data-period]")) items.push(["period-swatch", "one period of the pattern"]);
    } else {
      items.push(["in", "input"]);
      if (state.view !== "gather") items.push(["in current", "current input"]);
      items.push(["out output touched", "output"]);
      if (state.view !== "gather") items.push(["out output", "not reached yet"], ["out current", "the kernel's footprint"]);
      if (state.view === "gather") items.push(["zero", "inserted or padded zero"], ["window-tap", "window (flipped kernel)"]);
    }
    if (hasRole(r, "cropped") && state.view !== "gather") items.push(["out cropped", "cropped by padding"]);
    if (hasRole(r, "added")) items.push(["out added", "added by output_padding"]);
    const node = $("legend");
    node.textContent = "";
    for (const [cls, text, style] of items) {
      const item = el("span", "legend-item");
      const swatch = el("span", "swatch cell " + cls);
      if (style) swatch.setAttribute("style", style);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(text));
      node.appendChild(item);
    }
  }

  // ---- The formula of `tconv shape --explain` -------------------------------------------------
  // cli/shape_command.cpp print_explain: symmetric padding as -2P, asymmetric (ONNX, TF) as
  // -P_begin - P_end; negative pads (zero cells added) in parentheses.
  function explain(layer) {
    const symmetric = layer.axes.every((p) => p.padBegin === p.padEnd);
    const operand = (v) => (v < 0 ? "(" + v + ")" : String(v));
    const lines = ["output size = (m-1)*S + K' " + (symmetric ? "- 2P" : "- P_begin - P_end") +
      " + P_out, with the dilated kernel K' = D*(K-1) + 1", "padding from: " + layer.convention];
    layer.axes.forEach((p, a) => {
      const m = layer.inputSize[a];
      const stretched = (m - 1) * p.stride, k = E.dilatedKernel(p), out = E.outputSize(p, m), cropped = p.padBegin + p.padEnd;
      const even = p.padBegin === p.padEnd;
      const prefix = layer.dims > 1 ? "dimension " + (a + 1) + ": " : "";
      lines.push(prefix + "m=" + m + " K=" + p.kernel + " S=" + p.stride + " D=" + p.dilation +
        (even ? " P=" + p.padBegin : " P_begin=" + p.padBegin + " P_end=" + p.padEnd) + " P_out=" + p.outputPadding);
      const rows = [["(m-1)*S", "(" + m + "-1)*" + p.stride, stretched], ["K' = D*(K-1) + 1", p.dilation + "*(" + p.kernel + "-1) + 1", k],
        even ? ["-2P", "-2*" + operand(p.padBegin), -cropped] : ["-P_begin - P_end", "-" + operand(p.padBegin) + " - " + operand(p.padEnd), -cropped],
        ["+P_out", "+" + p.outputPadding, p.outputPadding]];
      const tw = Math.max(...rows.map((x) => x[0].length)), sw = Math.max(...rows.map((x) => x[1].length));
      for (const [term, sub, value] of rows) lines.push("  " + term.padEnd(tw) + " = " + sub.padEnd(sw) + " = " + (value === 0 ? 0 : value));
      lines.push("  " + "output".padEnd(tw) + " = " + stretched + " + " + k + " - " + operand(cropped) + " + " + p.outputPadding + " = " + out);
    });
    return lines.join("\n");
  }

  // ---- The command line of the current layer ---------------------------------------------------
  const quote = (text) => (/^[A-Za-z0-9_.,:x+-]+$/.test(text) ? text : "'" + text + "'");
  function nested(values, size) {
    if (size.length === 1) return "[" + values.map(fmt).join(",") + "]";
    const step = values.length / size[0];
    const parts = [];
    for (let i = 0; i < size[0]; ++i) parts.push(nested(values.slice(i * step, (i + 1) * step), size.slice(1)));
    return "[" + parts.join(",") + "]";
  }
  function command(layer) {
    const parts = ["tconv", "compute"];
    parts.push(...tensorFlags(layer));
    parts.push("--dims", String(layer.dims));  // one size or value alone says no rank (cli/tensor_inputs.cpp)
    parts.push("-k", listText(layer.kernel));
    // A flag for every value given that is not the default; Keras' output_padding 0 too (with
    // --tf-padding, giving it changes the output size).
    const spec = layer.spec;
    const flag = (name, values, fallback, text = listText) => {
      if (values !== null && (fallback === null || values.some((v) => v !== fallback))) parts.push(name, text(values));
    };
    flag("-s", spec.stride, 1);
    flag("-d", spec.dilation, 1);
    flag("-p", spec.padding, 0);
    flag("--pads", spec.pads, null);
    if (spec.autoPad !== "notset") parts.push("--auto-pad", spec.autoPad);
    if (spec.tfPadding !== "none") parts.push("--tf-padding", spec.tfPadding);
    flag("--output-padding", spec.outputPadding, spec.tfPadding !== "none" ? null : 0);
    flag("--output-size", spec.outputSize, null, sizeText);
    flag("--output-shape", spec.outputShape, null, sizeText);
    parts.push(...channelFlags(layer));
    parts.push("--steps");
    return parts.join(" ");
  }

  // --input/--weight/--bias: a generator with the flags that size it, or the values nested in
  // the engine's layouts (rank D+2) when there are several channels or batch items (the
  // spatial layout, rank D, when there is one of each). compute prints every channel.
  function tensorFlags(layer) {
    const parts = [];
    const full = layer.batch > 1 || layer.inChannels > 1 || layer.outChannels > 1;
    const inputName = generatorName("input", layer.inputShape);
    parts.push("--input", quote(inputName || nested(layer.input, full ? layer.inputShape : layer.inputSize)));
    if (inputName) {
      parts.push("--input-size", sizeText(layer.inputSize));
      if (layer.batch > 1) parts.push("--batch", String(layer.batch));
      if (layer.inChannels > 1) parts.push("--in-channels", String(layer.inChannels));
    }
    const weightName = generatorName("weight", layer.weightShape);
    parts.push("--weight", quote(weightName || nested(layer.weight, full ? layer.weightShape : layer.kernel)));
    if (weightName && layer.outChannels !== layer.groups) parts.push("--out-channels", String(layer.outChannels));
    if (layer.bias !== null) parts.push("--bias", quote("[" + layer.bias.map(fmt).join(",") + "]"));
    // The values are written as the CLI prints them (nan, inf, -inf), which it reads back.
    const values = [layer.input, layer.weight, layer.bias || []];
    if (values.some((list) => list.some((v) => !Number.isFinite(v)))) parts.push("--allow-nonfinite");
    return parts;
  }
  // -g when the layer has groups.
  function channelFlags(layer) {
    return layer.groups !== 1 ? ["-g", String(layer.groups)] : [];
  }

  // ---- Hover: the terms of a cell, its sources, a footprint -----------------------------------
  function clearHighlight() {
    for (const node of document.querySelectorAll(".hl")) node.classList.remove("hl");
  }
  function highlight(selector) {
    for (const node of document.querySelectorAll(selector)) node.classList.add("hl");
  }
  function showCell(target) {
    const r = state.run;
    if (!r) return;
    clearHighlight();
    const info = $("info");
    if (target.dataset.u !== undefined) {
      const terms = r.terms.get(target.dataset.u) || [];
      const name = target.dataset.o !== undefined ? "y(" + (r.layer.dims === 1 ? target.dataset.o.split(",")[1] : target.dataset.o) + ")"
        : "uncropped (" + (r.layer.dims === 1 ? target.dataset.u.split(",")[1] : target.dataset.u) + ")";
      target.classList.add("hl");
      for (const t of terms) {
        highlight('[data-ic="' + t.ic + '"][data-in="' + t.at.join(",") + '"]');
        highlight('[data-ic="' + t.ic + '"][data-tap="' + t.tap.join(",") + '"]');
      }
      if (!terms.length) {
        const o = target.dataset.o;
        info.textContent = name + (o !== undefined ? " = no input reaches it" + (r.bias !== null ? " + bias " + factor(r.bias) : "") + " = " +
          fmt(r.output[o.split(",").map(Number).reduce((acc, v, i) => (i ? acc * r.cols.out + v : v), 0)]) : " = nothing reaches it");
      } else {
        info.textContent = name + " " + termText(terms, target.dataset.o !== undefined ? r.bias : null);
      }
      info.dataset.cell = target.dataset.u;
    } else if (target.dataset.in !== undefined) {
      const at = target.dataset.in.split(",").map(Number);
      const ic = Number(target.dataset.ic);
      const step = r.stepAt.get(ic + ":" + target.dataset.in);
      highlight('[data-ic="' + ic + '"][data-in="' + target.dataset.in + '"]');
      for (const u of step.updates) highlight('[data-u="' + u.u.join(",") + '"]');
      const kept = step.updates.filter((u) => !u.cropped).length;
      info.textContent = (manyChannels(r) ? "x[c" + ic + "](" : "x(") + coord(r, at) + ") = " + fmt(step.value) + " reaches " + step.updates.length + " output cells (" +
        kept + " kept, " + (step.updates.length - kept) + " cropped): its footprint, the kernel times " + fmt(step.value);
      info.dataset.cell = "";
    } else if (target.dataset.tap !== undefined) {
      const tap = target.dataset.tap;
      const ic = target.dataset.ic;
      highlight('[data-ic="' + ic + '"][data-tap="' + tap + '"]');
      const name = r.layer.inChannels > 1 || r.layer.outChannels > 1 ? "w[" + ic + ", " + r.ocg + "](" : "w(";
      const [tr, tc] = tap.split(",").map(Number);
      const kc = r.layer.dims === 1 ? r.layer.kernel[0] : r.layer.kernel[1];
      info.textContent = name + (r.layer.dims === 1 ? tap.split(",")[1] : tap) + ") = " + fmt(weightOf(r, Number(ic), tr * kc + tc));
    }
  }

  // ---- The whole page, redrawn -----------------------------------------------------------------
  function render() {
    const stage = $("stage");
    stage.textContent = "";
    const r = state.run;
    for (const button of document.querySelectorAll("[data-view]")) button.setAttribute("aria-pressed", String(button.dataset.view === state.view));
    if (!r) return;
    const frames = frameCount(r);
    state.frame = Math.min(Math.max(1, state.frame), frames);
    const slider = $("slider");
    slider.max = String(frames);
    slider.value = String(state.frame);
    slider.disabled = frames <= 1;
    $("step-label").textContent = frameLabel(r, state.frame);
    const draw = { scatter: drawScatter, steps: drawSteps, gather: drawGather, overlap: drawOverlap }[state.view];
    $("caption").textContent = draw(r, stage);
    legend(r);
    showSlice(r);
    $("info").textContent = "Hover or tap a cell: an output cell shows its sum of x·w terms, an input cell its footprint.";
  }

  // The two selectors of the drawn slice (hidden when there is one choice), the slice note and
  // the drawn channel's bias.
  function showSlice(r) {
    const L = r.layer;
    for (const [id, count, value] of [["slice-batch", L.batch, r.slice.batch], ["slice-out-channel", L.outChannels, r.slice.outChannel]]) {
      const select = $(id);
      if (select.options.length !== count) {
        select.textContent = "";
        for (let i = 0; i < count; ++i) select.appendChild(el("option", "", String(i)));
      }
      select.value = String(value);
      select.closest("label").hidden = count <= 1;
    }
    $("slice-note").textContent = sliceNote(r);
    $("command-note").textContent = L.batch > 1 || L.outChannels > 1 ? "It prints every batch item and output channel; the picture is y[" +
      r.slice.batch + ", " + r.slice.outChannel + "] of its (N, Cout, ...) output." : "";
    $("bias-note").textContent = r.bias === null ? "" : "bias " + fmt(r.bias);
  }

  function recompute() {
    try {
      const layer = readLayer();
      state.layer = layer;
      state.error = null;
      state.run = run(layer);
      $("error").hidden = true;
      $("error").textContent = "";
      document.body.classList.remove("invalid");
      const out = state.run.layer.axes.map((p, a) => E.outputSize(p, layer.inputSize[a]));
      $("output-size").textContent = out.join("x");
      $("formula").textContent = explain(layer);
      $("command").textContent = command(layer);
      $("notes").textContent = layer.notes.map((n) => "tconv: note: " + n.kind + ": " + n.message).join("\n");
      $("notes").hidden = layer.notes.length === 0;
    } catch (error) {
      // A rule the layer breaks: tconv's message. Anything else is the page's own fault: it
      // goes to the console (the browser test fails on it) and the page stays usable.
      if (!(error instanceof E.ParameterError)) console.error(error);
      state.error = error instanceof E.ParameterError ? error.message : "the explorer failed: " + error;
      $("error").textContent = "tconv: error: " + state.error;
      $("error").hidden = false;
      $("output-size").textContent = "—";
      $("notes").hidden = true;
      document.body.classList.add("invalid");  // the last valid picture stays, dimmed
      return;
    }
    render();
  }

  function setFrame(frame) {
    state.frame = frame;
    render();
  }
  function stop() {
    if (state.playing !== null) clearInterval(state.playing);
    state.playing = null;
    $("play").textContent = "▶ play";
  }
  function play() {
    if (!state.run) return;
    if (state.playing !== null) return stop();
    if (state.frame >= frameCount(state.run)) setFrame(1);
    $("play").textContent = "❚❚ pause";
    state.playing = setInterval(() => {
      if (state.frame >= frameCount(state.run)) return stop();
      setFrame(state.frame + 1);
    }, 900);
  }

  // ---- Wiring ------------------------------------------------------------------------------------
  document.title = data.title;
  if (window.innerWidth < 600) document.querySelector(".formula-box").open = false;  // a phone: the picture first
  $("title").textContent = data.title;
  // The heading names the layer tconv wrote; once a field differs, it says so.
  const markEdited = () => {
    const edited = Object.keys(initialTexts).some((id) => state.texts[id] !== initialTexts[id]);
    $("title").textContent = data.title + (edited ? " (edited)" : "");
  };
  for (const field of [...fields, ...choices, { id: "convention" }]) {
    const input = $("p-" + field.id);
    input.value = state.texts[field.id];
    input.addEventListener(input.tagName === "SELECT" ? "change" : "input", () => {
      state.texts[field.id] = input.value;
      markEdited();
      if (field.id === "convention") {
        // Keras' output_padding defaults to None, and 0 given is another layer: PyTorch's
        // default 0 does not come along.
        const op = $("p-output-padding");
        if (input.value === "tf" && /^0(,0)*$/.test(op.value.trim())) op.value = state.texts["output-padding"] = "";
        showConvention();
      }
      recompute();
    });
  }
  // Only the fields of the chosen padding convention are shown (the others are not given).
  function showConvention() {
    for (const label of document.querySelectorAll("[data-conv]")) {
      label.hidden = !label.dataset.conv.split(" ").includes(state.texts.convention);
    }
  }
  showConvention();
  for (const field of channelFields) {
    const input = $("p-" + field.id);
    input.value = state.texts[field.id];
    input.addEventListener("input", () => {
      state.texts[field.id] = input.value;
      markEdited();
      recompute();
    });
  }
  for (const [id, key] of [["slice-batch", "batch"], ["slice-out-channel", "outChannel"]]) {
    $(id).addEventListener("change", () => {
      stop();
      state.slice[key] = Number($(id).value);
      if (state.layer) state.run = run(state.layer);
      render();
    });
  }
  for (const button of document.querySelectorAll("[data-view]")) {
    button.addEventListener("click", () => {
      stop();
      state.view = button.dataset.view;
      state.frame = 1;
      render();
    });
  }
  $("prev").addEventListener("click", () => { stop(); setFrame(state.frame - 1); });
  $("next").addEventListener("click", () => { stop(); setFrame(state.frame + 1); });
  $("first").addEventListener("click", () => { stop(); setFrame(1); });
  $("last").addEventListener("click", () => { stop(); setFrame(Infinity); });
  $("play").addEventListener("click", play);
  $("slider").addEventListener("input", () => { stop(); setFrame(Number($("slider").value)); });
  $("copy").addEventListener("click", () => {
    const text = $("command").textContent;
    const done = () => { $("copy").textContent = "copied"; setTimeout(() => { $("copy").textContent = "copy command"; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => selectCommand());
    } else {
      selectCommand();
    }
  });
  function selectCommand() {  // file:// pages may not reach the clipboard: select the text instead
    const range = document.createRange();
    range.selectNodeContents($("command"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { document.execCommand("copy"); $("copy").textContent = "copied"; } catch (e) { /* the selection stays */ }
  }
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "text") return;
    const keys = { ArrowLeft: () => setFrame(state.frame - 1), ArrowRight: () => setFrame(state.frame + 1),
      Home: () => setFrame(1), End: () => setFrame(Infinity), " ": play };
    if (!keys[event.key]) return;
    event.preventDefault();
    if (event.key !== " ") stop();
    keys[event.key]();
  });
  const stage = $("stage");
  const pick = (event) => {
    const cell = event.target.closest && event.target.closest("[data-u],[data-in],[data-tap]");
    if (cell) showCell(cell);
  };
  stage.addEventListener("mouseover", pick);
  stage.addEventListener("click", pick);  // a tap on a phone
  stage.addEventListener("mouseleave", () => { clearHighlight(); });
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(render, 100); });

  window.tconvExplorer = {
    state: () => ({ view: state.view, frame: state.frame, error: state.error, texts: { ...state.texts },
      frames: state.run ? frameCount(state.run) : 0, command: $("command").textContent,
      output: state.run ? state.run.fullOutput.slice() : null, outputSize: $("output-size").textContent,
      slice: state.run ? { ...state.run.slice } : null, sliceOutput: state.run ? state.run.output.slice() : null }),
    setParameter: (id, text) => {
      const input = $("p-" + id);
      input.value = text;
      input.dispatchEvent(new Event(input.tagName === "SELECT" ? "change" : "input"));
    },
  };
  recompute();
})();
