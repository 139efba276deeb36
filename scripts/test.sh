#!/usr/bin/env bash
# Sets up and runs every test: dependencies, build, then the whole ctest suite
# (unit tests beside each source file, integration tests in tests/). The last line printed is
# ctest's summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || { echo "0% tests passed, build failed"; exit 1; }
log=$(mktemp)
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
grep -E '^[0-9]+% tests passed' "$log" | tail -n 1
rm -f "$log"
exit "$rc"
