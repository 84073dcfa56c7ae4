#!/bin/sh
# Boot cost, seL4 16.0.0's release kernel beside ours (kernel-bench) in one invocation, on one
# QEMU machine (seL4's CPU line, 512 MiB, -icount shift=0: the guest TSC counts instructions, so
# the figures repeat):
# - root task entry: the TSC at the first instruction of bench/boot/first_tick.c, counted from
#   the machine's reset (firmware, Multiboot loading and the kernel's boot);
# - kernel boot: kernel entry to the root task's first instruction. Ours prints it ("kernel boot
#   took"); seL4 prints nothing of the kind, so its figure is its root task entry less the
#   firmware part measured on ours (root task entry - kernel boot), marked "~";
# - loader: the capdl-loader's own summary line (first instruction to the threads' start) for the
#   echo system built with the release loader (BUILD_DIR/bench/boot/ipc_release: seL4's release
#   kernel has no seL4_DebugNameThread), the same image on each kernel;
# then the wall time from starting QEMU to the system's first component output under plain
# emulation (our debug kernel, this machine).
# Usage: bench/boot/run.sh [BUILD_DIR [IMAGE FIRST_OUTPUT_EXPECT]]
#   IMAGE: a folder under BUILD_DIR/images for the wall-clock row (default ipc, the seed's echo
#   server and clients); FIRST_OUTPUT_EXPECT: a qemu-test expectation matching its first
#   component line.
set -eu
b=${1:-build}; here=$(cd "$(dirname "$0")" && pwd)
img=${2:-ipc}; first=${3:-$here/ipc_first.expect}
REF_TOP=$(cd "$here/../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
dir=$b/images/$img
release=$b/bench/boot/ipc_release
qt=$b/tests/harness/qemu-test
for f in "$dir/loader.elf" "$release/loader.elf" "$b/bench/boot/boot_first_tick"; do
  test -f "$f" || { echo "bench/boot: $f not built" >&2; exit 2; }
done
sel4=$(reference_file "$REF_RELEASE" "$b/reference")
ours=$b/kernel/kernel-bench.elf32

# boot KERNEL MODULE EXPECT: the console of one run under icount, until EXPECT has matched.
boot() {
  "$qt" -v --icount --memory 512M --end any --timeout 300 --until-match --expect "$3" \
        --kernel "$1" --module "$2" -- -cpu "$REF_CPU" 2>&1 | tr -d '\r'
}
entry_tick() { boot "$1" "$b/bench/boot/boot_first_tick" "$here/first_tick.expect" |
               sed -n 's/^first_tick: root task started at TSC \([0-9]*\) ticks.*/\1/p' | head -1; }
loader_ticks() { boot "$1" "$release/loader.elf" "$here/../loader/loader.expect" | grep -m1 '^capdl-loader: [0-9]* objects' |
                 awk '{for (i = 1; i <= NF; i++) if ($i == "TSC") print $(i-1)}'; }

ours_out=$(boot "$ours" "$b/bench/boot/boot_first_tick" "$here/first_tick.expect")
ours_entry=$(echo "$ours_out" | sed -n 's/^first_tick: root task started at TSC \([0-9]*\) ticks.*/\1/p' | head -1)
ours_kb=$(echo "$ours_out" | sed -n 's/^Boot: kernel boot took \([0-9]*\) TSC ticks.*/\1/p' | head -1)
mhz=$(echo "$ours_out" | sed -n 's/^Boot: .*TSC \([0-9]*\) MHz.*/\1/p' | head -1)
sel4_entry=$(entry_tick "$sel4")
ours_lt=$(loader_ticks "$ours"); sel4_lt=$(loader_ticks "$sel4")
for v in "$ours_entry" "$ours_kb" "$mhz" "$sel4_entry" "$ours_lt" "$sel4_lt"; do
  [ -n "$v" ] || { echo "bench/boot: a run printed no figure" >&2; exit 1; }
done
t0=$(date +%s%N)
"$qt" --end any --timeout 60 --until-match --expect "$first" --kernel "$dir/kernel.elf32" \
      --module "$dir/loader.elf" >/dev/null
t1=$(date +%s%N)

echo "command: bench/boot/run.sh $b $img   (-cpu $REF_CPU -m 512M -icount shift=0; TSC ticks; wall: our debug kernel, TCG)"
echo "| kernel | root task entry (since reset) | kernel boot | loader (echo system) | kernel boot + loader | at $mhz MHz |"
echo "|---|---|---|---|---|---|"
awk -v oe="$ours_entry" -v okb="$ours_kb" -v se="$sel4_entry" -v ol="$ours_lt" -v sl="$sel4_lt" -v mhz="$mhz" 'BEGIN {
  fw = oe - okb; skb = se - fw
  printf "| seL4 16.0.0 release | %d | ~%d | %d | ~%d | ~%.1f ms |\n", se, skb, sl, skb + sl, (skb + sl) / mhz / 1000
  printf "| ours (kernel-bench) | %d | %d | %d | %d | %.1f ms |\n", oe, okb, ol, okb + ol, (okb + ol) / mhz / 1000
  printf "firmware and Multiboot loading before either kernel: %d ticks (measured on ours)\n", fw }'
echo "wall time from starting QEMU to the first component line ($img, our debug kernel): $(( (t1 - t0) / 1000000 )) ms"
