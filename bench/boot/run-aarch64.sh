#!/bin/sh
# Boot cost on AArch64 (QEMU virt, docs/aarch64.md) under icount: the echo system (specs/ipc,
# the AArch64 components) built by `capdl-tool build` for kernel-aarch64-bench and booted twice
# by the harness's own virt line with --icount (QEMU_AARCH64_ICOUNT_ARGS: shift=0,sleep=off, the
# setting that repeats exactly on AArch64, sel4-aarch64-facts.md 7). Figures, in generic timer
# ticks (62.5 MHz; with shift=0 one tick is 16 instructions):
# - kernel boot: the kernel's "kernel boot took" line (kernel entry to the root task's start);
# - loader: the capdl-loader's summary line (its first instruction to the threads' start), the
#   default loader (with thread names: there is no seL4 AArch64 reference to share an image with).
# The two runs must agree exactly; the script fails otherwise.
# Usage: bench/boot/run-aarch64.sh [BUILD_DIR]
set -eu
b=${1:-build}; here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
tool=$b/capdl-tool/capdl-tool; qt=$b/tests/harness/qemu-test; a=$b/aarch64/examples
kernel=$b/kernel/kernel-aarch64-bench.elf
for f in "$tool" "$qt" "$kernel" "$a/example_echo_server.elf" "$a/example_echo_client.elf"; do
  test -f "$f" || { echo "bench/boot (aarch64): $f not built" >&2; exit 2; }
done
work=$b/bench/boot/aarch64; mkdir -p "$work"
"$tool" build "$top/specs/ipc/ipc.yaml" -o "$work/ipc" --kernel "$kernel" \
  --elf "example_echo_server.elf=$a/example_echo_server.elf" --elf "example_echo_client.elf=$a/example_echo_client.elf"
row() {
  "$qt" --arch aarch64 --icount --memory 512M --name boot_aarch64 --kernel "$work/ipc/kernel.elf" --module "$work/ipc/loader.elf" \
    --expect "$top/specs/ipc/expected" --end any --until-match --log "$work/run.log" >/dev/null
  k=$(sed -n 's/.*kernel boot took \([0-9]*\) timer ticks.*/\1/p' "$work/run.log")
  l=$(sed -n 's/^capdl-loader: .*, \([0-9]*\) TSC ticks.*/\1/p' "$work/run.log")
  [ -n "$k" ] && [ -n "$l" ] || { echo "bench/boot (aarch64): no figures in $work/run.log" >&2; exit 1; }
  echo "$k $l"
}
first=$(row); second=$(row)
[ "$first" = "$second" ] || { echo "bench/boot (aarch64): runs differ: $first / $second" >&2; exit 1; }
set -- $first
echo "command: bench/boot/run-aarch64.sh $b   (QEMU virt, cortex-a57, 512M as the image assumes, -icount shift=0,sleep=off; generic timer ticks at 62.5 MHz)"
echo "| kernel | kernel boot | loader (echo system) | kernel boot + loader | in virtual time |"
echo "|---|---|---|---|---|"
awk -v k="$1" -v l="$2" 'BEGIN { printf "| ours (kernel-aarch64-bench) | %d | %d | %d | %.2f ms |\n", k, l, k + l, (k + l) / 62500 }'
echo "both runs gave the same figures"
