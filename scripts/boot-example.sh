#!/usr/bin/env bash
# Sets up, builds, and boots the default example system in QEMU (serial console on this
# terminal). For now the example is the BootInfo root task; it stops the machine by itself.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
"$top/scripts/build.sh"
exec "${BUILD_DIR:-$top/build}/images/bootinfo/run" "$@"
