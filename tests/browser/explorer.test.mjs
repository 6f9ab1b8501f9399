// The explorer page (tconv animate --html) in a real browser: Debian's chromium, headless,
// driven by the pinned playwright-core. Run by tests/browser/run.sh (CTest: browser.explorer).
//
//  1. agreement: for 240 seeded random layers (1-D and 2-D; batch, channels, groups, bias,
//     stride, padding, output_padding, dilation; float32 values) the page's engine gives
//     the outputs and the whole step stream -- every term x·w, cropped or kept, every running
//     total -- that `tconv compute --steps --format jsonl` gives;
//     conventions: for 400 seeded random layers in PyTorch's output_size, ONNX's pads /
//     auto_pad / output_shape and TensorFlow/Keras' padding, the page's resolution (pads,
//     output_padding, output size, convention, notes) or its refusal is `tconv shape --json`'s;
//  2. messages: invalid parameters typed into the page show the message the CLI prints;
//  3. the page: no console error, no network request; stepping highlights the cells the step
//     stream names; hovering a cell shows its terms; editing a parameter updates the output
//     size and the values (checked by running the page's own "copy command" line);
//  4. a batched, grouped layer (batch 2, Cin 4, Cout 4, groups 2): every slice chosen by the
//     selectors shows tconv's output for it, every output cell's terms are the stream's for
//     that batch item and output channel, edits of the counts give tconv's numbers or messages;
//  5. a page with NaN and ±Infinity (--allow-nonfinite) shows and computes them as tconv does,
//     and its command line keeps --allow-nonfinite;
//  6. screenshots at 1280 and 390 px in WORKDIR/screenshots, to be looked at.
// With --smoke (CTest browser.smoke, run under the sanitizers): every page made, opened and
// stepped through, and 12 layers of the agreement sweep; nothing else.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const require = createRequire(path.join(args.modules, "noop.js"));
const { chromium } = require("playwright-core");
const tconv = args.tconv;
const work = args.workdir;
const smoke = process.argv.includes("--smoke");

let failures = 0;
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.error("FAIL: " + what);
  }
}
function same(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  check(a === e, what + "\n  page: " + a.slice(0, 400) + "\n  tconv: " + e.slice(0, 400));
}

function run(argv) {
  return spawnSync(tconv, argv, { encoding: "utf8", maxBuffer: 1 << 28 });
}
// tconv's step stream and output: {steps: [...], biases: [...], output: {...}}.
function jsonl(argv) {
  const result = run([...argv, "--steps", "--format", "jsonl"]);
  if (result.status !== 0) throw new Error("tconv " + argv.join(" ") + ": " + result.stderr);
  const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
  return { steps: lines.filter((l) => l.step !== undefined), biases: lines.filter((l) => l.bias !== undefined).map((l) => l.bias),
    output: lines[lines.length - 1] };
}
// Splits a command line as a POSIX shell would for the page's quoting ('...' and bare words).
function shellWords(line) {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1] : m[2]));
}
const flat = (nested) => (Array.isArray(nested) ? nested.flat(Infinity) : [nested]);

// ---- The layers of the agreement sweep: a seeded generator (mulberry32) -----------------
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)] };
}
// Every parameter takes a non-default value in every run of 9 layers (so in the smoke's 12
// too), by construction: layer i forces feature i mod 9 on, the rest is random; 1-D and 2-D
// alternate, so each feature meets both within 18 layers.
const FEATURES = ["batch", "groups", "output channels", "bias", "stride", "padding", "output_padding", "dilation",
  "output_padding below the dilation, not the stride"];
function randomLayer(g, index) {
  const feature = FEATURES[index % FEATURES.length];
  const dims = index % 2 === 0 ? 1 : 2;
  const atLeast2 = (name) => Math.max(g.int(1, 2), feature === name ? 2 : 1);  // draws either way
  const batch = atLeast2("batch"), groups = atLeast2("groups");
  const inChannels = groups * g.int(1, 2), outPerGroup = atLeast2("output channels");
  const axes = [];
  for (let a = 0; a < dims; ++a) {
    const axis = { in: g.int(1, dims === 1 ? 6 : 4), kernel: g.int(1, 4), stride: g.int(1, 3), dilation: g.int(1, 3) };
    if (a === 0 && (feature === "stride" || feature === "output_padding")) axis.stride = Math.max(axis.stride, 2);
    if (a === 0 && feature === "dilation") axis.dilation = Math.max(axis.dilation, 2);
    if (a === 0 && feature === "padding") axis.kernel = Math.max(axis.kernel, 3);
    if (a === 0 && feature === "output_padding below the dilation, not the stride") {
      axis.stride = 1;
      axis.dilation = Math.max(axis.dilation, 2);
    }
    axis.outputPadding = g.int(0, Math.max(axis.stride, axis.dilation) - 1);
    if (a === 0 && feature.startsWith("output_padding")) axis.outputPadding = Math.max(axis.outputPadding, 1);
    const reach = (axis.in - 1) * axis.stride + axis.dilation * (axis.kernel - 1) + 1 + axis.outputPadding;
    axis.padding = Math.min(g.int(0, 3), Math.floor((reach - 1) / 2));  // output size stays >= 1
    if (a === 0 && feature === "padding") axis.padding = Math.max(axis.padding, 1);  // kernel >= 3: reach >= 3
    axes.push(axis);
  }
  // Values: dyadic (exact sums) in half the layers, 4-digit decimals (float32 rounding) in the rest.
  const value = index % 4 < 2 ? () => g.int(-8, 8) / 4 : () => Math.round((g.next() * 2 - 1) * 10000) / 10000;
  const fill = (count) => Array.from({ length: count }, value);
  const inShape = [batch, inChannels, ...axes.map((x) => x.in)];
  const wShape = [inChannels, outPerGroup, ...axes.map((x) => x.kernel)];
  const count = (shape) => shape.reduce((p, v) => p * v, 1);
  return {
    dims, groups, axes, inShape, wShape,
    input: fill(count(inShape)), weight: fill(count(wShape)),
    bias: g.next() < 0.5 || feature === "bias" ? fill(outPerGroup * groups) : null,
  };
}
function nest(values, shape) {
  if (shape.length === 1) return values;
  const size = values.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(values.slice(i * size, (i + 1) * size), shape.slice(1)));
}
function cliArgs(layer, dir, index) {
  const file = (name, values) => {
    const where = path.join(dir, `layer${index}-${name}.json`);
    writeFileSync(where, JSON.stringify(values));
    return where;
  };
  const list = (key) => layer.axes.map((x) => x[key]).join(",");
  const argv = ["compute", "--dims", String(layer.dims), "--input", file("x", nest(layer.input, layer.inShape)),
    "--weight", file("w", nest(layer.weight, layer.wShape)), "-k", list("kernel"), "-s", list("stride"), "-p", list("padding"),
    "--output-padding", list("outputPadding"), "-d", list("dilation"), "-g", String(layer.groups)];
  if (layer.bias) argv.push("--bias", file("b", layer.bias));
  return argv;
}

