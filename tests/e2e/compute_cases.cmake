# End-to-end cases for `tconv compute`. Expected values: the outputs PyTorch prints in the
# article's notebook (ANALYSIS.md 1.2), the step figures (ANALYSIS.md 1.4), or hand arithmetic
# written next to the case.
set(NPY ${PROJECT_SOURCE_DIR}/tests/data/npy)

# --- the article's examples
tconv_e2e(NAME compute.example1 ARGS compute --example 1
          STDOUT "output 4x4 (float32)\n 1  3  3  2\n 4 10 10  6\n 4 10 10  6\n 3  7  7  4\n")
tconv_e2e(NAME compute.example3_padding ARGS compute --example 3 STDOUT "output 3x3 (float32)\n 1  3  2\n 4 10  6\n 3  7  4\n")
# Figure 4: step 4 adds 4 at rows 2-4, cols 2-4; cell (2,2) reads 1+2+3+4.
tconv_e2e(NAME compute.example2_steps ARGS compute --example 2 --steps
          STDOUT_MATCHES "Step 1 of 4: input \\(0,0\\) = 1" "Step 4 of 4: input \\(1,1\\) = 4"
                         "\n   1\\+3   1\\+3  \\[1\\+2\\+3\\+4\\] \\[2\\+4\\] \\[2\\+4\\]\n"
                         "Output 5x5 \\(float32\\):\n   1  1  3  2  2\n")
# Figure 6: padding 1 crops the ring; step 1 lists the five cropped cells of x(0,0).
tconv_e2e(NAME compute.example3_steps ARGS compute --example 3 --steps
          STDOUT_MATCHES "cropped by padding \\(outside the output\\): \\(-1,-1\\) 1, \\(-1,0\\) 1, \\(-1,1\\) 1, \\(0,-1\\) 1, \\(1,-1\\) 1\n")
# Figure 8: output_padding adds a zero row and column.
tconv_e2e(NAME compute.example4_csv ARGS compute --example 4 --format csv
          STDOUT "1,1,3,2,2,0\n1,1,3,2,2,0\n4,4,10,6,6,0\n3,3,7,4,4,0\n3,3,7,4,4,0\n0,0,0,0,0,0\n")
tconv_e2e(NAME compute.example_out_of_range ARGS compute --example 0 EXIT 2 STDERR_MATCHES "--example must be 1 to 5, got 0")
tconv_e2e(NAME compute.example_with_layer_flag ARGS compute --example 1 -s 2 EXIT 2
          STDERR_MATCHES "--example N sets the layer itself")

# --- input sources
tconv_e2e(NAME compute.inline_json ARGS compute --input "[[1,2],[3,4]]" --weight ones -k 3 -s 2 -p 1 --format csv
          STDOUT "1,3,2\n4,10,6\n3,7,4\n")
# 1-D: "[1,2,3]" with kernel [1,1]: 1, 1+2, 2+3, 3
tconv_e2e(NAME compute.one_d ARGS compute --input "[1,2,3]" --weight "[1,1]" --dims 1 STDOUT "output 4 (float32)\n1 3 5 3\n")
# 3-D: a 1x1x1 input of 2 with a 2x2x2 arange kernel is the kernel doubled.
tconv_e2e(NAME compute.three_d ARGS compute --input "[[[2]]]" --weight arange -k 2 --dims 3 --format json
          STDOUT_MATCHES "\"shape\":\\[2,2,2\\]" "\"output\":\\[\\[\\[2,4\\],\\[6,8\\]\\],\\[\\[10,12\\],\\[14,16\\]\\]\\]")
tconv_e2e(NAME compute.stdin_text_matrix ARGS compute --input - --weight "[[1,1]]" --format csv
          STDIN_TEXT "1 2\n3 4\n" STDOUT "1,3,2\n3,7,4\n")
tconv_e2e(NAME compute.stdin_npy ARGS compute --input - --weight "[[2]]" --format csv STDIN_FILE ${NPY}/f32_2x3.npy
          STDOUT "3,-4,6\n0.5,8,-12\n")
# int32 file "[[1,-2,3],[0,4,-6]]" through a 1x1 kernel of 1
tconv_e2e(NAME compute.npy_int32 ARGS compute --input ${NPY}/i32_2x3.npy --weight "[[1]]" --format csv
          STDOUT "1,-2,3\n0,4,-6\n")
