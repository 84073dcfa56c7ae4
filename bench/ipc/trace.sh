#!/bin/sh
# Where the instructions of one IPC round trip go. Boots ipc_bench_trace (the benchmark with 2
# warm-up rounds and 3 samples) on kernel-bench under -icount shift=0 with one instruction per
# translation block and QEMU's exec log, takes the instructions between the two rdtsc of the
# first Call+ReplyRecv sample (the 4th round of bench_call), and prints them as runs of
# functions and as a count per function. Under -icount each instruction is one TSC tick, so
# the total is the benchmark's figure (bench/ipc/run.sh) less one.
# KERNEL chooses whose kernel runs it: ours (kernel-bench, the default), mcs (kernel-mcs-bench with
# ipc_bench_mcs_trace: the passive-server round trip, docs/mcs.md) or sel4 (seL4 16.0.0's
# release kernel from ../shared/reference, whose 32-bit ELF copy keeps its symbols); both run on
# seL4's CPU line, as in bench/ipc/run.sh.
# FUNCTION chooses the benchmark whose sample is traced: bench_call (the default: Call+ReplyRecv)
# or faulter (the fault round trip; the 3rd round is its first sample after 2 warm-up rounds).
# Usage: bench/ipc/trace.sh [BUILD_DIR] [ROUND] [ours|mcs|sel4] [FUNCTION]   (after building)
set -eu
b=${1:-build}
round=${2:-4}
which=${3:-ours}
func=${4:-bench_call}
REF_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
here=$(cd "$(dirname "$0")" && pwd)
user=$b/bench/ipc/ipc_bench_trace
case $which in
  ours) kernel=$b/kernel/kernel-bench.elf; boot=$b/kernel/kernel-bench.elf32 ;;
  mcs) kernel=$b/kernel/kernel-mcs-bench.elf; boot=$b/kernel/kernel-mcs-bench.elf32; user=$b/bench/ipc/ipc_bench_mcs_trace ;;
  sel4) boot=$(reference_file "$REF_RELEASE" "$b/reference"); kernel=$boot ;;
  *) echo "trace.sh: kernel '$which': expected ours, mcs or sel4" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The two rdtsc of the function (begin and end of one sample).
objdump -d --no-show-raw-insn "$user" | awk -v f="<$func>:" '$2 == f, /^$/' | awk -F: '/rdtsc/ { gsub(/ /, "", $1); print $1 }' \
  > "$work/rdtsc"
[ "$(wc -l < "$work/rdtsc")" -eq 2 ] || { echo "trace.sh: expected 2 rdtsc in $func" >&2; exit 2; }

# Function symbols of both images, by address. A 32-bit ELF copy of a kernel linked in the top
# 2 GiB lists 8-digit addresses: sign-extend them to the 64-bit ones the exec log shows.
{ nm "$kernel" | awk 'length($1) == 8 && $1 ~ /^[89a-f]/ { $1 = "ffffffff" $1 } { print }'; nm "$user"; } |
  awk '$2 ~ /^[tTwW]$/ { print $1, $3 }' | sort > "$work/syms"

# QEMU writes its exec log into a pipe that the awk below reads as it comes: seL4's boot alone
# runs hundreds of millions of instructions, too many to keep on disk. Once awk has the sample
# it exits, and QEMU ends on its next write to the closed pipe.
mkfifo "$work/exec.log"
"$b/tests/harness/qemu-test" --name ipc_trace --timeout 900 --end any --until-match --expect "$here/done.expect" \
  --icount --memory 512M --kernel "$boot" --module "$user" \
  -- -cpu "$REF_CPU" -singlestep -d exec,nochain -D "$work/exec.log" > /dev/null 2>&1 &
qemu_test=$!

# Addresses stay 16-digit hex strings: awk numbers are doubles and lose kernel addresses' low
# bits, while equal-width hex strings compare in address order.
awk -v round="$round" -v syms="$work/syms" -v marks="$work/rdtsc" '
function pad(s) { s = tolower(s); sub(/^0x/, "", s); while (length(s) < 16) s = "0" s; return s }
function name(pc,   lo, hi, mid) { lo = 1; hi = n
  while (lo < hi) { mid = int((lo + hi + 1) / 2); if (addr[mid] <= pc) lo = mid; else hi = mid - 1 }
  return addr[lo] <= pc ? sym[lo] : "?" }
BEGIN { while ((getline l < syms) > 0) { split(l, p, " "); addr[++n] = pad(p[1]); sym[n] = p[2] }
  getline l < marks; start = pad(l); getline l < marks; stop = pad(l) }
/^Trace/ { split($0, a, "/"); pc = a[2]  # QEMU prints the pc as 16 hex digits
  if (pc == start) { seen++; inside = seen == round; next }
  if (!inside) next
  if (pc == stop) exit
  f = name(pc); total++; count[f]++
  if (f != last) { if (last != "") printf "%5d %s\n", run, last; last = f; run = 0 }
  run++ }
END { if (last != "") printf "%5d %s\n", run, last
  printf "instructions between the rdtsc pair: %d\n--- per function\n", total
  for (f in count) printf "%5d %s\n", count[f], f | "sort -rn" }
' "$work/exec.log"
wait $qemu_test || true
