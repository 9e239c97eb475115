#!/usr/bin/env bash
# Runs the end-to-end tests against the real desktop binary: Xvfb, tauri-driver
# (which starts WebKitWebDriver), a fresh journal in a temporary folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app="${EVENKEEL_APP:-${CARGO_TARGET_DIR:-$root/target}/debug/evenkeel-desktop}"
driver="${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  display=":$((90 + RANDOM % 100))"
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY="$display"
  sleep 1
fi

port=$((4500 + RANDOM % 400))
export EVENKEEL_JOURNAL="$work/journal.evenkeel"
"$driver" --port "$port" --native-driver /usr/bin/WebKitWebDriver >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

# The CLI writes beside the open app in one test, as a parent's script might.
cli="${EVENKEEL_CLI:-$(dirname "$app")/evenkeel}"
export TAURI_DRIVER_URL="http://127.0.0.1:$port" EVENKEEL_APP="$app" EVENKEEL_CLI="$cli"
export E2E_SHOTS="${E2E_SHOTS:-$root/target/e2e-shots}"
if ! node --test --test-concurrency=1 "$root"/tests/e2e/*.test.mjs; then
  echo "--- tauri-driver log ---"; tail -n 50 "$work/driver.log"
  exit 1
fi
