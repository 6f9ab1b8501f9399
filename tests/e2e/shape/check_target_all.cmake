# shape 7x7 -k 4 --target 28x28 --all: the header, every one of the 206 solutions (H and W alike,
# so once), the usual choice's kernel and the two layers: 209 lines. The last solution is the
# issue's lowest-ranked "stride 28, padding 85" (6*28 + 4 - 170 + 26 = 28).
string(REGEX MATCHALL "\n" newlines "${OUT}")
list(LENGTH newlines lines)
if(NOT lines EQUAL 209)
  fail("expected 209 lines with --all, got ${lines}")
endif()
string(REGEX MATCHALL "\n  stride [0-9]+, padding [0-9]+, output_padding [0-9]+" solutions "${OUT}")
list(LENGTH solutions count)
if(NOT count EQUAL 206)
  fail("expected 206 solution lines, got ${count}")
endif()
if(OUT MATCHES "more, ranked lower")
  fail("--all must not elide solutions")
endif()
if(NOT OUT MATCHES "\n  stride 28, padding 85, output_padding 26  \\([^\n]*\\)\n  the usual choice")
  fail("the last solution is not stride 28, padding 85")
endif()