tconv_e2e(NAME compute.npy_big_endian ARGS compute --input ${NPY}/f64be_2x3.npy --weight "[[1]]" --format csv
          STDOUT "1.5,-2,3\n0.25,4,-6\n")
# bias 0.5 on the article's basic case: every cell + 0.5
tconv_e2e(NAME compute.bias ARGS compute --input "[[1,2],[3,4]]" --weight ones -k 3 --bias "[0.5]" --format csv
          STDOUT "1.5,3.5,3.5,2.5\n4.5,10.5,10.5,6.5\n4.5,10.5,10.5,6.5\n3.5,7.5,7.5,4.5\n")
tconv_e2e(NAME compute.float32_shortest ARGS compute --input "[[0.1]]" --weight "[[3]]" --format csv STDOUT "0.3\n")
# float64: 0.1*3 = 0.30000000000000004 in binary64
tconv_e2e(NAME compute.float64 ARGS compute --input "[[0.1]]" --weight "[[3]]" --dtype float64 --format csv
          STDOUT "0.30000000000000004\n")

# --- output formats
tconv_e2e(NAME compute.json ARGS compute --example 3 --format json
          STDOUT_MATCHES "^{\"shape\":\\[3,3\\],\"dtype\":\"float32\",\"parameters\":{[^\n]*\"padding\":\\[\\[1,1\\],\\[1,1\\]\\][^\n]*},\"output\":\\[\\[1,3,2\\],\\[4,10,6\\],\\[3,7,4\\]\\]}\n$")
# (CMake splits lists inside [ ] differently, so '.' stands for the brackets in these patterns.)
tconv_e2e(NAME compute.jsonl_steps ARGS compute --example 1 --steps --format jsonl
          STDOUT_MATCHES "^{\"step\":1,\"input\":{\"batch\":0,\"channel\":0,\"index\":.0,0.,\"value\":1},\"updates\":.{\"out_channel\":0,\"output_index\":.0,0.,\"uncropped_index\":.0,0.,\"weight_index\":.0,0.,\"weight\":1,\"product\":1,\"total\":1,\"cropped\":false}"
                         "\n{\"step\":4,[^\n]*\n{\"schema\":1,\"shape\":.4,4.[^\n]*}\n$")
tconv_e2e(NAME compute.jsonl_cropped ARGS compute --example 3 --steps --format jsonl
          STDOUT_MATCHES "{\"out_channel\":0,\"output_index\":null,\"uncropped_index\":\\[0,0\\],\"weight_index\":\\[0,0\\],\"weight\":1,\"product\":1,\"cropped\":true}")
tconv_e2e(NAME compute.npy_stdout ARGS compute --example 1 --format npy STDOUT_MATCHES "NUMPY")
tconv_e2e(NAME compute.output_file_npy ARGS compute --example 3 -o y.npy STDOUT "" SCRIPT tests/e2e/compute/check_npy_written.cmake)
tconv_e2e(NAME compute.output_file_failure ARGS compute --input "[[1,2],[3]]" --weight ones -k 3 -o out.json EXIT 1
          STDERR_MATCHES "ragged array" SCRIPT tests/e2e/compute/check_no_file_left.cmake)
tconv_e2e(NAME compute.output_unwritable ARGS compute --example 1 -o no/such/folder/y.npy EXIT 1
          STDERR_MATCHES "cannot write 'no/such/folder/y.npy': No such file or directory")
tconv_e2e(NAME compute.csv_needs_a_matrix ARGS compute --input ones --input-size 2x2 --weight ones -k 1 --out-channels 2 --format csv
          EXIT 1 STDERR_MATCHES "csv holds one matrix, but the output has shape 2x2x2; use --format json or npy")

# --- views
tconv_e2e(NAME compute.gather ARGS compute --example 2 --view gather --steps
          STDOUT_MATCHES "Expanded input \\(7x7\\):" "  out \\(2,2\\) = 1·1 \\+ 2·1 \\+ 3·1 \\+ 4·1 = 10\n")
