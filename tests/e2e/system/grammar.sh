#!/usr/bin/env bash
# One grammar for every command (issue 23): -o FILE wherever a command prints a result (the
# same bytes as standard output, written only when the command succeeds), animate's -o by
# extension, the old flag names with their notes, -q/--quiet, --color and TERM=dumb, animate's
# summary line on a terminal and its paths in a pipe, `translate -`, and the hints for names
# brought from PyTorch, ONNX, TensorFlow and Keras. Terminals are made with script(1).
MODELS=$(cd "$(dirname "$0")/../../data/onnx" && pwd)
source "$(dirname "$0")/lib.sh"

# on_terminal CMD...: runs CMD with standard output and error on a pseudo-terminal (script(1),
# util-linux), TERM=xterm unless tty_term says another (CI's fresh root runs with TERM=dumb);
# sets out (both streams, carriage returns removed) and status.
on_terminal() {
  local line
  printf -v line '%q ' "$@"
  TERM=${tty_term:-xterm} script -qec "$line" /dev/null >"$WORK/log/tty" 2>&1
  status=$?
  out=$(tr -d '\r' <"$WORK/log/tty")
}

# -o FILE: the same bytes as standard output, for every command that prints a result. bench's
# times differ from run to run: its file is checked for the lines it always has.
check_same_bytes() {
  local what=$1
  shift
  "$TCONV" "$@" >"$WORK/log/stdout.bytes" 2>/dev/null || fail "$what: the run to standard output failed"
  run "$TCONV" "$@" -o result.out
  expect_status 0 "$what -o"
  [ -z "$out" ] || fail "$what -o: printed on standard output: $out"
  cmp -s result.out "$WORK/log/stdout.bytes" || fail "$what -o: the file differs from standard output"
  rm -f result.out
}
check_same_bytes "shape" shape 4x4 -k 3 -s 2 --explain
check_same_bytes "shape --json" shape 4 -k 3 --json
check_same_bytes "translate" translate 5x5 -k 3 -s 2 -p 1
check_same_bytes "inspect" inspect "$MODELS/decoder.onnx" --input-shape z=1x8x7x7
check_same_bytes "compute" compute --example 3
check_same_bytes "compute --json" compute --example 3 --json
check_same_bytes "help" help shape
run "$TCONV" bench --in-channels 2 --input-size 4x4 --out-channels 2 -k 3 --repeat 1 -o bench.txt
expect_status 0 "bench -o"
grep -q '^layer    1x2x4x4 -> 1x2x6x6, float32, groups 1$' bench.txt || fail "bench -o: no layer line in the file"

# A failing run leaves an earlier file as it was, and no temporary beside it.
echo old >kept.txt
run "$TCONV" shape 4 -k 3 -s 0 -o kept.txt
expect_error 1 "stride must be >= 1" "shape -o, failing"
[ "$(cat kept.txt)" = old ] || fail "shape -o: a failing run changed the file"
no_temporaries "shape -o, failing"

# compute --json is --format json; with another --format it is refused.
run "$TCONV" compute --example 1 --json --format csv
expect_error 2 "--json and --format csv ask for two formats" "compute --json --format csv"

# animate -o by extension.
run "$TCONV" animate --example 1 -o one.gif
expect_status 0 "animate -o one.gif"
[ "$(head -c 6 one.gif)" = GIF89a ] || fail "animate -o one.gif: not a GIF"
[ "$out" = one.gif ] || fail "animate -o one.gif: printed '$out', expected the path (stdout is not a terminal)"
run "$TCONV" animate --example 1 -o page.HTML
expect_status 0 "animate -o page.HTML"
grep -q '<html' page.HTML || fail "animate -o page.HTML: not a page"
run "$TCONV" animate --example 1 -o frames.png
expect_error 2 "PNG frames are one file each and go to a folder: -O DIR" "animate -o frames.png"
run "$TCONV" animate --example 1 -o vector.svg
expect_error 2 "-O DIR --frame-format svg" "animate -o vector.svg"
run "$TCONV" animate --example 1 -o x.mp4
expect_error 2 "animate writes one file as .gif (--gif) or .html (--html)" "animate -o x.mp4"
run "$TCONV" animate --example 1 -o -
expect_error 2 "give --gif - or --html -" "animate -o -"
run "$TCONV" animate --example 1 -O -
expect_error 2 "frames need a folder, not standard output" "animate -O -"
[ ! -e ./- ] || fail "animate -O - made a folder named '-'"
run "$TCONV" animate --example 1 -o a.gif --gif b.gif
expect_error 2 "both name the GIF" "animate -o a.gif --gif b.gif"
ls x.mp4 frames.png vector.svg a.gif b.gif >/dev/null 2>&1 && fail "a refused animate -o wrote a file"

