#!/usr/bin/env bash
# The fresh-root check: proves README's set-up promise on a machine that has nothing installed.
# It bootstraps a minimal Debian 12 root (cached as a tarball outside the repository), copies a
# clean clone of the commit under test into it, runs README's first command there
# (scripts/example.sh) and checks the example's output, then README's test command there
# (scripts/test.sh without the sanitizer pass, which the main run keeps: the release pass, on
# the build example.sh made). A compiler warning in either build fails the check.
#
# Needs root (debootstrap, chroot, mount); re-runs itself with sudo when that works without a
# password. The last line is the verdict with the time of each phase; exit 0 on PASS, 1 on FAIL.
#
# Environment:
#   TCONV_FRESH_CACHE   folder of the cached base tarball (default ~/.cache/tconv-fresh-check)
#   TCONV_FRESH_MIRROR  Debian mirror to bootstrap from (default: the machine's own apt sources)
#   TCONV_FRESH_KEEP=1  keep the root after a failure, to look inside (it is printed)
set -euo pipefail

readonly suite=bookworm
readonly variant=minbase
repo=$(cd "$(dirname "$0")/.." && pwd)

if [[ $(id -u) -ne 0 ]]; then
  if sudo -n true 2>/dev/null; then exec sudo -E bash "$0" "$@"; fi
  echo "fresh-check: needs root (debootstrap, chroot, mount); run it as root or with sudo" >&2
  exit 1
fi

# The script's own stdout and stderr: a signal may arrive while a phase's output is redirected
# into a log, and the cleanup's verdict must still reach the caller.
exec 3>&1 4>&2
phases=()
phase_start=0
verdict=FAIL
root=""
child=0

# Runs a command in a process group of its own and waits for it. The wait returns as soon as a
# signal arrives (a foreground child would delay the trap until it ended), and cleanup can then
# end the whole group, whatever runs inside the root.
run() {
  setsid "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=0
  return "$status"
}

phase=""
elapsed() { echo "$(( (SECONDS - phase_start) / 60 ))m$(( (SECONDS - phase_start) % 60 ))s"; }
begin_phase() { phase=$1; phase_title=$2; phase_start=$SECONDS; echo "== fresh-check: $2" >&2; }
# Each phase's time also goes to scripts/test.sh's stage times when it runs this script.
end_phase() {
  phases+=("$phase $(elapsed)")
  [[ -z ${TCONV_STAGE_TIMES:-} ]] || printf '%s\tfresh root: %s\n' "$((SECONDS - phase_start))" "$phase_title" >>"$TCONV_STAGE_TIMES"
  phase=""
}

