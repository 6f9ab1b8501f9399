# Shared by the system tests (tests/e2e/system/*.sh), which check what surrounds tconv's files:
# devices, links, permissions, FIFOs, signals, full and closed standard streams, endless inputs.
# Sourced with the arguments of the test: TCONV (the binary) and WORK (a scratch folder, emptied;
# the tests run inside WORK/run, logs go to WORK/log). Every check that fails is reported and the
# script exits 1 at `finish`; a check that cannot run here (mknod not permitted) says so.
set -u
TCONV=$1
WORK=$2
rm -rf "$WORK"
mkdir -p "$WORK/run" "$WORK/log"
cd "$WORK/run" || exit 1
failures=0
status=0
out=""
err=""

fail() {
  local message="$*"
  [ "${#message}" -gt 400 ] && message="${message:0:400}..."
  echo "FAIL: $message" >&2
  failures=$((failures + 1))
}

skip() { echo "skipped: $*" >&2; }

# run CMD ARGS...: runs it with stdin from /dev/null unless redirected by the caller; sets
# status, out (stdout) and err (stderr).
run() {
  "$@" >"$WORK/log/out" 2>"$WORK/log/err"
  status=$?
  out=$(cat "$WORK/log/out")
  err=$(cat "$WORK/log/err")
}

# expect_status N WHAT
expect_status() {
  [ "$status" = "$1" ] || fail "$2: exit status $status, expected $1 (stderr: $err)"
}

# expect_error STATUS PATTERN WHAT: the status, nothing on stdout, exactly one line
# "tconv: error: ..." on stderr that contains PATTERN (a fixed string).
expect_error() {
  expect_status "$1" "$3"
  [ -z "$out" ] || fail "$3: a failing run printed on stdout: $(printf %s "$out" | head -c 200)"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "$3: expected one error line, got: $err"
  case "$err" in
    "tconv: error: "*) ;;
    *) fail "$3: the error does not start with 'tconv: error: ': $err" ;;
  esac
  case "$err" in
    *"$2"*) ;;
    *) fail "$3: the error does not say '$2': $err" ;;
  esac
}

# no_temporaries WHAT [FOLDER]: nothing named like a tconv temporary is left.
no_temporaries() {
  local left
  left=$(find "${2:-.}" -name '*.tconv-*' 2>/dev/null)
  [ -z "$left" ] || fail "$1: temporaries left behind: $left"
}

# peak_kib CMD ARGS...: runs it under GNU time; sets status, err, and peak (the maximum
# resident set in KiB), or peak="" when /usr/bin/time is not installed.
peak_kib() {
  if [ ! -x /usr/bin/time ]; then
    run "$@"
    peak=""
    return
  fi
  /usr/bin/time -f '%M' -o "$WORK/log/time" "$@" >"$WORK/log/out" 2>"$WORK/log/err"
  status=$?
  out=$(cat "$WORK/log/out")
  err=$(cat "$WORK/log/err")
  peak=$(tail -1 "$WORK/log/time")
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  exit 0
}
