#!/usr/bin/env python3
"""Runs, in one go, tconv bench and the libraries it is compared with on the shapes (a)-(f) of
docs/performance.md, and prints one table (ms are medians; "x best" = best other time / tconv's
time).

    python3 bench/run_benchmarks.py [--tconv build/tconv] [--rounds 3] [--repeat 20] [--threads 2]
                                    [--candidates] [--json FILE] [--ort-dir DIR | --no-ort] [--shapes abcdef]

Compared: ONNX Runtime (npm onnxruntime-node, see ort_bench.mjs; installed on first use into
--ort-dir, outside the source tree), PyTorch's conv_transpose2d (via /usr/bin/python3 when it
has torch; skipped otherwise), oneDNN's deconvolution at its best (bench/lib_harness.cpp:
blocked layouts, input and weight reordered before timing) and OpenBLAS's GEMM of each layer's
shape (M = Cout*k^2, N = batch*input positions, K = Cin: the same multiplications as the
layer, no zeros). Each round runs every measurement once; a cell is the median over rounds of
the per-round medians, so a burst of load on the machine moves one round, not the table.
Needs g++, pkg-config, libdnnl-dev and an OpenBLAS -dev package (scripts/install-deps.sh);
for ONNX Runtime node, npm and python3-onnx.
"""
import argparse
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# ONNX Runtime for Node, pinned: the CPU library is inside the npm package
# (ONNXRUNTIME_NODE_INSTALL=skip keeps its install script from fetching the GPU one).
ORT_VERSION = "1.30.0"
DEFAULT_ORT_DIR = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache")) / "tconv-bench" / (
    "onnxruntime-node-" + ORT_VERSION)

# name: (N, Cin, Cout, spatial, kernel, stride, padding)
SHAPES = {
    "a": (1, 512, 256, (4, 4), 4, 2, 1),
    "b": (16, 512, 256, (4, 4), 4, 2, 1),
    "c": (1, 128, 64, (32, 32), 4, 2, 1),
    "d": (1, 64, 3, (64, 64), 4, 2, 1),
    "e": (1, 1, 1, (512, 512), 3, 2, 0),
    "f": (8, 256, 128, (16, 16), 3, 1, 1),
}
FLOAT64_SHAPES = ("b", "c", "f")
CANDIDATES = {"float32": ("direct", "gemm", "onednn"), "float64": ("direct", "gemm")}


class OtherLoad:
    """How much of the machine's CPU time processes other than this script and its children
    took between start() and stop(): /proc/stat's busy time minus the children's CPU time (the
    children must have been waited for by stop())."""

    def start(self):
        self.busy, self.total, self.children, self.wall = self._busy(), self._total(), self._children(), \
            time.monotonic()
        return self

    def stop(self):
        busy = self._busy() - self.busy
        ours = self._children() - self.children
        total = self._total() - self.total
        return max(0.0, (busy - ours) / total) if total > 0 else 0.0

    @staticmethod
    def _fields():
        with open("/proc/stat") as stat:
            return [int(v) / os.sysconf("SC_CLK_TCK") for v in stat.readline().split()[1:]]

    def _busy(self):
        f = self._fields()
        return sum(f) - f[3] - f[4]  # all but idle and iowait

    def _total(self):
        return sum(self._fields())

    @staticmethod
    def _children():
        t = os.times()
        return t.children_user + t.children_system + t.user + t.system


def run_json(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        sys.exit("failed: " + " ".join(map(str, command)) + "\n" + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_harness(directory):
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "openblas"], capture_output=True, text=True,
                           check=True).stdout.split()
    binary = pathlib.Path(directory) / "lib_harness"
    subprocess.run(["g++", "-std=c++20", "-O2", "-fopenmp", str(ROOT / "bench" / "lib_harness.cpp"), "-o",
                    str(binary), "-ldnnl", *flags], check=True)
    return binary


