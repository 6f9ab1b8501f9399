#!/usr/bin/env bash
# The whole-process targets of the fast engine (docs/performance.md): `tconv compute` of shape
# (b) (N=16, 512->256, 4x4, k4 s2 p1) from .npy files to a .npy file, against the engine's own
# time from `tconv bench`; and `tconv shape` start-up. Medians from hyperfine.
# Needs: hyperfine, GNU time (/usr/bin/time), and numpy for /usr/bin/python3 (to write the inputs).
# Usage: bench/end_to_end.sh [path/to/tconv]
set -euo pipefail
tconv=$(realpath "${1:-build/tconv}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/python3 - <<'PY'
import numpy as np
rng = np.random.default_rng(1)
np.save("x.npy", rng.uniform(-1, 1, (16, 512, 4, 4)).astype(np.float32))
np.save("w.npy", rng.uniform(-1, 1, (512, 256, 4, 4)).astype(np.float32))
PY
engine_ms=$("$tconv" bench --input-shape 16x512x4x4 --out-channels 256 -k 4 -s 2 -p 1 --repeat 30 --json |
            /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["median_ms"])')
hyperfine -N --warmup 3 --runs 30 --export-json compute.json \
  "$tconv compute --input x.npy --weight w.npy -s 2 -p 1 -o y.npy" >/dev/null
hyperfine -N --warmup 5 --runs 100 --export-json shape.json "$tconv shape 2x2 -k 3 -s 2" >/dev/null
# Page faults and peak resident memory of one compute (GNU time: %R minor faults, %M KB).
/usr/bin/time -f "%R %M" -o memory.txt "$tconv" compute --input x.npy --weight w.npy -s 2 -p 1 -o y.npy
/usr/bin/python3 - "$engine_ms" <<'PY'
import json, sys
engine = float(sys.argv[1])
compute = json.load(open("compute.json"))["results"][0]["median"] * 1000
shape = json.load(open("shape.json"))["results"][0]["median"] * 1000
print(f"engine (tconv bench, median)          {engine:8.2f} ms")
print(f"tconv compute .npy -> .npy (median)   {compute:8.2f} ms   ratio {compute / engine:5.1f}x   (target <= 3x)")
print(f"tconv shape (median)                  {shape:8.2f} ms             (target < 3 ms)")
faults, peak_kb = open("memory.txt").read().split()
print(f"tconv compute: {faults} minor page faults, peak resident {int(peak_kb) / 1024:.1f} MB")
PY