// What tconv's jsonl says, in the page engine's terms (engine.js's field names). tconv writes
// a float32 as the shortest text that reads back to it as a float32: Math.fround of the
// parsed double is that float32, exactly.
function fromJsonl(stream, layer) {
  const f = Math.fround;
  return {
    steps: stream.steps.map((s) => ({
      number: s.step, batch: s.input.batch ?? 0, inChannel: s.input.channel ?? 0, position: s.input.index, value: f(s.input.value),
      updates: s.updates.map((u) => ({ outChannel: u.out_channel ?? 0, tap: u.weight_index, weight: f(u.weight), uncropped: u.uncropped_index,
        output: u.cropped ? null : u.output_index, cropped: u.cropped, product: f(u.product), total: u.cropped ? null : f(u.total) })),
    })),
    biases: stream.biases.map((b) => ({ batch: b.batch, outChannel: b.out_channel, value: f(b.value) })),
    output: flat(stream.output.output).map(f),
    shape: [layer.inShape[0], layer.wShape[1] * layer.groups, ...flat(stream.output.shape).slice(-layer.dims)],
  };
}

async function agreement(page, count) {
  const g = generator(20261201);
  const layers = Array.from({ length: count }, (_, i) => randomLayer(g, i));

  const dir = path.join(work, "sweep");
  mkdirSync(dir, { recursive: true });
  const expected = layers.map((layer, i) => fromJsonl(jsonl(cliArgs(layer, dir, i)), layer));
  const actual = await page.evaluate((all) => all.map((l) => {
    const E = window.TconvEngine;
    const layer = E.resolveLayer({ kernel: l.axes.map((x) => x.kernel), stride: l.axes.map((x) => x.stride),
      padding: l.axes.map((x) => x.padding), outputPadding: l.axes.map((x) => x.outputPadding),
      dilation: l.axes.map((x) => x.dilation), groups: l.groups }, l.axes.map((x) => x.in));
    const record = E.recordSteps();
    const y = E.convTranspose({ shape: l.inShape, data: l.input }, { shape: l.wShape, data: l.weight }, l.bias, layer, "float32", record);
    return {
      steps: record.steps.map((s) => ({ number: s.number, batch: s.batch, inChannel: s.inChannel, position: s.position, value: s.value,
        updates: s.updates.map((u) => ({ outChannel: u.outChannel, tap: u.tap, weight: u.weight, uncropped: u.uncropped,
          output: u.cropped ? null : u.output, cropped: u.cropped, product: u.product, total: u.cropped ? null : u.total })) })),
      biases: record.biases, output: y.data, shape: y.shape,
    };
  }), layers);
  let terms = 0;
  layers.forEach((layer, i) => {
    terms += expected[i].steps.reduce((n, s) => n + s.updates.length, 0);
    same(actual[i], expected[i], `layer ${i} (tconv ${cliArgs(layer, dir, i).join(" ")}): steps, terms and output`);
  });
  console.log(`agreement: ${layers.length} layers, ${terms} terms x·w, all equal to tconv compute --steps --format jsonl`);
}

// ---- Padding conventions: the page's resolution against tconv shape --json -----------------
function randomSpec(g, index) {
  const dims = index % 3 === 0 ? 2 : 1;
  const kinds = ["pytorch", "output-size", "pads", "auto-pad", "onnx-shape", "tf-shape", "keras", "keras-op", "mixed"];
  const kind = kinds[index % kinds.length];
  const per = (make) => Array.from({ length: dims }, make);
  const spec = { inputSize: per(() => g.int(1, 6)), kernel: per(() => g.int(1, 4)), stride: per(() => g.int(1, 3)),
    dilation: per(() => g.pick([1, 1, 2, 3])) };
  const full = spec.inputSize.map((n, a) => (n - 1) * spec.stride[a] + spec.dilation[a] * (spec.kernel[a] - 1) + 1);
  const outputPadding = () => per((_, a) => g.int(0, Math.max(spec.stride[a], spec.dilation[a])));  // sometimes too large
  const near = () => per((_, a) => full[a] + g.int(-4, 3));  // sizes around the full extent, some refused
  if (kind === "pytorch") { spec.padding = per(() => g.int(0, 2)); spec.outputPadding = outputPadding(); }
  if (kind === "output-size") { spec.padding = per(() => g.int(0, 2)); spec.outputSize = near(); }
  if (kind === "pads") { spec.pads = [...per(() => g.int(0, 2)), ...per(() => g.int(0, 2))]; if (g.next() < 0.5) spec.outputPadding = outputPadding(); }
  if (kind === "auto-pad") { spec.autoPad = g.pick(["same-upper", "same-lower", "valid"]); if (g.next() < 0.4) spec.outputPadding = outputPadding(); }
  if (kind === "onnx-shape") {
    spec.outputShape = near();
    if (g.next() < 0.6) spec.autoPad = g.pick(["same-upper", "same-lower", "valid"]);
    else if (g.next() < 0.5) spec.pads = [...per(() => g.int(0, 1)), ...per(() => g.int(0, 1))];
  }
  if (kind === "tf-shape") { spec.tfPadding = g.pick(["same", "valid"]); spec.outputShape = near(); }
  if (kind === "keras") spec.tfPadding = g.pick(["same", "valid"]);
  if (kind === "keras-op") { spec.tfPadding = g.pick(["same", "valid"]); spec.outputPadding = outputPadding(); }
  if (kind === "mixed") {  // two conventions at once: refused
    const pick = g.pick([["padding", "pads"], ["pads", "autoPad"], ["tfPadding", "padding"], ["outputSize", "outputShape"], ["outputSize", "outputPadding"]]);
    const values = { padding: per(() => 1), pads: [...per(() => 1), ...per(() => 0)], autoPad: "same-upper", tfPadding: "same",
      outputSize: full, outputShape: full, outputPadding: per(() => 0) };
    for (const k of pick) spec[k] = values[k];
  }
  return spec;
}
function specFlags(spec) {
  const argv = [spec.inputSize.join("x"), "-k", spec.kernel.join(","), "-s", spec.stride.join(","),
    "-d", spec.dilation.join(",")];
  const add = (flag, values, join = ",") => { if (values !== undefined) argv.push(flag, Array.isArray(values) ? values.join(join) : values); };
  add("-p", spec.padding);
  add("--output-padding", spec.outputPadding);
  add("--pads", spec.pads);
  add("--auto-pad", spec.autoPad);
  add("--tf-padding", spec.tfPadding);
  add("--output-size", spec.outputSize, "x");
  add("--output-shape", spec.outputShape, "x");
  return argv;
}

