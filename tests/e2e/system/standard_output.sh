#!/usr/bin/env bash
# Standard output that cannot be written is an error, not success (issue 10, item 8): a full
# device (/dev/full), a closed descriptor (>&-). A streaming run stops at the first failed write.
# A reader that went away (| head) ends tconv quietly, as SIGPIPE does.
. "$(dirname "$0")/lib.sh"

full_device=/dev/full
if [ ! -c /dev/full ]; then
  skip "there is no /dev/full here: the full-device cases did not run"
  full_device=""
fi

if [ -n "$full_device" ]; then
  for args in "compute --example 3" "shape 2x2 -k 3" "--help" "compute --example 3 --steps --format jsonl" \
    "animate --figure 9 --gif -"; do
    run bash -c "'$TCONV' $args > $full_device"
    expect_error 1 "cannot write standard output: No space left on device" "tconv $args > /dev/full"
  done
  # The step log stops at the first failed write instead of computing the rest of the job: one
  # write to descriptor 1, which fails (where strace can watch it).
  if strace -f -qq -e trace=write -o "$WORK/log/strace" true 2>/dev/null; then
    strace -f -qq -e trace=write -o "$WORK/log/strace" "$TCONV" compute --input ones --input-size 400x400 \
      --weight ones -k 3 --steps --format jsonl >"$full_device" 2>/dev/null
    writes=$(grep -c 'write(1,' "$WORK/log/strace")
    [ "$writes" = 1 ] || fail "a jsonl step log into /dev/full made $writes writes to stdout, not 1"
  else
    skip "strace cannot trace here: the count of writes into /dev/full was not checked"
  fi
fi

# A closed standard output is an error when there is something to write ...
run bash -c "'$TCONV' compute --example 3 >&-"
expect_error 1 "cannot write standard output: Bad file descriptor" "compute >&-"
run bash -c "'$TCONV' shape 2x2 -k 3 >&-"
expect_error 1 "cannot write standard output: Bad file descriptor" "shape >&-"
# ... and a file tconv opens does not take its number (descriptor 1) and receive the answer.
run bash -c "'$TCONV' compute --example 3 -o out.json >&-"
expect_status 0 "compute -o FILE >&-"
case "$(cat out.json)" in
  '{"shape":[3,3]'*) ;;
  *) fail "compute -o FILE >&-: out.json holds: $(cat out.json)" ;;
esac

# A reader that goes away: quiet, and 141 (128 + SIGPIPE) whether SIGPIPE ends tconv or, when
# it is ignored, the write fails with EPIPE.
long_job="'$TCONV' compute --input ones --input-size 400x400 --weight ones -k 3 --steps --format jsonl"
run bash -c "$long_job | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}"
[ "$status" = 141 ] || fail "| head: exit status $status, expected 141"
[ -z "$err" ] || fail "| head: tconv printed: $err"
run bash -c "trap '' PIPE; $long_job | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}"
[ "$status" = 141 ] || fail "| head with SIGPIPE ignored: exit status $status, expected 141"
[ -z "$err" ] || fail "| head with SIGPIPE ignored: tconv printed: $err"

finish
