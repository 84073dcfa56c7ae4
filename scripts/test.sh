#!/usr/bin/env bash
# Sets up, builds and runs every test: host unit tests, harness tests, seed compile checks and
# the QEMU system tests; then the host tests again under AddressSanitizer and UBSan.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
"$top/scripts/setup.sh"

echo "== build and all tests"
BUILD_DIR=$build "$top/scripts/build.sh"
ctest --test-dir "$build" --output-on-failure -j2

echo "== host tests under AddressSanitizer and UBSan"
BUILD_DIR=$build-sanitize "$top/scripts/build.sh" -DSANITIZE=ON
ctest --test-dir "$build-sanitize" --output-on-failure -j2 -L host
