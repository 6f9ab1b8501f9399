# End-to-end cases for `tconv animate`. Frame counts by hand: a scatter animation has one frame
# per input element (the article's 2x2 input: 4), a steps strip one per element plus the whole
# strip (5), Figure 9 one frame.

tconv_e2e(NAME animate.figure1 ARGS animate --figure 1 -O f1
          STDOUT "f1/frame_000.png\nf1/frame_001.png\nf1/frame_002.png\nf1/frame_003.png\nf1/frames.json\n"
          SCRIPT tests/e2e/animate/check_figure1.cmake)
tconv_e2e(NAME animate.figure_all ARGS animate --figure all -O figs
          STDOUT_MATCHES "figs/fig01/frame_003.png\n" "figs/fig02/frame_004.png\n" "figs/fig09/frame_000.png\nfigs/fig09/frames.json\n"
                         "figs/fig11/frames.json\n$"
          SCRIPT tests/e2e/animate/check_figure_all.cmake)
tconv_e2e(NAME animate.gif ARGS animate --figure 3 --gif stride.gif STDOUT "stride.gif\n"
          SCRIPT tests/e2e/animate/check_gif.cmake)
tconv_e2e(NAME animate.rerun_needs_force ARGS animate --figure 9 -O f9 SCRIPT tests/e2e/animate/check_rerun.cmake)
tconv_e2e(NAME animate.deterministic ARGS animate --figure 10 -O a SCRIPT tests/e2e/animate/check_deterministic.cmake)
tconv_e2e(NAME animate.svg ARGS animate --example 1 --frame-format svg -O v STDOUT_MATCHES "v/frame_003.svg\nv/frames.json\n$")
# 2x2 input, 2x2 kernel, stride 2: 4 steps -> 5 frames.
tconv_e2e(NAME animate.custom_steps ARGS animate --input "[ [1,2],[3,4] ]" --weight "[ [1,2],[3,4] ]" -s 2 --style steps -O s
          STDOUT "s/frame_000.png\ns/frame_001.png\ns/frame_002.png\ns/frame_003.png\ns/frame_004.png\ns/frames.json\n")
# Case 3 (k 3, s 2, p 1): output (2-1)*2 - 2 + 3 = 3 a side -> 9 gather frames.
tconv_e2e(NAME animate.gather ARGS animate --example 3 --style gather -O g
          STDOUT_MATCHES "g/frame_008.png\ng/frames.json\n$")
# The overlap map from sizes alone: 4x4 input, 16 frames (one per input element) and the finished map.
tconv_e2e(NAME animate.overlap_no_data ARGS animate --style overlap --input-size 4x4 -k 3 -s 2 -O o
          STDOUT_MATCHES "o/frame_016.png\no/frames.json\n$")
tconv_e2e(NAME animate.one_d_without_numbers ARGS animate --dims 1 --input ones --input-size 20 --weight ones -k 3 --no-numbers -O o
          STDOUT_MATCHES "o/frame_019.png\no/frames.json\n$")

tconv_e2e(NAME animate.figure_out_of_range ARGS animate --figure 12 -O x EXIT 2
          STDERR_MATCHES "--figure must be 1 to 11 or all, got '12'")
tconv_e2e(NAME animate.figure_not_a_number ARGS animate --figure two -O x EXIT 2
          STDERR_MATCHES "--figure must be 1 to 11 or all, got 'two'")
tconv_e2e(NAME animate.no_destination ARGS animate --figure 1 EXIT 2 STDERR_MATCHES "needs -O/--out-dir DIR")
tconv_e2e(NAME animate.bad_style ARGS animate --example 1 --style spiral -O x EXIT 2
          STDERR_MATCHES "--style must be scatter, steps, gather or overlap, got 'spiral'")
tconv_e2e(NAME animate.bad_scale ARGS animate --figure 1 --scale 0 -O x EXIT 1
          STDERR_MATCHES "--scale must be between 0.25 and 8")
# Output 63 + 3 - 1 = 65, and the gather view's spread input 65 + 3 - 1 = 67 cells a side:
# refused in every style alike.
tconv_e2e(NAME animate.too_large ARGS animate --input ones --input-size 63x63 --weight ones -k 3 --style gather -O x
          EXIT 1 STDERR_MATCHES "a grid of 67 cells a side is too large to draw \\(at most 64 in every style\\)")
tconv_e2e(NAME animate.numbers_contradiction ARGS animate --example 1 --numbers --no-numbers -O x EXIT 2
          STDERR_MATCHES "--numbers and --no-numbers contradict each other")
tconv_e2e(NAME animate.three_d ARGS animate --dims 3 --input ones --input-size 2x2x2 --weight ones -k 2 -O x EXIT 1
          STDERR_MATCHES "animate draws 1-D and 2-D layers")
tconv_e2e(NAME animate.gif_with_all ARGS animate --figure all --gif a.gif EXIT 2
          STDERR_MATCHES "--gif writes one animation")
tconv_e2e(NAME animate.out_channel ARGS animate --input ones --input-size 2x2 --weight ones --out-channels 2 -k 3 --out-channel 2 -O x
          EXIT 1 STDERR_MATCHES "--out-channel must be in 0..1 \\(the layer's output has 2\\), got 2")