tconv_e2e(NAME compute.matrix ARGS compute --example 1 --matrix
          STDOUT_MATCHES "C\\^T: 16 rows" "check: C\\^T \\* flattened input = output: yes"
                         "check: C\\^T is the transpose of C[^\n]*: yes")

# --- bad input: one line, the right status, nothing on stdout
tconv_e2e(NAME compute.bad_json ARGS compute --input - --weight ones -k 3 STDIN_TEXT "[[1, 2],\n [3, 4]" EXIT 1
          STDERR_MATCHES "--input \\(stdin\\): line 2, column 8: unexpected end, expected ',' or ']'")
tconv_e2e(NAME compute.ragged ARGS compute --input "[[1,2],[3]]" --weight ones -k 3 EXIT 1
          STDERR_MATCHES "line 1, column 8: ragged array")
tconv_e2e(NAME compute.wrong_rank ARGS compute --input "[1,2]" --weight ones -k 3 --dims 2 EXIT 1
          STDERR_MATCHES "--input has shape 2 \\(rank 1\\), but --dims 2 needs rank 2")
tconv_e2e(NAME compute.cin_mismatch ARGS compute --input "[[[1]],[[2]]]" --weight "[[1]]" EXIT 1
          STDERR_MATCHES "the weight's first dimension is Cin = 1 .* but the input has 2 channels")
# Without --dims a data weight's rank gives it (PyTorch's (Cin, Cout/groups, k...)): rank 3 is 1-D,
# rank 5 is 3-D, rank 1 a 1-D kernel alone. [1,2,3] with the kernel [1,1]: 1, 1+2, 2+3, 3.
tconv_e2e(NAME compute.dims_from_weight_rank3 ARGS compute --input "[1,2,3]" --weight "[[[1,1]]]"
          STDOUT "output 4 (float32)\n1 3 5 3\n")
tconv_e2e(NAME compute.dims_from_weight_rank1 ARGS compute --input "[1,2,3]" --weight "[1,1]"
          STDOUT "output 4 (float32)\n1 3 5 3\n")
# A 1x1x2 volume and a 1x1x2 kernel of ones: 1, 1+2, 2 along W.
tconv_e2e(NAME compute.dims_from_weight_rank5 ARGS compute --input "[[[1,2]]]" --weight "[[[[[1,1]]]]]" --format json
          STDOUT_MATCHES "^{\"shape\":\\[1,1,3\\]" "\"output\":\\[\\[\\[1,3,2\\]\\]\\]")
tconv_e2e(NAME compute.dims_from_weight_wrong_input ARGS compute --input "[[1,2],[3,4]]" --weight "[[[[[1]]]]]" EXIT 1
          STDERR_MATCHES "--input has shape 2x2 \\(rank 2\\), but a 3-D layer \\(from the weight's rank 5\\) needs rank 3")
# -g named when it would make the shapes fit. PyTorch's weight is (Cin, Cout/groups, k...): a
# (4, 1, 1, 1) weight on 4 channels gives Cout 4 with groups 4 (depthwise), 1 with groups 1.
set(W_4x1 "[[[[1]]],[[[1]]],[[[1]]],[[[1]]]]")
tconv_e2e(NAME compute.groups_hint_bias ARGS compute --input ones --input-size 2x2 --in-channels 4 --weight ${W_4x1}
          --bias "[1,2,3,4]" EXIT 1
          STDERR_MATCHES "--bias needs one value per output channel: Cout = 1, got 4 values; -g 4 would fit\n$")
tconv_e2e(NAME compute.groups_hint_out_channels ARGS compute --input ones --input-size 2x2 --in-channels 4
          --weight ${W_4x1} --out-channels 4 EXIT 1
          STDERR_MATCHES "--out-channels 4 does not match the weight: Cout = 1 x groups 1; -g 4 would fit\n$")
# The hint taken: each channel is 1 (one input value times weight 1) plus its bias.
tconv_e2e(NAME compute.groups_hint_taken ARGS compute --input ones --input-size 2x2 --in-channels 4 --weight ${W_4x1}
          --bias "[1,2,3,4]" -g 4 --format json
          STDOUT_MATCHES "\"output\":\\[\\[\\[2,2\\],\\[2,2\\]\\],\\[\\[3,3\\],\\[3,3\\]\\],\\[\\[4,4\\],\\[4,4\\]\\],\\[\\[5,5\\],\\[5,5\\]\\]\\]")