def ensure_onnxruntime(directory):
    """The folder holding node_modules/onnxruntime-node at ORT_VERSION (installed if missing), or
    None with a note on stderr when node, npm or the onnx module is missing."""
    directory = pathlib.Path(directory)
    package = directory / "node_modules" / "onnxruntime-node" / "package.json"
    if package.exists() and json.loads(package.read_text()).get("version") == ORT_VERSION:
        return directory
    if subprocess.run(["/usr/bin/python3", "-c", "import onnx"], capture_output=True, check=False).returncode:
        print("ONNX Runtime skipped: /usr/bin/python3 has no onnx module (Debian python3-onnx)", file=sys.stderr)
        return None
    for tool in ("node", "npm"):
        if subprocess.run(["sh", "-c", "command -v " + tool], capture_output=True, check=False).returncode:
            print(f"ONNX Runtime skipped: no {tool}", file=sys.stderr)
            return None
    directory.mkdir(parents=True, exist_ok=True)
    if not (directory / "package.json").exists():
        (directory / "package.json").write_text('{"private": true}\n')
    print(f"installing onnxruntime-node {ORT_VERSION} into {directory}", file=sys.stderr)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(directory),
                    "onnxruntime-node@" + ORT_VERSION], check=True, stdout=sys.stderr,
                   env={**os.environ, "ONNXRUNTIME_NODE_INSTALL": "skip"})
    return directory


def write_onnx_models(directory, names, dtype="float32"):
    """{shape name: path of its ONNX model} (bench/onnx_layer.py)."""
    models = {}
    for name in names:
        n, cin, cout, spatial, k, s, p = SHAPES[name]
        path = pathlib.Path(directory) / f"{name}_{dtype}.onnx"
        subprocess.run(["/usr/bin/python3", str(ROOT / "bench" / "onnx_layer.py"),
                        *map(str, (n, cin, cout, k, s, p) + spatial), "--out", str(path), "--dtype", dtype],
                       check=True)
        models[name] = path
    return models


def layer_flops(name):
    n, cin, cout, spatial, k, _, _ = SHAPES[name]
    return 2.0 * n * cin * cout * math.prod(spatial) * k ** len(spatial)


def run_ort(ort_dir, model, name, threads, repeat):
    n, cin, _, spatial, _, _, _ = SHAPES[name]
    result = run_json(["node", str(ROOT / "bench" / "ort_bench.mjs"), str(model),
                       ",".join(map(str, (n, cin) + spatial)), "--threads", str(threads), "--repeat", str(repeat)],
                      env={**os.environ, "ORT_DIR": str(ort_dir)})
    result["gflops"] = layer_flops(name) / (result["median_ms"] * 1e6)
    return result


def torch_python():
    for python in ("/usr/bin/python3", sys.executable):
        if subprocess.run([python, "-c", "import torch"], capture_output=True, check=False).returncode == 0:
            return python
    return None