async function conventions(page) {
  const g = generator(20261202);
  const specs = Array.from({ length: 400 }, (_, i) => randomSpec(g, i));
  const expected = specs.map((spec) => {
    const result = run(["shape", ...specFlags(spec), "--json"]);
    if (result.status !== 0) return { error: result.stderr.trim() };
    const json = JSON.parse(result.stdout);
    return { pads: json.padding, outputPadding: json.output_padding, outputSize: json.output_size, convention: json.padding_convention,
      notes: json.notes || [] };
  });
  const actual = await page.evaluate((all) => all.map((spec) => {
    const E = window.TconvEngine;
    try {
      const r = E.resolveLayer({ kernel: spec.kernel, stride: spec.stride, dilation: spec.dilation, padding: spec.padding ?? null,
        outputPadding: spec.outputPadding ?? null, pads: spec.pads ?? null, autoPad: spec.autoPad ?? "notset",
        tfPadding: spec.tfPadding ?? "none", outputSize: spec.outputSize ?? null, outputShape: spec.outputShape ?? null, groups: 1 }, spec.inputSize);
      return { pads: r.axes.map((x) => [x.padBegin, x.padEnd]), outputPadding: r.axes.map((x) => x.outputPadding),
        outputSize: r.axes.map((x, a) => E.outputSize(x, spec.inputSize[a])), convention: r.description, notes: r.notes };
    } catch (error) {
      return { error: "tconv: error: " + error.message };
    }
  }), specs);
  const tally = {};
  specs.forEach((spec, i) => {
    const kind = expected[i].error ? "refused" : expected[i].convention + (expected[i].notes.length ? " (noted)" : "");
    tally[kind] = (tally[kind] || 0) + 1;
    same(actual[i], expected[i], `spec ${i} (tconv shape ${specFlags(spec).join(" ")})`);
  });
  // Each kind of spec comes up every 9 specs (randomSpec); the tally of what tconv made of them
  // is printed, not checked: it is a constant of the seed, not a behaviour.
  console.log(`conventions: ${specs.length} layers, each resolved or refused as tconv shape does: ` +
    Object.entries(tally).map(([k, n]) => `${k} ${n}`).join(", "));
}

// ---- Messages: the page's for invalid fields, the CLI's for the same flags ----------------
async function messages(page, file) {
  const cases = [
    { stride: "0" }, { stride: "-1" }, { padding: "-1" }, { padding: "4" }, { "output-padding": "2" },
    { "output-padding": "-1" }, { dilation: "0" }, { "kernel-size": "0" }, { "kernel-size": "a" }, { stride: "1.5" },
    { stride: "2,1,3" }, { "input-size": "0x2" }, { "input-size": "2x2x2" }, { dilation: "2,0" }, { padding: "1,9" },
    { "kernel-size": "3,0" }, { "output-padding": "0,3" }, { stride: "" }, { "input-size": "2y2" }, { padding: "+-1" },
  ];
  let compared = 0;
  for (const fields of cases) {
    await page.goto(pathToFileURL(file).href);
    const texts = await page.evaluate(() => window.tconvExplorer.state().texts);
    for (const [id, text] of Object.entries(fields)) {
      await page.fill("#p-" + id, text);
      texts[id] = text;
    }
    const shown = await page.textContent("#error");
    // The page's layer has its rank: its command says --dims.
    const argv = ["compute", "--dims", "2", "--input", "arange", "--input-size", texts["input-size"], "--weight", "ones",
      "-k", texts["kernel-size"], "-s", texts.stride, "-p", texts.padding, "--output-padding", texts["output-padding"],
      "-d", texts.dilation];
    const result = run(argv);
    check(result.status !== 0, "tconv refuses " + JSON.stringify(fields));
    same(shown, result.stderr.trim(), "message for " + JSON.stringify(fields));
    check(await page.isVisible("#error"), "the message is shown for " + JSON.stringify(fields));
    check((await page.$$("#stage .cell")).length > 0, "the last valid picture stays for " + JSON.stringify(fields));
    compared++;
  }
  console.log(`messages: ${compared} invalid parameter sets, each the CLI's message`);
}

// ---- The interactive page -------------------------------------------------------------------
// The cells of the picture (#stage; the legend's swatches are cells too).
const cellsOf = (page, selector, attribute) =>
  page.$$eval("#stage " + selector, (nodes, name) => nodes.map((n) => n.getAttribute(name)).sort(), attribute);
const key = (index) => (index.length === 1 ? "0," + index[0] : index.join(","));
const fmt = (v) => (v < 0 || Object.is(v, -0) ? "(" + String(v) + ")" : String(v));