# No groups fits 3 output channels of a 4-channel input (3 does not divide 4): no hint.
tconv_e2e(NAME compute.groups_no_hint ARGS compute --input ones --input-size 2x2 --in-channels 4 --weight ${W_4x1}
          --out-channels 3 EXIT 1 STDERR_MATCHES "Cout = 1 x groups 1\n$")
# A generated weight takes its Cout from --out-channels.
tconv_e2e(NAME compute.bias_hint_out_channels ARGS compute --input "[[1,2],[3,4]]" --weight ones -k 1 --bias "[1,2]"
          EXIT 1 STDERR_MATCHES "Cout = 1, got 2 values; --out-channels 2 would fit\n$")
tconv_e2e(NAME compute.empty ARGS compute --input "[[]]" --weight ones -k 3 EXIT 1 STDERR_MATCHES "empty array")
tconv_e2e(NAME compute.unreadable ARGS compute --input missing.npy --weight ones -k 3 EXIT 1
          STDERR_MATCHES "cannot read --input 'missing.npy': No such file or directory")
tconv_e2e(NAME compute.stdin_twice ARGS compute --input - --weight - EXIT 2
          STDERR_MATCHES "'-' \\(standard input\\) can be given to only one of --input, --weight, --bias")
tconv_e2e(NAME compute.fortran_npy ARGS compute --input ${NPY}/f64_fortran_2x3.npy --weight "[[1]]" EXIT 1
          STDERR_MATCHES "Fortran-order .npy files are not supported")
tconv_e2e(NAME compute.nan ARGS compute --input "[[1,NaN]]" --weight "[[1]]" EXIT 1
          STDERR_MATCHES "--input holds nan at index \\[0, 1\\]; pass --allow-nonfinite")
tconv_e2e(NAME compute.generator_needs_size ARGS compute --input arange --weight ones -k 3 EXIT 1
          STDERR_MATCHES "--input arange needs --input-size")
tconv_e2e(NAME compute.big_text_steps ARGS compute --input ones --input-size 64x64 --weight ones -k 3 --steps EXIT 1
          STDERR_MATCHES "use --steps --format jsonl")
tconv_e2e(NAME compute.help ARGS compute --help STDOUT_MATCHES "Examples:" "--example 2 --steps" "Figures 10 and 11" "Exit status")

# --engine: the fast engine gives the plain output; views and steps need the reference engine.
tconv_e2e(NAME compute.engine_fast_example3 ARGS compute --example 3 --engine fast
          STDOUT "output 3x3 (float32)\n 1  3  2\n 4 10  6\n 3  7  4\n")
tconv_e2e(NAME compute.engine_fast_equals_reference
          ARGS compute --input arange --input-size 5x6 --in-channels 4 --weight arange -k 3,2 --out-channels 6 -g 2
               -s 2,3 -p 1,0 --output-padding 1,2 -d 1,2 --bias arange --threads 2 --engine fast -o fast.npy
          STDOUT "" SCRIPT tests/e2e/compute/check_fast_equals_reference.cmake)
tconv_e2e(NAME compute.engine_fast_with_steps ARGS compute --example 3 --engine fast --steps EXIT 2
          STDERR_MATCHES "--engine fast cannot show --steps")
tconv_e2e(NAME compute.engine_unknown ARGS compute --example 3 --engine turbo EXIT 2
          STDERR_MATCHES "--engine must be auto, reference or fast")
tconv_e2e(NAME compute.threads_negative ARGS compute --example 3 --threads -1 EXIT 1
          STDERR_MATCHES "--threads must be >= 0, got -1")

# --- data the run's dtype cannot hold is refused like NaN, with the value, where, and the way out
set(TEXT ${PROJECT_SOURCE_DIR}/tests/data/text)
tconv_e2e(NAME compute.beyond_float32 ARGS compute --input "[[1e39,1],[1,1]]" --weight ones -k 2 EXIT 1
          STDERR_MATCHES "--input holds 1e\\+39 at index \\[0, 0\\], beyond float32's range \\(largest 3.4028235e\\+38\\); --dtype float64 keeps it")
