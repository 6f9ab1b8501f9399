#!/usr/bin/env bash
# animate --out DIR shows the old set of frames or the new one, never a mix (issue 10, item 7):
# a run that fails half-way (here: a file size limit, as a full disk would) leaves the old set
# whole and no temporary folder; two --force runs at the same time leave one consistent set.
. "$(dirname "$0")/lib.sh"

# consistent FOLDER WHAT: the frame files are exactly those frames.json lists, and every PNG
# has the manifest's width (bytes 16-19 of a PNG are its width, big-endian).
consistent() {
  local listed present width
  listed=$(grep -o '"file": "[^"]*"' "$1/frames.json" | cut -d'"' -f4 | sort | tr '\n' ' ')
  present=$(cd "$1" && ls frame_* | sort | tr '\n' ' ')
  [ "$listed" = "$present" ] || fail "$2: frames.json lists '$listed', the folder holds '$present'"
  width=$(grep -o '"width": [0-9]*' "$1/frames.json" | grep -o '[0-9]*$')
  for png in "$1"/frame_*.png; do
    local bytes
    read -r -a bytes <<<"$(od -An -tu1 -j16 -N4 "$png")"
    local png_width=$(((bytes[0] << 24) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3]))
    [ "$png_width" = "$width" ] || fail "$2: $png is $png_width pixels wide, frames.json says $width"
  done
}

"$TCONV" animate --figure 1 --out frames >/dev/null
before=$(cd frames && md5sum ./* | sort)

# A run that cannot write its fourth frame: the limit makes that write fail with EFBIG (the
# strip's frames 0-3 are about 18.8, 20.0, 27.9 and 29.8 KB: 28 blocks of 1 KiB hold the third).
run bash -c "trap '' XFSZ; ulimit -f 28; exec '$TCONV' animate --example 1 --style steps --out frames --force"
expect_error 1 "cannot write 'frames/frame_003.png': File too large" "a forced run that fails half-way"
[ "$(cd frames && md5sum ./* | sort)" = "$before" ] || fail "a failed run changed the older frames: $(ls frames)"
no_temporaries "a forced run that fails half-way"

# The same for a GIF that cannot be written after every frame was: neither appears.
rm -rf frames
run bash -c "trap '' XFSZ; ulimit -f 60; exec '$TCONV' animate --example 1 --style steps --out frames --gif all.gif"
expect_error 1 "cannot write 'all.gif': File too large" "a run whose GIF cannot be written"
[ -e frames ] && fail "a run whose GIF could not be written left the folder: $(ls frames)"
[ -e all.gif ] && fail "a run whose GIF could not be written left all.gif"
no_temporaries "a run whose GIF cannot be written"

# Two forced runs into one folder at the same time, a few times over.
for round in 1 2 3 4 5; do
  "$TCONV" animate --example 1 --style steps --out shared --force >/dev/null 2>"$WORK/log/a" &
  first=$!
  "$TCONV" animate --figure 9 --out shared --force >/dev/null 2>"$WORK/log/b" &
  second=$!
  wait "$first" || fail "round $round: the steps run failed: $(cat "$WORK/log/a")"
  wait "$second" || fail "round $round: the figure 9 run failed: $(cat "$WORK/log/b")"
  consistent shared "round $round"
done
no_temporaries "concurrent runs"

# A folder with files of its own is not replaced, with or without --force.
mkdir notes
echo keep >notes/todo.txt
run "$TCONV" animate --figure 9 --out notes --force
expect_error 1 "--out-dir notes holds files that are not frames of an earlier run (todo.txt)" "--out FOLDER-WITH-OTHER-FILES"
[ "$(ls notes)" = todo.txt ] || fail "--out FOLDER-WITH-OTHER-FILES changed the folder: $(ls notes)"

# A link to a frame folder: the folder it leads to is replaced, the link stays.
mkdir real
ln -s real linked
run "$TCONV" animate --figure 9 --out linked
expect_status 0 "--out LINK"
[ -L linked ] || fail "--out LINK replaced the link"
[ "$(ls real | tr '\n' ' ')" = "frame_000.png frames.json " ] || fail "--out LINK: the folder holds $(ls real)"
[ "$out" = "$(printf 'linked/frame_000.png\nlinked/frames.json')" ] || fail "--out LINK printed: $out"

finish
