#!/usr/bin/env bash
# Checks an animated GIF that tconv wrote, with two independent readers:
#   1. ImageMagick's identify: frame count, canvas size, per-frame delays;
#   2. headless Chromium: the browser decodes it (an <img> that loads, with its natural size).
# Usage: scripts/check-gif.sh FILE.gif [EXPECTED_FRAMES [EXPECTED_WxH]]
# Dev tool, not needed by scripts/test.sh. Debian packages: imagemagick, chromium.
set -euo pipefail

gif=${1:?usage: scripts/check-gif.sh FILE.gif [EXPECTED_FRAMES [EXPECTED_WxH]]}
expected_frames=${2:-}
expected_size=${3:-}
[[ -f "$gif" ]] || { echo "check-gif: no such file: $gif" >&2; exit 1; }
command -v identify >/dev/null || { echo "check-gif: needs ImageMagick (apt install imagemagick)" >&2; exit 1; }
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$chromium_bin" ]] || { echo "check-gif: needs Chromium (apt install chromium)" >&2; exit 1; }

status=0
identify "$gif" >/dev/null 2>&1 || { echo "check-gif: ImageMagick cannot read $gif:" >&2; identify "$gif" >&2 || true; exit 1; }
frames=$(identify "$gif" | wc -l)
size=$(identify -format '%Wx%H\n' "$gif" | head -n 1)
delays=$(identify -format '%T ' "$gif")
echo "identify: $frames frames, canvas $size, delays (1/100 s): $delays"
if [[ -n "$expected_frames" && "$frames" != "$expected_frames" ]]; then
  echo "check-gif: expected $expected_frames frames, identify reports $frames" >&2
  status=1
fi
if [[ -n "$expected_size" && "$size" != "$expected_size" ]]; then
  echo "check-gif: expected size $expected_size, identify reports $size" >&2
  status=1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gif" "$work/animation.gif"
cat > "$work/page.html" <<'HTML'
<!doctype html>
<html><body><img id="gif" src="animation.gif">
<script>
  const img = document.getElementById('gif');
  const report = (text) => document.body.setAttribute('data-result', text);
  img.onload = () => report('loaded ' + img.naturalWidth + 'x' + img.naturalHeight);
  img.onerror = () => report('error');
  if (img.complete && img.naturalWidth > 0) report('loaded ' + img.naturalWidth + 'x' + img.naturalHeight);
</script></body></html>
HTML
dom=$("$chromium_bin" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
        --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom "file://$work/page.html" 2>/dev/null || true)
result=$(printf '%s' "$dom" | grep -o 'data-result="[^"]*"' | head -n 1 | sed 's/data-result="\(.*\)"/\1/')
echo "chromium: ${result:-no result}"
if [[ "$result" != loaded* ]]; then
  echo "check-gif: Chromium did not load the GIF" >&2
  status=1
elif [[ "$result" != "loaded $size" ]]; then
  echo "check-gif: Chromium decoded ${result#loaded } but identify reports $size" >&2
  status=1
fi
exit $status
