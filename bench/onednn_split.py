#!/usr/bin/env python3
"""Where the time of tconv's oneDNN path goes, beside oneDNN's own threaded primitive.

    python3 bench/onednn_split.py [--tconv build/tconv] [--threads 2] [--shapes abcf] [--rounds 3]

For each oneDNN shape of docs/performance.md it prints, per run, the median wall time of
`tconv bench` and of the harness (bench/lib_harness.cpp: one OpenMP-threaded primitive, input
and output left in oneDNN's blocked layout), and the CPU time oneDNN itself reports
(ONEDNN_VERBOSE=1) per run, split into the deconvolution primitive, the reorder of the plain
input into the blocked layout and the reorder of the output back. tconv runs the primitive as
single-threaded tasks (src/fast/onednn_path.cpp), so its primitive time is summed over threads;
the harness's is wall time of one threaded call (multiply by the threads to compare CPU time).
Per-run figures are (total over 60 runs - total over 10 runs) / 50: preparation and warm-up
cancel out. Verbose timing itself costs a little per call, more for tconv's many small calls.
"""
import argparse
import collections
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_benchmarks import SHAPES, build_harness, run_json  # noqa: E402
import subprocess  # noqa: E402

SHORT, LONG = 10, 60


def verbose_totals(command):
    """{kind: total exec ms} from oneDNN's verbose lines of one process."""
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         env={**os.environ, "ONEDNN_VERBOSE": "1"}).stdout
    totals = collections.Counter()
    for line in out.splitlines():
        fields = line.split(",")
        if len(fields) < 8 or fields[0] != "onednn_verbose" or fields[1] != "exec":
            continue
        kind, descriptors = fields[3], fields[6]
        if kind == "reorder":
            # Activations are plain (abcd...) on tconv's side; weights carry a second block letter.
            if "16a" in descriptors or "16b16" in descriptors:
                kind = "reorder weights"
            elif descriptors.startswith("src_f32::blocked:abc"):
                kind = "reorder in"
            else:
                kind = "reorder out"
        totals[kind] += float(fields[-1])
    return totals


def per_run(command_for):
    short, long = verbose_totals(command_for(SHORT)), verbose_totals(command_for(LONG))
    return {kind: (long[kind] - short[kind]) / (LONG - SHORT) for kind in long}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tconv", default="build/tconv")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--shapes", default="abcf")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        harness = str(build_harness(scratch))
        print("| shape | tconv ms | harness ms | x harness | tconv CPU ms: primitive, reorder in, reorder out "
              "| harness CPU ms: primitive x threads |")
        print("|---|---|---|---|---|---|")
        for name in args.shapes:
            n, cin, cout, spatial, k, s, p = SHAPES[name]
            layer = [str(v) for v in (n, cin, cout, k, s, p) + spatial]

            def tconv(repeat):
                return [args.tconv, "bench", "--input-shape", "x".join(map(str, (n, cin) + spatial)),
                        "--out-channels", str(cout), "-k", str(k), "-s", str(s), "-p", str(p), "--json",
                        "--threads", str(args.threads), "--repeat", str(repeat)]

            def lib(repeat):
                return [harness, "onednn", *layer, "--threads", str(args.threads), "--repeat", str(repeat)]

            walls = collections.defaultdict(list)
            for _ in range(args.rounds):  # interleaved, so a burst of load moves both
                walls["tconv"].append(run_json(tconv(30))["median_ms"])
                walls["lib"].append(run_json(lib(30))["median_ms"])
            t, h = statistics.median(walls["tconv"]), statistics.median(walls["lib"])
            ts, hs = per_run(tconv), per_run(lib)
            print(f"| ({name}) | {t:.3f} | {h:.3f} | {h / t:.2f} | {ts.get('deconvolution', 0):.3f}, "
                  f"{ts.get('reorder in', 0):.3f}, {ts.get('reorder out', 0):.3f} "
                  f"| {hs.get('deconvolution', 0) * args.threads:.3f} |", flush=True)


if __name__ == "__main__":
    main()