# The old names still work, with a note naming the new flag.
run "$TCONV" animate --example 1 --out old --format svg
expect_status 0 "animate --out --format svg"
[ -f old/frame_003.svg ] || fail "animate --out old --format svg: no SVG frames in old/"
case "$err" in *"note: --out is the old name of -O/--out-dir"*"note: animate's --format is now --frame-format"*) ;;
  *) fail "animate --out --format: the notes are missing: $err" ;; esac
run "$TCONV" animate --example 1 --out a -O b
expect_error 2 "-O/--out-dir and --out (its old name) both given" "animate --out and -O"

# --delay: every frame MS, the last three times as long (frames.json says so).
run "$TCONV" animate --figure 1 --delay 250 -O delayed
expect_status 0 "animate --delay 250"
tr -d ' \n' <delayed/frames.json | grep -q '"total_duration_ms":1500' ||
  fail "animate --delay 250: figure 1's 4 frames should show 250+250+250+750 = 1500 ms: $(cat delayed/frames.json)"
run "$TCONV" animate --example 1 --delay 5 -O fast
expect_error 1 "--delay must be 20 to 60000 ms, got 5" "animate --delay 5"
run "$TCONV" animate --example 1 --delay 100 --html only.html
expect_error 2 "--delay times frames" "animate --delay with --html only"

# -q/--quiet: nothing but errors and the result.
# 3e38 + 3e38 leaves float32's range: the result holds inf, and a note says why.
run "$TCONV" compute --input '[[3e38,3e38]]' --weight '[[1,1]]' -q
expect_status 0 "compute -q"
[ -z "$err" ] || fail "compute -q printed on stderr: $err"
[ "$out" = "$(printf 'output 1x3 (float32)\n3e+38   inf 3e+38')" ] || fail "compute -q: the result is missing: $out"
run "$TCONV" compute --input '[[3e38,3e38]]' --weight '[[1,1]]'
case "$err" in "tconv: note: overflow"*) ;; *) fail "without -q no note, so the -q check above proves nothing: $err" ;; esac
run "$TCONV" animate --example 1 -O quiet -q
expect_status 0 "animate -q"
[ -z "$out$err" ] || fail "animate -q printed: $out $err"
[ -f quiet/frames.json ] || fail "animate -q wrote no frames"
run "$TCONV" animate --example 1 -O loud --list -q
expect_error 2 "--list and -q/--quiet contradict each other" "animate --list -q"
run "$TCONV" shape 4 -k 3 -q -s 0
expect_error 1 "stride must be >= 1" "shape -q still reports errors"

# animate on a terminal: one summary line, the progress counter with its total; in a pipe the
# paths, as before; --list prints them on a terminal too.
on_terminal "$TCONV" animate --figure all -O figs
[ "$status" = 0 ] || fail "animate --figure all on a terminal: status $status: $out"
summary=$(printf '%s\n' "$out" | sed 's/.*\x1b\[K//' | grep -v '^$')
case "$summary" in "wrote 46 PNG frames and frames.json each to figs/fig01 ... fig11 ("*" MB)") ;;
  *) fail "animate --figure all on a terminal: expected one summary line, got: $summary" ;; esac
case "$out" in *"tconv: figure 11: frame 46 of 46"*) ;;
  *) fail "animate --figure all: the counter does not show 'frame 46 of 46' (4+5+4+5+4+5+4+5+1+4+5 = 46)" ;; esac
on_terminal "$TCONV" animate --example 1 -O listed --list
[ "$(printf '%s\n' "$out" | sed 's/.*\x1b\[K//' | grep -c '^listed/frame_00[0-3].png$')" = 4 ] || fail "animate --list on a terminal: $out"
run "$TCONV" animate --figure 1 -O piped
[ "$out" = "$(printf 'piped/frame_000.png\npiped/frame_001.png\npiped/frame_002.png\npiped/frame_003.png\npiped/frames.json')" ] ||
  fail "animate in a pipe: expected the five paths, got: $out"

