# End-to-end cases for `tconv animate --html` (the explorer page; its behaviour in a browser is
# tests/browser's).
tconv_e2e(NAME explorer.example ARGS animate --example 3 --html page.html STDOUT "page.html\n"
          SCRIPT tests/e2e/explorer/check_page.cmake)
# The article's Figure 5 (padding): its title, and its layer (input [[1,2],[3,4]], kernel 3,
# stride 2, padding 1) as the page's data.
tconv_e2e(NAME explorer.figure ARGS animate --figure 5 --html -
          STDOUT_MATCHES "\"title\":\"Figure 5: Padding [(]kernel 3, stride 2, padding 1[)]" "\"input\":\\[1.0,2.0,3.0,4.0\\]"
          "\"kernel\":\\[3,3\\]" "\"stride\":\\[2,2\\]" "\"padding\":\\[1,1\\]" "\"dims\":2,")
tconv_e2e(NAME explorer.with_gif ARGS animate --example 1 --html p.html --gif a.gif STDOUT "a.gif\np.html\n")
# A 1-D layer: one spatial axis everywhere in the page's data, and the view asked for.
tconv_e2e(NAME explorer.one_d ARGS animate --dims 1 --input "[1,2,3]" --weight "[1,-1]" --bias "[0.5]" -s 2 --style gather
          --html - STDOUT_MATCHES "\"dims\":1," "\"inputShape\":\\[1,1,3\\]" "\"weight\":\\[1.0,-1.0\\]"
          "\"bias\":\\[0.5\\]" "\"stride\":\\[2\\]" "\"view\":\"gather\"")
tconv_e2e(NAME explorer.figure_all ARGS animate --figure all --html a.html EXIT 2
          STDERR_MATCHES "--html writes one page: give one --figure, not all")
# A batched, grouped layer: the page carries the whole layer and the slice the flags chose.
tconv_e2e(NAME explorer.channels ARGS animate --input arange --input-size 3x3 --batch 2 --in-channels 4 --weight ones -k 2
          --out-channels 4 -g 2 --bias arange --batch-index 1 --out-channel 3 -s 2 --html -
          STDOUT_MATCHES "inputShape.:.2,4,3,3." "weightShape.:.4,2,2,2." "groups.:2," "bias.:.1.0,2.0,3.0,4.0."
          "batchIndex.:1," "outChannel.:3,")
tconv_e2e(NAME explorer.channel_out_of_range ARGS animate --input ones --input-size 2x2 --in-channels 2 --weight ones -k 3
          --out-channel 1 --html p.html EXIT 1 STDERR_MATCHES "--out-channel must be in 0..0"
          SCRIPT tests/e2e/explorer/no_page.cmake)
# Every padding convention: the page carries the flags as given and resolves them itself.
tconv_e2e(NAME explorer.onnx_pads ARGS animate --input ones --input-size 3x3 --weight ones -k 3 -s 2 --pads 0,0,1,1 --html -
          STDOUT_MATCHES "\"pads\":\\[0,0,1,1\\]" "\"padding\":null" "\"outputPadding\":null")
tconv_e2e(NAME explorer.tf_padding ARGS animate --dims 1 --input "[1,2,3]" --weight "[1,1,1]" -s 2 --tf-padding same --html -
          STDOUT_MATCHES "\"tfPadding\":\"same\"" "\"pads\":null")
tconv_e2e(NAME explorer.three_d ARGS animate --dims 3 --input ones --input-size 2x2x2 --weight ones -k 2 --html x.html EXIT 1
          STDERR_MATCHES "animate draws 1-D and 2-D layers")
tconv_e2e(NAME explorer.bad_style ARGS animate --example 1 --style spiral --html x.html EXIT 2
          STDERR_MATCHES "--style must be scatter, steps, gather or overlap, got 'spiral'")
# The working folder itself: a directory is never replaced by the page.
tconv_e2e(NAME explorer.not_a_file ARGS animate --example 1 --html . EXIT 1 STDERR_MATCHES "cannot write '\\.': it is a folder")
# A character device is written to directly, as by every output of tconv (io/output_file.hpp).
tconv_e2e(NAME explorer.device ARGS animate --figure 2 --html /dev/null STDOUT "/dev/null\n")
# The frames' folder is replaced as a whole: a page inside it would go with the old one.
tconv_e2e(NAME explorer.inside_out_dir ARGS animate --example 1 -O d --html d/p.html EXIT 2
          STDERR_MATCHES "--html d/p.html is inside the --out-dir folder, which tconv replaces as a whole; write the page elsewhere")
# A refused frame folder (/etc holds other files; it is only read) leaves no page behind.
tconv_e2e(NAME explorer.with_refused_folder ARGS animate --example 1 -O /etc --html p.html EXIT 1
          STDERR_MATCHES "--out-dir /etc holds files that are not frames" SCRIPT tests/e2e/explorer/no_page.cmake)
# --html - is the page on stdout and nothing else (no list of files written).
tconv_e2e(NAME explorer.to_stdout ARGS animate --example 2 --html - STDOUT_MATCHES "^<!DOCTYPE html>" "</html>\n$")
tconv_e2e(NAME explorer.two_on_stdout ARGS animate --example 2 --gif - --html - EXIT 2
          STDERR_MATCHES "--gif - and --html - would both write to standard output")
tconv_e2e(NAME explorer.no_destination ARGS animate --example 1 EXIT 2
          STDERR_MATCHES "animate needs -O/--out-dir DIR \\(frames\\), --gif FILE, --html FILE or -o FILE.gif/.html")
# The pictures' size limit holds for the page too: output 65, gather's spread input 67 a side.
tconv_e2e(NAME explorer.too_large ARGS animate --input ones --input-size 63x63 --weight ones -k 3 --html x.html
          EXIT 1 STDERR_MATCHES "a grid of 67 cells a side is too large to draw \\(at most 64 in every style\\)")
# The page draws at most 16 input channels of a group side by side, and its script refuses more:
# such a page is refused by tconv, not written (issue 22, item 8). 32 channels in 2 groups are
# 16 a group: written, with the limit the script reads.
tconv_e2e(NAME explorer.too_many_channels ARGS animate --input ones --input-size 4x4 --in-channels 17 --weight ones -k 3
          --html p.html EXIT 1
          STDERR_MATCHES "--html: the page draws the input channels of a group side by side, at most 16, got 17 \\(17 input channels, groups 1\\)"
          SCRIPT tests/e2e/explorer/no_page.cmake)
tconv_e2e(NAME explorer.sixteen_a_group ARGS animate --input ones --input-size 2x2 --in-channels 32 -g 2 --weight ones -k 2
          --html - STDOUT_MATCHES "\"maxChannelsDrawn\":16")
# Issue 22, item 11: NaN and infinities keep which value they are in the page's data (they were
# null, which the page drew as -inf and computed as 0), in tconv's one JSON encoding, given in it.
tconv_e2e(NAME explorer.nonfinite ARGS animate --input "[[1,\"Infinity\"],[-2,\"-Infinity\"]]" --weight "[[1,\"NaN\"]]"
          --allow-nonfinite --html -
          STDOUT_MATCHES "\"input\":\\[1.0,\"Infinity\",-2.0,\"-Infinity\"\\]" "\"weight\":\\[1.0,\"NaN\"\\]")
