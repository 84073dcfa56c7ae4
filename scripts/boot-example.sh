#!/usr/bin/env bash
# Sets up, builds, and boots the default example system: the seed's echo server with two clients
# (specs/ipc/: the YAML and the two programs). capdl-tool turns the YAML and the two component ELFs into
# an image (kernel + capdl-loader with the spec embedded) and boots it in QEMU with the serial
# console on this terminal. The clients return from main and the server waits for more, so
# the machine would idle: the run ends once the output matches specs/ipc/expected.
# Extra arguments go to `capdl-tool run` (e.g. --timeout 120).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
"$top/scripts/build.sh"
b=${BUILD_DIR:-$top/build}
exec "$b/capdl-tool/capdl-tool" run "$top/specs/ipc/ipc.yaml" -o "$b/images/ipc-run" \
  --elf example_echo_server.elf="$b/components/ipc/example_echo_server.elf" \
  --elf example_echo_client.elf="$b/components/ipc/example_echo_client.elf" \
  --expect "$top/specs/ipc/expected" --until-match --end any -v "$@"
