"""PyTorch's conv_transpose{1,2,3}d on one layer, for run_benchmarks.py.

Run with a python3 that has torch (Debian: /usr/bin/python3 with python3-torch):
    torch_bench.py N CIN COUT K S P SPATIAL... [--threads T] [--repeat R] [--dtype float32|float64]
Prints one JSON object: {"median_ms": ..., "min_ms": ..., "gflops": ..., "impl": "torch <version>"}.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+", help="N CIN COUT K S P SPATIAL...")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    args = parser.parse_args()
    n, cin, cout, k, s, p, *spatial = args.sizes
    torch.set_num_threads(args.threads)
    dtype = torch.float32 if args.dtype == "float32" else torch.float64
    generator = torch.Generator().manual_seed(1)
    x = torch.rand(n, cin, *spatial, generator=generator, dtype=dtype) * 2 - 1
    w = torch.rand(cin, cout, *([k] * len(spatial)), generator=generator, dtype=dtype) * 2 - 1
    conv = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[len(spatial)]
    times = []
    with torch.no_grad():
        for i in range(3 + args.repeat):
            start = time.perf_counter()
            conv(x, w, stride=s, padding=p)
            if i >= 3:
                times.append((time.perf_counter() - start) * 1e3)
    flops = 2.0 * n * cin * cout * k ** len(spatial)
    for size in spatial:
        flops *= size
    median = statistics.median(times)
    print(json.dumps({"median_ms": median, "min_ms": min(times), "gflops": flops / (median * 1e6),
                      "impl": "torch " + torch.__version__}))


if __name__ == "__main__":
    main()
