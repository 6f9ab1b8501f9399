#!/usr/bin/env bash
# A signal that ends tconv leaves no temporary file or folder behind, and tconv dies of that
# signal, so the shell reports 128+N (issue 10, item 4). A signal ignored by whoever started
# tconv (nohup) stays ignored: the run completes.
. "$(dirname "$0")/lib.sh"

# A long run: the step log of a 400x400 input, about 2 s and 175 MB when left alone.
long_job=(compute --input ones --input-size 400x400 --weight ones -k 3 --steps --format jsonl -o s.jsonl)

# wait_for_temporary PATTERN: until a temporary named PATTERN exists (at most 20 s).
wait_for_temporary() {
  for _ in $(seq 200); do
    compgen -G "$1" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Job control gives the background job the default dispositions (a script's background jobs
# otherwise ignore SIGINT). No core files from the signals whose default action dumps one.
set -m
ulimit -c 0
# Every catchable signal whose default action ends the process (issue 22, item 12), the
# real-time ones at both ends and inside; not those that mean tconv crashed (SEGV, ...).
for signal in INT TERM HUP PIPE QUIT USR1 USR2 ALRM VTALRM PROF XCPU XFSZ IO PWR STKFLT RTMIN RTMIN+3 RTMAX-1 RTMAX; do
  "$TCONV" "${long_job[@]}" 2>"$WORK/log/err" &
  job=$!
  wait_for_temporary '.s.jsonl.tconv-*' || fail "SIG$signal: no temporary file appeared"
  kill -s "$signal" "$job"
  wait "$job"
  status=$?
  expected=$((128 + $(kill -l "$signal")))
  [ "$status" = "$expected" ] || fail "SIG$signal: exit status $status, expected $expected"
  [ -s "$WORK/log/err" ] && fail "SIG$signal: tconv printed: $(cat "$WORK/log/err")"
  no_temporaries "SIG$signal"
  [ -e s.jsonl ] && fail "SIG$signal: a half-written s.jsonl appeared"
done

# The everyday SIGXFSZ: an output past the shell's file size limit (ulimit -f, in 1 KiB blocks)
# ends tconv with 153, the temporary removed.
(ulimit -f 100 && exec "$TCONV" compute --input ones --input-size 300x300 --weight ones -k 3 -o big.json) 2>"$WORK/log/err"
status=$?
[ "$status" = $((128 + $(kill -l XFSZ))) ] || fail "ulimit -f 100: exit status $status, expected $((128 + $(kill -l XFSZ)))"
no_temporaries "ulimit -f 100"
[ -e big.json ] && fail "ulimit -f 100: a half-written big.json appeared"

# An existing output stays as it was.
echo old >s.jsonl
"$TCONV" "${long_job[@]}" &
job=$!
wait_for_temporary '.s.jsonl.tconv-*' || fail "SIGTERM over an old file: no temporary file appeared"
kill -s TERM "$job"
wait "$job"
[ "$(cat s.jsonl)" = old ] || fail "SIGTERM: the old s.jsonl was changed"
no_temporaries "SIGTERM over an old file"
rm -f s.jsonl

# The folder of animate --out: its temporary folder goes too, and an older set stays whole.
frames_job=(animate --input ones --input-size 24x24 --weight ones -k 3 --no-numbers -O frames --force)
"$TCONV" animate --figure 1 -O frames >/dev/null
"$TCONV" "${frames_job[@]}" >/dev/null &
job=$!
wait_for_temporary '.frames.tconv-*/frame_00[1-9].png' || fail "animate: no temporary folder with frames appeared"
kill -s INT "$job"
wait "$job"
status=$?
[ "$status" = 130 ] || fail "animate, SIGINT: exit status $status, expected 130"
no_temporaries "animate, SIGINT"
[ "$(ls frames | tr '\n' ' ')" = "frame_000.png frame_001.png frame_002.png frame_003.png frames.json " ] ||
  fail "animate, SIGINT: the older frames are not whole: $(ls frames)"

# Ignored at the start (trap '' as nohup does): ignored, and the run completes.
(
  trap '' HUP
  exec "$TCONV" "${long_job[@]}"
) &
job=$!
wait_for_temporary '.s.jsonl.tconv-*' || fail "ignored SIGHUP: no temporary file appeared"
kill -s HUP "$job"
wait "$job"
status=$?
[ "$status" = 0 ] || fail "ignored SIGHUP: exit status $status, expected 0"
[ "$(tail -c 2 s.jsonl | head -c 1)" = "}" ] || fail "ignored SIGHUP: s.jsonl is not complete"
no_temporaries "ignored SIGHUP"
set +m

finish
