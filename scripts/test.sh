#!/usr/bin/env bash
# The test command (README): installs missing packages, builds with warnings as errors, runs
# the doctest unit tests and the CTest end-to-end tests; then the same suite again in an
# AddressSanitizer + UndefinedBehaviorSanitizer build; then the fresh-root check
# (scripts/fresh-check.sh: README's set-up on a bare Debian 12 root). Fails on the first error.
# For a quick local run: TCONV_SKIP_FRESH_CHECK=1 skips the fresh-root check and
# TCONV_SKIP_SANITIZERS=1 the sanitizer pass. CI (.ci/run) never skips either.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/install-deps.sh

echo "== release build and tests" >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCONV_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

if [[ ${TCONV_SKIP_SANITIZERS:-0} == 1 ]]; then
  echo "== sanitizer pass skipped (TCONV_SKIP_SANITIZERS=1)" >&2
else
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests" >&2
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCONV_WERROR=ON -DTCONV_SANITIZE=ON
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi

if [[ ${TCONV_SKIP_FRESH_CHECK:-0} == 1 ]]; then
  echo "== fresh-root check skipped (TCONV_SKIP_FRESH_CHECK=1; CI never skips it)" >&2
else
  echo "== fresh-root check: README's set-up on a bare Debian 12 root" >&2
  scripts/fresh-check.sh
fi
