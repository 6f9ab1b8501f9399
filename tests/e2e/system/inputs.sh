#!/usr/bin/env bash
# Inputs without an end or a size: every stream is bounded by --max-memory while it is read, and
# `shape -` by its line bound (issue 10, item 9); standard input that is a folder is an error
# (item 10). Peak memory is measured with GNU time where it is installed; every run is bounded
# by `timeout`, so that a tconv that reads forever fails the test instead of hanging it.
. "$(dirname "$0")/lib.sh"

limit_kib=200000  # far above what a bounded run needs (also with AddressSanitizer), far below 1 GB

check_peak() {
  if [ -z "$peak" ]; then
    skip "/usr/bin/time is not installed: the peak memory of '$1' was not measured"
  elif [ "$peak" -gt "$limit_kib" ]; then
    fail "$1: peak resident memory $peak KiB"
  fi
}

memory_message="would need more than 1000000 bytes, above the memory limit of 1000000 bytes (raise it with --max-memory BYTES)"

# A device that never ends, as a file.
peak_kib timeout 60 "$TCONV" compute --input /dev/zero --weight ones -k 3 --max-memory 1000000
expect_error 1 "the file of --input $memory_message" "--input /dev/zero"
check_peak "--input /dev/zero"

# The same on standard input, and through a FIFO.
peak_kib timeout 60 "$TCONV" compute --input - --weight ones -k 3 --max-memory 1000000 </dev/zero
expect_error 1 "the standard input of --input $memory_message" "--input - < /dev/zero"
check_peak "--input - < /dev/zero"
mkfifo fifo
timeout 60 bash -c 'cat /dev/zero > fifo' 2>/dev/null &
writer=$!
peak_kib timeout 60 "$TCONV" compute --input fifo --weight ones -k 3 --max-memory 1000000
expect_error 1 "the file of --input $memory_message" "--input FIFO (endless)"
wait "$writer"
rm -f fifo

# A 40 MB text matrix (2000 rows of 10000 "1 " and a newline) on stdin is refused after 1 MB,
# as the same file by path is up front.
awk 'BEGIN { for (r = 0; r < 2000; ++r) { for (c = 0; c < 10000; ++c) printf "1 "; printf "\n" } }' >big.txt
run "$TCONV" compute --input big.txt --weight ones -k 3 --max-memory 1000000
expect_error 1 "the file of --input would need 40002000 bytes, above the memory limit of 1000000 bytes" "--input BIG-FILE"
peak_kib timeout 60 "$TCONV" compute --input - --weight ones -k 3 --max-memory 1000000 <big.txt
expect_error 1 "the standard input of --input $memory_message" "--input - < BIG-FILE"
check_peak "--input - < BIG-FILE"
# The values count as well as the bytes: 500000 values "1" (1 MB of text) need 4 MB as doubles.
awk 'BEGIN { for (r = 0; r < 500; ++r) { for (c = 0; c < 1000; ++c) printf "1 "; printf "\n" } }' >values.txt
run "$TCONV" compute --input values.txt --weight ones -k 3 --max-memory 2000000
expect_error 1 "the values of --input 'values.txt' would need more than 2000000 bytes" "--input MANY-VALUES"
rm -f big.txt values.txt

# shape - : one endless line is refused after 64 KiB, and at most 100 characters of it are shown.
peak_kib timeout 60 "$TCONV" shape - -k 3 </dev/zero
expect_error 1 "stdin line 1 is longer than 65536 bytes: '" "shape - < /dev/zero"
check_peak "shape - < /dev/zero"
[ "${#err}" -lt 200 ] || fail "shape - < /dev/zero: an error of ${#err} characters"
head -c 100000 /dev/zero | tr '\0' 7 >long.txt
run "$TCONV" shape - -k 3 <long.txt
expect_error 1 "stdin line 1 is longer than 65536 bytes: '7777" "shape - < LONG-LINE"
[ "${#err}" -lt 200 ] || fail "shape - < LONG-LINE: an error of ${#err} characters"
# A bad line of 60 KB (under the bound): quoted with at most 100 characters.
{ echo 4; head -c 60000 /dev/zero | tr '\0' x; echo; } >bad.txt
run "$TCONV" shape - -k 3 <bad.txt
expect_error 1 "stdin line 2: expected one input size like 5, 4x4 or 4x5x6, got 'xxxx" "shape - < BAD-LONG-LINE"
[ "${#err}" -lt 200 ] || fail "shape - < BAD-LONG-LINE: an error of ${#err} characters"
rm -f long.txt bad.txt

# --- 10. Standard input that is a folder is an error, not an empty input.
mkdir folder
run "$TCONV" shape - -k 3 <folder
expect_error 1 "cannot read standard input: Is a directory" "shape - < FOLDER"
run "$TCONV" compute --input - --weight ones -k 3 <folder
expect_error 1 "cannot read standard input: Is a directory" "compute --input - < FOLDER"

finish
