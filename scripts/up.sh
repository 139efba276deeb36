#!/usr/bin/env bash
# Sets up and starts a kactor cluster: dependencies, build, then `kactor up` in the foreground
# with its state in ./.kactor (override with KACTOR_DATA_DIR). Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec build/cmd/kactor up --data-dir "${KACTOR_DATA_DIR:-$PWD/.kactor}" "$@"
