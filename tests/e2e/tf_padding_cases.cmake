# End-to-end cases for --tf-padding (TensorFlow/Keras padding) in shape, compute and animate.
# Sizes: the ranges TensorFlow.js 4.22 accepted (tests/data/tf_fixtures.json "size_rules",
# n=3, k=3, s=2: same 5..6, valid 7..8) and Keras' rule by hand; values by hand.

# Keras without output_padding: same gives n*s = 3*2 = 6; valid n*s + max(k-s, 0) = 6 + 1 = 7.
tconv_e2e(NAME tf_padding.shape_same ARGS shape 3x3 -k 3 -s 2 --tf-padding same STDOUT "6x6\n")
tconv_e2e(NAME tf_padding.shape_valid ARGS shape 3x3 -k 3 -s 2 --tf-padding VALID STDOUT "7x7\n")
# tf.nn.conv2d_transpose output_shape inside TF's range 5..6.
tconv_e2e(NAME tf_padding.shape_output_shape ARGS shape 3x3 -k 3 -s 2 --tf-padding same --output-shape 5x6 --json
          STDOUT_MATCHES "\"padding\":\\[\\[1,1\\],\\[0,1\\]\\]" "\"padding_convention\":\"tf padding same, output_shape\""
                         "\"output_size\":\\[5,6\\]")
tconv_e2e(NAME tf_padding.shape_output_shape_refused ARGS shape 3 -k 3 -s 2 --tf-padding valid --output-shape 9 EXIT 1
          STDERR_MATCHES "output_shape 9 does not fit tf padding valid: TensorFlow accepts .* = 7..8")
# Keras output_padding: (4-1)*2 + 3 - 2*0 + 1 = 10 (valid); same: (4-1)*2 + 3 - 2*1 + 1 = 8.
tconv_e2e(NAME tf_padding.shape_keras_output_padding ARGS shape 4x4 -k 3 -s 2 --tf-padding valid --output-padding 1
          STDOUT "10x10\n")
tconv_e2e(NAME tf_padding.shape_keras_same_output_padding ARGS shape 4 -k 3 -s 2 --tf-padding same --output-padding 1
          STDOUT "8\n")
# Keras same, k=4, s=2, n=3, output_padding 0: (3-1)*2 + 4 - 2*2 + 0 = 4 < 5, refused by TF
# (tests/data/tf_fixtures.json "keras_refused").
tconv_e2e(NAME tf_padding.shape_keras_refused ARGS shape 3 -k 4 -s 2 --tf-padding same --output-padding 0 EXIT 1
          STDERR_MATCHES "which TensorFlow refuses: TensorFlow accepts .* = 5..6")
tconv_e2e(NAME tf_padding.with_pads ARGS shape 3 -k 3 -s 2 --tf-padding valid --pads 0,0 EXIT 2
          STDERR_MATCHES "tf_padding and pads cannot be used together")
tconv_e2e(NAME tf_padding.bad_value ARGS shape 3 -k 3 -s 2 --tf-padding middle EXIT 2
          STDERR_MATCHES "--tf-padding must be same or valid, got 'middle'")
tconv_e2e(NAME tf_padding.explain ARGS shape 3 -k 3 -s 2 --tf-padding same --explain
          STDOUT_MATCHES "padding from: keras padding same\n" "P_begin=0 P_end=1" "output size: 6\n$")

# compute: [1,2,3] with kernel [1,1,1], stride 2: the uncropped output u = 2i + t is
# 1 1 (1+2) 2 (2+3) 3 3 = 1 1 3 2 5 3 3 (full0 = 7).
# same: out 6, T = 1, begin 0: the first six cells.
tconv_e2e(NAME tf_padding.compute_same ARGS compute --input "[1,2,3]" --weight "[1,1,1]" --dims 1 -s 2 --tf-padding same
          STDOUT "output 6 (float32)\n1 1 3 2 5 3\n")
# valid: all seven.
tconv_e2e(NAME tf_padding.compute_valid ARGS compute --input "[1,2,3]" --weight "[1,1,1]" --dims 1 -s 2 --tf-padding valid
          STDOUT "output 7 (float32)\n1 1 3 2 5 3 3\n")
# same with output_shape 5: T = 2, begin 1: cells 1..5.
tconv_e2e(NAME tf_padding.compute_output_shape ARGS compute --input "[1,2,3]" --weight "[1,1,1]" --dims 1 -s 2
          --tf-padding same --output-shape 5 --format csv STDOUT "1,3,2,5,3\n")
# valid with output_shape 8 = full0 + 1: one zero cell at the end.
tconv_e2e(NAME tf_padding.compute_valid_extra_zero ARGS compute --input "[1,2,3]" --weight "[1,1,1]" --dims 1 -s 2
          --tf-padding valid --output-shape 8 --format csv STDOUT "1,1,3,2,5,3,3,0\n")
# --example sets the layer itself.
tconv_e2e(NAME tf_padding.compute_example ARGS compute --example 1 --tf-padding same EXIT 2
          STDERR_MATCHES "--example N sets the layer itself")
# animate takes the flag too (drawn layer: 2x2 input, k3 s2 same: 4x4).
tconv_e2e(NAME tf_padding.animate ARGS animate --input "[[1,2],[3,4]]" --weight ones -k 3 -s 2 --tf-padding same
          --frame-format svg -O frames STDOUT_MATCHES "frames")

# compute --layout tf: TensorFlow's arrays as they are. Input (N, H, W, C) = (1, 1, 2, 1) holds
# 1, 2; filter (kH, kW, Cout, Cin) = (1, 1, 2, 1) holds 1 (channel 0) and 3 (channel 1): the
# output channels are x*1 = [1, 2] and x*3 = [3, 6], written channels-last as
# [[[[1, 3], [2, 6]]]].
tconv_e2e(NAME tf_layout.nhwc ARGS compute --input "[[[[1],[2]]]]" --weight "[[[[1],[3]]]]" --layout tf --format json
          STDOUT_MATCHES "\"shape\":\\[1,1,2,2\\]" "\"output\":\\[\\[\\[\\[1,3\\],\\[2,6\\]\\]\\]\\]}\n$")
# As text: one plane per channel, like every text output.
tconv_e2e(NAME tf_layout.text ARGS compute --input "[[[[1],[2]]]]" --weight "[[[[1],[3]]]]" --layout tf
          STDOUT_MATCHES "channel 0:\n1 2\n" "channel 1:\n3 6\n")
tconv_e2e(NAME tf_layout.bad_value ARGS compute --input "[[1]]" --weight "[[1]]" --layout keras EXIT 2
          STDERR_MATCHES "--layout must be pytorch or tf, got 'keras'")