# 1e39 in float64, kernel of ones 2x2: the corner keeps 1e39, the others add 1e39 + 1 (= 1e39 in float64).
tconv_e2e(NAME compute.beyond_float32_as_float64 ARGS compute --input "[[1e39,1],[1,1]]" --weight ones -k 2 --dtype float64 --format csv
          STDOUT "1e+39,1e+39,1\n1e+39,1e+39,2\n1,2,1\n")
tconv_e2e(NAME compute.beyond_float32_npy ARGS compute --input ${NPY}/f64_beyond_f32.npy --weight ones -k 1 EXIT 1
          STDERR_MATCHES "--input holds 1e\\+300 at index \\[0, 0\\], beyond float32's range")
tconv_e2e(NAME compute.integer_inexact_float32_json ARGS compute --input "[[16777217,1],[1,1]]" --weight ones -k 1 EXIT 1
          STDERR_MATCHES "--input holds the integer 16777217 at index \\[0, 0\\], which float32 cannot hold exactly \\(it would become 16777216\\); --dtype float64 keeps it")
tconv_e2e(NAME compute.integer_inexact_float32_text ARGS compute --input - --weight ones -k 1 STDIN_TEXT "1 1\n1 16777217\n" EXIT 1
          STDERR_MATCHES "--input holds the integer 16777217 at index \\[1, 1\\], which float32 cannot hold exactly")
tconv_e2e(NAME compute.integer_inexact_float32_npy ARGS compute --input ${NPY}/i32_inexact_f32.npy --weight ones -k 1 EXIT 1
          STDERR_MATCHES "--input holds the integer 16777217 at index \\[0, 0\\], which float32 cannot hold exactly")
tconv_e2e(NAME compute.integer_inexact_float32_as_float64 ARGS compute --input ${NPY}/i32_inexact_f32.npy --weight ones -k 1 --dtype float64 --format csv
          STDOUT "16777217,1\n1,1\n")
tconv_e2e(NAME compute.integer_inexact_float64 ARGS compute --input ${NPY}/i64_inexact_f64.npy --weight ones -k 1 --dtype float64 EXIT 1
          STDERR_MATCHES "int64 value 9007199254740993 at flat index 0 cannot be held exactly in float64")
# 2^62 = 4611686018427387904 is a power of two: exact in float32 too, where its shortest text is
# 4.611686e+18 (float32's neighbours are 2^62 -+ 2^38, about 2.7e11 away).
tconv_e2e(NAME compute.integer_power_of_two ARGS compute --input ${NPY}/i64_2pow62.npy --weight ones -k 1 --format csv
          STDOUT "4.611686e+18,1\n1,1\n")

# --- a UTF-8 byte-order mark at the start of a file is skipped
tconv_e2e(NAME compute.bom_json ARGS compute --input ${TEXT}/bom_matrix.json --weight ones -k 2 --format csv
          STDOUT "1,3,2\n4,10,6\n3,7,4\n")
tconv_e2e(NAME compute.bom_text ARGS compute --input ${TEXT}/bom_matrix.txt --weight ones -k 2 --format csv
          STDOUT "1,3,2\n4,10,6\n3,7,4\n")
tconv_e2e(NAME compute.bom_stdin ARGS compute --input - --weight ones -k 2 --format csv STDIN_FILE ${TEXT}/bom_matrix.json
          STDOUT "1,3,2\n4,10,6\n3,7,4\n")

# --- counts are checked before any work; flags that would do nothing are usage errors
tconv_e2e(NAME compute.batch_zero ARGS compute --input ones --input-size 2 --weight ones -k 1 --batch 0 EXIT 1
          STDERR_MATCHES "--batch must be >= 1, got 0")
tconv_e2e(NAME compute.in_channels_zero ARGS compute --input ones --input-size 2 --weight ones -k 1 --in-channels 0 EXIT 1
          STDERR_MATCHES "--in-channels must be >= 1, got 0")
tconv_e2e(NAME compute.out_channels_zero ARGS compute --input ones --input-size 2 --weight ones -k 1 --out-channels 0 EXIT 1
          STDERR_MATCHES "--out-channels must be >= 1, got 0")
