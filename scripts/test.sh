#!/usr/bin/env bash
# The test command (README), exactly what CI runs (.ci/run). Each test runs where it proves
# something, each configuration is compiled once, and every stage is timed:
#
#   1. the sanitizer pass: an AddressSanitizer + UndefinedBehaviorSanitizer build (-O1, warnings
#      as errors) runs every test that executes tconv code, labels unit, e2e and smoke
#      (tests/CMakeLists.txt says what each label holds);
#   2. the fresh-root check (scripts/fresh-check.sh), beside the sanitizer pass (its apt
#      installs, links and browser leave a core free): README's two commands on a clean clone
#      in a bare Debian 12 root; the second is this script, which there runs
#   3. the release pass: the release build that scripts/example.sh configures (the same flags,
#      so only the test targets are compiled after it) and the whole suite, every label but
#      smoke (a subset of browser).
#
# The release pass runs on this machine only when the fresh-root check is skipped: otherwise
# the root runs the same suite on a clean clone of the same commit. A compiler warning fails
# the sanitizer build here (-Werror) and the fresh-root check there (it reads the build logs),
# so README's quick start never carries -Werror (a newer compiler must not break it).
#
# For a quick local loop: TCONV_SKIP_FRESH_CHECK=1 TCONV_SKIP_SANITIZERS=1 scripts/test.sh (the
# release pass alone); one label: ctest --test-dir build -L unit. CI never skips a stage.
# The last lines are the time of each stage (TCONV_STAGE_TIMES: the file they are gathered in).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build-config.sh
jobs=$(nproc)
skip_sanitizers=${TCONV_SKIP_SANITIZERS:-0}
skip_fresh_check=${TCONV_SKIP_FRESH_CHECK:-0}

# Stage times: "seconds<TAB>stage" lines, also written by fresh-check.sh (the root's stages).
own_times=0
if [[ -z ${TCONV_STAGE_TIMES:-} ]]; then
  TCONV_STAGE_TIMES=$(mktemp)
  own_times=1
fi
export TCONV_STAGE_TIMES
started=$SECONDS
stage_name=""
stage_start=0

begin() { stage_name=$1; stage_start=$SECONDS; echo "== $1" >&2; }
end() { printf '%s\t%s\n' "$((SECONDS - stage_start))" "$stage_name" >>"$TCONV_STAGE_TIMES"; stage_name=""; }
duration() { printf '%dm%02ds' "$(($1 / 60))" "$(($1 % 60))"; }

# The fresh-root check runs in the background (below); a failure here ends it too.
fresh_pid=0
fresh_start=0
fresh_log=build/fresh-check.log
stop_fresh_check() {
  if ((fresh_pid != 0)) && kill -0 "$fresh_pid" 2>/dev/null; then
    kill -TERM "$fresh_pid" 2>/dev/null || true  # its own trap unmounts and removes the root
    wait "$fresh_pid" 2>/dev/null || true
  fi
}

summary() {
  local status=$?
  stop_fresh_check
  [[ -z $stage_name ]] || printf '%s\t%s (failed)\n' "$((SECONDS - stage_start))" "$stage_name" >>"$TCONV_STAGE_TIMES"
  if ((own_times)); then
    echo "== stage times"
    local seconds name
    while IFS=$'\t' read -r seconds name; do
      printf '   %8s  %s\n' "$(duration "$seconds")" "$name"
    done <"$TCONV_STAGE_TIMES"
    printf '   %8s  total (wall; the fresh root runs beside the sanitizer pass), %s\n' "$(duration $((SECONDS - started)))" \
      "$([[ $status == 0 ]] && echo passed || echo "FAILED (exit $status)")"
    rm -f "$TCONV_STAGE_TIMES"
  fi
  exit "$status"
}
trap summary EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

begin "packages: scripts/install-deps.sh"
scripts/install-deps.sh
end

# The fresh root starts first and runs beside the sanitizer pass: much of its time is apt's
# downloads and installs, the browser and single-threaded links, which leave a core free.
if [[ $skip_fresh_check != 1 ]]; then
  mkdir -p build
  echo "== fresh-root check: README's two commands in a bare Debian 12 root, in the background (log: $fresh_log)" >&2
  fresh_start=$SECONDS
  scripts/fresh-check.sh >"$fresh_log" 2>&1 &
  fresh_pid=$!
fi

if [[ $skip_sanitizers == 1 ]]; then
  echo "== sanitizer pass skipped (TCONV_SKIP_SANITIZERS=1)" >&2
else
  begin "sanitizer build: configure + build (build-asan)"
  configure_sanitizer build-asan
  cmake --build build-asan -j"$jobs"
  end
  begin "sanitizer tests: ctest -L '$sanitized_labels'"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -L "$sanitized_labels"
  end
fi

if [[ $skip_fresh_check == 1 ]]; then
  # The release pass, here: the build scripts/example.sh makes, then every test.
  begin "release build: configure + build (build)"
  mkdir -p build
  configure_release build
  cmake --build build -j"$jobs" 2>&1 | tee build/test-build.log
  end
  begin "release tests: ctest, every label but smoke (browser.explorer runs all it does)"
  ctest --test-dir build --output-on-failure -j"$jobs" -LE '^smoke$'
  end
else
  begin "fresh-root check (started with the sanitizer pass; the release pass runs in the root)"
  stage_start=$fresh_start
  echo "== waiting for the fresh-root check" >&2
  fresh_status=0
  wait "$fresh_pid" || fresh_status=$?
  fresh_pid=0
  grep -E 'tests passed|tests failed' "$fresh_log" >&2 || true
  if ((fresh_status != 0)); then
    tail -n 60 "$fresh_log" >&2
    exit "$fresh_status"
  fi
  tail -n 1 "$fresh_log" >&2
  end
fi
