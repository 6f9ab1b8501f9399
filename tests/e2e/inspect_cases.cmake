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
          STDOUT_MATCHES "{\"name\":\"/0/ConvTranspose\",\"graph_path\":\\[\\],\"resolved\":true,\"input_shape\":\\[\"batch\",8,7,7\\],\"output_shape\":\\[\"batch\",4,14,14\\],\"kernel_shape\":\\[4,4\\],\"strides\":\\[2,2\\],\"pads\":\\[1,1,1,1\\],\"output_padding\":\\[0,0\\],\"dilations\":\\[1,1\\],\"group\":1,"
                         "\"pytorch\":{\"exact\":true,\"kernel_size\":\\[4,4\\],\"stride\":\\[2,2\\],\"padding\":\\[1,1\\],\"output_padding\":\\[0,0\\]"
                         "\"warnings\":\\[\\]},{\"name\":\"/2/ConvTranspose\""
                         "\"warnings\":.{\"kind\":\"uneven-overlap\"")
# auto_pad SAME_UPPER, kernel 2 < stride 3 on 3x3: ONNX Runtime gives (3-1)*3 + 2 = 8 (corner 2).
tconv_e2e(NAME inspect.auto_pad_corner ARGS inspect ${ONNX_MODELS}/auto_pad.onnx --json
          STDOUT_MATCHES "\"name\":\"same_upper_k2_s3\",\"graph_path\":\\[\\],\"resolved\":true,\"input_shape\":\\[1,2,3,3\\],\"output_shape\":\\[1,1,8,8\\]"
                         "\"auto_pad\":\"SAME_UPPER\"" "{\"kind\":\"runtime-disagreement\",\"message\":\"ONNX runtimes disagree on this layer \\(dimension 1 of 2\\): ONNX Runtime \\(followed here\\) gives 8 cells")
# pads [0, 1, 2, 1] (begins 0, 1; ends 2, 1), k3, s2 on 3x4: height 2*2 + 3 - 0 - 2 = 5,
# width 3*2 + 3 - 1 - 1 = 7. The height's pads are uneven: PyTorch needs a crop. Then
# output_shape 8x12 on 5x7 below full (11, 15): ONNX Runtime crops the bigger half at the start
# (corner 1): height T = 3, begin 2, end 1.
tconv_e2e(NAME inspect.asymmetric ARGS inspect ${ONNX_MODELS}/asymmetric_pads.onnx --json
          STDOUT_MATCHES "\"name\":\"asymmetric\",\"graph_path\":\\[\\],\"resolved\":true,\"input_shape\":\\[1,1,3,4\\],\"output_shape\":\\[1,2,5,7\\],\"kernel_shape\":\\[3,3\\],\"strides\":\\[2,2\\],\"pads\":\\[0,1,2,1\\]"
                         "{\"kind\":\"not-exact-in-pytorch\",\"message\":\"one ConvTranspose2d cannot keep the same cells: the layer, then crop \\[begin, end\\] per dimension: \\[0, 2\\], \\[0, 0\\]\"}"
                         "\"name\":\"output_shape_below_full\",\"graph_path\":\\[\\],\"resolved\":true,\"input_shape\":\\[1,2,5,7\\],\"output_shape\":\\[1,1,8,12\\],\"kernel_shape\":\\[3,3\\],\"strides\":\\[2,2\\],\"pads\":\\[2,2,1,1\\]"
                         "\"output_shape_attribute\":\\[8,12\\]"
                         "ONNX Runtime \\(followed here\\) gives 8 cells and crops 2 at the start and crops 1 at the end; ONNX's reference implementation gives 8 cells and crops 3 at the end")
# Symbolic spatial sizes: fixed with --input-shape. 7*2 + 3 - 2 + 1 = 16 for 8x8.
tconv_e2e(NAME inspect.input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape image=1x3x8x8
          STDOUT_MATCHES "\nup +1x3x8x8 +1x2x16x16 +3x3 +2,2 +1,1,1,1 +1,1 +1,1 +1 +NOTSET +exact +1\n")