tconv_e2e(NAME compute.batch_minus_one ARGS compute --input ones --input-size 2 --weight ones -k 1 --batch -1 EXIT 1
          STDERR_MATCHES "--batch must be >= 1, got -1")
tconv_e2e(NAME compute.input_size_with_data ARGS compute --input "[[1,2],[3,4]]" --input-size 4x4 --weight ones -k 3 EXIT 2
          STDERR_MATCHES "--input-size sizes a generated input \\(ones, zeros, arange, random:SEED\\); --input data has its own shape: drop --input-size")
tconv_e2e(NAME compute.batch_with_data ARGS compute --input "[[1,2],[3,4]]" --batch 2 --weight ones -k 3 EXIT 2
          STDERR_MATCHES "--batch sizes a generated input")
tconv_e2e(NAME compute.in_channels_with_data ARGS compute --input "[[1,2],[3,4]]" --in-channels 2 --weight ones -k 3 EXIT 2
          STDERR_MATCHES "--in-channels sizes a generated input")
tconv_e2e(NAME compute.dims_with_example ARGS compute --example 1 --dims 1 EXIT 2
          STDERR_MATCHES "--example N brings its own input and kernel, so --dims would do nothing; drop it")
tconv_e2e(NAME compute.input_size_with_example ARGS compute --example 1 --input-size 3 --batch 2 EXIT 2
          STDERR_MATCHES "so --input-size, --batch would do nothing; drop them")

# --- one exit status per kind of mistake: options that exclude each other are 2
tconv_e2e(NAME compute.padding_and_pads ARGS compute --input ones --input-size 2x2 --weight ones -k 3 -p 1 --pads 1,1,1,1 EXIT 2
          STDERR_MATCHES "padding and pads cannot be used together")
tconv_e2e(NAME compute.threads_too_large ARGS compute --example 3 --threads 99999999999 EXIT 1
          STDERR_MATCHES "--threads must be at most 2147483647, got 99999999999")
tconv_e2e(NAME compute.batch_not_a_number ARGS compute --input ones --input-size 2 --weight ones -k 1 --batch abc EXIT 2
          STDERR_MATCHES "--batch expects an integer, got 'abc'")
tconv_e2e(NAME compute.groups_too_large ARGS compute --input ones --input-size 2 --weight ones -k 1 -g 99999999999999999999 EXIT 1
          STDERR_MATCHES "--groups 99999999999999999999 is out of range: at most 9223372036854775807")
tconv_e2e(NAME compute.max_memory_too_large ARGS compute --example 3 --max-memory 99999999999999999999 EXIT 1
          STDERR_MATCHES "--max-memory 99999999999999999999 is out of range")

# --- the overlap view: counts from sizes alone (kernel 3, stride 2 on 4 cells: u = 2i + {0,1,2},
# u = 0..8 get 1 1 2 1 2 1 2 1 1; a 2-D cell the product of its row and column counts)
tconv_e2e(NAME compute.overlap_no_data ARGS compute --view overlap --input-size 4x4 -k 3 -s 2
          STDOUT_MATCHES "\n  2 2 4 2 4 2 4 2 2\n" "Verdict: uneven" "Why: kernel 3 is not a multiple of stride 2")
tconv_e2e(NAME compute.overlap_json ARGS compute --view overlap --dims 1 --input-size 4 -k 4 -s 2 --format json
          STDOUT_MATCHES "^\\{\"counts\":\\[1,1,2,2,2,2,2,2,1,1\\],\"min\":2,\"max\":2,\"uniform\":true,\"period\":\\[1\\],")
tconv_e2e(NAME compute.overlap_npy_refused ARGS compute --view overlap --input-size 4 -k 3 --format npy EXIT 2
          STDERR_MATCHES "--view overlap writes text or json")

# --- issue 22, item 11: non-finite values as the JSON strings "NaN", "Infinity", "-Infinity",
# read back too. By hand (kernel [1,-1]): y0 = 1·1 = 1, y1 = 1·(-1) + inf·1 = inf, y2 = inf·(-1) = -inf.
tconv_e2e(NAME compute.nonfinite_json ARGS compute --input "[[1,\"Infinity\"]]" --weight "[[1,-1]]" --allow-nonfinite
          --format json STDOUT_MATCHES "\"output\":\\[\\[1,\"Infinity\",\"-Infinity\"\\]\\]\\}\n$")
