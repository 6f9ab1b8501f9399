# End-to-end cases for `tconv shape`. Expected sizes by hand from
# out = (in-1)*S - 2P + D*(K-1) + P_out + 1.

# (2-1)*2 - 2 + 1*(3-1) + 1 + 1 = 4
tconv_e2e(NAME shape.issue_example ARGS shape 2x2 -k 3 -s 2 -p 1 --output-padding 1 STDOUT "4x4\n")
# (5-1)*1 + 2 + 1 = 7
tconv_e2e(NAME shape.one_d ARGS shape 5 -k 3 STDOUT "7\n")
# k=3, s=1: 2+2=4, 3+2=5, 4+2=6
tconv_e2e(NAME shape.three_d ARGS shape 2x3x4 -k 3 STDOUT "4x5x6\n")
# INPUT_SIZE is spatial only: a tensor's NxCxHxW shape, or more sizes than a flag's list gives the
# layer axes, is refused with the spatial part to give instead (exit 1, like other bad sizes).
tconv_e2e(NAME shape.nchw_refused ARGS shape 1x3x8x8 -k 3 EXIT 1
          STDERR_MATCHES "INPUT_SIZE 1x3x8x8 has 4 sizes, but it is the spatial size only \\(1 to 3 sizes; not N or C\\): give 8x8\n$")
tconv_e2e(NAME shape.ncdhw_refused ARGS shape 1x3x4x8x8 -k 3 EXIT 1 STDERR_MATCHES ": give 4x8x8\n$")
tconv_e2e(NAME shape.chw_for_2d_layer ARGS shape 3x8x8 -k 3,3 EXIT 1
          STDERR_MATCHES "INPUT_SIZE 3x8x8 has 3 sizes, but it is the spatial size only \\(a 2-D layer by -k 3,3; not N or C\\): give 8x8\n$")
tconv_e2e(NAME shape.nchw_stdin_line ARGS shape - -k 3 STDIN_TEXT "4x4\n1x3x8x8\n" EXIT 1
          STDERR_MATCHES "stdin line 2: INPUT_SIZE 1x3x8x8 has 4 sizes")
# Three sizes with one-value flags are a 3-D layer, as before.
tconv_e2e(NAME shape.three_sizes_still_3d ARGS shape 3x8x8 -k 3 STDOUT "5x10x10\n")
tconv_e2e(NAME shape.stride_zero ARGS shape 2x2 -k 3 -s 0 EXIT 1 STDERR_MATCHES "stride must be >= 1, got 0")
tconv_e2e(NAME shape.malformed_stride ARGS shape 2x2 -k 3 -s abc EXIT 2 STDERR_MATCHES "--stride expects")
tconv_e2e(NAME shape.unknown_option ARGS shape 2x2 -k 3 --strid 2 EXIT 2)
tconv_e2e(NAME shape.missing_kernel ARGS shape 2x2 EXIT 2 STDERR_MATCHES "kernel-size")

# Per-dimension lists: (4-1)*2 + 2 + 1 = 9 ; (5-1)*1 + 1 + 1 = 6
tconv_e2e(NAME shape.per_dimension ARGS shape 4x5 -k 3,2 -s 2,1 STDOUT "9x6\n")
# Long names, dilation: (2-1)*2 + 2*(2-1) + 1 = 5
tconv_e2e(NAME shape.long_names ARGS shape 2x2 --kernel-size 2 --stride 2 --dilation 2 STDOUT "5x5\n")
# ONNX backend test_convtranspose_pads: 3x3, k3, strides 3,2, pads 1,2,1,2 -> 7x3
tconv_e2e(NAME shape.onnx_pads ARGS shape 3x3 -k 3 -s 3,2 --pads 1,2,1,2 STDOUT "7x3\n")
# SAME_UPPER: input * stride
tconv_e2e(NAME shape.onnx_same_upper ARGS shape 3x4 -k 4 -s 2 --auto-pad SAME_UPPER STDOUT "6x8\n")
# output_size: reachable 5..6 with k3 s2 from 2
tconv_e2e(NAME shape.output_size ARGS shape 2x2 -k 3 -s 2 --output-size 6x5 STDOUT "6x5\n")
tconv_e2e(NAME shape.output_size_unreachable ARGS shape 2x2 -k 3 -s 2 --output-size 7x5 EXIT 1
          STDERR_MATCHES "output_size 7 is not reachable \\(dimension 1 of 2\\): with these parameters the output size is between 5 and 6")
tconv_e2e(NAME shape.json ARGS shape 2x2 -k 3 -s 2 -p 1 --output-padding 1 --json
          STDOUT "{\"input_size\":[2,2],\"kernel_size\":[3,3],\"stride\":[2,2],\"padding\":[[1,1],[1,1]],\"output_padding\":[1,1],\"dilation\":[1,1],\"padding_convention\":\"pytorch padding\",\"output_size\":[4,4]}\n")
