# The build configurations of scripts/example.sh and scripts/test.sh, in one place (sourced).
# The release build is the one README's quick start makes: scripts/test.sh configures it with
# the same flags, so that after scripts/example.sh it compiles only the test targets.

# configure_release DIR: the release build (-O2 -g), without -Werror: a newer compiler's new
# warning must not break README's first command (the test command checks warnings itself).
configure_release() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo
}

# configure_sanitizer DIR: AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors.
# -O1 with line tables (-g1) compiles faster than -O2 -g and still gives ASan its symbolised
# stack traces; _GLIBCXX_ASSERTIONS bounds-checks the standard containers' operator[] too.
# The direct kernel keeps its own -O3 (src/fast/CMakeLists.txt).
configure_sanitizer() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -D_GLIBCXX_ASSERTIONS" \
    -DTCONV_SANITIZE=ON -DTCONV_WERROR=ON
}

# The CTest labels the sanitizer pass runs: every test that executes instrumented tconv code.
# Left out: build (configure checks, formatting, compile flags), docs (image freshness) and
# browser (the long page sweep); tests/CMakeLists.txt names what covers their code instead.
sanitized_labels='^(unit|e2e|smoke)$'
