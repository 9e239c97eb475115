# `make run` builds and opens the desktop app; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh).

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

.PHONY: run test setup-run setup-test ui desktop lint test-rust test-ui test-e2e bindings bench clean test-timed

run: setup-run ui
	$(CARGO) run -p evenkeel-desktop

test: setup-test lint test-rust test-ui test-e2e
	@echo "All Evenkeel tests passed."

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

ui:
	cd ui && npm run build

# Built with the workspace's test features so it reuses what `cargo test --workspace` compiled.
desktop: ui
	$(CARGO) build --workspace --all-targets

lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

# Core unit and integration tests, the CLI tests and the desktop crate's own.
test-rust: ui
	$(CARGO) test --workspace

test-ui:
	cd ui && npm test

# Drives the real window: tauri-driver + WebKitWebDriver under Xvfb.
test-e2e: desktop
	tests/e2e/run.sh

# Regenerates ui/src/lib/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test --test bindings

bench:
	$(CARGO) bench --bench journal

# `make test`, phase by phase, with each phase's time (and cargo's --timings reports).
test-timed:
	scripts/test-timed.sh

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
