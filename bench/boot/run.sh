#!/bin/sh
# Boot cost of an example system (issue 7): under -icount shift=0 on the benchmark kernel (the
# guest TSC counts instructions, so the figures repeat exactly) the kernel's boot ticks (its
# "kernel boot took" line: kernel entry to the root task's first instruction) and the loader's
# ticks (its summary line: first instruction to the threads' start); then the wall time from
# starting QEMU to the system's first component output under plain emulation (debug kernel).
# Usage: bench/boot/run.sh [BUILD_DIR [IMAGE FIRST_OUTPUT_EXPECT]]
#   IMAGE: a folder under BUILD_DIR/images (default ipc, the seed's echo server and clients);
#   FIRST_OUTPUT_EXPECT: a qemu-test expectation matching the first component line.
set -eu
b=${1:-build}; here=$(cd "$(dirname "$0")" && pwd)
img=${2:-ipc}; first=${3:-$here/ipc_first.expect}
dir=$b/images/$img
qt=$b/tests/harness/qemu-test
test -f "$dir/loader.elf" || { echo "bench/boot: $dir/loader.elf not built" >&2; exit 2; }
out=$("$qt" -v --icount --end any --timeout 120 --until-match --expect "$here/../loader/loader.expect" \
      --kernel "$b/kernel/kernel-bench.elf32" --module "$dir/loader.elf" 2>&1 | tr -d '\r')
kb=$(echo "$out" | sed -n 's/^Boot: kernel boot took \([0-9]*\) TSC ticks.*/\1/p' | head -1)
mhz=$(echo "$out" | sed -n 's/^Boot: .*TSC \([0-9]*\) MHz.*/\1/p' | head -1)
lt=$(echo "$out" | grep -m1 '^capdl-loader: [0-9]* objects' | awk '{for (i = 1; i <= NF; i++) if ($i == "TSC") print $(i-1)}')
t0=$(date +%s%N)
"$qt" --end any --timeout 60 --until-match --expect "$first" --kernel "$dir/kernel.elf32" \
      --module "$dir/loader.elf" >/dev/null
t1=$(date +%s%N)
echo "command: bench/boot/run.sh $b $img   (kernel-bench, -icount shift=0; wall: debug kernel, TCG)"
echo "| system | kernel boot (ticks) | loader (ticks) | total (ticks) | total at ${mhz} MHz | wall to first output |"
echo "|---|---|---|---|---|---|"
awk -v s="$img" -v kb="$kb" -v lt="$lt" -v mhz="$mhz" -v w="$(( (t1 - t0) / 1000000 ))" \
  'BEGIN { printf "| %s | %d | %d | %d | %.1f ms | %d ms |\n", s, kb, lt, kb + lt, (kb + lt) / mhz / 1000, w }'
