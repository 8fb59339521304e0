#!/usr/bin/env bash
# Load the page in headless Chromium (Debian's chromium-headless-shell or
# chromium), served from 127.0.0.1: the example must verify, the tampered
# one must fail at the inclusion step. Writes screenshots to $1 (default
# a temporary directory). Run after ../build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
browser="$(command -v chromium-headless-shell || command -v chromium || true)"
if [ -z "$browser" ]; then
  echo "browser-test: no chromium-headless-shell or chromium found" >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 -d . >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/www/')" 2>/dev/null && break
  sleep 0.1
done
flags=(--no-sandbox --disable-gpu --virtual-time-budget=15000 --window-size=900,820)
fail=0
check() { # name, query, expected verdict state, expected text
  local dom
  dom="$(timeout 120 "$browser" "${flags[@]}" --dump-dom "http://127.0.0.1:$port/www/?example=$2" 2>/dev/null)"
  local verdict
  verdict="$(grep -o '<div id="verdict"[^<]*' <<<"$dom" || true)"
  echo "browser-test $1: $verdict"
  if grep -q "data-state=\"$3\"" <<<"$verdict" && grep -qF "$4" <<<"$verdict"; then
    echo "ok - browser $1"
  else
    echo "not ok - browser $1 (expected $3: $4)"
    fail=1
  fi
  timeout 120 "$browser" "${flags[@]}" --screenshot="$out/page-$1.png" \
    "http://127.0.0.1:$port/www/?example=$2" >/dev/null 2>&1
  echo "screenshot: $out/page-$1.png ($(wc -c < "$out/page-$1.png") bytes)"
}
check good good verified "Verified: leaf 381381 of a tree of size 381382, 4 cosignature(s) checked"
check tampered tampered rejected "Not verified (step: inclusion): inclusion proof failed"
exit "$fail"