def measure_round(args, harness, python, ort):
    """One measurement of everything: {(shape, what): result}. ort: (folder, models) or None."""
    results = {}
    for name in args.shapes:
        n, cin, cout, spatial, k, s, p = SHAPES[name]
        shape_text = "x".join(map(str, (n, cin) + spatial))
        common = ["--threads", str(args.threads), "--repeat", str(args.repeat)]
        layer = [str(v) for v in (n, cin, cout, k, s, p) + spatial]
        for dtype in ("float32", "float64"):
            if dtype == "float64" and name not in FLOAT64_SHAPES:
                continue
            bench = [args.tconv, "bench", "--input-shape", shape_text, "--out-channels", str(cout), "-k", str(k),
                     "-s", str(s), "-p", str(p), "--dtype", dtype, "--json", *common]
            results[(name, "tconv " + dtype)] = run_json(bench)
            for path in CANDIDATES[dtype] if args.candidates else ():
                results[(name, f"tconv {dtype} {path}")] = run_json(bench + ["--path", path])
        if ort:
            results[(name, "ort")] = run_ort(ort[0], ort[1][name], name, args.threads, args.repeat)
        if python:
            results[(name, "torch")] = run_json([python, str(ROOT / "bench" / "torch_bench.py"), *layer, *common])
        results[(name, "onednn")] = run_json([str(harness), "onednn", *layer, *common])
        gemm = [str(cout * k ** len(spatial)), str(n * math.prod(spatial)), str(cin)]  # M, N, K
        results[(name, "sgemm")] = run_json([str(harness), "gemm", "f32", *gemm, *common])
        if name in FLOAT64_SHAPES:
            results[(name, "dgemm")] = run_json([str(harness), "gemm", "f64", *gemm, *common])
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tconv", default=str(ROOT / "build" / "tconv"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--candidates", action="store_true",
                        help="also time each path of the fast engine (--path) and print them in a third table")
    parser.add_argument("--json", help="also write every measurement to this file")
    parser.add_argument("--ort-dir", default=str(DEFAULT_ORT_DIR),
                        help=f"where onnxruntime-node {ORT_VERSION} is (installed there if missing; default %(default)s)")
    parser.add_argument("--no-ort", action="store_true", help="leave ONNX Runtime out")
    parser.add_argument("--shapes", default="".join(SHAPES), help="shape letters, e.g. ac (default: all)")
    args = parser.parse_args()
    args.shapes = [c for c in args.shapes if c in SHAPES]
    python = torch_python()
    ort_dir = None if args.no_ort else ensure_onnxruntime(args.ort_dir)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as directory:
        harness = build_harness(directory)
        ort = (ort_dir, write_onnx_models(directory, args.shapes)) if ort_dir else None
        others = OtherLoad().start()
        rounds = [measure_round(args, harness, python, ort) for _ in range(args.rounds)]
        other_share = others.stop()
    load_after = os.getloadavg()[0]

    def cell(key, field="median_ms"):
        values = [r[key][field] for r in rounds if key in r]
        return statistics.median(values) if values else None

    def ms(value):
        return "n/a" if value is None else f"{value:.3f}"

    print(f"float32, {args.threads} threads, medians of {args.rounds} rounds x {args.repeat} runs; "
          f"load average {load_before:.1f} before, {load_after:.1f} after; other processes took "
          f"{100 * other_share:.0f} % of the CPU time meanwhile")
    print("| shape | tconv ms | tconv GFLOP/s | tconv path | ONNX Runtime ms | PyTorch ms | oneDNN ms | oneDNN GFLOP/s "
          "| x best | target |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.shapes:
        t = cell((name, "tconv float32"))
        others = [v for v in (cell((name, "ort")), cell((name, "torch")), cell((name, "onednn"))) if v is not None]
        best = min(others)
        target = 2.0 if name in ("d", "e") else 1.0
        engine = rounds[-1][(name, "tconv float32")]["engine"]
        print(f"| ({name}) | {ms(t)} | {cell((name, 'tconv float32'), 'gflops'):.1f} | {engine} | "
              f"{ms(cell((name, 'ort')))} | {ms(cell((name, 'torch')))} | {ms(cell((name, 'onednn')))} | "
              f"{cell((name, 'onednn'), 'gflops'):.1f} | {best / t:.2f} | {target} {'ok' if best / t >= target else 'MISSED'} |")
    print()
    print("float64 against OpenBLAS dgemm of the layer's GEMM shape (same run)")
    print("| shape | tconv ms | tconv GFLOP/s | tconv path | dgemm GFLOP/s | share | target |")
    print("|---|---|---|---|---|---|---|")
    for name in (n for n in FLOAT64_SHAPES if n in args.shapes):
        g = cell((name, "tconv float64"), "gflops")
        d = cell((name, "dgemm"), "gflops")
        engine = rounds[-1][(name, "tconv float64")]["engine"]
        print(f"| ({name}) | {ms(cell((name, 'tconv float64')))} | {g:.1f} | {engine} | {d:.1f} | {g / d:.2f} | "
              f"0.5 {'ok' if g / d >= 0.5 else 'MISSED'} |")
    print()
    print("sgemm of each layer's GEMM shape, GFLOP/s: " +
          ", ".join(f"({name}) {cell((name, 'sgemm'), 'gflops'):.1f}" for name in args.shapes))
    if args.candidates:
        print()
        print("each path of the fast engine, median ms (GFLOP/s); * = the one Auto chooses")
        print("| shape | dtype | " + " | ".join(CANDIDATES["float32"]) + " |")
        print("|---|---|---|---|---|")
        for name in args.shapes:
            for dtype in ("float32", "float64"):
                if dtype == "float64" and name not in FLOAT64_SHAPES:
                    continue
                chosen = rounds[-1][(name, "tconv " + dtype)]["engine"].split()[0]
                cells = []
                for path in CANDIDATES["float32"]:
                    key = (name, f"tconv {dtype} {path}")
                    if path not in CANDIDATES[dtype]:
                        cells.append("n/a")
                        continue
                    mark = "*" if path == chosen else ""
                    cells.append(f"{mark}{ms(cell(key))} ({cell(key, 'gflops'):.1f})")
                print(f"| ({name}) | {dtype} | " + " | ".join(cells) + " |")
    if args.json:
        flat = [{"shape": k[0], "what": k[1], **v} for r in rounds for k, v in r.items()]
        pathlib.Path(args.json).write_text(json.dumps(flat, indent=1) + "\n")


if __name__ == "__main__":
    main()
