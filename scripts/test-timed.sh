#!/usr/bin/env bash
# Runs what `make test` runs, one phase at a time, and prints how long each took.
# Cargo's per-crate reports land in $CARGO_TARGET_DIR/cargo-timings/. Run it through
# `make test-timed` so the build directory and linker are the ones `make test` uses.
set -euo pipefail
cd "$(dirname "$0")/.."
log="${TIMINGS_LOG:-/dev/stdout}"
: "${CARGO:=cargo}"
total=0
phase() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  "$@"
  t1=$(date +%s%N)
  local ms=$(( (t1 - t0) / 1000000 ))
  total=$(( total + ms ))
  awk -v n="$name" -v ms="$ms" 'BEGIN { printf "%-28s %7.1f s\n", n, ms / 1000 }' >>"$log"
}
phase "setup (apt, npm, driver)" scripts/setup.sh test
phase "ui build" bash -c 'cd ui && npm run build'
phase "fmt" "$CARGO" fmt --all -- --check
phase "clippy" "$CARGO" clippy --workspace --all-targets --timings -- -D warnings
phase "svelte-check" bash -c 'cd ui && npm run check'
phase "test build" "$CARGO" test --workspace --no-run --timings
phase "cargo tests" "$CARGO" test --workspace
phase "vitest" bash -c 'cd ui && npm test'
phase "desktop build" "$CARGO" build --workspace --all-targets --timings
phase "e2e" tests/e2e/run.sh
awk -v ms="$total" 'BEGIN { printf "%-28s %7.1f s\n", "total", ms / 1000 }' >>"$log"