# Ends what still runs, unmounts everything below the root, then removes the root, but only once
# nothing is mounted below it any more: rm must never reach the host through a mount.
cleanup() {
  local status=$?
  # Nothing may cut the cleanup short: a second signal (Ctrl-C reaches every process of the
  # group, and scripts/test.sh then sends TERM too) would leave the root mounted.
  trap - EXIT
  trap '' INT TERM HUP
  exec 1>&3 2>&4
  local i
  if (( child != 0 )); then
    kill -TERM -- "-$child" 2>/dev/null || true
    for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$child" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  # Everything mounted below the root: this script's /proc, /dev/pts and /dev/shm, and whatever
  # debootstrap left mounted if it was interrupted; deepest first.
  local below=()
  if [[ -n "$root" ]]; then
    mapfile -t below < <(awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r)
  fi
  for i in "${below[@]}"; do
    umount "$i" 2>/dev/null || umount -l "$i" 2>/dev/null || true
  done
  [[ -z ${base:-} ]] || rm -f "$base.partial"
  if [[ -n "$root" && -d "$root" ]]; then
    if grep -q " ${root}/" /proc/self/mounts; then
      echo "fresh-check: something is still mounted below $root; left it in place" >&2
    elif [[ $verdict == FAIL && ${TCONV_FRESH_KEEP:-0} == 1 ]]; then
      echo "fresh-check: kept the root for inspection: $root" >&2
    else
      rm -rf --one-file-system "$root"
    fi
  fi
  [[ -z $phase ]] || phases+=("$phase stopped after $(elapsed)")
  local summary="fresh-check:"
  local p
  for p in "${phases[@]}"; do summary+=" $p,"; done
  echo "${summary%,} -> $verdict"
  if [[ $verdict == PASS ]]; then exit 0; fi
  (( status != 0 )) || status=1
  exit "$status"
}
trap cleanup EXIT
trap 'echo "fresh-check: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# The first Debian archive that serves $suite's main component in this machine's apt sources
# (one-line and deb822 formats); no host name is written into the repository.
debian_mirror() {
  local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  local existing=()
  local f
  for f in "${files[@]}"; do [[ -f $f ]] && existing+=("$f"); done
  [[ ${#existing[@]} -gt 0 ]] || return 1
  awk -v suite="$suite" '
    FNR == 1 { flush() }
    function flush() {
      if (uris != "" && types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && comps ~ /(^| )main( |$)/) {
        split(uris, u, " "); print u[1]; found = 1; exit
      }
      types = uris = suites = comps = ""
    }
    FILENAME ~ /\.sources$/ {
      if ($0 ~ /^[ \t]*$/) { flush(); next }
      if ($1 == "Types:") { types = substr($0, index($0, ":") + 2) }
      if ($1 == "URIs:") { uris = substr($0, index($0, ":") + 2) }
      if ($1 == "Suites:") { suites = substr($0, index($0, ":") + 2) }
      if ($1 == "Components:") { comps = substr($0, index($0, ":") + 2) }
      next
    }
    $1 == "deb" {
      i = 2
      if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) {
        for (j = i + 2; j <= NF; j++) if ($j == "main") { print $i; found = 1; exit }
      }
    }
    END { if (!found) flush() }
  ' "${existing[@]}"
}

cd "$repo"
commit=$(git rev-parse HEAD)
cache=${TCONV_FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tconv-fresh-check}
arch=$(dpkg --print-architecture)
base="$cache/debian12-$variant-$arch.tar.gz"
mkdir -p "$cache"

begin_phase base "base root"
if [[ -f $base ]]; then
  phase="base (cached)"
  echo "fresh-check: using the cached base $base" >&2
else
  mirror=${TCONV_FRESH_MIRROR:-$(debian_mirror || true)}
  if [[ -z $mirror ]]; then
    echo "fresh-check: no Debian $suite mirror in this machine's apt sources; set TCONV_FRESH_MIRROR" >&2
    exit 1
  fi
  if ! command -v debootstrap >/dev/null; then
    echo "fresh-check: installing debootstrap" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
  fi
  staging=$(mktemp -d "$cache/bootstrap.XXXXXX")
  root=$staging
  echo "fresh-check: debootstrap $suite ($variant) from $mirror" >&2
  if ! run debootstrap --variant="$variant" "$suite" "$staging" "$mirror" >"$cache/debootstrap.log" 2>&1; then
    tail -n 20 "$cache/debootstrap.log" >&2
    echo "fresh-check: debootstrap failed (log: $cache/debootstrap.log)" >&2
    exit 1
  fi
  rm -f "$staging"/var/cache/apt/archives/*.deb
  run tar -C "$staging" -czf "$base.partial" .
  mv "$base.partial" "$base"
  rm -rf --one-file-system "$staging"
  root=""
fi
root=$(mktemp -d "${TMPDIR:-/tmp}/tconv-fresh.XXXXXX")
run tar -C "$root" -xzf "$base"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# The machine's own local trust anchors (Debian keeps them in /usr/local/share/ca-certificates),
# so that the root reaches over HTTPS what this machine reaches, also behind a proxy that
# re-signs TLS: installing ca-certificates in the root (scripts/install-deps.sh) adds them to its
# bundle. The suite's one HTTPS download is the browser test's npm ci.
if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp -RL /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
# The machine's own Debian sources, so the root reaches the archive this machine reaches (other
# vendors' sources are left out: the root has no keys for them).
if [[ -z ${TCONV_FRESH_MIRROR:-} ]]; then
  rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] && grep -q "debian" "$f" && cp "$f" "$root${f}"
  done
fi
mount -t proc proc "$root/proc"
mkdir -p "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
# Chromium (the browser test, tests/browser) keeps its shared memory in /dev/shm; a bare root has
# only an empty folder there. Unmounted by cleanup with the others.
mkdir -p "$root/dev/shm"
mount -t tmpfs -o mode=1777,nosuid,nodev,size=512m tmpfs "$root/dev/shm"
end_phase

# A clean clone of the commit under test: only what is committed reaches the root.
git clone --quiet --no-hardlinks "$repo" "$root/root/tconv"
git -C "$root/root/tconv" checkout --quiet --detach "$commit"

in_root() {
  run chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    TCONV_SKIP_FRESH_CHECK=1 TCONV_SKIP_SANITIZERS=1 TCONV_STAGE_TIMES=/root/stage-times "$@"
}

# A compiler warning in the root's release build fails the check: the build is new there, so its
# logs hold every compile line (README's quick start itself builds without -Werror).
check_warnings() {
  local log warnings
  for log in "$@"; do
    [[ -f $log ]] || continue
    warnings=$(grep -E ': warning: ' "$log" || true)
    if [[ -n $warnings ]]; then
      echo "$warnings" | head -n 20 >&2
      echo "fresh-check: the release build warns (${log#"$root"}); tconv builds without warnings" >&2
      exit 1
    fi
  done
}

begin_phase example "README's first command in the root: scripts/example.sh"
example_out="$root/root/example.out"
if ! in_root bash -c 'cd /root/tconv && scripts/example.sh' >"$example_out"; then
  tail -n 30 "$example_out" >&2
  echo "fresh-check: scripts/example.sh failed in the fresh root" >&2
  exit 1
fi
# The article's Figure 2 result, by hand: [[1,2],[3,4]] scattered with a 3x3 all-ones kernel.
expected=$'Output 4x4 (float32):\n   1  3  3  2\n   4 10 10  6\n   4 10 10  6\n   3  7  7  4'
if [[ $(tail -n 5 "$example_out") != "$expected" ]]; then
  tail -n 30 "$example_out" >&2
  echo "fresh-check: scripts/example.sh did not print the example's output" >&2
  exit 1
fi
check_warnings "$root/root/tconv/build/example-build.log"
end_phase

begin_phase tests "README's test command in the root: scripts/test.sh (release build)"
if ! in_root bash -c 'cd /root/tconv && scripts/test.sh' >"$root/root/test.out" 2>&1; then
  tail -n 40 "$root/root/test.out" >&2
  echo "fresh-check: scripts/test.sh failed in the fresh root" >&2
  exit 1
fi
grep -E 'tests passed|tests failed' "$root/root/test.out" >&2 || true
check_warnings "$root/root/tconv/build/test-build.log"
end_phase
# The stages of the root's scripts/test.sh, below its phase.
if [[ -n ${TCONV_STAGE_TIMES:-} && -f $root/root/stage-times ]]; then
  sed 's/\t/\tfresh root:   /' "$root/root/stage-times" >>"$TCONV_STAGE_TIMES"
fi

echo "fresh-check: commit $commit passed in a bare Debian 12 root" >&2
verdict=PASS
