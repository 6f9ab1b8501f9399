#!/usr/bin/env bash
# `cmake --install` (issue 23, item 9): the man page and the three completion scripts go where
# man and each shell look for them, and they are what this tconv prints (the build writes them
# with the binary it links). Arguments: TCONV WORK BUILD_DIR.
. "$(dirname "$0")/lib.sh"
BUILD_DIR=$3

run cmake --install "$BUILD_DIR" --prefix "$WORK/run/prefix"
expect_status 0 "cmake --install $BUILD_DIR --prefix PREFIX"
check_installed() {  # PATH-UNDER-PREFIX TCONV-ARGS...: installed, and the same bytes tconv prints
  local path=$1
  shift
  if [ ! -f "prefix/$path" ]; then
    fail "cmake --install did not install $path"
    return
  fi
  "$TCONV" "$@" >expected
  cmp -s expected "prefix/$path" || fail "the installed $path is not what tconv $* prints"
}
check_installed share/man/man1/tconv.1 help --man
check_installed share/bash-completion/completions/tconv completion bash
check_installed share/zsh/vendor-completions/_tconv completion zsh
check_installed share/fish/vendor_completions.d/tconv.fish completion fish
# man finds it by name where the prefix's manual pages are.
if command -v man >/dev/null; then
  found=$(MANPATH="$WORK/run/prefix/share/man" man -w tconv 2>&1)
  [ "$found" = "$WORK/run/prefix/share/man/man1/tconv.1" ] || fail "man -w tconv with the prefix's MANPATH: $found"
else
  fail "man is not installed (scripts/install-deps.sh installs man-db)"
fi
rm -rf prefix expected
finish
