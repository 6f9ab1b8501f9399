# End-to-end cases for the spatial rank of compute and animate (decide_spatial_rank,
# cli/tensor_inputs.hpp): it comes from what the user wrote, in the order --dims, a data weight's
# rank, the sizes in --input-size, a comma list in -k/-s/-p/-d/--output-padding/--pads, a rank-1
# data input, else 2. Expected values by hand: a kernel of ones adds each input value into the k
# cells from its own index on (stride 1), so the full 1-D output is the running sum of k values.

# One size is one dimension, as in `tconv shape 5 -k 3`: length (5-1)*1 + 3 = 7, cell j the sum
# of inputs j-2..j of 1..5: 1, 1+2, 1+2+3, 2+3+4, 3+4+5, 4+5, 5.
tconv_e2e(NAME rank.input_size_one_value ARGS compute --input arange --input-size 5 --weight ones -k 3
          STDOUT "output 7 (float32)\n 1  3  6  9 12  9  5\n")
# A rank-1 input is a signal: 1*[1,1,1] at 0, 2 at 1, 3 at 2 -> 1, 1+2, 1+2+3, 2+3, 3.
tconv_e2e(NAME rank.rank1_input ARGS compute --input "[1,2,3]" --weight ones -k 3 STDOUT "output 5 (float32)\n1 3 6 5 3\n")
# Three sizes, three dimensions: a 1x1x1 kernel keeps the 2x3x4 size.
tconv_e2e(NAME rank.input_size_three_values ARGS compute --input ones --input-size 2x3x4 --weight ones -k 1 --format json
          STDOUT_MATCHES "^{\"shape\":\\[2,3,4\\]")
# A comma list gives the rank of data: -k 1,1,1 reads a rank-3 input as one (D, H, W) volume, not
# (C, H, W); the kernel of one 1 gives the input back.
tconv_e2e(NAME rank.kernel_list ARGS compute --input "[[[1,2],[3,4]]]" --weight ones -k 1,1,1
          STDOUT "output 1x2x2 (float32)\ndepth 0:\n1 2\n3 4\n")
# --pads 1,1 is one begin and one end: a 1-D layer, so [[1,2,3]] is (C, L). The full output
# 1 3 6 5 3 loses one cell at each end: 3 6 5.
tconv_e2e(NAME rank.pads_pair ARGS compute --input "[[1,2,3]]" --weight ones -k 3 --pads 1,1 STDOUT "output 1x3 (float32)\n3 6 5\n")
# The overlap view needs only sizes: --input-size 4 is a 1-D layer, ConvTranspose1d.
tconv_e2e(NAME rank.overlap_one_size ARGS compute --view overlap --input-size 4 -k 3 -s 2
          STDOUT_MATCHES "^Overlap view: ConvTranspose1d: kernel 3, stride 2 \\(pytorch padding\\), input 4\n")
# animate shares the rule: one scatter frame per input element, 3.
tconv_e2e(NAME rank.animate_rank1_input ARGS animate --input "[1,2,3]" --weight ones -k 3 -O d
          STDOUT_MATCHES "^d/frame_000\\.png\nd/frame_001\\.png\nd/frame_002\\.png\nd/frames\\.json\n$")

# --- two sources that disagree: refused (exit 1, as any rank mismatch), both named
tconv_e2e(NAME rank.size_against_kernel ARGS compute --input arange --input-size 5x5 --weight ones -k 3,3,3 EXIT 1
          STDERR_MATCHES "^tconv: error: --input-size 5x5 gives a 2-D layer but -k 3,3,3 gives 3-D\n$")
tconv_e2e(NAME rank.one_size_against_kernel ARGS compute --input arange --input-size 5 --weight ones -k 3,3 EXIT 1
          STDERR_MATCHES "^tconv: error: --input-size 5 gives a 1-D layer but -k 3,3 gives 2-D\n$")
tconv_e2e(NAME rank.weight_against_stride ARGS compute --input "[[1,2],[3,4]]" --weight "[[1,1],[1,1]]" -s 2,2,2 EXIT 1
          STDERR_MATCHES "^tconv: error: the weight's rank 2 gives a 2-D layer but -s 2,2,2 gives 3-D\n$")
tconv_e2e(NAME rank.dims_against_size ARGS compute --input ones --input-size 2x2x2 --weight ones -k 1 --dims 2 EXIT 1
          STDERR_MATCHES "^tconv: error: --dims 2 gives a 2-D layer but --input-size 2x2x2 gives 3-D\n$")
# A rank-1 input under a 2-D list: the layout check names where the 2-D came from.
tconv_e2e(NAME rank.rank1_input_against_kernel ARGS compute --input "[1,2,3]" --weight ones -k 3,3 EXIT 1
          STDERR_MATCHES "--input has shape 3 \\(rank 1\\), but a 2-D layer \\(from -k 3,3\\) needs rank 2 \\(H, W\\)")
tconv_e2e(NAME rank.animate_conflict ARGS animate --input arange --input-size 5x5 --weight ones -k 3,3,3 -O d EXIT 1
          STDERR_MATCHES "^tconv: error: --input-size 5x5 gives a 2-D layer but -k 3,3,3 gives 3-D\n$")
