# End-to-end cases of the command line as a whole: help, version, exit status of the real binary.
tconv_e2e(NAME cli.help ARGS --help STDOUT_MATCHES "Usage: tconv" "shape" "Exit status: 0 success")
tconv_e2e(NAME cli.version ARGS --version STDOUT_MATCHES "^tconv [0-9]+\\.[0-9]+\\.[0-9]+\n$")
tconv_e2e(NAME cli.no_subcommand EXIT 2
          STDERR_MATCHES "a command is required: shape, compute, animate, bench, translate, inspect, completion or help \\(see tconv --help\\)")
tconv_e2e(NAME cli.unknown_subcommand ARGS frobnicate EXIT 2)
tconv_e2e(NAME cli.unknown_option ARGS --frobnicate EXIT 2)
# A rule-breaking, well-formed value is exit 1; a malformed one is exit 2.
tconv_e2e(NAME cli.stride_equals_zero ARGS shape 2x2 -k 3 --stride=0 EXIT 1 STDERR_MATCHES "stride must be >= 1, got 0")
tconv_e2e(NAME cli.stride_malformed ARGS shape 2x2 -k 3 --stride=2.5 EXIT 2 STDERR_MATCHES "--stride expects an integer")
tconv_e2e(NAME cli.unknown_command ARGS frobnicate EXIT 2
          STDERR_MATCHES "unknown command 'frobnicate'; the commands are shape, compute, animate, bench")
# The exit-status rule is in every --help.
tconv_e2e(NAME cli.help_exit_rule ARGS compute --help
          STDOUT_MATCHES "options that exclude each other,[ \n]or[ \n]a[ \n]flag[ \n]that[ \n]would[ \n]have[ \n]no[ \n]effect"
                         "128\\+N[ \n]when[ \n]signal")
# Issue 11: -V, `tconv help COMMAND`, underscore spellings, unknown options with a suggestion.
tconv_e2e(NAME cli.version_short ARGS -V STDOUT_MATCHES "^tconv [0-9]+\\.[0-9]+\\.[0-9]+\n$")
tconv_e2e(NAME cli.help_command ARGS help shape STDOUT_MATCHES "^Output size" "Usage: tconv shape" "Inverse problem:")
tconv_e2e(NAME cli.underscore_alias ARGS shape 5 --kernel_size 3 --stride 2 --output_padding 1 STDOUT "12\n")
tconv_e2e(NAME cli.did_you_mean ARGS shape 5 -k 3 --output-paddin 1 EXIT 2
          STDERR_MATCHES "unknown option --output-paddin for tconv shape; did you mean --output-padding\\?")
tconv_e2e(NAME cli.version_after_command ARGS shape --version EXIT 2
          STDERR_MATCHES "--version is an option of tconv itself, not of tconv shape")
