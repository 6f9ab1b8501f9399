#!/usr/bin/env bash
# Benchmark of `tconv animate --figure all` (all 11 of the article's figures at the default
# scale): the median CPU time (user + system) over several runs, each into a fresh folder.
# Usage: scripts/bench-animate.sh [TCONV_BINARY [RUNS]]   (defaults: build/tconv, 7)
# The target (issue 4) is well under 2 s of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
tconv=${1:-build/tconv}
runs=${2:-7}
[[ -x "$tconv" ]] || { echo "bench-animate: no tconv binary at $tconv (build first, or pass its path)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/figures"
  # GNU time's %U and %S: CPU seconds of the process.
  /usr/bin/time -f '%U %S' -o "$work/time" "$tconv" animate --figure all -O "$work/figures" >/dev/null
  read -r user sys < "$work/time"
  times+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
done
frames=$(find "$work/figures" -name 'frame_*.png' | wc -l)
bytes=$(du -sb "$work/figures" | cut -f1)
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "tconv animate --figure all: $frames frames, $bytes bytes"
echo "CPU seconds per run: ${times[*]}"
echo "median CPU: ${median} s over $runs runs"
