// Writes tests/data/tf_fixtures.json: transposed convolutions computed by TensorFlow.js
// (npm @tensorflow/tfjs, pure JavaScript, its CPU backend), converted to tconv's layouts.
//
//   cd tests/tf && npm ci && node make_fixtures.mjs
//
// The tests only read the JSON; neither they nor CI need npm. What is checked here, and how:
//
// 1. Which output_shape TensorFlow accepts ("size_rules"). tf.nn.conv2d_transpose is the
//    gradient of conv2d, and TensorFlow (Python/C++) accepts output_shape O exactly when conv2d
//    maps O back to the input size n. TF.js does not check this (it computes silently with a
//    wrong shape), so this script applies TensorFlow's criterion itself, running tf.conv2d on
//    an O-sized input with the same kernel, stride and padding. It then asserts the rules that
//    tconv implements (full = (n-1)*s + k):
//      valid: full <= O <= full + s - 1
//      same:  (n-1)*s + 1 <= O <= n*s
//    and records every range.
// 2. The values ("cases"): tf.conv2dTranspose for every allowed output_shape of many layers
//    (padding same / valid, and the explicit padding [[t, b], [l, r]] that tf.nn.conv2d_transpose
//    also takes), 1-D layers as 2-D with height 1 (what tf.nn.conv1d_transpose does),
//    tf.conv3dTranspose, and the Keras layer tf.layers.conv2dTranspose.
// 3. What TF.js cannot run, derived and labelled:
//    - dilation: TF.js's conv2dTranspose has no dilations argument. tf.nn.conv2d_transpose's
//      dilations are atrous: a dilated kernel is the dense kernel with d-1 zeros between taps.
//      Cases marked "dilation_emulated" run TF.js with that zero-filled kernel (size
//      d*(k-1)+1) and store the layer with the dense kernel and the dilation.
//    - Keras output_padding: TF.js's layers API has none. Keras' TensorFlow backend
//      (keras/src/backend/tensorflow/nn.py, conv_transpose) computes the output length with
//      keras/src/backend/common/backend_utils.py _get_output_shape_given_tf_padding
//         valid: (n-1)*s + k + output_padding
//         same:  (n-1)*s + k % 2 + output_padding          [= (n-1)*s + k - 2*(k//2) + op]
//      (tf_keras' conv_utils.deconv_output_length gives the same) and calls
//      tf.nn.conv_transpose(output_shape=that, padding=SAME|VALID). Cases from "keras_output_padding"
//      do exactly that with TF.js; where TensorFlow would refuse the length (same, even kernel,
//      output_padding 0) the case is recorded with "refused": true.
//
// Layout conversion (tconv's engine uses PyTorch's): TF data NHWC -> NCHW; TF filter
// [kH, kW, Cout, Cin] -> (Cin, Cout, kH, kW). No flip: TF's backprop-input scatters input i,
// tap t to the uncropped position i*s + t, as PyTorch does.
import * as tf from '@tensorflow/tfjs';
import { writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tfjsVersion = createRequire(import.meta.url)('@tensorflow/tfjs/package.json').version;
await tf.setBackend('cpu');

let seed = 20261208;
function random() {  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function values(count, kind) {
  const out = [];
  for (let i = 0; i < count; ++i) {
    if (kind === 'int') out.push(Math.floor(random() * 8) - 3);
    else {
      const u = 1 - random(), v = random();
      out.push(Math.fround(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
    }
  }
  return out;
}
const product = (shape) => shape.reduce((a, b) => a * b, 1);
const range = (n) => [...Array(n).keys()];

// ---- 1. Size rules -------------------------------------------------------------------------
// TensorFlow's acceptance criterion: conv2d (same kernel, stride, padding) maps O back to n.
function forwardSize(O, k, s, padding) {
  return tf.tidy(() => tf.conv2d(tf.zeros([1, O, 1, 1]), tf.zeros([k, 1, 1, 1]), [s, 1], padding).shape[1]);
}
function acceptedRange(n, k, s, padding) {
  const accepted = [];
  for (let O = 1; O <= n * s + k + s; ++O) {
    if (padding === 'valid' && O < k) continue;  // conv2d refuses an input smaller than the kernel
    if (forwardSize(O, k, s, padding) === n) accepted.push(O);
  }
  const lo = Math.min(...accepted), hi = Math.max(...accepted);
  if (accepted.length !== hi - lo + 1) throw new Error(`accepted sizes are not a range: ${accepted}`);
  return [lo, hi];
}
function ruleRange(n, k, s, padding) {
  const full = (n - 1) * s + k;
  return padding === 'valid' ? [full, full + s - 1] : [(n - 1) * s + 1, n * s];
}
const sizeRules = [];
for (const padding of ['same', 'valid'])
  for (let n = 1; n <= 6; ++n)
    for (let k = 1; k <= 6; ++k)
      for (let s = 1; s <= 4; ++s) {
        const allowed = acceptedRange(n, k, s, padding);
        const rule = ruleRange(n, k, s, padding);
        if (allowed[0] !== rule[0] || allowed[1] !== rule[1])
          throw new Error(`rule broken: n=${n} k=${k} s=${s} ${padding}: TF accepts ${allowed}, rule says ${rule}`);
        sizeRules.push({ n, k, s, padding, allowed });
      }

// ---- 2. Values -----------------------------------------------------------------------------
// NHWC / [kH, kW, Cout, Cin] <-> tconv's NCHW / (Cin, Cout, kH, kW), for 2-D and 3-D.
function toChannelsFirst(data, shape) {  // shape (N, spatial..., C)
  const [N, ...rest] = shape, C = rest.pop();
  const spatial = product(rest), out = new Array(data.length);
  for (let n = 0; n < N; ++n)
    for (let p = 0; p < spatial; ++p)
      for (let c = 0; c < C; ++c) out[(n * C + c) * spatial + p] = data[(n * spatial + p) * C + c];
  return out;
}
function filterToTconv(data, shape) {  // shape (k..., Cout, Cin) -> (Cin, Cout, k...)
  const taps = product(shape.slice(0, -2)), [Cout, Cin] = shape.slice(-2), out = new Array(data.length);
  for (let t = 0; t < taps; ++t)
    for (let co = 0; co < Cout; ++co)
      for (let ci = 0; ci < Cin; ++ci) out[(ci * Cout + co) * taps + t] = data[(t * Cout + co) * Cin + ci];
  return out;
}
// Inserts d-1 zeros between the taps of a (kH, kW, Cout, Cin) filter.
function dilateFilter(data, [kh, kw, co, ci], [dh, dw]) {
  const eh = dh * (kh - 1) + 1, ew = dw * (kw - 1) + 1, out = new Array(eh * ew * co * ci).fill(0);
  for (let y = 0; y < kh; ++y)
    for (let x = 0; x < kw; ++x)
      for (let c = 0; c < co * ci; ++c) out[((y * dh) * ew + x * dw) * co * ci + c] = data[(y * kw + x) * co * ci + c];
  return { data: out, shape: [eh, ew, co, ci] };
}

const cases = [];
function record(c, x, xShape, f, fShape, y, yShape, bias = null) {
  const dims = xShape.length - 2;
  const spatialX = xShape.slice(1, -1), spatialY = yShape.slice(1, -1);
  const squeeze = c.one_d;  // 1-D layers ran as 2-D with height 1
  delete c.one_d;
  const keep = (s) => (squeeze ? s.slice(1) : s);
  cases.push({
    ...c,
    dims: squeeze ? 1 : dims,
    input_shape: [xShape[0], xShape.at(-1), ...keep(spatialX)],
    input: toChannelsFirst(x, xShape),
    weight_shape: [fShape.at(-1), fShape.at(-2), ...keep(fShape.slice(0, -2))],
    weight: filterToTconv(f, fShape),
    bias,
    expected_shape: [yShape[0], yShape.at(-1), ...keep(spatialY)],
    expected: toChannelsFirst(y, yShape),
  });
}

// Runs tf.conv2dTranspose (or conv3dTranspose) and records the case. axes: per spatial axis
// {n, k, s, d, O}; padding 'same' | 'valid' | [[b, e], ...] (explicit, 2-D only).
function runTranspose(name, axes, padding, { batch = 1, cin = 2, cout = 2, kind = 'int', one_d = false } = {}) {
  const dims = axes.length;
  const xShape = [batch, ...axes.map((a) => a.n), cin];
  const fShape = [...axes.map((a) => a.k), cout, cin];
  const x = values(product(xShape), kind), f = values(product(fShape), kind);
  const dil = axes.map((a) => a.d ?? 1);
  const emulated = dil.some((d) => d > 1);
  const run = emulated ? dilateFilter(f, fShape, dil) : { data: f, shape: fShape };
  const yShape = [batch, ...axes.map((a) => a.O), cout];
  const tfPad = Array.isArray(padding) ? [[0, 0], ...padding, [0, 0]] : padding;
  const y = tf.tidy(() => {
    const xt = tf.tensor(x, xShape), ft = tf.tensor(run.data, run.shape);
    const out = dims === 3 ? tf.conv3dTranspose(xt, ft, yShape, axes.map((a) => a.s), tfPad)
                           : tf.conv2dTranspose(xt, ft, yShape, axes.map((a) => a.s), tfPad);
    if (out.shape.join() !== yShape.join()) throw new Error(`${name}: shape ${out.shape} != ${yShape}`);
    return Array.from(out.dataSync());
  });
  const c = { name, source: dims === 3 ? 'tf.conv3dTranspose' : 'tf.conv2dTranspose', kind, one_d,
              kernel: axes.map((a) => a.k), stride: axes.map((a) => a.s), dilation: dil,
              tf: { padding, output_shape: axes.map((a) => a.O) } };
  if (emulated) c.dilation_emulated = true;
  if (one_d) { c.kernel = c.kernel.slice(1); c.stride = c.stride.slice(1); c.dilation = c.dilation.slice(1);
               if (!Array.isArray(padding)) c.tf.output_shape = c.tf.output_shape.slice(1);
               else { c.tf.padding = padding.slice(1); c.tf.output_shape = c.tf.output_shape.slice(1); } }
  record(c, x, xShape, f, fShape, y, yShape);
}

// Per-axis layers (input n, kernel k, stride s), paired as (height, width).
const axisLayers = [[3, 3, 2], [5, 3, 2], [3, 2, 3], [4, 4, 2], [2, 5, 1], [3, 1, 2], [4, 3, 3], [2, 4, 4],
                    [1, 3, 2], [3, 5, 2], [2, 2, 2], [3, 6, 4]];
for (const padding of ['same', 'valid']) {
  axisLayers.forEach(([n1, k1, s1], i) => {
    const [n2, k2, s2] = axisLayers[(i + 5) % axisLayers.length];
    const r1 = ruleRange(n1, k1, s1, padding), r2 = ruleRange(n2, k2, s2, padding);
    const count = Math.max(r1[1] - r1[0], r2[1] - r2[0]) + 1;
    for (let j = 0; j < count; ++j) {  // every allowed output_shape on both axes
      const O1 = r1[0] + (j % (r1[1] - r1[0] + 1)), O2 = r2[0] + (j % (r2[1] - r2[0] + 1));
      runTranspose(`${padding}_h${n1}k${k1}s${s1}o${O1}_w${n2}k${k2}s${s2}o${O2}`,
                   [{ n: n1, k: k1, s: s1, O: O1 }, { n: n2, k: k2, s: s2, O: O2 }], padding,
                   { kind: j === 0 && i % 3 === 0 ? 'float' : 'int', batch: i % 4 === 1 ? 2 : 1 });
    }
  });
}
// 1-D (tf.nn.conv1d_transpose runs conv2d_transpose with a unit height).
for (const padding of ['same', 'valid'])
  for (const [n, k, s] of [[4, 3, 2], [3, 2, 3], [5, 4, 2], [2, 1, 3]]) {
    const r = ruleRange(n, k, s, padding);
    for (let O = r[0]; O <= r[1]; ++O)
      runTranspose(`1d_${padding}_n${n}k${k}s${s}o${O}`, [{ n: 1, k: 1, s: 1, O: 1 }, { n, k, s, O }], padding,
                   { one_d: true, cout: 3 });
  }
// 3-D.
runTranspose('3d_same', [{ n: 2, k: 3, s: 2, O: 4 }, { n: 2, k: 2, s: 2, O: 3 }, { n: 3, k: 2, s: 1, O: 3 }], 'same', { cin: 1 });
runTranspose('3d_valid', [{ n: 2, k: 2, s: 3, O: 6 }, { n: 2, k: 3, s: 1, O: 4 }, { n: 1, k: 2, s: 2, O: 3 }], 'valid', { cin: 1 });
// Explicit padding (tf.nn.conv2d_transpose's list form): O in [full-t-b, full-t-b+s-1].
for (const [[n1, k1, s1, t1, b1], [n2, k2, s2, t2, b2]] of [
  [[3, 3, 2, 0, 1], [4, 4, 2, 2, 1]], [[2, 3, 3, 1, 2], [3, 2, 1, 1, 0]], [[4, 5, 2, 3, 0], [2, 3, 2, 0, 0]]]) {
  const f1 = (n1 - 1) * s1 + k1 - t1 - b1, f2 = (n2 - 1) * s2 + k2 - t2 - b2;
  for (let j = 0; j < Math.max(s1, s2); ++j)
    runTranspose(`explicit_h${n1}k${k1}s${s1}p${t1}${b1}_w${n2}k${k2}s${s2}p${t2}${b2}_extra${j}`,
                 [{ n: n1, k: k1, s: s1, O: f1 + (j % s1) }, { n: n2, k: k2, s: s2, O: f2 + (j % s2) }],
                 [[t1, b1], [t2, b2]]);
}
// Dilation, emulated with a zero-filled kernel (see the header): the rules with k -> d*(k-1)+1.
for (const padding of ['same', 'valid'])
  for (const [[n1, k1, s1, d1], [n2, k2, s2, d2]] of [[[3, 3, 2, 2], [2, 2, 3, 3]], [[4, 2, 1, 3], [3, 3, 2, 1]]]) {
    const e1 = d1 * (k1 - 1) + 1, e2 = d2 * (k2 - 1) + 1;
    const r1 = ruleRange(n1, e1, s1, padding), r2 = ruleRange(n2, e2, s2, padding);
    for (let j = 0; j < Math.max(r1[1] - r1[0], r2[1] - r2[0]) + 1; ++j)
      runTranspose(`dilated_${padding}_h${n1}k${k1}s${s1}d${d1}_w${n2}k${k2}s${s2}d${d2}_${j}`,
                   [{ n: n1, k: k1, s: s1, d: d1, O: r1[0] + (j % (r1[1] - r1[0] + 1)) },
                    { n: n2, k: k2, s: s2, d: d2, O: r2[0] + (j % (r2[1] - r2[0] + 1)) }], padding);
  }

// Keras: tf.layers.conv2dTranspose (no output_padding, no dilation in TF.js): its own length rule.
for (const padding of ['same', 'valid'])
  for (const [[n1, k1, s1], [n2, k2, s2]] of [[[3, 3, 2], [4, 4, 2]], [[3, 2, 3], [2, 5, 2]], [[2, 1, 3], [3, 3, 1]]]) {
    const cin = 2, cout = 3, kind = 'int';
    const xShape = [1, n1, n2, cin], fShape = [k1, k2, cout, cin];
    const x = values(product(xShape), kind), f = values(product(fShape), kind), b = values(cout, kind);
    const layer = tf.layers.conv2dTranspose({ filters: cout, kernelSize: [k1, k2], strides: [s1, s2], padding,
                                              inputShape: [n1, n2, cin] });
    const y = tf.tidy(() => {
      const out = layer.apply(tf.tensor(x, xShape));  // builds the layer
      layer.setWeights([tf.tensor(f, fShape), tf.tensor(b, [cout])]);
      return layer.apply(tf.tensor(x, xShape));
    });
    const c = { name: `keras_layer_${padding}_h${n1}k${k1}s${s1}_w${n2}k${k2}s${s2}`, source: 'tf.layers.conv2dTranspose',
                kind, kernel: [k1, k2], stride: [s1, s2], dilation: [1, 1], keras: { padding, output_padding: null } };
    record(c, x, xShape, f, fShape, Array.from(y.dataSync()), y.shape, b);
  }

// Keras output_padding, run as Keras' TensorFlow backend runs it (see the header).
const kerasLength = (n, k, s, padding, op) => (padding === 'valid' ? (n - 1) * s + k + op : (n - 1) * s + (k % 2) + op);
const kerasRefused = [];
for (const padding of ['same', 'valid'])
  for (const [n, k, s] of [[3, 3, 2], [3, 4, 2], [4, 3, 3], [2, 2, 3], [3, 5, 2], [2, 1, 2], [3, 2, 1], [3, 6, 4]])
    for (let op = 0; op < s; ++op) {
      const O = kerasLength(n, k, s, padding, op);
      const [lo, hi] = acceptedRange(n, k, s, padding);  // TensorFlow's own criterion, not the rule
      if (O < lo || O > hi) { kerasRefused.push({ n, k, s, padding, output_padding: op, keras_length: O, allowed: [lo, hi] }); continue; }
      const xShape = [1, 1, n, 2], fShape = [1, k, 2, 2];
      const x = values(product(xShape), 'int'), f = values(product(fShape), 'int');
      const yShape = [1, 1, O, 2];
      const y = tf.tidy(() => Array.from(tf.conv2dTranspose(tf.tensor(x, xShape), tf.tensor(f, fShape), yShape, [1, s], padding).dataSync()));
      record({ name: `keras_output_padding_${padding}_n${n}k${k}s${s}op${op}`, source: 'keras_output_padding', kind: 'int',
               one_d: true, kernel: [k], stride: [s], dilation: [1], keras: { padding, output_padding: [op] } },
             x, xShape, f, fShape, y, yShape);
    }

const path = join(here, '..', 'data', 'tf_fixtures.json');
writeFileSync(path, JSON.stringify({ generator: 'tests/tf/make_fixtures.mjs', tfjs_version: tfjsVersion,
                                     size_rules: sizeRules, cases, keras_refused: kerasRefused }) + '\n');
console.log(`${sizeRules.length} size rules, ${cases.length} value cases, ${kerasRefused.length} Keras lengths TensorFlow refuses, ` +
            `${statSync(path).size} bytes -> tests/data/tf_fixtures.json`);