# --color: always colours a pipe, never and TERM=dumb keep a terminal plain.
esc=$(printf '\033')
run "$TCONV" compute --example 1 --steps --color always
case "$out" in *"$esc["*) ;; *) fail "compute --steps --color always: no colour in a pipe" ;; esac
on_terminal "$TCONV" compute --example 1 --steps
case "$out" in *"$esc["*) ;; *) fail "compute --steps on a terminal: no colour (so the next checks prove nothing)" ;; esac
on_terminal "$TCONV" compute --example 1 --steps --color never
case "$out" in *"$esc["*) fail "compute --steps --color never: colour on a terminal" ;; esac
tty_term=dumb on_terminal "$TCONV" compute --example 1 --steps
case "$out" in *"$esc["*) fail "compute --steps with TERM=dumb: colour on a terminal" ;; esac
NO_COLOR=1 on_terminal "$TCONV" compute --example 1 --steps
case "$out" in *"$esc["*) fail "compute --steps with NO_COLOR=1: colour on a terminal" ;; esac

# translate -: one input size per line, as shape - reads them.
run "$TCONV" translate - -k 3 -s 2 --json <<<$'4\n# a comment\n5x5'
expect_status 0 "translate -"
[ "$(printf '%s\n' "$out" | wc -l)" = 2 ] || fail "translate - --json: expected 2 lines, got: $out"
case "$out" in *'"output_shape":[9]'*'"output_shape":[11,11]'*) ;;  # (4-1)*2+3 = 9, (5-1)*2+3 = 11
  *) fail "translate -: the answers are not 9 and 11x11: $out" ;; esac
run "$TCONV" translate - -k 3 <<<$'4\nfive'
expect_error 1 "stdin line 2: expected one input size" "translate - with a bad line"

# Names from the frameworks, answered with the flag meant; choices in any case.
run "$TCONV" shape 4 --pad 1 -k 3
expect_error 2 "did you mean --padding (PyTorch's padding; ONNX's begins and ends are --pads)?" "--pad"
run "$TCONV" shape 4 --kernel 3
expect_error 2 "did you mean --kernel-size" "--kernel"
run "$TCONV" shape 4 -k 3 --outpadding 1
expect_error 2 "did you mean --output-padding" "--outpadding"
run "$TCONV" shape 4 -k 3 --output_pad 1
expect_error 2 "did you mean --output-padding" "--output_pad"
run "$TCONV" shape 4 -k 3 --strides 2
expect_error 2 "did you mean --stride" "--strides"
run "$TCONV" shape 4 -k 3 --dilation_rate 2
expect_error 2 "did you mean --dilation (Keras' dilation_rate)?" "--dilation_rate"
run "$TCONV" compute --example 1 --data_format channels_last
expect_error 2 "did you mean --layout" "--data_format"
run "$TCONV" shape 4 -k 3 -v
expect_error 2 "-v is not an option of tconv shape: tconv has no verbose mode (-V/--version" "-v"
run "$TCONV" shape 4 -k 3 --padding same
expect_error 2 "TensorFlow's padding='same' is --tf-padding same" "--padding same"
run "$TCONV" shape 4 -k 3 --auto-pad SAME
expect_error 2 "did you mean same-upper or same-lower?" "--auto-pad SAME"
run "$TCONV" shape 4 -k 3 -s 2 --auto-pad SAME_UPPER
[ "$status:$out" = "0:8" ] || fail "--auto-pad SAME_UPPER: $status $out $err (same-upper gives 4*2 = 8)"
run "$TCONV" compute --input '[[1,2],[3,4]]' --weight ones -k 1 --format JSON
expect_status 0 "--format JSON"
case "$out" in '{"shape":[2,2]'*) ;; *) fail "--format JSON: $out" ;; esac
# (N, H, W, C) = (1, 1, 2, 1) channels-last: the same four numbers back with a 1x1 kernel of ones.
run "$TCONV" compute --input '[[[[1],[2]]]]' --weight ones -k 1 --layout NHWC --json
expect_status 0 "--layout NHWC"
case "$out" in *'"output":[[[[1],[2]]]]'*) ;; *) fail "--layout NHWC: $out" ;; esac

finish
