// Writes tests/data/onnxruntime_fixtures.json: ConvTranspose results computed by ONNX Runtime.
//
//   cd tests/onnxruntime && ONNXRUNTIME_NODE_INSTALL=skip npm ci && node make_fixtures.mjs
//
// (ONNXRUNTIME_NODE_INSTALL=skip: the CPU build ships inside the npm package; nothing else is
// downloaded.) The models are built by make_models.py with Debian's python3-onnx
// (/usr/bin/python3); this script feeds them inputs and records what ONNX Runtime returns, or
// the error with which it refuses a case. The tests only read the JSON; neither they nor CI need
// npm or Python.
//
// Each case stores the ONNX attributes exactly as written into the model, the input, weight and
// optional bias (float32 values: small integers, so every result is exact, or random values),
// ONNX Runtime's output shape and values. Besides the ordinary cases (explicit pads, auto_pad,
// strides, dilations, groups) it covers the two corners where ONNX Runtime differs from the
// reference implementation (onnx/reference/ops/op_conv_transpose.py):
//   - output_shape smaller than the full size with auto_pad NOTSET,
//   - SAME_UPPER / SAME_LOWER with the kernel smaller than the stride,
// and their neighbours (output_shape larger than the full size, output_shape with SAME, pads
// given together with output_shape).
import { spawnSync } from 'node:child_process';
import { writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const ortVersion = require('onnxruntime-node/package.json').version;

// mulberry32: a small seeded generator, so the fixtures are reproducible.
let seed = 20261207;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function values(count, kind) {
  const out = [];
  for (let i = 0; i < count; ++i) {
    if (kind === 'int') {
      out.push(Math.floor(random() * 8) - 3);  // -3 .. 4
    } else {
      const u = 1 - random(), v = random();   // Box-Muller, rounded to float32
      out.push(Math.fround(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
    }
  }
  return out;
}
const product = (shape) => shape.reduce((a, b) => a * b, 1);

const cases = [];
// in_shape (N, Cin, spatial...), coutPerGroup, kernel (one per spatial dim), ONNX attributes.
function add(name, inShape, coutPerGroup, kernel, attributes = {}, { bias = false, kind = 'int', x, w } = {}) {
  const group = attributes.group ?? 1;
  const weightShape = [inShape[1], coutPerGroup, ...kernel];
  cases.push({
    name, kind, dims: inShape.length - 2,
    input_shape: inShape, input: x ?? values(product(inShape), kind),
    weight_shape: weightShape, weight: w ?? values(product(weightShape), kind),
    bias: bias ? values(coutPerGroup * group, kind) : null,
    attributes,
  });
}

for (const kind of ['int', 'float']) {
  // Ordinary cases: ONNX Runtime, PyTorch and ONNX's reference implementation all agree here.
  add(`1d_basic_${kind}`, [1, 1, 5], 1, [3], {}, { kind });
  add(`1d_stride_asymmetric_pads_outpad_${kind}`, [2, 2, 6], 3, [4], { strides: [3], pads: [2, 1], output_padding: [1] }, { kind });
  add(`2d_stride2_pads_outpad_${kind}`, [1, 1, 3, 3], 1, [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] }, { kind });
  add(`2d_asymmetric_pads_${kind}`, [1, 2, 3, 4], 2, [3, 3], { strides: [2, 2], pads: [0, 1, 2, 1] }, { kind });
  add(`2d_groups_bias_${kind}`, [2, 4, 3, 3], 3, [2, 2], { strides: [2, 2], group: 2 }, { bias: true, kind });
  add(`3d_everything_${kind}`, [1, 2, 2, 3, 2], 2, [2, 1, 3],
      { strides: [1, 2, 2], dilations: [2, 1, 1], pads: [0, 1, 1, 0, 0, 1], output_padding: [0, 1, 0], group: 2 },
      { bias: true, kind });
}
add('1d_dilation_outpad_below_stride', [1, 2, 4], 2, [3], { strides: [2], dilations: [3], output_padding: [1] });
// output_padding below the dilation but not below the stride: ONNX's text allows it ("less than
// the corresponding stride/dilation"); whether ONNX Runtime does is recorded.
add('1d_dilation_outpad_below_dilation_only', [1, 1, 4], 1, [3], { strides: [2], dilations: [3], output_padding: [2] });
add('2d_depthwise', [1, 3, 3, 3], 1, [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1], group: 3 });
add('2d_kernel_shape_given', [1, 1, 2, 3], 2, [2, 3], { kernel_shape: [2, 3], strides: [3, 1], pads: [0, 2, 1, 0] });
// ONNX's backend test test_convtranspose_pads: x = 0..8, W ones, strides 3,2, pads 1,2,1,2.
add('onnx_backend_convtranspose_pads', [1, 1, 3, 3], 2, [3, 3], { strides: [3, 2], pads: [1, 2, 1, 2] },
    { x: [...Array(9).keys()], w: Array(18).fill(1) });

// auto_pad.
add('same_upper_even_total', [1, 1, 3, 4], 1, [4, 4], { auto_pad: 'SAME_UPPER', strides: [2, 2] });
add('same_upper_odd_total', [1, 1, 3, 4], 2, [3, 3], { auto_pad: 'SAME_UPPER', strides: [2, 2] });
add('same_lower_odd_total', [1, 1, 3, 4], 2, [3, 3], { auto_pad: 'SAME_LOWER', strides: [2, 2] });
add('same_lower_even_total', [1, 2, 3, 2], 1, [4, 2], { auto_pad: 'SAME_LOWER', strides: [2, 1] });
add('same_upper_total_3', [1, 1, 4], 1, [5], { auto_pad: 'SAME_UPPER', strides: [2] });
add('same_lower_total_3', [1, 1, 4], 1, [5], { auto_pad: 'SAME_LOWER', strides: [2] });
add('same_upper_outpad', [1, 1, 4], 1, [3], { auto_pad: 'SAME_UPPER', strides: [2], output_padding: [1] });
add('same_upper_dilation', [1, 1, 4], 1, [3], { auto_pad: 'SAME_UPPER', strides: [2], dilations: [2] });
add('same_lower_dilation_float', [1, 2, 3], 2, [2], { auto_pad: 'SAME_LOWER', strides: [3], dilations: [4] }, { kind: 'float' });
add('same_upper_stride1', [1, 1, 5], 1, [4], { auto_pad: 'SAME_UPPER' });
add('valid_kernel_above_stride', [1, 1, 3], 1, [4], { auto_pad: 'VALID', strides: [2] });
add('valid_kernel_below_stride', [1, 1, 3], 1, [2], { auto_pad: 'VALID', strides: [3] });

// Corner 2: SAME with the kernel smaller than the stride (in*stride > full size).
add('corner_same_upper_kernel_below_stride', [1, 1, 3], 1, [2], { auto_pad: 'SAME_UPPER', strides: [3] });
add('corner_same_lower_kernel_below_stride', [1, 1, 3], 1, [2], { auto_pad: 'SAME_LOWER', strides: [3] });
add('corner_same_upper_kernel1_stride4', [1, 1, 3], 1, [1], { auto_pad: 'SAME_UPPER', strides: [4] });
add('corner_same_upper_2d_one_axis', [1, 2, 3, 3], 1, [2, 3], { auto_pad: 'SAME_UPPER', strides: [3, 2] });
add('corner_same_lower_2d_one_axis_float', [1, 1, 2, 3], 2, [3, 1], { auto_pad: 'SAME_LOWER', strides: [2, 3] }, { kind: 'float' });
add('corner_same_upper_outpad_still_short', [1, 1, 3], 1, [2], { auto_pad: 'SAME_UPPER', strides: [4], output_padding: [1] });

// Corner 1: auto_pad NOTSET with output_shape.
add('corner_output_shape_below_full_odd', [1, 1, 4], 1, [3], { strides: [2], output_shape: [8] });
add('corner_output_shape_below_full_even', [1, 1, 4], 1, [3], { strides: [2], output_shape: [7] });
add('corner_output_shape_below_full_3', [1, 2, 4], 1, [3], { strides: [2], output_shape: [6] }, { bias: true });
add('corner_output_shape_2d_odd_even', [1, 1, 3, 3], 2, [3, 4], { strides: [2, 2], output_shape: [6, 7] });
add('corner_output_shape_with_outpad', [1, 1, 3], 1, [3], { strides: [2], output_padding: [1], output_shape: [6] });
add('corner_output_shape_with_pads', [1, 1, 4], 1, [3], { strides: [2], pads: [0, 2], output_shape: [8] });
add('corner_output_shape_dilation_float', [1, 1, 3, 2], 1, [2, 2], { strides: [2, 1], dilations: [2, 2], output_shape: [5, 3] }, { kind: 'float' });
add('output_shape_equal_full', [1, 1, 4], 1, [3], { strides: [2], output_shape: [9] });
add('output_shape_above_full', [1, 1, 4], 1, [3], { strides: [2], output_shape: [11] });
add('output_shape_above_full_with_pads', [1, 1, 4], 1, [3], { strides: [2], pads: [1, 1], output_shape: [10] });
add('valid_with_output_shape_below_full', [1, 1, 4], 1, [3], { auto_pad: 'VALID', strides: [2], output_shape: [8] });

// SAME with output_shape.
add('same_upper_output_shape_odd', [1, 1, 4], 1, [3], { auto_pad: 'SAME_UPPER', strides: [2], output_shape: [8] });
add('same_lower_output_shape_odd', [1, 1, 4], 1, [3], { auto_pad: 'SAME_LOWER', strides: [2], output_shape: [8] });
add('same_upper_output_shape_10', [1, 1, 4], 1, [3], { auto_pad: 'SAME_UPPER', strides: [2], output_shape: [10] });
add('same_upper_output_shape_above_full', [1, 1, 3], 1, [4], { auto_pad: 'SAME_UPPER', strides: [2], output_shape: [9] });
add('same_lower_output_shape_above_full', [1, 1, 3], 1, [4], { auto_pad: 'SAME_LOWER', strides: [2], output_shape: [10] });
// The worked example: SAME_UPPER, stride 2, kernel 3, output_shape 10x10 on 5x5.
add('issue_example_same_upper_5x5_to_10x10', [1, 1, 5, 5], 1, [3, 3], { auto_pad: 'SAME_UPPER', strides: [2, 2], output_shape: [10, 10] });

// The sweep: 1-D layers drawn at random over every attribute combination that matters for the
// size and the crop (input 1..4, kernel 1..4, stride 1..3, dilation 1..2, output_padding below
// max(stride, dilation), every auto_pad, output_shape from below to above the full size), with
// small integer values: whatever ONNX Runtime does, tconv must do the same, or refuse likewise.
const sweep = [];
for (let i = 0; i < 800; ++i) {
  const pick = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const n = pick(1, 4), k = pick(1, 4), s = pick(1, 3), d = pick(1, 2);
  const op = pick(0, Math.max(s, d) - 1);
  const autoPad = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'][pick(0, 3)];
  const full = (n - 1) * s + d * (k - 1) + 1 + op;
  const attributes = { strides: [s], dilations: [d] };
  if (op > 0) attributes.output_padding = [op];
  if (autoPad !== 'NOTSET') attributes.auto_pad = autoPad;
  if (autoPad === 'NOTSET' && random() < 0.5) attributes.pads = [pick(0, 2), pick(0, 2)];
  if (random() < 0.6) attributes.output_shape = [pick(Math.max(1, full - 4), full + s)];
  const before = cases.length;
  add(`sweep_${i}`, [1, 1, n], 1, [k], attributes);
  sweep.push(cases.pop());
  if (cases.length !== before) throw new Error('sweep bookkeeping');
}

const built = spawnSync('/usr/bin/python3', [join(here, 'make_models.py')],
                        { input: JSON.stringify([...cases, ...sweep].map(({ name, input_shape, weight_shape, bias, attributes }) =>
                          ({ name, input_shape, weight_shape, bias: bias !== null, attributes }))),
                          maxBuffer: 1 << 28 });
if (built.status !== 0) throw new Error(`make_models.py failed:\n${built.stderr}`);
const models = JSON.parse(built.stdout.toString());

let refused = 0;
for (const c of [...cases, ...sweep]) {
  const feeds = {
    X: new ort.Tensor('float32', Float32Array.from(c.input), c.input_shape),
    W: new ort.Tensor('float32', Float32Array.from(c.weight), c.weight_shape),
  };
  if (c.bias) feeds.B = new ort.Tensor('float32', Float32Array.from(c.bias), [c.bias.length]);
  try {
    const session = await ort.InferenceSession.create(Buffer.from(models[c.name], 'base64'));
    const { Y } = await session.run(feeds);
    c.expected_shape = Y.dims.map(Number);
    c.expected = Array.from(Y.data);
  } catch (e) {
    c.error = String(e.message ?? e).split('\n')[0].replace(/^.*Status Message: /, '');
    ++refused;
  }
}

const path = join(here, '..', 'data', 'onnxruntime_fixtures.json');
writeFileSync(path, JSON.stringify({ generator: 'tests/onnxruntime/make_fixtures.mjs', onnxruntime_version: ortVersion,
                                     onnx_opset: 17, cases, sweep }) + '\n');
console.log(`${cases.length} cases + ${sweep.length} sweep (${refused} refused by ONNX Runtime ${ortVersion}), ${statSync(path).size} bytes -> tests/data/onnxruntime_fixtures.json`);
