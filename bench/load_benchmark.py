#!/usr/bin/env python3
"""tconv and its peers on a busy machine: every shape of docs/performance.md idle, then with
--busy processes spinning on the cores (default: one per core), and the ratios.

    python3 bench/load_benchmark.py [--tconv build/tconv] [--rounds 5] [--repeat 30] [--threads 2]
                                    [--busy N] [--peers ort,torch,onednn] [--shapes abcdef]
                                    [--ort-dir DIR] [--json FILE]

Each round measures every shape with tconv and each peer, one process after the other
(interleaved, the order turned each round), first with the machine as it is ("idle"), then
with the busy processes running. A cell is the median over rounds of each process's median
of --repeat timed runs; the load average and a vmstat sample are printed with each phase.

The busy processes are plain spinning loops (Python, no memory traffic) started by this
script and always ended by it, also on Ctrl-C or SIGTERM; each also ends by itself after the
time the measurements should take plus a margin, so none outlives a killed script for long.

Targets (issue 15): with the cores busy, tconv's median at most 3x its own idle median, and at
most ONNX Runtime's median under the same load.
Peers: ort = ONNX Runtime (npm onnxruntime-node, see run_benchmarks.py), torch = PyTorch
through /usr/bin/python3, onednn = oneDNN's deconvolution alone (lib_harness.cpp).
"""
import argparse
import json
import os
import pathlib
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run_benchmarks as rb  # noqa: E402  (the shapes, the peers and their installers)

SPIN = "import time, sys\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end: pass\n"


def machine_state():
    """The 1-minute load average and one second of vmstat (us sy id wa st columns)."""
    load = os.getloadavg()
    try:
        lines = subprocess.run(["vmstat", "1", "2"], capture_output=True, text=True, check=True).stdout.splitlines()
        header, last = lines[1].split(), lines[-1].split()
        cpu = " ".join(f"{k} {v}" for k, v in zip(header, last) if k in ("us", "sy", "id", "wa", "st"))
    except (OSError, subprocess.CalledProcessError, IndexError):
        cpu = "vmstat unavailable"
    return f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; vmstat cpu % {cpu}"


class BusyProcesses:
    """count spinning processes, each ending itself after `seconds`; killed on exit."""

    def __init__(self, count, seconds):
        self.count, self.seconds, self.processes = count, seconds, []

    def __enter__(self):
        for _ in range(self.count):
            self.processes.append(subprocess.Popen([sys.executable, "-c", SPIN, str(self.seconds)],
                                                   stdin=subprocess.DEVNULL, start_new_session=True))
        time.sleep(1.0)  # let them reach the cores and the load average rise
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
        for process in self.processes:
            process.wait()
        return False


def measure(args, name, what, tools):
    n, cin, cout, spatial, k, s, p = rb.SHAPES[name]
    common = ["--threads", str(args.threads), "--repeat", str(args.repeat)]
    layer = [str(v) for v in (n, cin, cout, k, s, p) + spatial]
    if what == "tconv":
        return rb.run_json([args.tconv, "bench", "--input-shape", "x".join(map(str, (n, cin) + spatial)),
                            "--out-channels", str(cout), "-k", str(k), "-s", str(s), "-p", str(p), "--json",
                            *common])
    if what == "ort":
        return rb.run_ort(tools["ort_dir"], tools["models"][name], name, args.threads, args.repeat)
    if what == "torch":
        return rb.run_json([tools["python"], str(rb.ROOT / "bench" / "torch_bench.py"), *layer, *common])
    return rb.run_json([str(tools["harness"]), "onednn", *layer, *common])


