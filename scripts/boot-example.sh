#!/usr/bin/env bash
# Sets up, builds, and boots the default example system: the seed's echo server with two clients
# (specs/ipc/: the YAML and the two programs). capdl-tool turns the YAML and the two component ELFs into
# an image (kernel + capdl-loader with the spec embedded) and boots it in QEMU with the serial
# console on this terminal. The clients return from main and the server waits for more, so
# the machine would idle: the run ends once the output matches specs/ipc/expected.
# Extra arguments go to `capdl-tool run` (e.g. --timeout 120).
# With `--arch aarch64` first: the same system built for AArch64 (docs/aarch64.md) by the build,
# booted on kernel-aarch64 in qemu-system-aarch64 through qemu-test; extra arguments go to qemu-test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
arch=x86_64
if [ "${1:-}" = "--arch" ]; then
  arch=${2:?--arch needs x86_64 or aarch64}
  shift 2
fi
"$top/scripts/setup.sh"
"$top/scripts/build.sh"
b=${BUILD_DIR:-$top/build}
if [ "$arch" = aarch64 ]; then
  exec "$b/tests/harness/qemu-test" --arch aarch64 --kernel "$b/kernel/kernel-aarch64.elf" \
    --module "$b/components/example-tests/ipc_aarch64/loader.elf" \
    --expect "$top/specs/ipc/expected" --until-match --end any -v "$@"
elif [ "$arch" != x86_64 ]; then
  echo "boot-example: --arch $arch: expected x86_64 or aarch64" >&2
  exit 2
fi
exec "$b/capdl-tool/capdl-tool" run "$top/specs/ipc/ipc.yaml" -o "$b/images/ipc-run" \
  --elf example_echo_server.elf="$b/components/ipc/example_echo_server.elf" \
  --elf example_echo_client.elf="$b/components/ipc/example_echo_client.elf" \
  --expect "$top/specs/ipc/expected" --until-match --end any -v "$@"
