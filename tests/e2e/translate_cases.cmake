# End-to-end cases for `tconv translate`. The frameworks' rules behind each expected line were
# measured with PyTorch, ONNX Runtime 1.30 and TensorFlow.js 4.22 (docs/frameworks.md); the
# numbers below are hand arithmetic, full0 = (n-1)*S + K'.

# The issue's case: ONNX SAME_UPPER, k3, s2, output_shape 10x10 on 5x5. full0 = 4*2 + 3 = 11,
# T = 1, SAME_UPPER: window [0, 10), pads begin 0, end 1. PyTorch keeps [P, ...): padding 0
# and a crop of 1 at the end; the size-only answer padding 1, output_padding 1 keeps [1, 11).
tconv_e2e(NAME translate.issue_example
          ARGS translate 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --in-channels 64 --out-channels 32
          STDOUT_MATCHES "^layer: 5x5 -> 10x10, onnx [^\n]*; pads \\[begin, end\\] per dimension \\[0, 1\\], \\[0, 1\\]\n"
                         "note: size-only-answer-differs: PyTorch padding \\(1, 1\\), output_padding \\(1, 1\\) gives the same size 10x10 but other values: it keeps the cells .1, 11\\) not .0, 10\\)"
                         "\n# PyTorch: not exact in one layer: the layer, then crop \\[begin, end\\] per dimension: \\[0, 1\\], \\[0, 1\\]\nconv = torch.nn.ConvTranspose2d\\(64, 32, kernel_size=\\(3, 3\\), stride=\\(2, 2\\), padding=\\(0, 0\\), output_padding=\\(0, 0\\), dilation=\\(1, 1\\), groups=1\\); y = conv\\(x\\)\\[..., 0:10, 0:10\\]  # weight \\(Cin, Cout/groups, kH, kW\\)\n"
                         "\n# ONNX: exact\nonnx.helper.make_node\\(\"ConvTranspose\", \\[\"x\", \"w\"\\], \\[\"y\"\\], kernel_shape=\\[3, 3\\], strides=\\[2, 2\\], pads=\\[0, 0, 1, 1\\]"
                         "\n# TensorFlow tf.nn.conv2d_transpose: exact\ny = tf.nn.conv2d_transpose\\(x, w, output_shape=\\[tf.shape\\(x\\)\\[0\\], 10, 10, 32\\], strides=\\[2, 2\\], padding=\"SAME\""
                         "\n# Keras Conv2DTranspose: exact\nlayer = keras.layers.Conv2DTranspose\\(32, \\(3, 3\\), strides=\\(2, 2\\), padding=\"same\", output_padding=None")
tconv_e2e(NAME translate.issue_example_json
          ARGS translate 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --json
          STDOUT_MATCHES "^{\"layer\":{\"input_size\":\\[5,5\\],\"output_size\":\\[10,10\\],\"pads\":\\[\\[0,1\\],\\[0,1\\]\\],\"from\":\"onnx\","
                         "\"pytorch\":{\"exact\":false,\"kernel_size\":\\[3,3\\],\"stride\":\\[2,2\\],\"padding\":\\[0,0\\],\"output_padding\":\\[0,0\\],\"dilation\":\\[1,1\\],\"groups\":1,\"crop\":\\[\\[0,1\\],\\[0,1\\]\\],"
                         "\"onnx\":{\"exact\":true,\"kernel_shape\":\\[3,3\\],\"strides\":\\[2,2\\],\"pads\":\\[0,0,1,1\\],\"output_padding\":\\[0,0\\],\"dilations\":\\[1,1\\],\"group\":1,\"crop\":null,"
                         "\"tensorflow\":{\"exact\":true,\"padding\":\"SAME\",\"output_shape\":\\[10,10\\],"
                         "\"keras\":{\"exact\":true,\"padding\":\"same\",\"output_padding\":null,"
                         "\"code\":\"conv = torch.nn.ConvTranspose2d")
tconv_e2e(NAME translate.issue_example_check
          ARGS translate 5x5 -k 3 -s 2 --auto-pad same-upper --output-shape 10x10 --in-channels 3 --out-channels 2 --check
          STDOUT_MATCHES "\ncheck: largest difference 0 against the layer on random data \\(pytorch 0, onnx 0, tensorflow 0, keras 0\\)\n$")
