#!/usr/bin/env bash
# animate -O DIR shows the old set of frames or the new one, never a mix (issue 10, item 7):
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

"$TCONV" animate --figure 1 -O frames >/dev/null
before=$(cd frames && md5sum ./* | sort)

# A run that cannot write its fourth frame: the limit makes that write fail with EFBIG (the
# strip's frames 0-3 are about 18.8, 20.0, 27.9 and 29.8 KB: 28 blocks of 1 KiB hold the third).
run bash -c "trap '' XFSZ; ulimit -f 28; exec '$TCONV' animate --example 1 --style steps -O frames --force"
expect_error 1 "cannot write 'frames/frame_003.png': File too large" "a forced run that fails half-way"
[ "$(cd frames && md5sum ./* | sort)" = "$before" ] || fail "a failed run changed the older frames: $(ls frames)"
no_temporaries "a forced run that fails half-way"

# The same for a GIF that cannot be written after every frame was: neither appears.
rm -rf frames
run bash -c "trap '' XFSZ; ulimit -f 60; exec '$TCONV' animate --example 1 --style steps -O frames --gif all.gif"
expect_error 1 "cannot write 'all.gif': File too large" "a run whose GIF cannot be written"
[ -e frames ] && fail "a run whose GIF could not be written left the folder: $(ls frames)"
[ -e all.gif ] && fail "a run whose GIF could not be written left all.gif"
no_temporaries "a run whose GIF cannot be written"

# Two forced runs into one folder at the same time, a few times over.
for round in 1 2 3 4 5; do
  "$TCONV" animate --example 1 --style steps -O shared --force >/dev/null 2>"$WORK/log/a" &
  first=$!
  "$TCONV" animate --figure 9 -O shared --force >/dev/null 2>"$WORK/log/b" &
  second=$!
  wait "$first" || fail "round $round: the steps run failed: $(cat "$WORK/log/a")"
  wait "$second" || fail "round $round: the figure 9 run failed: $(cat "$WORK/log/b")"
  consistent shared "round $round"
done
no_temporaries "concurrent runs"

# A folder with files of its own is not replaced, with or without --force.
mkdir notes
echo keep >notes/todo.txt
run "$TCONV" animate --figure 9 -O notes --force
expect_error 1 "--out-dir notes holds files that are not frames of an earlier run (todo.txt)" "--out FOLDER-WITH-OTHER-FILES"
[ "$(ls notes)" = todo.txt ] || fail "--out FOLDER-WITH-OTHER-FILES changed the folder: $(ls notes)"

# A link to a frame folder: the folder it leads to is replaced, the link stays.
mkdir real
ln -s real linked
run "$TCONV" animate --figure 9 -O linked
expect_status 0 "--out LINK"
[ -L linked ] || fail "--out LINK replaced the link"
[ "$(ls real | tr '\n' ' ')" = "frame_000.png frames.json " ] || fail "--out LINK: the folder holds $(ls real)"
[ "$out" = "$(printf 'linked/frame_000.png\nlinked/frames.json')" ] || fail "--out LINK printed: $out"

# The folder is looked at again when the frames are put in place (issue 22, item 9). A FIFO as
# --gif holds the run after the folder was checked and the temporary folder made (opening it
# waits for a reader): meanwhile, a file or another run's frames arrive in the folder.
# wait_for_staging: until the run's temporary folder beside ./frames exists (at most 10 s).
wait_for_staging() {
  for _ in $(seq 100); do
    compgen -G '.frames.tconv-*' >/dev/null && return 0
    sleep 0.1
  done
  fail "the run never made its temporary folder"
}
# release_run PID LOG: reads the GIF from the FIFO, waits for the run; sets status and err.
release_run() {
  timeout 20 cat pipe >/dev/null
  wait "$1"
  status=$?
  out=""
  err=$(cat "$2")
}

rm -rf frames frames.new-* pipe
mkdir frames
mkfifo pipe
timeout 60 "$TCONV" animate --figure 9 -O frames --gif pipe >/dev/null 2>"$WORK/log/held" &
held=$!
wait_for_staging
echo mine >frames/notes.txt
release_run "$held" "$WORK/log/held"
expect_error 1 "cannot write the folder 'frames': it changed during the run and now holds 'notes.txt' (which tconv did not write); it is left as it was, and the new files are in 'frames.new-" "a file written into the folder during the run"
[ "$(ls frames)" = notes.txt ] || fail "a file written during the run: the folder now holds $(ls frames)"
[ "$(cat frames/notes.txt)" = mine ] || fail "a file written during the run was changed"
kept=$(compgen -G 'frames.new-*')
[ -n "$kept" ] || fail "a file written during the run: no frames.new-* folder kept the frames"
case "$err" in *"'$kept'"*) ;; *) fail "the error does not name the folder that holds the frames ($kept): $err" ;; esac
[ "$(ls "$kept" 2>/dev/null | tr '\n' ' ')" = "frame_000.png frames.json " ] || fail "$kept holds $(ls "$kept")"
no_temporaries "a file written into the folder during the run"

# Two runs into one folder without --force: the one that ends first writes it, the other is
# refused and keeps its frames beside it.
rm -rf frames frames.new-*
timeout 60 "$TCONV" animate --figure 9 -O frames --gif pipe >/dev/null 2>"$WORK/log/held" &
held=$!
wait_for_staging
run "$TCONV" animate --example 1 -O frames
expect_status 0 "the second of two runs into one folder (ends first)"
before=$(cd frames && md5sum ./* | sort)
release_run "$held" "$WORK/log/held"
expect_error 1 "cannot write the folder 'frames': it changed during the run and now holds 'frame_000.png' (frames of another run; --force replaces them); it is left as it was, and the new files are in 'frames.new-" "the first of two runs into one folder (ends last)"
[ "$(cd frames && md5sum ./* | sort)" = "$before" ] || fail "the run that ended last changed the other run's frames"
[ "$(ls frames.new-*/ 2>/dev/null | tr '\n' ' ')" = "frame_000.png frames.json " ] || fail "the run that ended last lost its frames"
no_temporaries "two runs into one folder without --force"
rm -rf frames frames.new-* pipe

# -O . would replace the caller's working directory, -O .. a folder that holds it.
mkdir -p inside/deeper
echo keep >inside/keep.txt
run bash -c 'cd inside && exec "$0" animate --figure 9 -O .' "$TCONV"
expect_error 1 "cannot write the folder '.': it is the working directory" "-O ."
run bash -c 'cd inside/deeper && exec "$0" animate --figure 9 -O ..' "$TCONV"
expect_error 1 "cannot write the folder '..': it holds the working directory" "-O .."
[ "$(ls inside | tr '\n' ' ')" = "deeper keep.txt " ] || fail "-O . or -O .. changed the folder: $(ls inside)"
# Empty, the working directory is refused all the same (by any name).
run bash -c 'cd inside/deeper && exec "$0" animate --figure 9 -O "$PWD"' "$TCONV"
expect_error 1 "it is the working directory" "-O \$PWD (empty)"
{ [ -d inside/deeper ] && [ -z "$(ls inside/deeper)" ]; } || fail "-O \$PWD changed the working directory"
no_temporaries "-O . and -O .."

finish
