#!/usr/bin/env bash
# Installs the dependencies (idempotent) and builds kactor into build/ (ccache-backed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="$PWD"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${KACTOR_BUILD_TYPE:-Release}" >/dev/null
ninja -C build -j"$(nproc)"
