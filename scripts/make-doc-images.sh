#!/usr/bin/env bash
# Makes every picture in docs/images with the command the docs show beside it, so that the
# pictures cannot drift from the commands (or from tconv). CTest's docs.images_fresh runs this
# into a temporary folder and fails when a committed picture differs, is missing, or is not
# made here: after a change to the pictures, run it and commit docs/images.
#
#   scripts/make-doc-images.sh [TCONV [OUTDIR]]     defaults: build/tconv, docs/images
#
# A strip or a single picture in the docs is the last frame of `-O DIR`; an animation is
# the `--gif` file.
set -euo pipefail
cd "$(dirname "$0")/.."
tconv=$(realpath "${1:-build/tconv}")
out=${2:-docs/images}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gif() {  # NAME ARGS...: the animation
  local name=$1
  shift
  "$tconv" animate "$@" --gif "$work/$name" >/dev/null
  mv "$work/$name" "$out/$name"
}

last() {  # NAME ARGS...: the last frame
  local name=$1 frames
  shift
  "$tconv" animate "$@" -O "$work/${name%.png}" >/dev/null
  frames=("$work/${name%.png}"/frame_*.png)
  cp "${frames[-1]}" "$out/$name"
}

page() {  # NAME ARGS...: the interactive explorer page (animate --html)
  local name=$1
  shift
  "$tconv" animate "$@" --html "$work/$name" >/dev/null
  mv "$work/$name" "$out/$name"
}

# The article's figures (docs/tutorial.md, sections 1-5).
for n in 1 3 5 7 10; do gif "$(printf 'fig%02d.gif' "$n")" --figure "$n"; done
for n in 2 4 6 8 9 11; do last "$(printf 'fig%02d.png' "$n")" --figure "$n"; done
# Padding with output_padding: the added row holds values (tutorial, section 4).
last padding_output_padding.png --input '[[1,2],[3,4]]' --weight ones -k 3 -s 2 -p 1 --output-padding 1 --style steps
# The gather view with a kernel whose 180-degree flip can be seen (tutorial).
gif gather.gif --input '[[1,2],[3,4]]' --weight arange -k 3 -s 2 -p 1 --style gather
# Checkerboards: two ways to double 4x4 to 8x8 (tutorial, overlap section).
last overlap_k3s2.png --style overlap --input-size 4x4 -k 3 -s 2 -p 1 --output-padding 1
last overlap_k4s2.png --style overlap --input-size 4x4 -k 4 -s 2 -p 1
# The explorer pages the tutorial links: each case in the view of its animation, and the gather.
case=1
for n in 1 3 5 7 10; do page "explore_case$case.html" --figure "$n"; case=$((case + 1)); done
page explore_gather.html --input '[[1,2],[3,4]]' --weight arange -k 3 -s 2 -p 1 --style gather
page explore_onnx_same_upper.html --input arange --input-size 5x5 --weight ones -k 3 -s 2 --auto-pad same-upper \
  --output-shape 10x10
# A batched, grouped layer in the explorer (docs/animate.md): two groups of two channels.
page explore_groups.html --input arange --input-size 3x3 --batch 2 --in-channels 4 --weight arange -k 2 \
  --out-channels 4 -g 2 --bias '[0.5,-1,0,2]' -s 2 -p 1 --out-channel 2