tconv_e2e(NAME inspect.symbolic_without_input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx EXIT 1
          STDERR_MATCHES "ConvTranspose node up: the shape of its input image is Nx3xHxW, not fully known; give the model's input sizes with --input-shape")
# The message lists the inputs with their declared shapes (before: names only).
tconv_e2e(NAME inspect.unknown_input ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape img=1x3x8x8 EXIT 1
          STDERR_MATCHES "--input-shape names 'img', which is not an input of .*symbolic.onnx \\(inputs: image Nx3xHxW\\)\n")
tconv_e2e(NAME inspect.bad_input_shape ARGS inspect ${ONNX_MODELS}/symbolic.onnx --input-shape image=1x3x0x8 EXIT 2
          STDERR_MATCHES "--input-shape must be NAME=1x64x7x7")
tconv_e2e(NAME inspect.no_conv_transpose ARGS inspect ${ONNX_MODELS}/no_conv_transpose.onnx EXIT 1
          STDERR_MATCHES "no_conv_transpose.onnx has no ConvTranspose node \\(2 nodes: Conv, Relu\\)")
tconv_e2e(NAME inspect.not_a_model ARGS inspect ${PROJECT_SOURCE_DIR}/README.md EXIT 1
          STDERR_MATCHES "README.md is not an ONNX model: its protobuf does not parse")
tconv_e2e(NAME inspect.missing_file ARGS inspect does-not-exist.onnx EXIT 1
          STDERR_MATCHES "cannot read the ONNX model 'does-not-exist.onnx': No such file or directory")
# The decoder cut after 1000 bytes, inside its weights.
tconv_e2e(NAME inspect.truncated ARGS inspect ${ONNX_MODELS}/truncated.onnx EXIT 1
          STDERR_MATCHES "truncated.onnx is not an ONNX model")

# ---- Hostile models (issue 22): made at test time by tests/onnx/make_hostile_models.cpp --------
set(HOSTILE ${CMAKE_CURRENT_BINARY_DIR}/hostile-models)
# A Conv or MaxPool with strides [0, 0] before a valid ConvTranspose: ONNX 1.12's shape inference
# divides by the stride (SIGFPE, exit 136 before); tconv names the node first.
tconv_e2e(NAME inspect.conv_zero_strides ARGS inspect ${HOSTILE}/conv_zero_strides.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "conv_zero_strides.onnx: node bad_conv \\(Conv\\) has strides \\[0, 0\\], which must be >= 1 \\(ONNX's shape inference divides by it\\)")
tconv_e2e(NAME inspect.maxpool_zero_strides ARGS inspect ${HOSTILE}/maxpool_zero_strides.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "node bad_pool \\(MaxPool\\) has strides \\[0, 0\\], which must be >= 1")
# Functions that call themselves: ONNX 1.12 recursed until the stack overflowed (SIGSEGV, 139).
tconv_e2e(NAME inspect.self_recursive_function ARGS inspect ${HOSTILE}/self_recursive_function.onnx EXIT 1
          FIXTURE hostile_models STDERR_MATCHES "model-local function Recurse calls itself \\(Recurse -> Recurse\\)")
tconv_e2e(NAME inspect.mutually_recursive_functions ARGS inspect ${HOSTILE}/mutually_recursive_functions.onnx EXIT 1
          FIXTURE hostile_models STDERR_MATCHES "model-local function Ping calls itself \\(Ping -> Pong -> Ping\\)")
