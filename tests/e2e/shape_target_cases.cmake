# End-to-end cases for `tconv shape --target` beyond one given stride: the stride searched,
# the layer's own padding flags (does a size-only answer keep its values?), which frameworks
# express each solution, and ONNX Runtime's disagreements as notes. Sizes by hand:
# out = (m-1)*S + K - P_begin - P_end + P_out.

# 7 -> 14 with k4 and any stride: stride 2, padding 1 is the usual DCGAN choice (k = 2s, p = s/2):
# 6*2 + 4 - 2 = 14. Stride 3: 18 + 4 - 8 + 0 = 14 (padding 4); stride 1 cannot reach 14
# (at most 6 + 4 = 10).
tconv_e2e(NAME shape_target.stride_search ARGS shape 7 -k 4 --target 14
          STDOUT_MATCHES "^7 -> 14 with kernel_size 4, any stride, dilation 1: 55 solutions \\(the usual choice: kernel_size = 2\\*stride, padding = stride/2\\)\n  stride 2, padding 1, output_padding 0  \\(the usual choice\\)\n  stride 3, padding 4, output_padding 0\n")
tconv_e2e(NAME shape_target.stride_search_json ARGS shape 7 -k 4 --target 14 --json
          STDOUT_MATCHES "\"stride\":null" "{\"stride\":2,\"padding\":\\[1,1\\],\"output_padding\":0,\"usual\":true},{\"stride\":3,\"padding\":\\[4,4\\],\"output_padding\":0,\"usual\":false},")
# Stride 1..64 with k3 from 2 reaches at most 64 + 3 + 63 = 130 ... but target 200 is above.
tconv_e2e(NAME shape_target.stride_search_unreachable ARGS shape 2 -k 3 --target 200 EXIT 1
          STDERR_MATCHES "no solution for target size 200 from input 2 with kernel_size 3, dilation 1 and any stride 1..64")
# The issue's case: ONNX SAME_UPPER k3 s2 output_shape 10 on 5 keeps [0, 10) of full 11.
# padding 1 / output_padding 1 (PyTorch's only answer) keeps [1, 11): other values.
tconv_e2e(NAME shape_target.onnx_layer_values
          ARGS shape 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --target 10x10
          STDOUT_MATCHES "dimension 1: 5 -> 10 with kernel_size 3, stride 2, dilation 1: 3 solutions\n  the given layer \\(onnx [^)]*\\) keeps the cells .0, 10\\) of the uncropped output"
                         "\n  pad_begin 0, pad_end 1, output_padding 0  \\(one layer in: onnx, tensorflow, keras; same values as the given layer\\)\n"
                         "\n  pad_begin 1, pad_end 0, output_padding 0  \\(one layer in: pytorch, onnx, tensorflow-explicit; other values than the given layer: keeps .1, 11\\)\\)\n")
tconv_e2e(NAME shape_target.pytorch_layer_json ARGS shape 5 -k 3 -s 2 -p 1 --output-padding 1 --target 10 --json
          STDOUT_MATCHES "\"given_layer\":{\"pads\":\\[\\[1,1\\]\\],\"output_size\":\\[10\\],\"padding_convention\":\"pytorch padding\"}"
                         "\"solutions\":\\[\\[{\"padding\":\\[1,1\\],\"output_padding\":1,\"same_values\":true}\\]\\]")
# Keras same k4 s2 on 3: n*s = 6, T = 8 - 6 = 2, begin 1: symmetric [1, 1], every framework.
tconv_e2e(NAME shape_target.tf_layer ARGS shape 3 -k 4 -s 2 --tf-padding same --target 6 --json
          STDOUT_MATCHES "{\"padding\":\\[1,1\\],\"output_padding\":0,\"frameworks\":\\[\"pytorch\",\"onnx\",\"tensorflow\",\"keras\"\\],\"same_values\":true}")
# ONNX Runtime's corner 2: a note on stderr (stdout stays the size), "notes" in JSON.
tconv_e2e(NAME shape_target.runtime_note ARGS shape 3 -k 2 -s 3 --auto-pad same-upper STDOUT "8\n")
tconv_e2e(NAME shape_target.runtime_note_json ARGS shape 3 -k 2 -s 3 --auto-pad same-upper --json
          STDOUT_MATCHES "\"output_size\":\\[8\\],\"notes\":.{\"kind\":\"runtime-disagreement\",\"message\":\"ONNX runtimes disagree on this layer: ONNX Runtime \\(followed here\\) gives 8 cells")
