#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what `clang-format` (with the committed
# .clang-format) would write. Run by ctest as `format_check`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files clean"
