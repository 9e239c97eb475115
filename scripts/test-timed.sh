#!/usr/bin/env bash
# Runs what `make test` runs, one phase at a time, and prints how long each took. Each phase
# is its own `make` target, so it uses the same build directory and linker as `make test`;
# cargo's per-crate reports land in $CARGO_TARGET_DIR/cargo-timings/.
set -euo pipefail
cd "$(dirname "$0")/.."
log="${TIMINGS_LOG:-/dev/stdout}"
total=0
phase() {
  local name="$1" t0 t1 ms
  shift
  t0=$(date +%s%N)
  make --no-print-directory "$@" TIMINGS=--timings
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  total=$(( total + ms ))
  awk -v n="$name" -v ms="$ms" 'BEGIN { printf "%-28s %7.1f s\n", n, ms / 1000 }' >>"$log"
}
phase "setup (apt, npm, driver)" setup-test
phase "ui build" ui
phase "fmt" fmt
phase "clippy" clippy
phase "svelte-check" svelte-check
phase "test build" test-build
phase "cargo tests" test-rust
phase "vitest" test-ui
phase "desktop build" desktop
phase "e2e" test-e2e
awk -v ms="$total" 'BEGIN { printf "%-28s %7.1f s\n", "total", ms / 1000 }' >>"$log"
