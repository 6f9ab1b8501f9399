#!/usr/bin/env bash
# animate checks every limit on the layer's shapes before it traces anything (issue 22, item 8):
# a layer whose step trace would take gigabytes is refused at once, with little memory. Every
# run is bounded: by `timeout`, and by a 2 GB address space unless tconv was built with
# AddressSanitizer (which reserves terabytes of it), so that a regression fails here instead of
# taking the machine's memory. Peak memory is measured with GNU time where it is installed.
. "$(dirname "$0")/lib.sh"

limit_kib=300000  # the refused runs below hold at most their 72 MB input (more with sanitizers)

if grep -q __asan_init "$TCONV" 2>/dev/null; then
  address_space=unlimited
else
  address_space=2000000
fi

# bounded CMD ARGS...: peak_kib under the address-space bound and a 60 s timeout.
bounded() {
  peak_kib bash -c 'ulimit -v "$0" && exec timeout 60 "$@"' "$address_space" "$@"
}

check_peak() {
  if [ -z "$peak" ]; then
    skip "/usr/bin/time is not installed: the peak memory of '$1' was not measured"
  elif [ "$peak" -gt "$limit_kib" ]; then
    fail "$1: peak resident memory $peak KiB"
  fi
}

# 3000x3000, kernel 3: output 3002 a side, the gather view's spread input 3002 + 2 = 3004. The
# trace alone took more than 9 GB.
bounded "$TCONV" animate --input ones --input-size 3000x3000 --weight ones -k 3 -O big
expect_error 1 "a grid of 3004 cells a side is too large to draw (at most 64 in every style)" "--input-size 3000x3000"
check_peak "--input-size 3000x3000"
[ -e big ] && fail "--input-size 3000x3000 left the folder big"

# The overlap map needs only sizes: 2000x2000 (4.4 GB) refused the same way.
bounded "$TCONV" animate --style overlap --input-size 2000x2000 -k 3 -O map
expect_error 1 "a grid of 2004 cells a side is too large to draw" "--style overlap --input-size 2000x2000"
check_peak "--style overlap --input-size 2000x2000"

# 8000 input channels: the page draws at most 16 a group (23 GB before it was killed).
bounded "$TCONV" animate --input ones --input-size 62x62 --in-channels 8000 --batch 4 --weight ones -k 1 --html p.html
expect_error 1 "--html: the page draws the input channels of a group side by side, at most 16, got 8000 (8000 input channels, groups 1)" "--in-channels 8000 --html"
check_peak "--in-channels 8000 --html"
[ -e p.html ] && fail "--in-channels 8000 --html wrote the page"

# As frames: 8000 x 62 x 62 scatter frames, counted from the shapes.
bounded "$TCONV" animate --input ones --input-size 62x62 --in-channels 8000 --batch 4 --weight ones -k 1 -O many
expect_error 1 "this animation would have 30752000 frames; animate writes at most 999" "--in-channels 8000 -O"
check_peak "--in-channels 8000 -O"

no_temporaries "refused layers"
finish
