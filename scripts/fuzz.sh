#!/usr/bin/env bash
# Fuzzes every parser of user input (JSON tensors, text matrices, .npy, parameter lists, the
# `shape -` line reader, ONNX models) with libFuzzer under AddressSanitizer +
# UndefinedBehaviorSanitizer, each for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      (default 60; FUZZ_BUILD_DIR default build-fuzz)
# Seeds come from fuzz/corpus/<target>/ (committed, small); new inputs go to a scratch folder
# so the committed corpus stays small. A crash leaves crash-* files in the current folder
# and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}

cmake -S fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for target in json_tensor text_matrix npy param_list size_queries onnx_model; do
  mkdir -p "$scratch/$target"
  # The ONNX reader starts from the test models (tests/data/onnx), the others from fuzz/corpus.
  seeds=("fuzz/corpus/$target")
  [[ $target != onnx_model ]] || seeds=(tests/data/onnx)
  echo "== fuzz_$target for ${seconds}s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 "$scratch/$target" "${seeds[@]}" 2>"$scratch/$target.log"; then
    echo "fuzz_$target FAILED:" >&2
    tail -40 "$scratch/$target.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$scratch/$target.log" >&2 || true
  fi
done
exit $status