def run_phase(args, tools, whats, label):
    """The rounds, and the machine's state around them (the caller adds the other processes'
    share of the CPU time, which needs every child waited for)."""
    start = machine_state()
    print(f"{label}: {start}", file=sys.stderr, flush=True)
    rounds = []
    for r in range(args.rounds):
        results = {}
        for name in args.shapes:
            order = whats[r % len(whats):] + whats[:r % len(whats)]
            for what in order:
                results[(name, what)] = measure(args, name, what, tools)
        rounds.append(results)
        print(f"  {label} round {r + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    end = machine_state()
    print(f"{label} end: {end}", file=sys.stderr, flush=True)
    return rounds, f"started with {start}; ended with {end}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tconv", default=str(rb.ROOT / "build" / "tconv"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--busy", type=int, default=len(os.sched_getaffinity(0)),
                        help="spinning processes in the loaded phase (default: one per core)")
    parser.add_argument("--peers", default="ort,torch,onednn", help="comma-separated: ort, torch, onednn, or none")
    parser.add_argument("--shapes", default="".join(rb.SHAPES), help="shape letters, e.g. ade")
    parser.add_argument("--ort-dir", default=str(rb.DEFAULT_ORT_DIR))
    parser.add_argument("--busy-seconds", type=float, default=900,
                        help="longest life of a busy process, in case this script is killed (default 900)")
    parser.add_argument("--json", help="also write every measurement to this file")
    args = parser.parse_args()
    args.shapes = [c for c in args.shapes if c in rb.SHAPES]
    peers = [p for p in args.peers.split(",") if p in ("ort", "torch", "onednn")]

    # SIGTERM ends the script like Ctrl-C: through the finally blocks that kill the busy processes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory() as directory:
        tools = {}
        if "ort" in peers:
            tools["ort_dir"] = rb.ensure_onnxruntime(args.ort_dir)
            if tools["ort_dir"] is None:
                peers.remove("ort")
            else:
                tools["models"] = rb.write_onnx_models(directory, args.shapes)
        if "torch" in peers:
            tools["python"] = rb.torch_python()
            if tools["python"] is None:
                peers.remove("torch")
        if "onednn" in peers:
            tools["harness"] = rb.build_harness(directory)
        whats = ["tconv"] + peers
        others = rb.OtherLoad().start()
        idle, idle_state = run_phase(args, tools, whats, "idle")
        idle_state += f"; other processes took {100 * others.stop():.0f} % of the CPU time"
        others = rb.OtherLoad().start()
        with BusyProcesses(args.busy, args.busy_seconds):
            loaded, loaded_state = run_phase(args, tools, whats, f"{args.busy} busy processes")
        loaded_state += f"; other processes (not the busy ones) took {100 * others.stop():.0f} % of the CPU time"

    def cell(rounds, name, what):
        return statistics.median(r[(name, what)]["median_ms"] for r in rounds)

    names = {"tconv": "tconv", "ort": "ONNX Runtime", "torch": "PyTorch", "onednn": "oneDNN harness"}
    print(f"float32, {args.threads} threads, medians of {args.rounds} rounds x {args.repeat} runs, interleaved")
    print(f"idle phase: {idle_state}")
    print(f"loaded phase ({args.busy} busy processes): {loaded_state}")
    print()
    header = ["shape", "tconv idle ms", "tconv loaded ms", "loaded / idle (<= 3)"]
    if "ort" in peers:
        header += ["ORT idle ms", "ORT loaded ms", "tconv / ORT loaded (<= 1)"]
    for peer in peers:
        if peer != "ort":
            header += [f"{names[peer]} idle ms", f"{names[peer]} loaded ms"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in args.shapes:
        t_idle, t_loaded = cell(idle, name, "tconv"), cell(loaded, name, "tconv")
        row = [f"({name})", f"{t_idle:.3f}", f"{t_loaded:.3f}",
               f"{t_loaded / t_idle:.2f} {'ok' if t_loaded <= 3 * t_idle else 'MISSED'}"]
        if "ort" in peers:
            o_loaded = cell(loaded, name, "ort")
            row += [f"{cell(idle, name, 'ort'):.3f}", f"{o_loaded:.3f}",
                    f"{t_loaded / o_loaded:.2f} {'ok' if t_loaded <= o_loaded else 'MISSED'}"]
        for peer in peers:
            if peer != "ort":
                row += [f"{cell(idle, name, peer):.3f}", f"{cell(loaded, name, peer):.3f}"]
        print("| " + " | ".join(row) + " |")
    if args.json:
        flat = [{"phase": phase, "round": i, "shape": k[0], "what": k[1], **v}
                for phase, rounds in (("idle", idle), ("loaded", loaded)) for i, r in enumerate(rounds)
                for k, v in r.items()]
        pathlib.Path(args.json).write_text(json.dumps(flat, indent=1) + "\n")


if __name__ == "__main__":
    main()
