# End-to-end cases for `tconv shape --target` beyond one given stride: the stride searched,
# the layer's own padding flags (does a size-only answer keep its values?), which frameworks
# express each solution, and ONNX Runtime's disagreements as notes. Sizes by hand:
# out = (m-1)*S + K - P_begin - P_end + P_out.

# 7 -> 14 with k4 and any stride: stride 2, padding 1 is the usual DCGAN choice (k = 2s, p = s/2):
# 6*2 + 4 - 2 = 14, marked on its line. Stride 3: 18 + 4 - 8 + 0 = 14 (padding 4 > the kernel's
# reach 3: input 0's cells u 0..3 are all cropped away, ranked second); stride 1 cannot reach 14
# (at most 6 + 4 = 10).
tconv_e2e(NAME shape_target.stride_search ARGS shape 7 -k 4 --target 14
          STDOUT_MATCHES "^7 -> 14 with kernel_size 4, any stride, dilation 1: 55 solutions, 1 useful \\(every output cell gets an input, every input reaches one\\)\n  stride 2, padding 1, output_padding 0  \\(the usual choice: kernel_size = 2\\*stride, padding = stride/2\\)\n  stride 3, padding 4, output_padding 0  \\(an input cell reaches no output cell\\)\n"
                         "\n  45 more, ranked lower: --all lists every one\n$")
tconv_e2e(NAME shape_target.stride_search_json ARGS shape 7 -k 4 --target 14 --json
          STDOUT_MATCHES "\"stride\":null" "{\"stride\":2,\"padding\":\\[1,1\\],\"output_padding\":0,\"usual\":true,\"rank\":1,\"useful\":true,\"output_without_input\":null,\"inputs_reach_output\":true},{\"stride\":3,\"padding\":\\[4,4\\],\"output_padding\":0,\"usual\":false,\"rank\":2,\"useful\":false,"
                         "\"usual_choice\":\\[{\"kernel_size\":4,\"stride\":2,\"padding\":\\[1,1\\],\"output_padding\":0}\\],\"two_layers\":\\[null\\]}")
# Stride 1..64 with k3 from 2 reaches at most 64 + 3 + 63 = 130 ... but target 200 is above.
tconv_e2e(NAME shape_target.stride_search_unreachable ARGS shape 2 -k 3 --target 200 EXIT 1
          STDERR_MATCHES "no solution for target size 200 from input 2 with kernel_size 3, dilation 1 and any stride 1..64")
# 2 -> 200 with k16: one layer reaches at most 64 + 16 + 63 = 143 (stride 64). Two k16 s8 p0
# layers: 8 + 16 = 24, 23*8 + 16 = 200; stride 8 <= 16 taps, padding 0: both useful. (Stride
# 1..7: 2P*(S+1) = (S + 16 + q - 1)*S + 16 + q - 200 is negative or no multiple, e.g. S 7, q 0:
# 22*7 + 16 - 200 = -30.)
tconv_e2e(NAME shape_target.stride_search_two_layers ARGS shape 2 -k 16 --target 200 EXIT 1
          STDERR_MATCHES "any stride 1..64: the output is at most \\(m-1\\)\\*S \\+ K' \\+ S-1; a larger kernel_size would reach it, as would two layers 2 -> 24 -> 200, each stride 8, padding 0, output_padding 0\n$")
