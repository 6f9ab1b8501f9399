// ONNX Runtime (npm onnxruntime-node, CPU) on one model, for run_benchmarks.py and
// load_benchmark.py. The model comes from onnx_layer.py (weights as an initializer).
//
//   ORT_DIR=folder-with-node_modules node ort_bench.mjs MODEL.onnx N,C,D... [--threads T]
//       [--repeat R] [--warmup W] [--dtype float32|float64]
//
// intraOpNumThreads = T (ONNX Runtime's pool: the calling thread and T - 1 workers), one
// inter-op thread, sequential execution, every graph optimisation, ONNX Runtime's default
// spinning. Times each `await session.run(...)`: the call as a Node program makes it, input
// and output tensors included. Prints one JSON object: {"median_ms", "min_ms", "max_ms",
// "prepare_ms", "impl"}; prepare_ms is the session creation (model load and optimisation).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const [model, shapeText] = args;
const threads = Number(option('--threads', '2'));
const repeat = Number(option('--repeat', '20'));
const warmup = Number(option('--warmup', '3'));
const dtype = option('--dtype', 'float32');

const require = createRequire(`${process.env.ORT_DIR ?? '.'}/package.json`);
const ort = require('onnxruntime-node');
const version = require('onnxruntime-node/package.json').version;

const shape = shapeText.split(',').map(Number);
const count = shape.reduce((a, b) => a * b, 1);
const Array_ = dtype === 'float64' ? Float64Array : Float32Array;
const values = new Array_(count);
let seed = 1;
for (let i = 0; i < count; ++i) {  // a fixed pseudo-random input in [-1, 1]
  seed = (seed * 1103515245 + 12345) % 2147483648;
  values[i] = (seed / 1073741824) - 1;
}
const input = new ort.Tensor(dtype, values, shape);

const prepareStart = performance.now();
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
});
const prepareMs = performance.now() - prepareStart;
const feeds = { [session.inputNames[0]]: input };
for (let i = 0; i < warmup; ++i) await session.run(feeds);
const times = [];
for (let i = 0; i < repeat; ++i) {
  const start = performance.now();
  await session.run(feeds);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const mid = times.length >> 1;
const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
console.log(JSON.stringify({
  median_ms: median, min_ms: times[0], max_ms: times[times.length - 1], prepare_ms: prepareMs,
  impl: `onnxruntime-node ${version}`,
}));
