#!/usr/bin/env bash
# The test command (README): installs missing packages, builds with warnings as errors, runs
# the doctest unit tests and the CTest end-to-end tests; then the same suite again in an
# AddressSanitizer + UndefinedBehaviorSanitizer build. Fails on the first error.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/install-deps.sh

echo "== release build and tests" >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCONV_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests" >&2
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCONV_WERROR=ON -DTCONV_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
