# End-to-end cases for `tconv bench`. Times are not checked (no timed tests); the layer, the
# counts and the JSON keys are.

# flops = 2*N*Cin*Cout/groups*prod(in)*prod(k) = 2*2*4*3*(5*5)*(3*3) = 10800; output (5-1)*2-2+3 = 9
tconv_e2e(NAME bench.json ARGS bench --batch 2 --in-channels 4 --input-size 5x5 --out-channels 3 -k 3 -s 2 -p 1 --repeat 2 --warmup 1 --json
          STDOUT_MATCHES "^{\"median_ms\":[0-9.e-]+,\"min_ms\":[0-9.e-]+,\"max_ms\":[0-9.e-]+,\"gflops\":[0-9.e+-]+,\"engine\":\"direct\""
                         "\"output_shape\":\\[2,3,9,9\\]" "\"flops\":10800.0" "\"repeat\":2")
# groups 2 halves the flops: 2*1*4*(4/2)*6*3 = 288; float64 and an explicit path
tconv_e2e(NAME bench.groups_float64 ARGS bench --in-channels 4 --input-size 6 --out-channels 4 -k 3 -g 2 --dtype float64
          --path gemm --bias --repeat 1 --json
          STDOUT_MATCHES "\"engine\":\"gemm openblas\"" "\"dtype\":\"float64\"" "\"flops\":288.0")
# 2*1*32*16*(4*4)*(4*4) = 262144 flops
tconv_e2e(NAME bench.text ARGS bench --in-channels 32 --input-size 4x4 --out-channels 16 -k 4 -s 2 -p 1 --repeat 1 --threads 1
          STDOUT_MATCHES "layer    1x32x4x4 -> 1x16x8x8, float32, groups 1\n" "engine   onednn .*, 1 thread\n"
                         "time     median [0-9.]+ ms, min [0-9.]+ ms, max [0-9.]+ ms over 1 runs \\(after 3 warm-up\\)"
                         "speed    [0-9.]+ GFLOP/s \\(0.262 MFLOP per run\\)")
tconv_e2e(NAME bench.onednn_float64 ARGS bench --in-channels 4 --input-size 6 --out-channels 4 -k 3 --dtype float64 --path onednn
          EXIT 1 STDERR_MATCHES "the onednn path computes float32 only")
tconv_e2e(NAME bench.bad_shape ARGS bench --input-shape 1x4 --out-channels 4 -k 3 EXIT 1
          STDERR_MATCHES "--input-shape must be N x Cin x 1 to 3 spatial sizes")
tconv_e2e(NAME bench.groups_mismatch ARGS bench --in-channels 4 --input-size 6 --out-channels 3 -k 3 -g 2 EXIT 1
          STDERR_MATCHES "groups must divide the output channels: --out-channels 3, groups 2")
tconv_e2e(NAME bench.bad_path ARGS bench --in-channels 4 --input-size 6 --out-channels 4 -k 3 --path fastest EXIT 2
          STDERR_MATCHES "--path must be auto, direct, gemm or onednn, got 'fastest'")
tconv_e2e(NAME bench.missing_out_channels ARGS bench --in-channels 4 --input-size 6 -k 3 EXIT 2 STDERR_MATCHES "out-channels")
# Issue 22, item 13: every timed run's time is kept for the median, so --repeat is bounded
# (1000000000000 grew memory 26 MB/s until killed); --max-memory 0 is a limit of nothing.
tconv_e2e(NAME bench.repeat_too_large ARGS bench --input-size 2 --out-channels 1 -k 1 --repeat 1000000000000 EXIT 1
          STDERR_MATCHES "--repeat must be at most 1000000 \\(each run's time is kept for the median\\), got 1000000000000\n$"
          TIMEOUT 20)
tconv_e2e(NAME bench.max_memory_zero ARGS bench --input-size 2 --out-channels 1 -k 1 --max-memory 0 EXIT 1
          STDERR_MATCHES "--max-memory must be >= 1, got 0\n$")

# The old spelling (bench --input-shape NxCxSIZE) still works, with a note naming the new flags.
tconv_e2e(NAME bench.old_input_shape ARGS bench --input-shape 2x3x4 --out-channels 1 -k 3 --repeat 1 --json EXIT 0
          STDOUT_MATCHES "\"input_shape\":.2,3,4.,\"output_shape\":.2,1,6."
          STDERR_MATCHES "note: bench's --input-shape NxCxSIZE is now --batch N --in-channels C --input-size SIZE")
tconv_e2e(NAME bench.new_input_flags ARGS bench --batch 2 --in-channels 3 --input-size 4 --out-channels 1 -k 3 --repeat 1 --json
          EXIT 0 STDOUT_MATCHES "\"input_shape\":.2,3,4.,\"output_shape\":.2,1,6.")
tconv_e2e(NAME bench.input_size_required ARGS bench --out-channels 1 -k 3 EXIT 2
          STDERR_MATCHES "bench needs --input-size SIZE")
