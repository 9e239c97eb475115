#!/usr/bin/env bash
# The build directory is shared by every clone of the repository (see the Makefile). Cargo
# decides whether our own crates (and their build scripts) are fresh by comparing file times,
# which cannot tell one clone's files from another's: a tree edited before another tree's
# build would look fresh and be tested stale. So when the directory was last used by another
# tree, this tree's tracked files are marked as new, as a fresh clone's are. Dependencies
# from crates.io are not affected and stay cached.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${CARGO_TARGET_DIR:?CARGO_TARGET_DIR is set by the Makefile}"
marker="$dir/.evenkeel-source-tree"
mkdir -p "$dir"
if [ "$(cat "$marker" 2>/dev/null)" != "$root" ]; then
  (cd "$root" && git ls-files -z --cached --others --exclude-standard -- ':!ui' | xargs -0 touch -c)
  printf '%s\n' "$root" >"$marker"
fi