# ConvTranspose inside If and Loop bodies. then_branch: x 1x2x4x4, k3, s2, p1, op1: 3*2 + 3 - 2 + 1
# = 8, Cout 3. The Loop body's input has no known shape: what its attributes say, ? for the rest.
tconv_e2e(NAME inspect.control_flow ARGS inspect ${HOSTILE}/control_flow.onnx FIXTURE hostile_models
          STDOUT_MATCHES "2 ConvTranspose nodes\nname +graph +input +output"
          "\nup_then +If_0/then_branch +1x2x4x4 +1x3x8x8 +3x3 +2,2 +1,1,1,1 +1,1 +1,1 +1 +NOTSET +exact +1\n"
          "\nup_in_loop +If_0/else_branch/Loop_1/body +[?a-z]+ +[?x]+ +2x2 +2,2 +\\? +0,0 +1,1 +1 +NOTSET +\\? +1\n"
          "warning: unresolved: the shape of its input v is ")
tconv_e2e(NAME inspect.control_flow_json ARGS inspect ${HOSTILE}/control_flow.onnx --json FIXTURE hostile_models
          STDOUT_MATCHES "\"name\":\"up_then\",\"graph_path\":\\[\"If_0\",\"then_branch\"\\],\"resolved\":true"
          "\"name\":\"up_in_loop\",\"graph_path\":\\[\"If_0\",\"else_branch\",\"Loop_1\",\"body\"\\],\"resolved\":false"
          "\"pytorch\":null")
# The model's own shapes disagree: input 3 channels, weight Cin 8 (was reported "exact").
tconv_e2e(NAME inspect.channel_mismatch ARGS inspect ${HOSTILE}/channel_mismatch.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "ConvTranspose node up: its input x has 3 channels \\(shape 1x3x4x4\\), its weight w expects 8")
# group 2^62 x 4 output channels a group = 2^64: overflowed silently before.
tconv_e2e(NAME inspect.huge_group ARGS inspect ${HOSTILE}/huge_group.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "ConvTranspose node up: its output channels, 4 a group x group 4611686018427387904 overflows 64-bit integers")
# Terminal escapes from the model are escaped; invalid UTF-8 is \xNN in the table and U+FFFD in
# JSON (which was an internal error with no output before). ("." for the brackets and the
# semicolon: CMake would not split the list of expressions at a ";" inside "[...]".)
tconv_e2e(NAME inspect.escapes ARGS inspect ${HOSTILE}/escapes.onnx FIXTURE hostile_models
          STDOUT_MATCHES "\n\\\\x1b.0.pwned\\\\x07\\\\x1b.2Jclear +\\\\x1b.31mbatchx1x5x5 " "\nbad\\\\xff\\\\xfe utf8 ")
tconv_e2e(NAME inspect.escapes_json ARGS inspect ${HOSTILE}/escapes.onnx --json FIXTURE hostile_models
          STDOUT_MATCHES "\"name\":\"\\\\u001b.0.pwned\\\\u0007\\\\u001b.2Jclear\"" "\"name\":\"bad�� utf8\"")
# 1 MB name and 1,499 more nodes: no row padded to the long name (1.5 GB of table before).
string(REPEAT "n" 60 sixty_n)  # CMake's regular expressions have no {60}
tconv_e2e(NAME inspect.long_name ARGS inspect ${HOSTILE}/long_name.onnx FIXTURE hostile_models
          STDOUT_MATCHES "1500 ConvTranspose nodes\n" "\n${sixty_n}… +1x1x4x4 " "\nnode_1499 +1x1x4x4 +1x1x4x4 ")
tconv_e2e(NAME inspect.many_names ARGS inspect ${HOSTILE}/many_names.onnx FIXTURE hostile_models TIMEOUT 30
          STDOUT_MATCHES "\nvalid_up +1x1x4x4 +1x1x9x9 ")
tconv_e2e(NAME inspect.huge_rank ARGS inspect ${HOSTILE}/huge_rank.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "huge_rank.onnx: tensor x has 4000000 dimensions; tconv reads models whose tensors have at most 64\n")
tconv_e2e(NAME inspect.huge_kernel_shape ARGS inspect ${HOSTILE}/huge_kernel_shape.onnx EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "node up \\(ConvTranspose\\) has 2000000 values in kernel_shape; tconv reads at most 64\n")

