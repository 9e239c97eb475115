#!/usr/bin/env bash
# Installs what building (`run`) or testing (`test`) Evenkeel needs and is missing, on
# Debian 12 / Ubuntu 24.04. Safe to run again: it installs only what is not there.
set -euo pipefail
mode="${1:-run}"
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

packages=(build-essential pkg-config file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev)
if [ "$mode" = test ]; then
  # mold: a faster linker for the many test binaries (the Makefile uses it when present).
  # poppler-utils and qpdf: the bundle tests read the PDF back as a stranger would.
  packages+=(xvfb webkit2gtk-driver imagemagick mold poppler-utils qpdf)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Evenkeel needs Rust (cargo): install it with rustup, then run this again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Evenkeel's UI build needs Node.js 20 or newer; this machine has $(node --version)." >&2
  exit 1
fi

# The UI's packages, exactly as locked.
if [ ! -d "$root/ui/node_modules" ] || [ "$root/ui/package-lock.json" -nt "$root/ui/node_modules/.package-lock.json" ]; then
  (cd "$root/ui" && npm ci --no-audit --no-fund)
fi

if [ "$mode" = test ]; then
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "Installing tauri-driver"
    cargo install tauri-driver --locked
  fi
fi
