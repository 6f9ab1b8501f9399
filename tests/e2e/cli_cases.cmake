# End-to-end cases of the command line as a whole: help, version, exit status of the real binary.
tconv_e2e(NAME cli.help ARGS --help STDOUT_MATCHES "Usage: tconv" "shape" "Exit status: 0 success")
tconv_e2e(NAME cli.version ARGS --version STDOUT_MATCHES "^tconv [0-9]+\\.[0-9]+\\.[0-9]+\n$")
tconv_e2e(NAME cli.no_subcommand EXIT 2 STDERR_MATCHES "A subcommand is required; see tconv --help")
tconv_e2e(NAME cli.unknown_subcommand ARGS frobnicate EXIT 2)
tconv_e2e(NAME cli.unknown_option ARGS --frobnicate EXIT 2)
# A rule-breaking, well-formed value is exit 1; a malformed one is exit 2.
tconv_e2e(NAME cli.stride_equals_zero ARGS shape 2x2 -k 3 --stride=0 EXIT 1 STDERR_MATCHES "stride must be >= 1, got 0")
tconv_e2e(NAME cli.stride_malformed ARGS shape 2x2 -k 3 --stride=2.5 EXIT 2 STDERR_MATCHES "--stride expects an integer")
tconv_e2e(NAME cli.unknown_command ARGS frobnicate EXIT 2
          STDERR_MATCHES "unknown command 'frobnicate'; the commands are shape, compute, animate, bench")
# The exit-status rule is in every --help.
tconv_e2e(NAME cli.help_exit_rule ARGS compute --help
          STDOUT_MATCHES "options that exclude each other, or a flag that would have no effect" "128\\+N when signal")
