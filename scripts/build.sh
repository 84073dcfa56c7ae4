#!/usr/bin/env bash
# Configures and builds everything (host tools, kernel, root tasks, tests) in BUILD_DIR
# (default: build/ at the top of the repository). Extra arguments go to cmake's configure step.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
cmake -S "$top" -B "$build" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
