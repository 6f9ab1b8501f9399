#!/usr/bin/env bash
# What -o and --gif do with targets that are not a plain new file (issue 10, items 1, 2, 3, 5, 6):
# devices and FIFOs are written to and stay what they are, a symbolic link is followed and kept,
# a replaced file keeps its mode and owner, a name of 255 bytes works, --gif - is stdout.
# Device nodes are made with mknod here, never the system's own /dev nodes.
. "$(dirname "$0")/lib.sh"

expected_text=$("$TCONV" compute --example 3)

# --- 1. Character devices and FIFOs are written to directly, never replaced.
if mknod null c 1 3 2>/dev/null && mknod full c 1 7 2>/dev/null && mknod disk b 7 200 2>/dev/null; then
  run "$TCONV" compute --example 3 -o null
  expect_status 0 "compute -o NULL-DEVICE"
  [ -c null ] || fail "compute -o NULL-DEVICE replaced the device: $(ls -l null)"
  run "$TCONV" animate --figure 9 --gif null
  expect_status 0 "animate --gif NULL-DEVICE"
  [ -c null ] || fail "animate --gif NULL-DEVICE replaced the device"
  run "$TCONV" compute --example 3 -o full
  expect_error 1 "cannot write 'full': No space left on device" "compute -o FULL-DEVICE"
  [ -c full ] || fail "compute -o FULL-DEVICE replaced the device"
  run "$TCONV" animate --figure 9 --gif full
  expect_error 1 "cannot write 'full': No space left on device" "animate --gif FULL-DEVICE"
  [ -c full ] || fail "animate --gif FULL-DEVICE replaced the device"
  run "$TCONV" compute --example 3 -o disk
  expect_error 1 "cannot write 'disk': it is a block device" "compute -o BLOCK-DEVICE"
  [ -b disk ] || fail "compute -o BLOCK-DEVICE replaced the device"
  rm -f null full disk
else
  rm -f null full disk
  skip "mknod is not permitted here: the device cases did not run"
fi

mkfifo fifo
timeout 30 cat fifo >"$WORK/log/fifo.txt" &  # a bounded wait: a broken tconv may never open it
reader=$!
run "$TCONV" compute --example 3 -o fifo
wait "$reader"
expect_status 0 "compute -o FIFO"
[ -p fifo ] || fail "compute -o FIFO replaced the FIFO"
[ "$(cat "$WORK/log/fifo.txt")" = "$expected_text" ] || fail "compute -o FIFO: the reader got: $(cat "$WORK/log/fifo.txt")"
timeout 30 cat fifo >"$WORK/log/fifo.gif" &
reader=$!
run "$TCONV" animate --figure 9 --gif fifo
wait "$reader"
expect_status 0 "animate --gif FIFO"
[ -p fifo ] || fail "animate --gif FIFO replaced the FIFO"
[ "$(head -c 6 "$WORK/log/fifo.gif")" = GIF89a ] || fail "animate --gif FIFO: the reader got no GIF"
rm -f fifo

# Standard output named as a file (what /dev/stdout is, but a broken tconv must not replace the
# system's own link): a pipe here, written to as it is.
ln -s /proc/self/fd/1 stdout-link
run bash -c "'$TCONV' compute --example 3 -o stdout-link | cat"
expect_status 0 "compute -o LINK-TO-STDOUT into a pipe"
[ "$out" = "$expected_text" ] || fail "compute -o LINK-TO-STDOUT into a pipe printed: $out"
[ -L stdout-link ] || fail "compute -o LINK-TO-STDOUT replaced the link"
rm -f stdout-link

mkdir folder
run "$TCONV" compute --example 3 -o folder
expect_error 1 "cannot write 'folder': it is a folder" "compute -o FOLDER"
rmdir folder
no_temporaries "devices, FIFOs, folders"

# --- 2. A symbolic link is followed: its file is replaced atomically, the link stays.
mkdir real
echo old >real/data.json
ln -s real/data.json link.json
run "$TCONV" compute --example 3 -o link.json
expect_status 0 "compute -o LINK"
[ -L link.json ] || fail "compute -o LINK replaced the link: $(ls -l link.json)"
[ "$(readlink link.json)" = real/data.json ] || fail "compute -o LINK changed where the link points"
case "$(cat real/data.json)" in
  '{"shape":[3,3]'*) ;;
  *) fail "compute -o LINK: the linked file holds: $(cat real/data.json)" ;;
esac
ln -s real/missing.json dangling.json
run "$TCONV" compute --example 3 -o dangling.json
expect_error 1 "it is a symbolic link to a file that does not exist" "compute -o DANGLING-LINK"
[ -e real/missing.json ] && fail "compute -o DANGLING-LINK created the file at its end"
no_temporaries "links"

# --- 3. A replaced file keeps its mode and owner; a new one gets 0666 minus the umask.
echo old >secret.json
chmod 600 secret.json
owner_kept=0
chown 12345:23456 secret.json 2>/dev/null && owner_kept=1
run "$TCONV" compute --example 3 -o secret.json
expect_status 0 "compute -o 0600-FILE"
[ "$(stat -c %a secret.json)" = 600 ] || fail "compute -o 0600-FILE: mode is now $(stat -c %a secret.json)"
if [ "$owner_kept" = 1 ]; then
  [ "$(stat -c %u:%g secret.json)" = 12345:23456 ] || fail "compute -o FILE: owner is now $(stat -c %u:%g secret.json)"
else
  skip "chown is not permitted here: the owner case did not run"
fi
(umask 027 && "$TCONV" compute --example 3 -o new.json)
[ "$(stat -c %a new.json)" = 640 ] || fail "a new file under umask 027 has mode $(stat -c %a new.json)"
(umask 027 && "$TCONV" animate --figure 9 --gif new.gif >/dev/null)
[ "$(stat -c %a new.gif)" = 640 ] || fail "a new GIF under umask 027 has mode $(stat -c %a new.gif)"

# --- 5. Names up to NAME_MAX (255 bytes) get their temporary file beside them.
for length in 243 250 255; do
  name=$(printf "%0$((length - 5))d.json" 0)
  run "$TCONV" compute --example 3 -o "$name"
  expect_status 0 "compute -o NAME-OF-$length-BYTES"
  [ -f "$name" ] || fail "compute -o NAME-OF-$length-BYTES wrote no file"
  rm -f "$name"
done
no_temporaries "long names"

# --- 6. --gif - writes the GIF to standard output, and only the GIF.
run bash -c "'$TCONV' animate --figure 9 --gif - > '$WORK/log/stdout.gif'"
expect_status 0 "animate --gif -"
[ -e ./- ] && fail "animate --gif - wrote a file named '-'"
[ "$(head -c 6 "$WORK/log/stdout.gif")" = GIF89a ] || fail "animate --gif - did not write a GIF on stdout"
[ "$(tail -c 1 "$WORK/log/stdout.gif" | od -An -tx1 | tr -d ' ')" = 3b ] ||
  fail "animate --gif -: stdout does not end with the GIF trailer (0x3b)"
"$TCONV" animate --figure 9 --gif plain.gif >/dev/null
cmp -s plain.gif "$WORK/log/stdout.gif" || fail "animate --gif - differs from the same GIF written to a file"

finish
