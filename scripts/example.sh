#!/usr/bin/env bash
# The quick start (README): installs missing packages, builds tconv, and runs the article's
# first case (Figure 1/2: input [[1,2],[3,4]], 3x3 all-ones kernel, stride 1) step by step.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build-config.sh
scripts/install-deps.sh

# The build's progress goes to a log, shown only when it fails, so the example stays in view.
mkdir -p build
log=build/example-build.log
[[ -x build/tconv ]] || echo "tconv: building (the first time takes about 3 minutes; log: $log)..." >&2
if ! { configure_release build &&
       cmake --build build -j"$(nproc)" --target tconv; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "tconv: the build failed; the whole log is in $log" >&2
  exit 1
fi
build/tconv compute --example 1 --steps
