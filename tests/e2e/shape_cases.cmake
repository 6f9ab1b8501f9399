# End-to-end cases for `tconv shape`. Expected sizes by hand from
# out = (in-1)*S - 2P + D*(K-1) + P_out + 1.

# (2-1)*2 - 2 + 1*(3-1) + 1 + 1 = 4
tconv_e2e(NAME shape.issue_example ARGS shape 2x2 -k 3 -s 2 -p 1 --output-padding 1 STDOUT "4x4\n")
# (5-1)*1 + 2 + 1 = 7
tconv_e2e(NAME shape.one_d ARGS shape 5 -k 3 STDOUT "7\n")
# k=3, s=1: 2+2=4, 3+2=5, 4+2=6
tconv_e2e(NAME shape.three_d ARGS shape 2x3x4 -k 3 STDOUT "4x5x6\n")
tconv_e2e(NAME shape.stride_zero ARGS shape 2x2 -k 3 -s 0 EXIT 1 STDERR_MATCHES "stride must be >= 1, got 0")
tconv_e2e(NAME shape.malformed_stride ARGS shape 2x2 -k 3 -s abc EXIT 2 STDERR_MATCHES "--stride expects")
tconv_e2e(NAME shape.unknown_option ARGS shape 2x2 -k 3 --strid 2 EXIT 2)
tconv_e2e(NAME shape.missing_kernel ARGS shape 2x2 EXIT 2 STDERR_MATCHES "kernel-size")