tconv_e2e(NAME animate.figure_with_layer_flags ARGS animate --figure 3 -s 1 -O x EXIT 2
          STDERR_MATCHES "--figure N draws the article's own figure; drop")
tconv_e2e(NAME animate.example_with_layer_flags ARGS animate --example 2 -s 1 -O x EXIT 2
          STDERR_MATCHES "--example N sets the layer itself")

# Frames are counted before any is drawn: 32x32 inputs make 1024 scatter frames, refused at once
# with nothing written (not after drawing 999 of them).
tconv_e2e(NAME animate.too_many_frames ARGS animate --input ones --input-size 32x32 --weight ones -k 3 --no-numbers -O d
          EXIT 1 STDERR_MATCHES "this animation would have 1024 frames; animate writes at most 999"
          SCRIPT tests/e2e/compute/check_no_file_left.cmake)
tconv_e2e(NAME animate.too_many_gather_frames ARGS animate --input ones --input-size 30x30 --weight ones -k 3 --no-numbers --style gather --gif g.gif
          EXIT 1 STDERR_MATCHES "this animation would have 1024 frames"
          SCRIPT tests/e2e/compute/check_no_file_left.cmake)
tconv_e2e(NAME animate.example_out_of_range ARGS animate --example 9 -O x EXIT 2 STDERR_MATCHES "--example must be 1 to 5, got 9")
tconv_e2e(NAME animate.dims_with_example ARGS animate --example 2 --dims 1 -O x EXIT 2
          STDERR_MATCHES "--example N brings its own input and kernel, so --dims would do nothing")
tconv_e2e(NAME animate.figure_with_tensor_flags ARGS animate --figure 3 --in-channels 2 -O x EXIT 2
          STDERR_MATCHES "--figure N draws the article's own figure; drop")
tconv_e2e(NAME animate.batch_with_data ARGS animate --input "[[1,2],[3,4]]" --batch 2 --weight ones -k 3 -O x EXIT 2
          STDERR_MATCHES "--batch sizes a generated input")
# --gif - is the GIF on stdout and nothing else (no list of files written).
tconv_e2e(NAME animate.gif_to_stdout ARGS animate --figure 9 --gif - STDOUT_MATCHES "^GIF89a"
          SCRIPT tests/e2e/compute/check_no_file_left.cmake)
tconv_e2e(NAME animate.gif_inside_out ARGS animate --figure 9 -O d --gif d/a.gif EXIT 2
          STDERR_MATCHES "--gif d/a.gif is inside the --out-dir folder")
# -O/--out-dir is the frame folder (-o is a file everywhere); -O is its old name.
tconv_e2e(NAME animate.out_dir_short ARGS animate --figure 9 -O f STDOUT "f/frame_000.png\nf/frames.json\n")
tconv_e2e(NAME animate.out_dir_long ARGS animate --figure 9 --out-dir f STDOUT "f/frame_000.png\nf/frames.json\n")

# Two outputs of one run into one file (issue 22, item 10): the later replaced the earlier and
# the GIF was lost. A usage error before anything is drawn; the same existing file through a
# symbolic or a hard link is refused too (check_same_file.cmake); a character device is not a
# file that can be lost, so /dev/null twice stays legal.
tconv_e2e(NAME animate.same_file ARGS animate --example 1 --gif a.out --html ./a.out EXIT 2
          STDERR_MATCHES "--gif a.out and --html ./a.out would write the same file; give each output its own"
          SCRIPT tests/e2e/animate/check_same_file.cmake)
tconv_e2e(NAME animate.same_file_folder ARGS animate --example 1 -O x --gif x EXIT 2
          STDERR_MATCHES "-O/--out-dir x and --gif x would write the same file"
          SCRIPT tests/e2e/compute/check_no_file_left.cmake)
tconv_e2e(NAME animate.device_twice ARGS animate --example 1 --gif /dev/null --html /dev/null
          STDOUT "/dev/null\n/dev/null\n")

# --max-memory bounds the step trace (issue 22, item 8), checked before it is taken: 100 input
# channels of 4x4 and a 3x3 kernel record 1600 steps of 9 updates, far above 100000 bytes
# (the tensors themselves take 12800 and 7200).
tconv_e2e(NAME animate.trace_memory ARGS animate --input ones --input-size 4x4 --in-channels 100 --weight ones -k 3
          --style gather --max-memory 100000 -O g
          EXIT 1 STDERR_MATCHES "the step trace would need [0-9]+ bytes, above the memory limit of 100000 bytes \\(raise it with --max-memory BYTES\\)"
          SCRIPT tests/e2e/compute/check_no_file_left.cmake)
# Issue 22, item 13: --max-memory -1 was taken as a limit (and ignored): refused as for compute.
tconv_e2e(NAME animate.max_memory_negative ARGS animate --example 1 --html p.html --max-memory -1 EXIT 1
          STDERR_MATCHES "--max-memory must be >= 1, got -1\n$" SCRIPT tests/e2e/explorer/no_page.cmake)
