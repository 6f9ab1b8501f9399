#!/usr/bin/env bash
# The man page and the bash completion of the real binary (issue 23, item 9): `tconv help --man`
# renders with man -l without a warning and describes every command `tconv --help` lists, with
# every option of each command's --help; `tconv completion bash`, sourced in bash, completes
# commands, options, choice values and file names (without the bash-completion package); the zsh
# and fish scripts pass their shell's syntax check where the shell is installed.
. "$(dirname "$0")/lib.sh"

# The commands `tconv --help` lists: the first word of each line under "Commands:".
commands=$("$TCONV" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
for known in shape compute animate bench translate inspect completion help; do
  case " $(echo $commands) " in
    *" $known "*) ;;
    *) fail "tconv --help does not list the command $known (read: $(echo $commands))" ;;
  esac
done

# The option names of a command's --help: "-k --kernel-size" from "  -k,--kernel-size K[,K2[,K3]]  ...".
option_names() {
  "$TCONV" "$1" --help | sed -nE 's/^  (-[A-Za-z0-9](,--[a-z0-9-]+)?|--[a-z0-9-]+)( .*)?$/\1/p' | tr ',' ' '
}

# The man page.
run "$TCONV" help --man
expect_status 0 "help --man"
[ -z "$err" ] || fail "help --man wrote on stderr: $err"
printf '%s\n' "$out" >tconv.1
if ! command -v man >/dev/null; then
  fail "man is not installed (scripts/install-deps.sh installs man-db)"
else
  warnings=$(MANWIDTH=80 man --warnings -l tconv.1 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man --warnings -l tconv.1: $warnings"
  warnings=$(MANWIDTH=80 man --warnings=w -l tconv.1 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man --warnings=w -l tconv.1 (every groff warning): $warnings"
  page=$(MANWIDTH=80 man -l tconv.1 2>/dev/null)
  for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
    grep -qx "$section" <<<"$page" || fail "the rendered man page has no section $section"
  done
  for command in $commands; do
    grep -qx "   $command" <<<"$page" || fail "the rendered man page has no subsection for $command"
    grep -q "^       tconv $command " <<<"$page" || grep -qx "       tconv $command" <<<"$page" ||
      fail "the man page's synopsis has no line for tconv $command"
    # Every option name of the command's --help ("  -k,--kernel-size K..." lines).
    for name in $(option_names "$command"); do
      grep -qe "$name" <<<"$page" || fail "the man page does not name $name of tconv $command"
    done
  done
  grep -q "128+N when signal N" <<<"$page" || fail "the man page has no exit status text"
fi

# The bash completion, sourced into a bash without bash-completion, its function called as
# bash calls it: COMP_WORDS and COMP_CWORD set, COMPREPLY read (one word per line, sorted).
run "$TCONV" completion bash
expect_status 0 "completion bash"
printf '%s\n' "$out" >tconv.bash
bash -n tconv.bash || fail "completion bash: not valid bash"
complete_words() {
  bash --norc --noprofile -c '
    source ./tconv.bash || exit 1
    COMP_WORDS=("${@:1}")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _tconv
    printf "%s\n" "${COMPREPLY[@]}"' completion "$@" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'
}
# expect_completion "EXPECTED WORDS" WORD...: the completions of the last word.
expect_completion() {
  local expected=$1 got
  shift
  got=$(complete_words "$@")
  [ "$got" = "$expected" ] || fail "completing '$*': got '$got', expected '$expected'"
}
mkdir -p data/sub
touch data/x.npy data/weights.json
expect_completion "shape" tconv sh
expect_completion "--kernel-size" tconv shape 4x4 --ker
expect_completion "same-lower same-upper" tconv shape 4 -k 3 --auto-pad s
expect_completion "same-lower same-upper" tconv shape 4 -k 3 --auto_pad s  # PyTorch's spelling
expect_completion "same-lower same-upper" tconv shape 4 -k 3 --auto-pad = s  # --auto-pad=s
expect_completion "data/sub data/weights.json data/x.npy" tconv compute --input data/
expect_completion "data/weights.json" tconv compute --input data/x.npy --weight data/w
expect_completion "data/sub" tconv animate --example 1 -O data/
expect_completion "data/x.npy" tconv inspect data/x
expect_completion "" tconv shape 4x
expect_completion "bash fish zsh" tconv completion ""
expect_completion "completion compute" tconv help comp
expect_completion "overlap" tconv animate --style o
expect_completion "--json" tconv shape 4 -k 3 --auto-pad valid --js
expect_completion "--version" tconv --v
# Every option of each command's --help is offered after a dash.
for command in $commands; do
  offered=" $(complete_words tconv "$command" -) "
  for name in $(option_names "$command"); do
    case "$offered" in
      *" $name "*) ;;
      *) fail "completing 'tconv $command -' does not offer $name" ;;
    esac
  done
done

# zsh and fish: their own syntax check where they are installed; their content either way.
run "$TCONV" completion zsh
expect_status 0 "completion zsh"
printf '%s\n' "$out" >_tconv
if command -v zsh >/dev/null; then
  zsh -n _tconv || fail "completion zsh: zsh -n rejects it"
else
  skip "zsh is not installed: the zsh script's syntax was not checked by zsh"
fi
[ "$(head -1 _tconv)" = "#compdef tconv" ] || fail "completion zsh: the first line is not #compdef tconv"
grep -qF "'(--auto-pad)--auto-pad[auto_pad: same-upper, same-lower or valid]:MODE:(same-upper same-lower valid notset)'" _tconv ||
  fail "completion zsh: no --auto-pad spec with its values"
grep -qE "^ +'\(--input\)--input\[[^]]*\]:SOURCE:_files' " _tconv ||
  fail "completion zsh: --input does not complete file names"
run "$TCONV" completion fish
expect_status 0 "completion fish"
printf '%s\n' "$out" >tconv.fish
if command -v fish >/dev/null; then
  fish --no-config -n tconv.fish || fail "completion fish: fish -n rejects it"
else
  skip "fish is not installed: the fish script's syntax was not checked by fish"
fi
grep -qF "complete -c tconv -n '__fish_seen_subcommand_from shape' -s k -l kernel-size -x -d 'kernel size'" tconv.fish ||
  fail "completion fish: no -k/--kernel-size for shape"
grep -qF -- "-l auto-pad -x -a 'same-upper same-lower valid notset'" tconv.fish ||
  fail "completion fish: --auto-pad does not offer its values"
grep -qF "complete -c tconv -n '__fish_seen_subcommand_from compute' -l input -r -F" tconv.fish ||
  fail "completion fish: --input does not complete file names"

finish
