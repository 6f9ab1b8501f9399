#!/usr/bin/env bash
# The quick start (README): installs missing packages, builds tconv, and runs the article's
# first case (Figure 1/2: input [[1,2],[3,4]], 3x3 all-ones kernel, stride 1) step by step.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target tconv
build/tconv compute --example 1 --steps