async function interaction(page, file) {
  await page.goto(pathToFileURL(file).href);
  const command = await page.textContent("#command");
  const words = shellWords(command);
  check(words[0] === "tconv" && words[1] === "compute", "the command starts with tconv compute: " + command);
  const stream = jsonl(words.slice(1).filter((w) => w !== "--steps"));
  const dims = stream.output.parameters.kernel_size.length;

  // Stepping: scatter frames 1..S are the steps.
  await page.click("[data-view=scatter]");
  await page.keyboard.press("Home");
  for (const [i, step] of stream.steps.entries()) {
    if (i > 0) await page.keyboard.press("ArrowRight");
    const state = await page.evaluate(() => window.tconvExplorer.state());
    check(state.frame === i + 1, `frame ${i + 1} after ${i} presses of →`);
    same(await page.textContent("#step-label"), `step ${i + 1} of ${stream.steps.length}`, `step ${step.step}: the stepper's label`);
    check((await page.textContent("#caption")).startsWith(`Step ${i + 1} of ${stream.steps.length}:`), `step ${step.step}: the caption's number`);
    same(await cellsOf(page, ".cell.in.current", "data-in"), [key(step.input.index)], `step ${step.step}: the current input`);
    same(await cellsOf(page, ".cell.out.current", "data-u"), step.updates.map((u) => key(u.uncropped_index)).sort(),
      `step ${step.step}: the highlighted output cells are the step's updates`);
    for (const u of step.updates.filter((x) => !x.cropped)) {
      const text = await page.textContent(`.cell.out.current[data-u="${key(u.uncropped_index)}"]`);
      same(text, String(u.total), `step ${step.step}: the running total at ${key(u.output_index)}`);
    }
  }
  await page.keyboard.press("ArrowRight");
  same(await cellsOf(page, ".cell.out.current", "data-u"), [], "after the last step: the finished output, no footprint");
  same(await page.textContent("#step-label"), "output", "after the last step: the stepper says output");
  same((await page.$$("#stage .cell.out.output:not(.touched), #stage .cell.out.added:not(.touched)")).length, 0,
    "after the last step: every kept cell in the output's colour");
  await page.keyboard.press("ArrowLeft");
  check((await page.evaluate(() => window.tconvExplorer.state().frame)) === stream.steps.length, "← goes back one step");
  await page.keyboard.press("End");
  const frames = await page.evaluate(() => window.tconvExplorer.state().frames);
  check((await page.evaluate(() => window.tconvExplorer.state().frame)) === frames, "End goes to the last frame");
  await page.keyboard.press(" ");
  await page.waitForTimeout(2000);
  const played = await page.evaluate(() => window.tconvExplorer.state().frame);
  check(played >= 2 && played <= frames, "space plays from the start: frame " + played);
  await page.keyboard.press(" ");
  const paused = await page.evaluate(() => window.tconvExplorer.state().frame);
  await page.waitForTimeout(1200);
  check((await page.evaluate(() => window.tconvExplorer.state().frame)) === paused, "space pauses");
  await page.keyboard.press("Home");
  check((await page.evaluate(() => window.tconvExplorer.state().frame)) === 1, "Home goes to the first frame");
  await page.fill("#slider", "3");
  check((await page.evaluate(() => window.tconvExplorer.state().frame)) === 3, "the slider picks a frame");

  // Hover: every output cell of the finished output shows its terms as the stream lists them.
  await page.keyboard.press("End");
  const bias = stream.biases.length ? stream.biases[0].value : null;
  const outputs = flat(stream.output.output);
  const outCols = flat(stream.output.shape).slice(-1)[0];
  const kept = await page.$$eval(".cell.out[data-o]", (nodes) => nodes.map((n) => [n.dataset.u, n.dataset.o]));
  check(kept.length === outputs.length, "one kept cell per output value");
  for (const [u, o] of kept) {
    await page.hover(`.cell.out[data-u="${u}"]`);
    const terms = stream.steps.flatMap((s) => s.updates.filter((x) => key(x.uncropped_index) === u).map((x) => ({ s, x })));
    const [r, c] = o.split(",").map(Number);
    const value = outputs[r * outCols + c];
    const name = "y(" + (dims === 1 ? String(c) : o) + ")";
    const expected = terms.length
      ? name + " = " + terms.map(({ s, x }) => fmt(s.input.value) + "·" + fmt(x.weight)).join(" + ") + (bias === null ? "" : " + bias " + fmt(bias)) + " = " + value
      : name + " = no input reaches it" + (bias === null ? "" : " + bias " + fmt(bias)) + " = " + value;
    same(await page.textContent("#info"), expected, "hovering " + name);
    same(await cellsOf(page, ".cell.in.hl", "data-in"), [...new Set(terms.map(({ s }) => key(s.input.index)))].sort(), name + ": its inputs");
    same(await cellsOf(page, ".cell.tap.hl", "data-tap"), [...new Set(terms.map(({ x }) => key(x.weight_index)))].sort(), name + ": its taps");
  }
  // A cropped cell says so.
  const cropped = await page.$$eval(".cell.out.cropped", (nodes) => nodes.map((n) => n.dataset.u));
  if (cropped.length) {
    await page.hover(`.cell.out[data-u="${cropped[0]}"]`);
    const info = await page.textContent("#info");
    check(info.includes("cropped by padding") || info.includes("nothing reaches it"), "a cropped cell is marked: " + info);
  }
  // Hovering an input: its footprint.
  for (const step of stream.steps) {
    await page.hover(`.cell.in[data-in="${key(step.input.index)}"]`);
    same(await cellsOf(page, ".cell.out.hl", "data-u"), step.updates.map((u) => key(u.uncropped_index)).sort(),
      "hovering input " + key(step.input.index) + ": its footprint");
  }

  // The steps view: one panel per step, revealed up to the current one.
  await page.click("[data-view=steps]");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  same(await cellsOf(page, ".step-panel.current-panel", "data-step"), ["2"], "steps view: panel 2 is current at frame 2");
  check((await page.$$(".step-panel .cell.placeholder")).length > 0 || stream.steps.length <= 2, "steps view: later panels are not revealed yet");
  // The gather view: one frame per output cell, row-major.
  await page.click("[data-view=gather]");
  await page.keyboard.press("Home");
  for (let f = 1; f <= Math.min(outputs.length, 6); ++f) {
    if (f > 1) await page.keyboard.press("ArrowRight");
    const o = [Math.floor((f - 1) / outCols), (f - 1) % outCols];
    same(await cellsOf(page, ".cell.out.current", "data-o"), [o.join(",")], "gather view: frame " + f + " is output cell " + o);
  }
  // The overlap view: counts of (input, tap) pairs, from the stream.
  await page.click("[data-view=overlap]");
  const counts = await page.$$eval(".cell.out.heat", (nodes) => nodes.map((n) => [n.dataset.u, Number(n.dataset.count)]));
  for (const [u, count] of counts) {
    const expected = stream.steps.reduce((n, s) => n + s.updates.filter((x) => key(x.uncropped_index) === u).length, 0);
    check(count === expected, `overlap count at ${u}: page ${count}, stream ${expected}`);
  }
  await checkVerdict(page, words.slice(words.indexOf("--input"), words.indexOf("--steps")), command);
  await page.click("[data-view=scatter]");
}

// ---- Non-finite values (--allow-nonfinite): the page keeps which one each is ----------------
// The page of `animate --input '[[1,"Infinity"],[-2,3]]' --weight '[[1,-1],[0.5,"NaN"]]'`
// (k 2, stride 1). By hand, y[i+a][j+b] += x[i][j]·w[a][b]: y00 = 1; y01 = 1·(-1) + inf·1 = inf;
// y02 = inf·(-1) = -inf; y10 = 1·0.5 + (-2)·1 = -1.5; y20 = (-2)·0.5 = -1; the other four cells
// take a term ·nan, so nan (IEEE, in float32 as in JavaScript).
async function nonfinite(page, file) {
  const html = readFileSync(file, "utf8");
  check(html.includes('"input":[1.0,"Infinity",-2.0,3.0]') && html.includes('"weight":[1.0,-1.0,0.5,"NaN"]'),
    "non-finite page: its data names NaN and Infinity (not null)");
  await page.goto(pathToFileURL(file).href);
  const byHand = ["1", "inf", "-inf", "-1.5", "nan", "nan", "-1", "nan", "nan"];
  const output = await page.evaluate(() => window.tconvExplorer.state().output.map((v) => window.TconvEngine.formatNumber(v, "float32")));
  same(output, byHand, "non-finite page: the page's engine computes nan and inf as tconv does");
  await page.click("[data-view=scatter]");
  await page.keyboard.press("End");
  const shown = await page.$$eval("#stage .cell.out[data-o]", (nodes) => nodes.map((n) => [n.dataset.o, n.textContent]));
  same(shown.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((x) => x[1]), byHand, "non-finite page: the output cells show nan, inf, -inf");
  same(await page.$$eval("#stage .cell.in[data-in]", (nodes) => nodes.map((n) => n.textContent)), ["1", "inf", "-2", "3"],
    "non-finite page: the input cells show inf");
  await page.hover('#stage .cell.tap[data-tap="1,1"]');
  same(await page.textContent("#info"), "w(1,1) = nan", "non-finite page: hovering the NaN tap");
  await page.hover('#stage .cell.out[data-o="0,1"]');
  same(await page.textContent("#info"), "y(0,1) = 1·(-1) + inf·1 = inf", "non-finite page: hovering the inf cell");
  // The copy command keeps --allow-nonfinite, and tconv gives the same output in its JSON encoding.
  const words = shellWords(await page.textContent("#command"));
  check(words.includes("--allow-nonfinite"), "non-finite page: the command has --allow-nonfinite: " + words.join(" "));
  const result = run([...words.slice(1).filter((w) => w !== "--steps"), "--format", "json"]);
  check(result.status === 0, "non-finite page: its command runs: " + result.stderr);
  if (result.status === 0) {
    same(flat(JSON.parse(result.stdout).output), [1, "Infinity", "-Infinity", -1.5, "NaN", "NaN", -1, "NaN", "NaN"],
      "non-finite page: its command's JSON output");
  }
  console.log("non-finite: the page shows and computes nan, inf and -inf as tconv does; its command keeps --allow-nonfinite");
}

