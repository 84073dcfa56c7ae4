#!/bin/sh
# Boots the IPC benchmark root task (bench/ipc/ipc_bench.c, built for AArch64 by the AArch64
# sub-build) on kernel-aarch64-bench and kernel-aarch64-bench-nofastpath under
# `-icount shift=4,sleep=off` (the virtual counter then advances one tick per guest instruction
# and repeats exactly: docs/aarch64.md) and prints the medians as a table. There is no seL4
# AArch64 reference kernel to run beside them yet.
# Usage: bench/ipc/run-aarch64.sh [BUILD_DIR]   (after building; default build/)
set -eu
b=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# figures KERNEL OUT: "name<TAB>median" lines of one run.
figures() {
  "$b/tests/harness/qemu-test" --arch aarch64 --name ipc_bench --timeout 900 --end any --until-match \
    --expect "$here/done.expect" -v --kernel "$1" --module "$b/aarch64/bench/ipc_bench" \
    -- -icount shift=4,sleep=off 2>/dev/null | tr -d '\r' |
    awk '/^bench /{ sub(/^bench /, ""); sub(/ *\(counter.*/, ""); match($0, / +min /)
      name = substr($0, 1, RSTART - 1); split(substr($0, RSTART), v, " +"); print name "\t" v[5] }' > "$2"
  [ -s "$2" ] || { echo "bench/ipc: no figures from $1" >&2; exit 1; }
}
figures "$b/kernel/kernel-aarch64-bench.elf" "$work/ours"
figures "$b/kernel/kernel-aarch64-bench-nofastpath.elf" "$work/nofp"

qemu_version=$(qemu-system-aarch64 --version | head -1 | awk '{print $4}')
echo "command: bench/ipc/run-aarch64.sh $b   (QEMU $qemu_version, virt, -cpu cortex-a57 -m 1G -icount shift=4,sleep=off; median counter ticks = instructions)"
echo "| benchmark | ours (kernel-aarch64-bench) | ours, no fastpath |"
echo "|---|---|---|"
awk -F'\t' 'FILENAME == ARGV[1] { o[$1] = $2; order[++n] = $1; next } { f[$1] = $2 }
  END { for (i = 1; i <= n; i++) { k = order[i]; printf "| %s | %s | %s |\n", k, o[k], (k in f ? f[k] : "-") } }' \
  "$work/ours" "$work/nofp"