# The issue's newcomer: 7x7 -> 28x28 with k4 was 414 lines. H and W alike: answered once, 10 of
# the 206 solutions by rank. Only stride 4, padding 0 is useful: 6*4 + 4 = 28, the taps [4i, 4i+3]
# tile the output. Stride 4, padding 1, output_padding 2: the last tap is u = 27 and the window
# [1, 29) ends with u = 28: output cell 27 gets nothing. Stride 5, padding 3: taps [5i, 5i+3] leave
# u = 4 empty, output cell 4 - 3 = 1. Padding 4 > 3 = D*(K-1) crops input 0's taps u 0..3 away.
# The usual choice for 7 -> 28 is stride 28/7 = 4: kernel 8, padding 2 (6*4 + 8 - 4 = 28); two
# k4 s2 p1 layers: 12 + 4 - 2 = 14, 26 + 4 - 2 = 28.
tconv_e2e(NAME shape_target.newcomer_28 ARGS shape 7x7 -k 4 --target 28x28
          STDOUT "7 -> 28 with kernel_size 4, any stride, dilation 1, H and W alike: 206 solutions, 1 useful (every output cell gets an input, every input reaches one)
  stride 4, padding 0, output_padding 0
  stride 4, padding 1, output_padding 2  (output cell 27 gets no input)
  stride 5, padding 3, output_padding 0  (output cell 1 gets no input)
  stride 5, padding 4, output_padding 2  (output cell 0 gets no input; an input cell reaches no output cell)
  stride 5, padding 5, output_padding 4  (output cell 4 gets no input; an input cell reaches no output cell)
  stride 6, padding 6, output_padding 0  (output cell 4 gets no input; an input cell reaches no output cell)
  stride 6, padding 7, output_padding 2  (output cell 3 gets no input; an input cell reaches no output cell)
  stride 6, padding 8, output_padding 4  (output cell 2 gets no input; an input cell reaches no output cell)
  stride 7, padding 9, output_padding 0  (output cell 2 gets no input; an input cell reaches no output cell)
  stride 7, padding 10, output_padding 2  (output cell 1 gets no input; an input cell reaches no output cell)
  196 more, ranked lower: --all lists every one
  the usual choice (kernel_size = 2*stride, padding = stride/2) needs another kernel: kernel_size 8, stride 4, padding 2, output_padding 0
  two layers would: 7 -> 14 -> 28, each kernel_size 4, stride 2, padding 1, output_padding 0
")
tconv_e2e(NAME shape_target.newcomer_28_all ARGS shape 7x7 -k 4 --target 28x28 --all
          SCRIPT tests/e2e/shape/check_target_all.cmake)
tconv_e2e(NAME shape_target.newcomer_28_json ARGS shape 7x7 -k 4 --target 28x28 --json
          SCRIPT tests/e2e/shape/check_target_json.cmake)
# --all needs --target.
tconv_e2e(NAME shape_target.all_needs_target ARGS shape 7 -k 4 --all EXIT 2 STDERR_MATCHES "--all requires --target")
# 7 -> 21 = 7*3, an odd stride: no usual choice (padding 3/2). Stride 3, padding 1, output_padding
# 1: 18 + 4 - 2 + 1 = 21, taps [3i, 3i+3] overlap, the last tap u = 21 is kept ([1, 22)): useful.
tconv_e2e(NAME shape_target.no_usual_choice ARGS shape 7 -k 4 --target 21
          STDOUT_MATCHES "^7 -> 21 [^\n]*: 109 solutions, 1 useful [^\n]*\n  stride 3, padding 1, output_padding 1\n"
                         "\n  no usual choice \\(kernel_size = 2\\*stride, padding = stride/2\\): it gives input\\*stride with an even stride, and 21 is not 7 times one\n$")
# The second newcomer: 7 -> 28 with k4 s2 reaches at most 12 + 4 + 1 = 17. Kernel: 12 + (K-1) +
# 1 + 1 >= 28 -> 15. Stride 3: at most 18 + 4 + 2 = 24; stride 4: 24 + 4 = 28 with padding 0.
# Two k4 s2 p1 layers: 7 -> 14 -> 28.
tconv_e2e(NAME shape_target.unreachable_alternatives ARGS shape 7 -k 4 -s 2 --target 28 EXIT 1
          STDERR_MATCHES "^tconv: error: no solution for target size 28 from input 7 with kernel_size 4, stride 2, dilation 1: the largest reachable size is 17 \\(padding 0, output_padding 1\\); nearest reachable: 17; kernel_size >= 15 would reach it, as would stride 4 \\(padding 0, output_padding 0\\) or a larger dilation, or two such layers 7 -> 14 -> 28, each stride 2, padding 1, output_padding 0\n$")
# The third: -p 1 with k3 s2 on 2 gives (2-1)*2 + 3 - 2 = 3 cells, the uncropped 5 cells' [1, 4).
# Target 4 needs output_padding 1: [1, 5), the given layer's 3 cells and 1 more, not "other values".
tconv_e2e(NAME shape_target.given_layer_other_size ARGS shape 2 -k 3 -s 2 -p 1 --target 4
          STDOUT "2 -> 4 with kernel_size 3, stride 2, dilation 1: 1 solution, 1 useful (every output cell gets an input, every input reaches one)
  the given layer (pytorch padding) gives 3, not 4: it keeps the cells [1, 4) of the uncropped output
  padding 1, output_padding 1  (the given layer's values and 1 more cell: keeps [1, 5))
")
# The issue's case: ONNX SAME_UPPER k3 s2 output_shape 10 on 5 keeps [0, 10) of full 11.
# padding 1 / output_padding 1 (PyTorch's only answer) keeps [1, 11): other values.
tconv_e2e(NAME shape_target.onnx_layer_values
          ARGS shape 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --target 10x10
          STDOUT_MATCHES "^5 -> 10 with kernel_size 3, stride 2, dilation 1, H and W alike: 3 solutions, 2 useful [^\n]*\n  the given layer \\(onnx [^)]*\\) keeps the cells .0, 10\\) of the uncropped output"
                         "\n  pad_begin 0, pad_end 1, output_padding 0  \\(one layer in: onnx, tensorflow, keras; same values as the given layer\\)\n"
                         "\n  pad_begin 1, pad_end 0, output_padding 0  \\(one layer in: pytorch, onnx, tensorflow-explicit; other values than the given layer: keeps .1, 11\\)\\)\n")
tconv_e2e(NAME shape_target.pytorch_layer_json ARGS shape 5 -k 3 -s 2 -p 1 --output-padding 1 --target 10 --json
          STDOUT_MATCHES "\"given_layer\":{\"pads\":\\[\\[1,1\\]\\],\"output_size\":\\[10\\],\"padding_convention\":\"pytorch padding\"}"
                         "\"solutions\":\\[\\[{\"padding\":\\[1,1\\],\"output_padding\":1,\"same_values\":true,\"rank\":1,\"useful\":true,")
# Keras same k4 s2 on 3: n*s = 6, T = 8 - 6 = 2, begin 1: symmetric [1, 1], every framework.
tconv_e2e(NAME shape_target.tf_layer ARGS shape 3 -k 4 -s 2 --tf-padding same --target 6 --json
          STDOUT_MATCHES "{\"padding\":\\[1,1\\],\"output_padding\":0,\"frameworks\":\\[\"pytorch\",\"onnx\",\"tensorflow\",\"keras\"\\],\"same_values\":true,\"rank\":1,")
# ONNX Runtime's corner 2: a note on stderr (stdout stays the size), "notes" in JSON.
tconv_e2e(NAME shape_target.runtime_note ARGS shape 3 -k 2 -s 3 --auto-pad same-upper STDOUT "8\n")
tconv_e2e(NAME shape_target.runtime_note_json ARGS shape 3 -k 2 -s 3 --auto-pad same-upper --json
          STDOUT_MATCHES "\"output_size\":\\[8\\],\"notes\":.{\"kind\":\"runtime-disagreement\",\"message\":\"ONNX runtimes disagree on this layer: ONNX Runtime \\(followed here\\) gives 8 cells")