// The overlap view's verdict: the lines of the PNG (render/draw_overlap.cpp) with the numbers,
// reason and remedy of `tconv compute --view overlap --format json`, and one period outlined.
async function checkVerdict(page, computeFlags, what) {
  const result = run(["compute", ...computeFlags, "--view", "overlap", "--format", "json"]);
  const view = JSON.parse(result.stdout);
  const lines = [view.uniform ? `Even: away from the borders every cell gets ${view.min} (input, tap) pairs.`
    : `Uneven: away from the borders a cell gets ${view.min} to ${view.max} (input, tap) pairs, in a pattern that repeats every ` +
      `${view.period.join("x")} cells (one period outlined).`, `Why: ${view.reason}.`];
  if (!view.uniform) lines.push(`To make it even: ${view.remedy}.`);
  same(await page.$$eval("#verdict p", (nodes) => nodes.map((n) => n.textContent)), lines, what + ": the overlap verdict");
  const outlined = await page.$$eval(".cell.heat[data-period]", (nodes) => nodes.map((n) => n.dataset.u));
  const periodCells = view.period.reduce((p, x) => p * x, 1);
  check(view.uniform ? outlined.length === 0 : outlined.length === 0 || outlined.length === periodCells,
    `${what}: ${outlined.length} cells outlined as one period (${view.period.join("x")})`);
  return !view.uniform && outlined.length === periodCells;
}

// ---- A batched, grouped layer: the slices, their terms, the channel fields ------------------
// The layer of the channels page: batch 2, Cin 4, Cout 4 in 2 groups, 2-D, with a bias.
const grouped = {
  weight: "[[[[1,-1],[0.5,2]],[[0,1],[1,0]]],[[[2,0],[0,-1]],[[1,1],[1,1]]],[[[0.5,0.5],[-1,1]],[[1,0],[0,2]]]," +
    "[[[-2,1],[1,0]],[[0,-1],[2,1]]]]",
  flags: ["--input", "arange", "--input-size", "3x3", "--batch", "2", "--in-channels", "4", "-k", "2", "-g", "2",
    "--bias", "[0.5,-1,0,2]", "-s", "2", "-p", "1"],
};
// A 1-D layer with a batch and two channels in and out, no groups: every input channel feeds
// every output channel.
const oned1d = {
  flags: ["--dims", "1", "--input", "[[[1,-2,3],[0.5,1,2]],[[2,0,-1],[1,1,-3]]]", "--weight", "[[[1,0.5,-1],[2,0,1]],[[0,1,1],[-1,0.5,2]]]",
    "-s", "2", "-p", "1", "-d", "2", "--bias", "[0.25,-1]"],
};
const channelKey = (ic, index) => ic + ":" + key(index);
const cellsWithChannel = (page, selector, attribute) =>
  page.$$eval("#stage " + selector, (nodes, name) => nodes.map((n) => n.dataset.ic + ":" + n.getAttribute(name)).sort(), attribute);

// Every slice of a page made with `argv` (tconv compute's flags of a layer given with --batch,
// so that compute's output is (N, Cout, ...)): its output, terms, lit cells and steps are the
// stream's for that batch item and output channel. Returns the number of cells hovered.
async function slices(page, file, argv, { batch, outChannels, groups, note, dims }) {
  await page.goto(pathToFileURL(file).href);
  // tconv's own run of the layer, from the flags the page was made with (not the page's line).
  const stream = jsonl(["compute", ...argv]);
  const byPage = jsonl(shellWords(await page.textContent("#command")).slice(1).filter((w) => w !== "--steps"));
  same(flat(byPage.output.output), flat(stream.output.output), file + ": its command line gives the layer's output");
  same(await page.textContent("#slice-note"), note, file + ": the first slice, named");
  let hovered = 0;
  for (let n = 0; n < batch; ++n) {
    for (let oc = 0; oc < outChannels; ++oc) {
      await page.selectOption("#slice-batch", String(n));
      await page.selectOption("#slice-out-channel", String(oc));
      await page.click("[data-view=scatter]");
      await page.keyboard.press("End");
      const what = `slice (batch ${n}, output channel ${oc})`;
      check((await page.textContent("#command-note")).includes(`the picture is y[${n}, ${oc}]`), what + ": the command's note names the slice");
      const cells = await page.$$eval("#stage .cell.out[data-o]", (nodes) => nodes.map((node) => [node.dataset.o, node.textContent]));
      cells.sort((a, b) => { const [ar, ac] = a[0].split(",").map(Number), [br, bc] = b[0].split(",").map(Number); return ar - br || ac - bc; });
      same(cells.map((c) => c[1]), flat(stream.output.output[n][oc]).map(String), what + ": the finished output is tconv's");
      // The steps of this batch item over the group's input channels, in the stream's order.
      // The input channels of the output channel's group: those whose steps write into oc.
      const steps = stream.steps.filter((st) => st.input.batch === n && st.updates.some((x) => x.out_channel === oc));
      check(groups > 1 || steps.length === stream.steps.length / batch, what + ": without groups every input channel feeds it");
      same(await page.evaluate(() => window.tconvExplorer.state().frames), steps.length + 1, what + ": one frame per step of the slice");
      const bias = stream.biases.find((b) => b.batch === n && b.out_channel === oc).value;
      for (const [o, value] of cells) {
        const u = (await page.getAttribute(`#stage .cell.out[data-o="${o}"]`, "data-u"));
        await page.hover(`#stage .cell.out[data-o="${o}"]`);
        const terms = steps.flatMap((st) => st.updates.filter((x) => x.out_channel === oc && key(x.uncropped_index) === u).map((x) => ({ st, x })));
        const name = "y(" + (dims === 1 ? o.split(",")[1] : o) + ")";
        const expected = name + " = " + (terms.length ? terms.map(({ st, x }) => fmt(st.input.value) + "·" + fmt(x.weight)).join(" + ")
          : "no input reaches it") + " + bias " + fmt(bias) + " = " + value;
        same(await page.textContent("#info"), expected, what + ": hovering " + name);
        same(await cellsWithChannel(page, ".cell.in.hl", "data-in"),
          [...new Set(terms.map(({ st }) => channelKey(st.input.channel, st.input.index)))].sort(), what + ": " + name + " lights its inputs");
        same(await cellsWithChannel(page, ".cell.tap.hl", "data-tap"),
          [...new Set(terms.map(({ st, x }) => channelKey(st.input.channel, x.weight_index)))].sort(), what + ": " + name + " lights its taps");
        hovered++;
      }
      // Stepping: the current input cell is the slice's step, in its channel.
      await page.keyboard.press("Home");
      const first = steps[0].input;
      check((await page.textContent("#caption")).startsWith(`Step 1 of ${steps.length}: input batch ${n}, channel ${first.channel} (` +
        (dims === 1 ? first.index[0] : first.index.join(",")) + ") = " + first.value), what + ": the caption names the step's batch item and channel");
      same(await cellsWithChannel(page, ".cell.in.current", "data-in"), [channelKey(steps[0].input.channel, steps[0].input.index)],
        what + ": step 1 is the group's first input");
      await page.fill("#slider", String(steps.length));
      const last = steps[steps.length - 1];
      same(await cellsWithChannel(page, ".cell.in.current", "data-in"), [channelKey(last.input.channel, last.input.index)],
        what + ": the last step is the group's last input");
      same(await cellsOf(page, ".cell.out.current", "data-u"), last.updates.filter((x) => x.out_channel === oc).map((x) => key(x.uncropped_index)).sort(),
        what + ": the last step's footprint in the drawn channel");
    }
  }
  return hovered;
}

