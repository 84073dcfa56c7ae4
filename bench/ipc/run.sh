#!/bin/sh
# Boots the IPC benchmark (bench/ipc/ipc_bench.c) and prints its figures as a table: under
# -icount shift=0 (the guest TSC follows the instruction count: figures repeat exactly) and on
# the wall clock (noisy), with the fastpath kernel and the kernel without it.
# Usage: bench/ipc/run.sh [BUILD_DIR]   (after building; default build/)
set -eu
b=${1:-build}
runner=$b/tests/harness/qemu-test
bench=$b/bench/ipc/ipc_bench
table() { # $1 kernel, $2 extra qemu-test options, $3 label
  $runner --name ipc_bench --timeout 900 --end halt -v $2 --kernel "$1" --module "$bench" 2>/dev/null |
    tr -d '\r' | awk -v mode="$3" '/^bench /{ sub(/^bench /, ""); sub(/ *\(TSC.*/, "");
      match($0, / +min /); name = substr($0, 1, RSTART - 1); split(substr($0, RSTART), v, " +");
      printf "| %s | %s | %s | %s | %s |\n", mode, name, v[3], v[5], v[7] }'
}
echo "command: bench/ipc/run.sh $b   (QEMU $(qemu-system-x86_64 --version | head -1 | awk '{print $4}'), -cpu qemu64)"
echo "| mode | benchmark | min | median | mean |"
echo "|---|---|---|---|---|"
table "$b/kernel/kernel-bench.elf32" --icount "icount, fastpath"
table "$b/kernel/kernel-bench-nofastpath.elf32" --icount "icount, no fastpath"
table "$b/kernel/kernel-bench.elf32" "" "wall clock, fastpath"