tconv_e2e(NAME compute.nonfinite_jsonl_steps ARGS compute --input "[[\"NaN\",2]]" --weight "[[1]]" --allow-nonfinite
          --steps --format jsonl
          STDOUT_MATCHES "\"value\":\"NaN\"" "\"product\":\"NaN\",\"total\":\"NaN\"" "\"output\":\\[\\[\"NaN\",2\\]\\]")
tconv_e2e(NAME compute.nonfinite_text ARGS compute --input "[[1,\"-Infinity\"]]" --weight "[[1]]" --allow-nonfinite
          STDOUT "output 1x2 (float32)\n   1 -inf\n")
tconv_e2e(NAME compute.nonfinite_other_string ARGS compute --input "[[1,\"inf\"]]" --weight "[[1]]" --allow-nonfinite EXIT 1
          STDERR_MATCHES "line 1, column 5: expected a number, got the string '\"inf\"'")

# --- issue 22, item 13: finite inputs whose sum leaves float32's range: PyTorch's inf, with
# exit 0 and one note. By hand: y1 = 3e38 + 3e38 = 6e38 > 3.4028235e38, the largest float32.
tconv_e2e(NAME compute.overflow_note ARGS compute --input "[[3e38,3e38]]" --weight "[[1,1]]"
          STDOUT "output 1x3 (float32)\n3e+38   inf 3e+38\n"
          STDERR_MATCHES "^tconv: note: overflow: output cell \\(batch 0, channel 0, \\[0, 1\\]\\) is inf although every input is finite: the sum leaves float32's range \\(PyTorch gives the same\\); --dtype float64 holds it\n$")
tconv_e2e(NAME compute.overflow_note_fast ARGS compute --input "[[3e38,3e38]]" --weight "[[1,1]]" --engine fast --format json
          STDOUT_MATCHES "\"output\":\\[\\[3e\\+38,\"Infinity\",3e\\+38\\]\\]"
          STDERR_MATCHES "^tconv: note: overflow: output cell \\(batch 0, channel 0, \\[0, 1\\]\\) is inf [^\n]*\n$")
# The first such cell named in (batch, channel, position), from any view: input [1, 3e38],
# weights 1 and 3e38 to two output channels: channel 1 is [3e38, 3e38·3e38 = inf].
tconv_e2e(NAME compute.overflow_note_gather ARGS compute --dims 1 --input "[1,3e38]" --weight "[[[1],[3e38]]]" --view gather
          --steps --format jsonl STDOUT_MATCHES "\"output\":\\[\\[1,3e\\+38\\],\\[3e\\+38,\"Infinity\"\\]\\]"
          STDERR_MATCHES "^tconv: note: overflow: output cell \\(batch 0, channel 1, \\[1\\]\\) is inf [^\n]*\n$")
tconv_e2e(NAME compute.overflow_float64_holds ARGS compute --input "[[3e38,3e38]]" --weight "[[1,1]]" --dtype float64
          STDOUT "output 1x3 (float64)\n3e+38 6e+38 3e+38\n" STDERR_MATCHES "^$")
tconv_e2e(NAME compute.nonfinite_given_no_note ARGS compute --input "[[3e38,\"NaN\"]]" --weight "[[1,1]]" --allow-nonfinite
          STDERR_MATCHES "^$")

# --- issue 22, item 13: --max-memory 0 or below is a limit of nothing: refused (exit 1, as
# --batch 0) in every command that takes it, before anything runs; the extension of -o in any case.
tconv_e2e(NAME compute.max_memory_zero ARGS compute --example 1 --max-memory 0 EXIT 1
          STDERR_MATCHES "--max-memory must be >= 1, got 0\n$")
tconv_e2e(NAME compute.max_memory_negative_overlap ARGS compute --view overlap --input-size 4 -k 3 --max-memory -1 EXIT 1
          STDERR_MATCHES "--max-memory must be >= 1, got -1\n$")
tconv_e2e(NAME compute.output_extension_any_case ARGS compute --example 3 -o y.NPY STDOUT ""
          SCRIPT tests/e2e/compute/check_npy_written.cmake)