async function channels(page, file, oned) {
  const hovered = await slices(page, file, [...grouped.flags, "--weight", grouped.weight],
    { batch: 2, outChannels: 4, groups: 2, dims: 2, note: "batch item 1 of 2, output channel 2 of 4, from input channels 2-3" });
  const hovered1d = await slices(page, oned, oned1d.flags, { batch: 2, outChannels: 2, groups: 1, dims: 1,
    note: "batch item 0 of 2, output channel 1 of 2, from input channels 0-1" });
  await page.goto(pathToFileURL(file).href);
  // The gather view: one spread input and one flipped kernel per input channel of the group.
  await page.click("[data-view=gather]");
  check((await page.$$("#stage .pair")).length === 2, "gather view: two channels, two spread inputs");
  await page.click("[data-view=overlap]");
  check((await page.$$("#stage .cell.heat")).length > 0, "overlap view draws for the grouped layer");
  await page.click("[data-view=scatter]");

  // Editing the counts: the values regenerate as the CLI's generators (the weight and the
  // bias become arange when their shapes change) and match tconv for the same flags.
  const base = ["compute", "--input", "arange", "--input-size", "3x3", "-k", "2", "-s", "2", "-p", "1"];
  for (const [edits, argv] of [
    [{ groups: "1" }, ["--batch", "2", "--in-channels", "4", "--weight", "arange", "--out-channels", "4", "--bias", "[0.5,-1,0,2]"]],
    [{ "in-channels": "6", groups: "3", "out-channels": "3" },
      ["--batch", "2", "--in-channels", "6", "--weight", "arange", "--out-channels", "3", "-g", "3", "--bias", "arange"]],
    [{ batch: "1", "in-channels": "2", groups: "2", "out-channels": "" }, ["--in-channels", "2", "--weight", "arange", "-g", "2", "--bias", "arange"]],
  ]) {
    for (const [id, text] of Object.entries(edits)) await page.fill("#p-" + id, text);
    const state = await page.evaluate(() => window.tconvExplorer.state());
    const what = "edit " + JSON.stringify(edits);
    check(state.error === null, what + ": accepted (" + state.error + ")");
    const expected = jsonl([...base, ...argv]);
    same(state.output, flat(expected.output.output), what + ": every channel's output is tconv's for " + argv.join(" "));
    const byCommand = jsonl(shellWords(state.command).slice(1).filter((w) => w !== "--steps"));
    same(flat(byCommand.output.output), flat(expected.output.output), what + ": the page's command line gives the same (" + state.command + ")");
    const shape = flat(expected.output.shape);
    const c = shape.length === 4 ? shape[1] : shape.length === 3 ? shape[0] : 1;
    const slice = state.slice;
    check(slice.outChannel < c, what + ": the drawn channel is in the layer");
    const plane = state.sliceOutput.length;
    same(state.sliceOutput, flat(expected.output.output).slice((slice.batch * c + slice.outChannel) * plane, (slice.batch * c + slice.outChannel + 1) * plane),
      what + ": the drawn slice");
    check((await page.isHidden("#slice-batch")) === (edits.batch === "1"), what + ": the batch selector shows only with several items");
  }
  // Invalid counts: tconv animate's message for the same flags.
  let compared = 0;
  for (const fields of [{ groups: "3" }, { groups: "3", "out-channels": "6" }, { groups: "0" }, { "in-channels": "0" },
    { "out-channels": "-2" }, { groups: "a" }, { batch: "x" }, { "out-channels": "3" }, { "in-channels": "5", "out-channels": "" }]) {
    await page.goto(pathToFileURL(file).href);
    const texts = await page.evaluate(() => window.tconvExplorer.state().texts);
    for (const [id, text] of Object.entries(fields)) {
      await page.fill("#p-" + id, text);
      texts[id] = text;
    }
    const argv = ["animate", "--input", "arange", "--input-size", texts["input-size"], "--weight", "ones", "-k", texts["kernel-size"],
      "-s", texts.stride, "-p", texts.padding, "--html", path.join(work, "refused.html")];
    for (const [id, flag] of [["batch", "--batch"], ["in-channels", "--in-channels"], ["out-channels", "--out-channels"], ["groups", "-g"]]) {
      if (texts[id] !== "") argv.push(flag, texts[id]);
    }
    const result = run(argv);
    check(result.status !== 0, "tconv refuses " + JSON.stringify(fields));
    same(await page.textContent("#error"), result.stderr.trim(), "channels: message for " + JSON.stringify(fields));
    compared++;
  }
  // The page's own limit (tconv animate has none for channels: its frames show one at a time).
  await page.goto(pathToFileURL(file).href);
  for (const [id, text] of [["in-channels", "34"], ["out-channels", "2"]]) await page.fill("#p-" + id, text);
  same(await page.textContent("#error"), "tconv: error: the page draws the input channels of a group side by side, at most 16, got 17 " +
    "(34 input channels, groups 2)", "more than 16 input channels a group: the page's own message");
  await page.fill("#p-groups", "17");
  await page.fill("#p-out-channels", "17");
  const depthwise = await page.evaluate(() => window.tconvExplorer.state());
  check(depthwise.error === null, "34 input channels in 17 groups of 2 are drawn: " + depthwise.error);
  console.log(`channels: 8 + 4 slices (2-D, 1-D) with tconv's outputs, ${hovered} + ${hovered1d} cells hovered with tconv's terms, ` +
    `${compared} invalid counts with tconv's messages`);
}

// Editing parameters: output size and values follow, the command line reproduces them.
async function editing(page, file) {
  await page.goto(pathToFileURL(file).href);
  for (const [id, text] of [["stride", "3"], ["kernel-size", "3"], ["dilation", "2"], ["padding", "0"], ["input-size", "3x2"],
    ["output-padding", "2"]]) {
    await page.fill("#p-" + id, text);
    await checkEdited(page, `${id} ${text}`);
  }
  // ONNX's and TensorFlow/Keras' padding: the fields of the chosen convention, the same checks.
  const edits = [["convention", "onnx"], ["output-padding", "1"], ["pads", "1,0,0,2"], ["pads", "2"], ["pads", ""], ["auto-pad", "same-upper"],
    ["auto-pad", "same-lower"], ["output-padding", ""], ["output-shape", "8x5"], ["auto-pad", "notset"], ["output-shape", ""],
    ["auto-pad", "valid"], ["stride", "4,1"], ["auto-pad", "same-upper"], ["convention", "tf"], ["tf-padding", "same"],
    ["output-padding", "0"], ["tf-padding", "valid"], ["output-padding", "1,0"], ["output-padding", ""], ["output-shape", "14x6"],
    ["output-shape", ""], ["tf-padding", "same"], ["output-shape", "12x2"], ["output-shape", ""], ["convention", "pytorch"], ["padding", "2"], ["output-size", "9x2"]];
  for (const [id, text] of edits) {
    await page.evaluate(([i, t]) => window.tconvExplorer.setParameter(i, t), [id, text]);
    await checkEdited(page, `${id} ${text}`);
  }
  same(await page.isVisible("#p-pads"), false, "PyTorch's fields only: pads hidden");
  check((await page.textContent("h1")).endsWith(" (edited)"), "the heading says the layer was edited");
  // The copy button.
  await page.click("#copy");
  const copied = await page.evaluate(async () => {
    try { return await navigator.clipboard.readText(); } catch (e) { return String(window.getSelection()); }
  });
  same(copied, await page.textContent("#command"), "copy command copies the command line");
}

