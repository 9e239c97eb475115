# `make run` builds and opens the desktop app; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), then go on in a second `make`, so
# what setup installed (the mold linker) is seen by every build step of the same run.

SHELL := /bin/bash
CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)

# One build directory that outlives any clone of the repository: CI clones afresh for every
# run, so with the default `target/` it rebuilt every crate each time. Cargo still rebuilds
# whatever the clone changed (our own crates always, their sources being newer), so nothing
# stale is tested. Set CARGO_TARGET_DIR to use another folder.
export CARGO_TARGET_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/evenkeel/target

# mold links the large test and desktop binaries faster; without it the system linker is used.
ifneq ($(shell command -v mold 2>/dev/null),)
ifeq ($(shell uname -s),Linux)
export CARGO_TARGET_$(shell uname -m | tr a-z A-Z)_UNKNOWN_LINUX_GNU_RUSTFLAGS ?= -C link-arg=-fuse-ld=mold
endif
endif

# `make test-timed` sets this to --timings (per-crate reports in $CARGO_TARGET_DIR/cargo-timings).
TIMINGS ?=

.PHONY: run run-app test checks setup-run setup-test ui desktop lint fmt clippy svelte-check \
	test-build test-rust test-ui test-e2e bindings bench clean test-timed build-dir

run: setup-run
	@$(MAKE) --no-print-directory run-app

run-app: build-dir ui
	$(CARGO) run -p evenkeel-desktop

test: setup-test
	@$(MAKE) --no-print-directory checks

checks: lint test-rust test-ui test-e2e
	@echo "All Evenkeel tests passed."

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

ui:
	cd ui && npm run build

# Claims the shared build directory for this tree (scripts/claim-build-dir.sh says why).
build-dir:
	@scripts/claim-build-dir.sh

# Built with the workspace's test features so it reuses what `cargo test --workspace` compiled.
desktop: build-dir ui
	$(CARGO) build --workspace --all-targets $(TIMINGS)

lint: fmt clippy svelte-check

fmt:
	$(CARGO) fmt --all -- --check

clippy: build-dir ui
	$(CARGO) clippy --workspace --all-targets $(TIMINGS) -- -D warnings

svelte-check: ui
	cd ui && npm run check

# Core unit and integration tests, the CLI tests and the desktop crate's own.
test-build: build-dir ui
	$(CARGO) test --workspace --no-run $(TIMINGS)

# A hung test fails within its limit and names what it was doing (scripts/watchdog.sh) rather
# than running into CI's 90 minutes. The limits are ten times today's warm durations.
test-rust: test-build
	scripts/watchdog.sh 900 $(CARGO) test --workspace

test-ui:
	cd ui && npm test

# Drives the real window: tauri-driver + WebKitWebDriver under Xvfb.
test-e2e: desktop
	scripts/watchdog.sh 1200 tests/e2e/run.sh

# Regenerates ui/src/lib/bindings.ts from the Rust types.
bindings: build-dir
	UPDATE_BINDINGS=1 $(CARGO) test --test bindings

bench: build-dir
	$(CARGO) bench --bench journal

# What `make test` runs, phase by phase, with each phase's time.
test-timed:
	scripts/test-timed.sh

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
