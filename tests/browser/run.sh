#!/usr/bin/env bash
# The browser tests of the explorer page (tconv animate --html): installs the pinned
# playwright-core (package.json, package-lock.json) into a cache folder outside the tree on the
# first run -- the one network access of the test suite -- then drives Debian's chromium
# headless with tests/browser/explorer.test.mjs.
#   run.sh TCONV_BINARY WORKDIR [--smoke]
# Environment: TCONV_BROWSER_CACHE (default ~/.cache/tconv-browser-test), TCONV_CHROMIUM
# (default: chromium on the PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tconv=$1
workdir=$2
shift 2

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "browser test: $tool is missing: run scripts/install-deps.sh" >&2; exit 1; }
done
chromium=${TCONV_CHROMIUM:-$(command -v chromium || true)}
[[ -x $chromium ]] || { echo "browser test: chromium is missing: run scripts/install-deps.sh" >&2; exit 1; }

# One folder per lockfile content, so that a new pin installs beside the old one.
lock_hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
cache=${TCONV_BROWSER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tconv-browser-test}/$lock_hash
if [[ ! -f $cache/node_modules/playwright-core/package.json ]]; then
  echo "browser test: installing the pinned playwright-core into $cache" >&2
  mkdir -p "$cache"
  staging=$(mktemp -d "$cache/../install.XXXXXX")
  cp "$here/package.json" "$here/package-lock.json" "$staging/"
  if ! (cd "$staging" && npm ci --no-audit --no-fund --ignore-scripts >install.log 2>&1); then
    tail -n 20 "$staging/install.log" >&2
    echo "browser test: npm ci failed (the log is above)" >&2
    rm -rf "$staging"
    exit 1
  fi
  rm -rf "$cache/node_modules"
  mv "$staging/node_modules" "$cache/node_modules"  # whole or not at all
  rm -rf "$staging"
fi

rm -rf "$workdir"
mkdir -p "$workdir"
exec node "$here/explorer.test.mjs" --tconv "$tconv" --workdir "$workdir" --chromium "$chromium" \
  --modules "$cache/node_modules" "$@"
