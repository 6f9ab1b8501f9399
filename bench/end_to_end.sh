#!/usr/bin/env bash
# The whole-process targets of the fast engine (docs/performance.md), on shape (b) (N=16,
# 512->256, 4x4, k4 s2 p1), all measured in this one run:
#  - the engine one-shot: `tconv bench --warmup 0 --repeat 1`, whose prepare_ms (loading the
#    fast module, checks, weight layout) plus its one timed run is what a single call costs;
#  - `tconv compute` from .npy files to a .npy file, as a whole process (start to exit), run in
#    turn with the one-shot so that both see the same machine; target <= 3x the one-shot;
#  - the engine's steady median (`tconv bench`), and `tconv shape` start-up (target < 3 ms);
#  - page faults and peak memory of one compute (GNU time).
# Medians over --runs processes of each. Needs GNU time (/usr/bin/time) and numpy for
# /usr/bin/python3 (to write the inputs).
# Usage: bench/end_to_end.sh [path/to/tconv] [runs (default 21)] [threads (default 2)]
set -euo pipefail
tconv=$(realpath "${1:-build/tconv}")
runs=${2:-21}
threads=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/python3 - <<'PY'
import numpy as np
rng = np.random.default_rng(1)
np.save("x.npy", rng.uniform(-1, 1, (16, 512, 4, 4)).astype(np.float32))
np.save("w.npy", rng.uniform(-1, 1, (512, 256, 4, 4)).astype(np.float32))
PY
# Page faults and peak resident memory of one compute (GNU time: %R minor faults, %M KB).
/usr/bin/time -f "%R %M" -o memory.txt "$tconv" compute --input x.npy --weight w.npy -s 2 -p 1 \
  --threads "$threads" -o y.npy
/usr/bin/python3 - "$tconv" "$runs" "$threads" <<'PY'
import json, os, statistics, subprocess, sys, time
tconv, runs, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3]
layer = ["-k", "4", "-s", "2", "-p", "1", "--threads", threads]
bench = [tconv, "bench", "--input-shape", "16x512x4x4", "--out-channels", "256", *layer, "--json"]
compute = [tconv, "compute", "--input", "x.npy", "--weight", "w.npy", "-s", "2", "-p", "1", "--threads", threads,
           "-o", "y.npy"]
shape = [tconv, "shape", "2x2", "-k", "3", "-s", "2"]

def wall_ms(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1e3

load = os.getloadavg()
steady = json.loads(subprocess.run(bench + ["--repeat", "30"], check=True, capture_output=True,
                                   text=True).stdout)["median_ms"]
prepare, first, oneshot, whole = [], [], [], []
for i in range(runs + 1):  # the first pair warms the page cache and is not counted
    b = json.loads(subprocess.run(bench + ["--warmup", "0", "--repeat", "1"], check=True, capture_output=True,
                                  text=True).stdout)
    c = wall_ms(compute)
    if i > 0:
        prepare.append(b["prepare_ms"])
        first.append(b["median_ms"])
        oneshot.append(b["prepare_ms"] + b["median_ms"])
        whole.append(c)
starts = [wall_ms(shape) for _ in range(100)]
median = statistics.median
print(f"shape (b), {threads} threads, medians of {runs} processes each, in turn; "
      f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
print(f"engine steady run (tconv bench, median of 30)   {steady:8.2f} ms")
print(f"engine one-shot: prepare                        {median(prepare):8.2f} ms")
print(f"engine one-shot: first run                      {median(first):8.2f} ms")
print(f"engine one-shot: prepare + first run            {median(oneshot):8.2f} ms")
print(f"tconv compute .npy -> .npy, whole process       {median(whole):8.2f} ms   "
      f"ratio {median(whole) / median(oneshot):4.2f}x the one-shot (target <= 3x), "
      f"{median(whole) / steady:4.1f}x the steady run")
print(f"tconv shape, whole process (100 runs)           {median(starts):8.2f} ms   (target < 3 ms)")
faults, peak_kb = open("memory.txt").read().split()
print(f"tconv compute: {faults} minor page faults, peak resident {int(peak_kb) / 1024:.1f} MB")
PY