# ---- Unbounded reading (issue 22, item 3) ------------------------------------------------------
tconv_e2e(NAME inspect.directory ARGS inspect . EXIT 1 STDERR_MATCHES "cannot read the ONNX model '\\.': it is a directory")
# A device is read until it passes the limit, not until memory runs out.
tconv_e2e(NAME inspect.endless_device ARGS inspect /dev/zero --max-memory 1MB EXIT 1
          STDERR_MATCHES "the file of the ONNX model would need more than 1000000 bytes, above the memory limit of 1000000 bytes")
# A file larger than the limit is refused before it is read.
tconv_e2e(NAME inspect.file_over_limit ARGS inspect ${HOSTILE}/many_names.onnx --max-memory 1KB EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "the file of the ONNX model would need [0-9]+ bytes, above the memory limit of 1000 bytes")

# ---- --input-shape checked against the model (issue 23, item 7) --------------------------------
# decoder.onnx declares z batch x 8 x 7 x 7: only the batch is symbolic. Before, z=1x64x7x7 met
# the weight's 8 input channels only at the node, and z=1x8x9x9 ended in ONNX's raw
# "[ShapeInferenceError] ... differ in dimension 2: (36) vs (28)".
tconv_e2e(NAME inspect.input_shape_fixed_channels ARGS inspect ${ONNX_MODELS}/decoder.onnx --input-shape z=1x64x7x7
          EXIT 1 STDERR_MATCHES "--input-shape z=1x64x7x7: dimension 1 \\(0-based\\) of z is fixed at 8 by the model \\(batchx8x7x7\\), not 64. --input-shape sets only symbolic dimensions\n")
tconv_e2e(NAME inspect.input_shape_fixed_spatial ARGS inspect ${ONNX_MODELS}/decoder.onnx --input-shape z=1x8x9x9
          EXIT 1 STDERR_MATCHES "--input-shape z=1x8x9x9: dimension 2 \\(0-based\\) of z is fixed at 7 by the model \\(batchx8x7x7\\), not 9")
tconv_e2e(NAME inspect.input_shape_rank ARGS inspect ${ONNX_MODELS}/decoder.onnx --input-shape z=1x8x7 EXIT 1
          STDERR_MATCHES "--input-shape z=1x8x7 gives 3 dimensions, the model's input z has 4 \\(batchx8x7x7\\)\n")
tconv_e2e(NAME inspect.input_shape_twice ARGS inspect ${ONNX_MODELS}/decoder.onnx --input-shape z=1x8x7x7
          --input-shape z=2x8x7x7 EXIT 2 STDERR_MATCHES "--input-shape gives z twice\n")
# The symbolic batch takes the given 3: (7-1)*2 + 4 - 2 = 14, (14-1)*2 + 3 - 2 + 1 = 28.
tconv_e2e(NAME inspect.input_shape_batch ARGS inspect ${ONNX_MODELS}/decoder.onnx --input-shape z=3x8x7x7
          STDOUT_MATCHES "\n/0/ConvTranspose +3x8x7x7 +3x4x14x14 " "\n/2/ConvTranspose +3x4x14x14 +3x1x28x28 ")
# decoder_fixed.onnx: the same layers, z fixed at 1x64x7x7 (its weight has 64 input channels).
# Before, z=2x64x7x7 was accepted (exit 0, a 2x64x7x7 input reported).
tconv_e2e(NAME inspect.input_shape_fixed_model ARGS inspect ${HOSTILE}/decoder_fixed.onnx --input-shape z=1x8x7x7
          EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "--input-shape z=1x8x7x7: dimension 1 \\(0-based\\) of z is fixed at 64 by the model \\(1x64x7x7\\), not 8")