tconv_e2e(NAME translate.check_json ARGS translate 5 -k 3 -s 2 --pads 1,0 --check --json
          STDOUT_MATCHES "\"check\":{\"pytorch\":0.0,\"onnx\":0.0,\"tensorflow\":0.0,\"keras\":0.0,\"largest_difference\":0.0}}\n$")
# DCGAN's layer, k4 s2 p1 on 7x7: 6*2 + 4 - 2 = 14, window [1, 15). TF SAME with 14:
# T = 16 - 14 = 2, begin 1: exact; Keras same: n*s = 14, the same window: exact.
tconv_e2e(NAME translate.pytorch_everywhere_exact ARGS translate 7x7 -k 4 -s 2 -p 1
          STDOUT_MATCHES "# PyTorch: exact\n" "# ONNX: exact\n" "# TensorFlow tf.nn.conv2d_transpose: exact\n"
                         "# Keras Conv2DTranspose: exact\n" "pads=\\[1, 1, 1, 1\\]")
# ONNX pads [1, 0] on n=5, k3, s2: window [1, 10) of full0 11. PyTorch: padding 1,
# output_padding 1 keeps [1, 10): exact. TF 1-D has no explicit pads, SAME/VALID begin at 0:
# VALID (11 cells) then crop 1 at the start.
tconv_e2e(NAME translate.tf_crop_recipe ARGS translate 5 -k 3 -s 2 --pads 1,0
          STDOUT_MATCHES "# PyTorch: exact\n[^\n]*padding=\\(1,\\), output_padding=\\(1,\\)"
                         "# TensorFlow tf.nn.conv1d_transpose: not exact in one layer: the layer, then crop \\[begin, end\\] per dimension: \\[1, 0\\]\ny = tf.nn.conv1d_transpose\\(x, w, output_shape=\\[tf.shape\\(x\\)\\[0\\], 11, 1\\], strides=\\[2\\], padding=\"VALID\", dilations=\\[1\\]\\)\\[:, 1:11, :\\]")
# From TensorFlow: --tf-padding same on n=3, k3, s2 is Keras' n*s = 6, T = 1, window [0, 6).
tconv_e2e(NAME translate.from_tf ARGS translate 3 -k 3 -s 2 --tf-padding same --json
          STDOUT_MATCHES "\"output_size\":\\[6\\],\"pads\":\\[\\[0,1\\]\\],\"from\":\"tf\",\"convention\":\"keras padding same\""
                         "\"pytorch\":{\"exact\":false,[^}]*\"crop\":\\[\\[0,1\\]\\]")
# Groups: TensorFlow and Keras have none: a split recipe.
tconv_e2e(NAME translate.groups ARGS translate 4x4 -k 3 -s 2 -g 2 --in-channels 4 --out-channels 6
          STDOUT_MATCHES "# TensorFlow tf.nn.conv2d_transpose: not exact in one layer: no groups: one layer per group")
# ONNX Runtime's corner 2 (SAME_UPPER, kernel 2 < stride 3 on n=3): the disagreement is named.
tconv_e2e(NAME translate.runtime_disagreement ARGS translate 3 -k 2 -s 3 --auto-pad same-upper
          STDOUT_MATCHES "^layer: 3 -> 8, " "\nnote: runtime-disagreement: ONNX runtimes disagree on this layer: ONNX Runtime \\(followed here\\) gives 8 cells")
tconv_e2e(NAME translate.channels_not_divisible ARGS translate 4 -k 3 -g 2 --in-channels 3 --out-channels 2 EXIT 1
          STDERR_MATCHES "divisible")
tconv_e2e(NAME translate.stride_zero ARGS translate 4 -k 3 -s 0 EXIT 1 STDERR_MATCHES "stride must be >= 1, got 0")
tconv_e2e(NAME translate.missing_kernel ARGS translate 4 EXIT 2 STDERR_MATCHES "kernel-size")
tconv_e2e(NAME translate.check_too_big ARGS translate 64x64 -k 4 -s 2 -p 1 --in-channels 512 --out-channels 512 --check
          EXIT 1 STDERR_MATCHES "--check would run .* multiply-adds")
# Issue 22, item 13: translate has no --max-memory, so its memory message names no such flag.
# By hand: output (2-1)*3000000000 + 1 = 3000000001 cells, batch 2, 8 bytes each = 48000000016 bytes.
tconv_e2e(NAME translate.check_memory_no_flag ARGS translate 2 -k 1 -s 3000000000 --check EXIT 1
          STDERR_MATCHES "the output would need 48000000016 bytes, above the memory limit of 4294967296 bytes\n$")