// The page's layer after an edit: valid, and its output size, values, formula and notes are
// what its own command line gives.
async function checkEdited(page, what) {
  const state = await page.evaluate(() => window.tconvExplorer.state());
  check(state.error === null, `${what}: accepted (${state.error})`);
  if (state.error !== null) return;
  const words = shellWords(state.command);
  const result = run([...words.slice(1).filter((w) => w !== "--steps"), "--steps", "--format", "jsonl"]);
  const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
  const output = lines[lines.length - 1];
  same(state.outputSize, flat(output.shape).slice(-2).join("x"), `${what}: the output size`);
  same(state.output, flat(output.output), `${what}: the output values (${state.command})`);
  const layerFlags = words.slice(words.indexOf("-k"), words.indexOf("--steps"));
  const shape = run(["shape", state.texts["input-size"], ...layerFlags]);
  same(state.outputSize, shape.stdout.trim(), `${what}: tconv shape agrees`);
  const formula = await page.textContent("#formula");
  const explained = run(["shape", state.texts["input-size"], ...layerFlags, "--explain"]);
  const wanted = explained.stdout.split("\n").filter((l) => !l.startsWith("output size:") && l !== "");
  same(formula.split("\n"), wanted, `${what}: the formula of tconv shape --explain`);
  const notes = (await page.isVisible("#notes")) ? (await page.textContent("#notes")).split("\n") : [];
  same(notes, explained.stderr.split("\n").filter((l) => l.startsWith("tconv: note:")), `${what}: the notes of tconv shape`);
}

// Random edits, valid or not, in every view: the page never breaks; a valid layer's numbers are
// what its command line gives, an invalid one's message is what tconv animate --html prints
// for the same flags (several faults at once: the checks' order must be the CLI's too).
// channelPools: the same for the fields batch, in-channels, out-channels and groups, or null.
async function randomEdits(page, file, dims, seed, count, channelPools = null) {
  const g = generator(seed);
  // Per field: values the layer may take, and a few it must refuse (picked one time in twelve).
  const pools = dims === 1
    ? { "input-size": [["1", "3", "5", "9"], ["2x2", "0"]], "kernel-size": [["1", "2", "3"], ["0", "2,3"]],
      stride: [["1", "2", "3", ""], ["0", "2,1"]], padding: [["0", "1", "2", ""], ["6", "-1"]],
      "output-padding": [["0", "1", "2"], ["-1", "a"]], dilation: [["1", "2", "3"], ["0", "+-1"]] }
    : { "input-size": [["1", "2", "3", "2x3", "3x1", "4x4", "9x9"], ["0x2", "2x2x2", "x", "40x40"]],
      "kernel-size": [["1", "2", "3", "4", "2,3", "5,1"], ["0", "a", "1,2,3"]], stride: [["1", "2", "3", "2,1", ""], ["0", "-1"]],
      padding: [["0", "1", "2", "1,0"], ["7", "-1"]], "output-padding": [["0", "1", "2", "1,0", "0,1"], ["-1", "1,,0"]],
      dilation: [["1", "2", "3", "1,2"], ["0", "2,0"]] };
  // ONNX's and TensorFlow's fields (filled for every layer; only the chosen convention's count).
  Object.assign(pools, {
    pads: [dims === 1 ? ["", "0", "1", "1,0", "0,2"] : ["", "0", "1", "1,0,0,1", "0,2,1,0"], ["-1", "1,2,3"]],
    "auto-pad": [["notset", "notset", "same-upper", "same-lower", "valid"], ["notset"]],
    "tf-padding": [["same", "valid"], ["same"]],
    "output-size": [["", "", "", "", "", dims === 1 ? "6" : "6x6", dims === 1 ? "9" : "5x9"], ["0", "a"]],
    "output-shape": [["", "", "", "", "", dims === 1 ? "5" : "5x5", dims === 1 ? "8" : "7x4", dims === 1 ? "10" : "9x9"], ["0", "x"]],
  });
  let valid = 0, invalid = 0, outlinedPeriods = 0;
  await page.goto(pathToFileURL(file).href);
  for (let i = 0; i < count; ++i) {
    const texts = { convention: g.pick(["pytorch", "pytorch", "onnx", "tf"]) };
    await page.evaluate((t) => window.tconvExplorer.setParameter("convention", t), texts.convention);
    for (const [id, [good, bad]] of Object.entries({ ...pools, ...(channelPools || {}) })) {
      texts[id] = g.next() < 1 / 12 ? g.pick(bad) : g.pick(good);
      await page.evaluate(([i, t]) => window.tconvExplorer.setParameter(i, t), [id, texts[id]]);
    }
    const state = await page.evaluate(() => window.tconvExplorer.state());
    const what = JSON.stringify(texts);
    if (state.error === null) {
      valid++;
      const stream = jsonl(shellWords(state.command).slice(1).filter((w) => w !== "--steps"));
      same(state.output, flat(stream.output.output).map(Math.fround), what + ": the output values");
      same(state.outputSize, flat(stream.output.shape).slice(-dims).join("x"), what + ": the output size");
    } else {
      invalid++;
      // The flags of the chosen convention, as the page's hidden fields are flags not given.
      const conv = texts.convention;
      const argv = ["animate", "--dims", String(dims), "--input", "arange", "--input-size", texts["input-size"], "--weight", "ones",
        "-k", texts["kernel-size"], "-s", texts.stride, ...(conv === "pytorch" ? ["-p", texts.padding] : []),
        "--output-padding", texts["output-padding"], "-d", texts.dilation];
      const optional = (flag, text) => { if (text !== "") argv.push(flag, text); };
      if (conv === "pytorch") optional("--output-size", texts["output-size"]);
      if (conv === "onnx") optional("--pads", texts.pads);
      if (conv === "onnx" && texts["auto-pad"] !== "notset") argv.push("--auto-pad", texts["auto-pad"]);
      if (conv === "tf") argv.push("--tf-padding", texts["tf-padding"]);
      if (conv !== "pytorch") optional("--output-shape", texts["output-shape"]);
      for (const [id, flag] of [["batch", "--batch"], ["in-channels", "--in-channels"], ["out-channels", "--out-channels"], ["groups", "-g"]]) {
        if (channelPools && texts[id] !== "") argv.push(flag, texts[id]);
      }
      argv.push("--html", path.join(work, "refused.html"));
      const result = run(argv);
      check(result.status !== 0, what + ": tconv refuses it too");
      same(await page.textContent("#error"), result.stderr.trim(), what + ": the message");
    }
    for (const view of [g.pick(["steps", "gather", "overlap"]), "scatter"]) {
      await page.click(`[data-view=${view}]`);
      await page.keyboard.press("End");
      if (view === "overlap" && state.error === null) {
        const words = shellWords(state.command);
        if (await checkVerdict(page, words.slice(words.indexOf("--input"), words.indexOf("--steps")), what)) outlinedPeriods++;
      }
      if (state.error === null) check((await page.$$("#stage .cell, #stage .note")).length > 0, what + ": the " + view + " view draws");
    }
  }
  console.log(`random edits (${dims}-D${channelPools ? ", channels" : ""}): ${valid} valid layers with tconv's numbers, ` +
    `${invalid} invalid with tconv's messages, ${outlinedPeriods} overlap verdicts with a period outlined`);
}