tconv_e2e(NAME shape.json_asymmetric ARGS shape 3 -k 3 -s 2 --pads 0,2 --json
          STDOUT_MATCHES "\"padding\":\\[\\[0,2\\]\\]" "\"padding_convention\":\"onnx pads\"" "\"output_size\":\\[5\\]")
# --explain: 1-D, m=5 K=3 S=1: 4 + 3 - 0 + 0 = 7
tconv_e2e(NAME shape.explain ARGS shape 5 -k 3 --explain
          STDOUT "output size = (m-1)*S + K' - 2P + P_out, with the dilated kernel K' = D*(K-1) + 1
padding from: pytorch padding
m=5 K=3 S=1 D=1 P=0 P_out=0
  (m-1)*S          = (5-1)*1     = 4
  K' = D*(K-1) + 1 = 1*(3-1) + 1 = 3
  -2P              = -2*0        = 0
  +P_out           = +0          = 0
  output           = 4 + 3 - 0 + 0 = 7
output size: 7
")
tconv_e2e(NAME shape.explain_dilation ARGS shape 2x2 -k 2 -s 2 -d 2 --explain
          STDOUT_MATCHES "dimension 2: m=2 K=2 S=2 D=2 P=0 P_out=0\n" "K' = D\\*\\(K-1\\) \\+ 1 = 2\\*\\(2-1\\) \\+ 1 = 3\n"
                         "output size: 5x5\n$")
# --target: k3 s2 from 2 -> 4 needs padding 1 and output_padding 1; both dimensions alike, so
# answered once. Taps of input i cover [2i, 2i+2], the last u = 4; padding 1 keeps [1, 5): useful.
tconv_e2e(NAME shape.target ARGS shape 2x2 -k 3 -s 2 --target 4x4
          STDOUT "2 -> 4 with kernel_size 3, stride 2, dilation 1, H and W alike: 1 solution, 1 useful (every output cell gets an input, every input reaches one)
  padding 1, output_padding 1
")
# JSON keeps one list per dimension.
tconv_e2e(NAME shape.target_json ARGS shape 2x2 -k 3 -s 2 --target 4 --json
          STDOUT_MATCHES "\"solutions\":\\[\\[{\"padding\":\\[1,1\\],\"output_padding\":1,\"rank\":1,\"useful\":true,\"output_without_input\":null,\"inputs_reach_output\":true}\\],\\[{\"padding\":\\[1,1\\],\"output_padding\":1,\"rank\":1,")
# Pads (2, 0) with output_padding 1 keep [2, 9); the last tap is (3-1)*2 + 3 = 7: cell 8 - 2 = 6.
tconv_e2e(NAME shape.target_asymmetric ARGS shape 3 -k 4 -s 2 --target 7 --asymmetric
          STDOUT_MATCHES "3 solutions, 2 useful" "  pad_begin 0, pad_end 1, output_padding 0  \\(one layer in: onnx\\)\n"
                         "  pad_begin 1, pad_end 0, output_padding 0  \\(one layer in: pytorch, onnx\\)\n"
                         "  pad_begin 2, pad_end 0, output_padding 1  \\(output cell 6 gets no input; one layer in: onnx\\)\n")
tconv_e2e(NAME shape.target_no_solution ARGS shape 2x2 -k 3 -s 2 --target 10 EXIT 1
          STDERR_MATCHES "no solution for target size 10 \\(dimension 1 of 2\\).*largest reachable size is 6.*nearest reachable: 6; kernel_size >= 7 would reach it")
tconv_e2e(NAME shape.target_parity ARGS shape 2 -k 3 -s 1 --target 3 EXIT 1
          STDERR_MATCHES "nearest reachable: 2 or 4; .*--asymmetric")
# The layer's own padding with --target: each solution says whether it keeps that layer's values
# (k3 s2 p1 op1 on 2 keeps [1, 5) of the uncropped output, the only PyTorch solution for 4).
tconv_e2e(NAME shape.target_with_padding ARGS shape 2 -k 3 -s 2 --target 4 -p 1 --output-padding 1
          STDOUT_MATCHES "  padding 1, output_padding 1  \\(same values as the given layer\\)\n$")
tconv_e2e(NAME shape.asymmetric_needs_target ARGS shape 2 -k 3 --asymmetric EXIT 2 STDERR_MATCHES "requires --target")
# --conv: Conv(4) = (4 + 2 - 3)/2 + 1 = 2; sizes 3..4 map to 2
tconv_e2e(NAME shape.conv ARGS shape 2x2 -k 3 -s 2 -p 1 --output-padding 1 --conv
          STDOUT "4x4
conv: Conv2d with the same kernel_size, stride, padding and dilation maps 4x4 back to 2x2
conv: dimension 1: sizes 3 to 4 all map to 2; output_padding or --output-size picks one of them
conv: dimension 1: no other ConvTranspose input size gives 4
conv: dimension 2: sizes 3 to 4 all map to 2; output_padding or --output-size picks one of them
conv: dimension 2: no other ConvTranspose input size gives 4
")
# Dilation 3 > stride 1 lets output_padding reach 2: inputs 2, 3, 4 all give 7 (1+4+2, 2+4+1, 3+4+0)
tconv_e2e(NAME shape.conv_dilation ARGS shape 2 -k 2 -d 3 --output-padding 2 --conv
          STDOUT_MATCHES "maps 7 back to 4\n" "ConvTranspose input sizes 2 to 4 all give 7, each with its own output_padding\n")
tconv_e2e(NAME shape.conv_json ARGS shape 5 -k 3 -s 2 --conv --json
          STDOUT_MATCHES "\"conv\":{\"output_size\":\\[5\\],\"same_output_sizes\":\\[\\[11,12\\]\\],\"inputs_with_same_output\":\\[\\[5,5\\]\\]}}\n$")
# stdin: k3 s2: 1 -> 3, 2 -> 5, 3 -> 7 (blank and comment lines skipped)
tconv_e2e(NAME shape.stdin ARGS shape - -k 3 -s 2 STDIN_TEXT "1\n\n# sizes\n2x2\n3x3x3\n" STDOUT "3\n5x5\n7x7x7\n")
tconv_e2e(NAME shape.stdin_json ARGS shape - -k 3 --json STDIN_TEXT "4\n5\n"
          STDOUT_MATCHES "^{\"input_size\":\\[4\\][^\n]*\"output_size\":\\[6\\]}\n{\"input_size\":\\[5\\][^\n]*\"output_size\":\\[7\\]}\n$")
tconv_e2e(NAME shape.stdin_bad_line ARGS shape - -k 3 STDIN_TEXT "4\n5\nfive\n" EXIT 1
          STDERR_MATCHES "stdin line 3: expected one input size like 5, 4x4 or 4x5x6, got 'five'")
tconv_e2e(NAME shape.stdin_invalid_line ARGS shape - -k 3 -p 2 STDIN_TEXT "4\n1\n" EXIT 1
          STDERR_MATCHES "stdin line 2: output size must be >= 1, got -1")
tconv_e2e(NAME shape.padding_negative ARGS shape 2x2 -k 3 --padding=-1 EXIT 1 STDERR_MATCHES "padding must be >= 0, got -1")
tconv_e2e(NAME shape.output_padding_rule ARGS shape 5 -k 3 -s 2 --output-padding 2 EXIT 1
          STDERR_MATCHES "output_padding must be smaller than either stride or dilation, got output_padding 2, stride 2, dilation 1")
tconv_e2e(NAME shape.output_too_small ARGS shape 2 -k 3 -p 3 EXIT 1 STDERR_MATCHES "output size must be >= 1, got -2")
tconv_e2e(NAME shape.overflow ARGS shape 4611686018427387904 -k 3 -s 4 EXIT 1 STDERR_MATCHES "overflows 64-bit integers")
tconv_e2e(NAME shape.help ARGS shape --help STDOUT_MATCHES "Usage: tconv shape" "Examples:" "--target" "Exit status")

# A UTF-8 byte-order mark before the first line is skipped.
tconv_e2e(NAME shape.stdin_bom ARGS shape - -k 3 STDIN_FILE ${PROJECT_SOURCE_DIR}/tests/data/text/bom_sizes.txt
          STDOUT "6x6\n7\n")
# Options that exclude each other are usage errors, whichever check finds them.
tconv_e2e(NAME shape.padding_and_pads ARGS shape 2x2 -k 3 -p 1 --pads 1,1,1,1 EXIT 2
          STDERR_MATCHES "padding and pads cannot be used together")
tconv_e2e(NAME shape.explain_and_target ARGS shape 2x2 -k 3 --explain --target 4 EXIT 2 STDERR_MATCHES "--explain and --target cannot be used together")
tconv_e2e(NAME shape.output_size_and_shape ARGS shape 2x2 -k 3 --output-size 4 --output-shape 4 EXIT 2
          STDERR_MATCHES "output_size and output_shape cannot be used together")
# An integer beyond 64 bits breaks a rule (exit 1), like any other too large value.
tconv_e2e(NAME shape.kernel_beyond_64_bits ARGS shape 5 -k 9223372036854775808 EXIT 1
          STDERR_MATCHES "--kernel-size 9223372036854775808 is out of range: at most 9223372036854775807")
tconv_e2e(NAME shape.size_below_64_bits ARGS shape -9223372036854775809 -k 3 EXIT 1
          STDERR_MATCHES "INPUT_SIZE -9223372036854775809 is out of range: at least -9223372036854775808")
tconv_e2e(NAME shape.kernel_large ARGS shape 5 -k 99999999999 STDOUT "100000000003\n")
tconv_e2e(NAME shape.kernel_malformed_and_large ARGS shape 5 -k 99999999999999999999x EXIT 2
          STDERR_MATCHES "--kernel-size expects an integer or a comma list like 2,1, got '99999999999999999999x'")