tconv_e2e(NAME compute.overlap_output_extension_any_case ARGS compute --view overlap --input-size 4 -k 3 -s 2 -o c.JSON
          STDOUT "" SCRIPT tests/e2e/compute/check_overlap_json_written.cmake)

# --- issue 25, item 7: the gather view's ordinary convolution as data. By hand, x = [1, 2, 3],
# w = [1, -0.5, 0.25], stride 2, padding 1: K' = 3; zeros inserted: [1,0,2,0,3]; padded by
# K'-1-1 = 1 on each side: [0,1,0,2,0,3,0]; the flipped kernel [0.25,-0.5,1]; valid
# cross-correlation: -0.5, 0.25+2 = 2.25, -1, 0.5+3 = 3.5, -1.5 (the scatter sum
# [1,-0.5,2.25,-1,3.5,-1.5,0.75] cropped by 1 on each side).
tconv_e2e(NAME compute.zero_insertion_json ARGS compute --dims 1 --input "[1,2,3]" --weight "[1,-0.5,0.25]" -s 2 -p 1
          --view zero-insertion --json
          STDOUT_MATCHES "\"output\":.-0.5,2.25,-1,3.5,-1.5.,\"view\":\"gather\",\"input\":.0,1,0,2,0,3,0.,\"kernel\":.0.25,-0.5,1.,\"kernel_layout\":\"\\(k...\\)\",\"groups\":1}\n")
# Two output channels, groups 1: Conv's layout (Cout, Cin, k): w[0] = [[1,2],[3,4]] gives
# kernel [[[2,1]],[[4,3]]] (each output channel's taps, flipped).
tconv_e2e(NAME compute.zero_insertion_channels ARGS compute --dims 1 --input "[[1,1]]" --weight "[[[1,2],[3,4]]]"
          --view gather --format json
          STDOUT_MATCHES "\"kernel\":..\\[2,1\\]\\],\\[\\[4,3\\]\\]\\],\"kernel_layout\":\"\\(Cout, Cin/groups, k...\\)\"")

# --- issue 25, item 8: the stride phases. By hand, x = [1, 2, 3], w = [1, -0.5, 0.25], stride 2:
# phase 0 (cells 0, 2, 4, 6) takes the taps a = 2, 0 (a = 0 mod 2), from input offset
# (0 - 2)/2 = -1: y[j] = 0.25*x[j-1] + 1*x[j] = 1, 2.25, 3.5, 0.75; phase 1 (cells 1, 3, 5)
# takes a = 1: y[j] = -0.5*x[j] = -0.5, -1, -1.5. Together: the scatter sum
# [1, -0.5, 0.25+2, -1, 0.5+3, -1.5, 0.75].
tconv_e2e(NAME compute.phases_json ARGS compute --dims 1 --input "[1,2,3]" --weight "[1,-0.5,0.25]" -s 2 --view phases
          --json
          STDOUT_MATCHES "\"output\":.1,-0.5,2.25,-1,3.5,-1.5,0.75.,\"view\":\"phases\",\"phases\":..\"offset\":.0.,\"taps\":..2,0..,\"kernel\":.0.25,1.,\"input_offset\":.-1.,\"kernel_dilation\":.1.,\"output\":.1,2.25,3.5,0.75..,.\"offset\":.1.,\"taps\":..1..,\"kernel\":.-0.5.,\"input_offset\":.0.,\"kernel_dilation\":.1.,\"output\":.-0.5,-1,-1.5..")
# Kernel 2, dilation 2, stride 2, padding 1: every tap lands on odd uncropped cells, so the even
# kept cells (phase 0) hold only the bias: holes.
tconv_e2e(NAME compute.phases_holes ARGS compute --dims 1 --input "[1,2]" --weight "[1,1]" -d 2 -s 2 -p 1 --view phases
          STDOUT_MATCHES "Phase 0: cells 0 . j.2 .2.; no tap reaches them: they hold only the bias .holes."
                         "Phase 1: cells 1 . j.2 .1.; taps .1, 0. from input offset 0, 1 input cell.s. apart")
tconv_e2e(NAME compute.phases_csv ARGS compute --example 1 --view phases --format csv EXIT 2
          STDERR_MATCHES "--view phases writes text or json, not csv")
