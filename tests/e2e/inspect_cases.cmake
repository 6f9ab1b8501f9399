# End-to-end cases for `tconv inspect` on the models of tests/data/onnx (tests/onnx/make_models.py:
# a decoder exported by torch.onnx.export, models built with python3-onnx). Sizes by hand; the
# corners as ONNX Runtime 1.30 runs them (tests/data/onnxruntime_fixtures.json).
set(ONNX_MODELS ${PROJECT_SOURCE_DIR}/tests/data/onnx)

# decoder: ConvTranspose2d(8, 4, 4, s2, p1) on 7x7: 6*2 + 4 - 2 = 14; then (4, 1, 3, s2, p1,
# output_padding 1): 13*2 + 3 - 2 + 1 = 28. Kernel 3 with stride 2 overlaps unevenly.
tconv_e2e(NAME inspect.decoder ARGS inspect ${ONNX_MODELS}/decoder.onnx
          STDOUT_MATCHES ": opset 13, 2 ConvTranspose nodes\nname +input +output +kernel +strides +pads +output_padding +dilations +group +auto_pad +pytorch +warnings\n"
                         "\n/0/ConvTranspose +batchx8x7x7 +batchx4x14x14 +4x4 +2,2 +1,1,1,1 +0,0 +1,1 +1 +NOTSET +exact +0\n"
                         "\n/2/ConvTranspose +batchx4x14x14 +batchx1x28x28 +3x3 +2,2 +1,1,1,1 +1,1 +1,1 +1 +NOTSET +exact +1\n"
                         "\n  pytorch: conv = torch.nn.ConvTranspose2d\\(8, 4, kernel_size=\\(4, 4\\), stride=\\(2, 2\\), padding=\\(1, 1\\), output_padding=\\(0, 0\\)"
                         "\n  warning: uneven-overlap: kernel 3 is not a multiple of stride 2")
tconv_e2e(NAME inspect.decoder_json ARGS inspect ${ONNX_MODELS}/decoder.onnx --json
          STDOUT_MATCHES "{\"name\":\"/0/ConvTranspose\",\"input_shape\":\\[\"batch\",8,7,7\\],\"output_shape\":\\[\"batch\",4,14,14\\],\"kernel_shape\":\\[4,4\\],\"strides\":\\[2,2\\],\"pads\":\\[1,1,1,1\\],\"output_padding\":\\[0,0\\],\"dilations\":\\[1,1\\],\"group\":1,"
                         "\"pytorch\":{\"exact\":true,\"kernel_size\":\\[4,4\\],\"stride\":\\[2,2\\],\"padding\":\\[1,1\\],\"output_padding\":\\[0,0\\]"
                         "\"warnings\":\\[\\]},{\"name\":\"/2/ConvTranspose\""
                         "\"warnings\":.{\"kind\":\"uneven-overlap\"")
# auto_pad SAME_UPPER, kernel 2 < stride 3 on 3x3: ONNX Runtime gives (3-1)*3 + 2 = 8 (corner 2).
tconv_e2e(NAME inspect.auto_pad_corner ARGS inspect ${ONNX_MODELS}/auto_pad.onnx --json
          STDOUT_MATCHES "\"name\":\"same_upper_k2_s3\",\"input_shape\":\\[1,2,3,3\\],\"output_shape\":\\[1,1,8,8\\]"
                         "\"auto_pad\":\"SAME_UPPER\"" "{\"kind\":\"runtime-disagreement\",\"message\":\"ONNX runtimes disagree on this layer \\(dimension 1 of 2\\): ONNX Runtime \\(followed here\\) gives 8 cells")
# pads [0, 1, 2, 1] (begins 0, 1; ends 2, 1), k3, s2 on 3x4: height 2*2 + 3 - 0 - 2 = 5,
# width 3*2 + 3 - 1 - 1 = 7. The height's pads are uneven: PyTorch needs a crop. Then
# output_shape 8x12 on 5x7 below full (11, 15): ONNX Runtime crops the bigger half at the start
# (corner 1): height T = 3, begin 2, end 1.
tconv_e2e(NAME inspect.asymmetric ARGS inspect ${ONNX_MODELS}/asymmetric_pads.onnx --json
          STDOUT_MATCHES "\"name\":\"asymmetric\",\"input_shape\":\\[1,1,3,4\\],\"output_shape\":\\[1,2,5,7\\],\"kernel_shape\":\\[3,3\\],\"strides\":\\[2,2\\],\"pads\":\\[0,1,2,1\\]"
                         "{\"kind\":\"not-exact-in-pytorch\",\"message\":\"one ConvTranspose2d cannot keep the same cells: the layer, then crop \\[begin, end\\] per dimension: \\[0, 2\\], \\[0, 0\\]\"}"
                         "\"name\":\"output_shape_below_full\",\"input_shape\":\\[1,2,5,7\\],\"output_shape\":\\[1,1,8,12\\],\"kernel_shape\":\\[3,3\\],\"strides\":\\[2,2\\],\"pads\":\\[2,2,1,1\\]"
                         "\"output_shape_attribute\":\\[8,12\\]"
                         "ONNX Runtime \\(followed here\\) gives 8 cells and crops 2 at the start and crops 1 at the end; ONNX's reference implementation gives 8 cells and crops 3 at the end")
# Symbolic spatial sizes: fixed with --input-shape. 7*2 + 3 - 2 + 1 = 16 for 8x8.
tconv_e2e(NAME inspect.input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape image=1x3x8x8
          STDOUT_MATCHES "\nup +1x3x8x8 +1x2x16x16 +3x3 +2,2 +1,1,1,1 +1,1 +1,1 +1 +NOTSET +exact +1\n")
tconv_e2e(NAME inspect.symbolic_without_input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx EXIT 1
          STDERR_MATCHES "ConvTranspose node up: the shape of its input image is Nx3xHxW, not fully known; give the model's input sizes with --input-shape")
tconv_e2e(NAME inspect.unknown_input ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape img=1x3x8x8 EXIT 1
          STDERR_MATCHES "--input-shape names 'img', which is not an input of .*symbolic.onnx \\(inputs: image\\)")
tconv_e2e(NAME inspect.bad_input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape image=1x3x0x8 EXIT 2
          STDERR_MATCHES "--input-shape must be NAME=1x64x7x7")
tconv_e2e(NAME inspect.no_conv_transpose ARGS inspect ${ONNX_MODELS}/no_conv_transpose.onnx EXIT 1
          STDERR_MATCHES "no_conv_transpose.onnx has no ConvTranspose node \\(2 nodes: Conv, Relu\\)")
tconv_e2e(NAME inspect.not_a_model ARGS inspect ${PROJECT_SOURCE_DIR}/README.md EXIT 1
          STDERR_MATCHES "README.md is not an ONNX model: its protobuf does not parse")
tconv_e2e(NAME inspect.missing_file ARGS inspect does-not-exist.onnx EXIT 1
          STDERR_MATCHES "cannot read does-not-exist.onnx: No such file or directory")
# The decoder cut after 1000 bytes, inside its weights.
tconv_e2e(NAME inspect.truncated ARGS inspect ${ONNX_MODELS}/truncated.onnx EXIT 1
          STDERR_MATCHES "truncated.onnx is not an ONNX model")