async function main() {
  const started = Date.now();
  mkdirSync(path.join(work, "screenshots"), { recursive: true });
  // The pages: the article's figure 5 (padding), a layer with signs, a bias and every parameter
  // set, and a 1-D layer.
  const pages = {
    figure: path.join(work, "figure05.html"),
    rich: path.join(work, "rich.html"),
    oned: path.join(work, "oned.html"),
    onnx: path.join(work, "onnx.html"),
    grouped: path.join(work, "grouped.html"),
    channels1d: path.join(work, "channels1d.html"),
    nonfinite: path.join(work, "nonfinite.html"),
  };
  execFileSync(tconv, ["animate", "--figure", "5", "--html", pages.figure]);
  execFileSync(tconv, ["animate", "--input", "[[1,2,-1],[0.5,3,2]]", "--weight", "[[1,-2],[0.5,1]]", "--bias", "[0.25]",
    "-s", "2", "-p", "1", "--output-padding", "1", "-d", "1", "--html", pages.rich]);
  execFileSync(tconv, ["animate", "--dims", "1", "--input", "[1,-2,3,0.5]", "--weight", "[1,0.5,-1]", "-s", "2", "-p", "1", "-d", "2",
    "--output-padding", "1", "--style", "gather", "--html", pages.oned]);
  // ONNX's auto_pad: unequal pads (0 and 1 on the columns), a runtime-disagreement note (the
  // rows: kernel 2 below stride 3), an uneven overlap (kernel 3, stride 2).
  execFileSync(tconv, ["animate", "--input", "[[1,-1,2],[0.5,2,1],[3,0,-2]]", "--weight", "[[1,2,-1],[0.5,1,2]]", "-s", "3,2",
    "--auto-pad", "same-upper", "--style", "overlap", "--html", pages.onnx]);
  execFileSync(tconv, ["animate", ...grouped.flags, "--weight", grouped.weight, "--batch-index", "1", "--out-channel", "2",
    "--html", pages.grouped]);
  execFileSync(tconv, ["animate", ...oned1d.flags, "--out-channel", "1", "--html", pages.channels1d]);
  execFileSync(tconv, ["animate", "--input", '[[1,"Infinity"],[-2,3]]', "--weight", '[[1,-1],[0.5,"NaN"]]', "--allow-nonfinite",
    "--html", pages.nonfinite]);
  for (const [name, file] of Object.entries(pages)) {
    const size = statSync(file).size;
    console.log(`page ${name}: ${size} bytes`);
    check(size < 1 << 20, `${name} page is under 1 MB (${size} bytes)`);
    const html = readFileSync(file, "utf8");
    check(!/<(script|link|img|iframe)[^>]+(src|href)=/i.test(html) && !/@import|url\(/i.test(html), name + " page refers to no other file");
  }

  const browser = await chromium.launch({ executablePath: args.chromium, args: ["--no-sandbox"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error" || message.type() === "warning") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("request", (request) => { if (!request.url().startsWith("file://")) problems.push("network request: " + request.url()); });
  await page.route(/^(?!file:)/, (route) => route.abort());
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));

  await page.goto(pathToFileURL(pages.figure).href);
  check((await page.textContent("h1")).startsWith("Figure 5"), "the figure page is titled after the figure");
  const timed = async (name, part) => {
    const start = Date.now();
    await part();
    console.log(`  (${name}: ${((Date.now() - start) / 1000).toFixed(1)} s)`);
  };
  if (smoke) {
    await timed("agreement", () => agreement(page, 12));
    await timed("interaction", async () => {
      await interaction(page, pages.rich);
      await interaction(page, pages.oned);
    });
    await timed("non-finite", () => nonfinite(page, pages.nonfinite));
    same(problems, [], "no console error or warning, no page error, no network request");
    await browser.close();
    console.log(`smoke: ${checks} checks, ${failures} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(failures ? 1 : 0);
  }
  await timed("agreement", () => agreement(page, 240));
  await timed("conventions", () => conventions(page));
  await timed("interaction", async () => {
    await interaction(page, pages.rich);
    await interaction(page, pages.oned);
    await interaction(page, pages.figure);
    await interaction(page, pages.onnx);
  });
  await timed("non-finite", () => nonfinite(page, pages.nonfinite));
  await timed("editing", () => editing(page, pages.rich));
  await timed("channels", () => channels(page, pages.grouped, pages.channels1d));
  await timed("messages", () => messages(page, pages.rich));
  await timed("random edits", async () => {
    await randomEdits(page, pages.rich, 2, 7, 45);
    await randomEdits(page, pages.oned, 1, 8, 25);
    await randomEdits(page, pages.grouped, 2, 9, 40, { batch: [["1", "2", ""], ["0"]], "in-channels": [["2", "4", "6"], ["0", "x", "1"]],
      "out-channels": [["", "2", "4", "6"], ["-1"]], groups: [["1", "2", "2"], ["0", "3"]] });
  });
  const before = requests.length;
  await page.goto(pathToFileURL(pages.oned).href);
  await page.fill("#p-stride", "2,1");
  same(await page.textContent("#error"), run(["compute", "--dims", "1", "--input", "arange", "--input-size", "4", "--weight", "ones", "-k", "3",
    "-s", "2,1"]).stderr.trim(), "1-D: two strides give the CLI's message");
  check(requests.slice(before).every((url) => url.startsWith("file://")), "only the page's own file is loaded");
  check(new Set(requests).size === Object.keys(pages).length, "the pages, nothing else, were requested: " + [...new Set(requests)].join(" "));
  same(problems, [], "no console error or warning, no page error, no network request");

  // Screenshots at a laptop's and a phone's width, to be looked at.
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const shot = await browser.newPage({ viewport: { width, height } });
    for (const [name, file, view, hover] of [["figure05", pages.figure, "scatter", null], ["rich", pages.rich, "scatter", '[data-o="1,2"]'],
      ["rich-gather", pages.rich, "gather", null], ["oned-steps", pages.oned, "steps", null], ["rich-overlap", pages.rich, "overlap", null],
      ["onnx-overlap", pages.onnx, "overlap", null], ["onnx", pages.onnx, "scatter", '[data-o="0,5"]'],
      ["grouped", pages.grouped, "scatter", '[data-o="1,1"]'], ["grouped-gather", pages.grouped, "gather", null],
      ["grouped-steps", pages.grouped, "steps", null]]) {
      await shot.goto(pathToFileURL(file).href);
      await shot.click(`[data-view=${view}]`);
      await shot.keyboard.press("ArrowRight");
      await shot.keyboard.press("ArrowRight");
      if (hover) await shot.hover(hover);
      await shot.screenshot({ path: path.join(work, "screenshots", `${name}-${width}.png`), fullPage: true });
    }
    await shot.close();
  }
  await browser.close();
  console.log(`${checks} checks, ${failures} failed, ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.join(work, "screenshots")}`);
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