tconv_e2e(NAME inspect.input_shape_fixed_batch ARGS inspect ${HOSTILE}/decoder_fixed.onnx --input-shape z=2x64x7x7
          EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "--input-shape z=2x64x7x7: dimension 0 \\(0-based\\) of z is fixed at 1 by the model \\(1x64x7x7\\), not 2")
tconv_e2e(NAME inspect.input_shape_same_as_fixed ARGS inspect ${HOSTILE}/decoder_fixed.onnx --input-shape z=1x64x7x7
          FIXTURE hostile_models STDOUT_MATCHES "\nup1 +1x64x7x7 +1x4x14x14 ")
# decoder_symbolic.onnx: every dimension of z symbolic, weight Cin 8, image declared batch x 1 x
# 28 x 28. 64 channels reach up1, whose weight takes 8: refused at the node (as since issue 22).
tconv_e2e(NAME inspect.input_shape_channels ARGS inspect ${HOSTILE}/decoder_symbolic.onnx --input-shape z=1x64x7x7
          EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "ConvTranspose node up1: its input z has 64 channels \\(shape 1x64x7x7\\), its weight w1 expects 8")
# 9x9: (9-1)*2 + 4 - 2 = 18, then (18-1)*2 + 3 - 2 + 1 = 36 against the declared 28. Before:
# ONNX's raw "[ShapeInferenceError] (op_type:ConvTranspose, node name: up2): ... (36) vs (28)".
tconv_e2e(NAME inspect.input_shape_inference_conflict ARGS inspect ${HOSTILE}/decoder_symbolic.onnx
          --input-shape z=1x8x9x9 EXIT 1 FIXTURE hostile_models
          STDERR_MATCHES "^tconv: error: [^ ]*decoder_symbolic.onnx: by ONNX's shape inference, node up2 \\(ConvTranspose\\) makes its output image 36 in dimension 2 \\(0-based\\), but the model declares 28 \\(image: batchx1x28x28\\). the sizes given with --input-shape do not fit this model\n")
# The same refusal in rank, from the model alone: y declared 1x1x9, inferred 1x1x9x9.
tconv_e2e(NAME inspect.declared_rank_conflict ARGS inspect ${HOSTILE}/declared_rank_conflict.onnx EXIT 1
          FIXTURE hostile_models
          STDERR_MATCHES "declared_rank_conflict.onnx: by ONNX's shape inference, node up \\(ConvTranspose\\) makes its output y of rank 4, but the model declares rank 3 \\(y: 1x1x9\\)\n")

# ---- inspect - : the model from standard input (issue 23, item 4) ------------------------------
tconv_e2e(NAME inspect.stdin ARGS inspect - STDIN_FILE ${ONNX_MODELS}/decoder.onnx
          STDOUT_MATCHES "^standard input: opset 13, 2 ConvTranspose nodes\n" "\n/2/ConvTranspose +batchx4x14x14 +batchx1x28x28 ")
tconv_e2e(NAME inspect.stdin_json ARGS inspect - --json STDIN_FILE ${ONNX_MODELS}/decoder.onnx
          STDOUT_MATCHES "^{\"model\":\"standard input\",\"opset\":13,")
# Read only up to --max-memory (the decoder is 2,843 bytes).
tconv_e2e(NAME inspect.stdin_over_limit ARGS inspect - --max-memory 1KB STDIN_FILE ${ONNX_MODELS}/decoder.onnx EXIT 1
          STDERR_MATCHES "the ONNX model on standard input would need more than 1000 bytes, above the memory limit of 1000 bytes")
tconv_e2e(NAME inspect.stdin_empty ARGS inspect - EXIT 1 STDERR_MATCHES "standard input is empty, not an ONNX model\n")
tconv_e2e(NAME inspect.stdin_not_a_model ARGS inspect - STDIN_FILE ${PROJECT_SOURCE_DIR}/README.md EXIT 1
          STDERR_MATCHES "standard input is not an ONNX model: its protobuf does not parse")
