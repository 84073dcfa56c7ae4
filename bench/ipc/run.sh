#!/bin/sh
# Boots the IPC benchmark root task (bench/ipc/ipc_bench.c) on seL4 16.0.0's release kernel and
# on ours, in the same invocation and on the same QEMU machine (seL4's CPU line, -m 512M,
# -icount shift=0: the guest TSC follows the instruction count, so every figure repeats exactly),
# and prints one table: the median of each benchmark on each kernel and ours / seL4, then our
# kernel without its fastpath and our MCS kernel (kernel-mcs-bench; ipc_bench_mcs:
# the Call servers are passive and run on the caller's donated SC, docs/mcs.md). No figure is compared across runs or machines.
# Usage: bench/ipc/run.sh [BUILD_DIR]   (after building; default build/)
#   REF_SRC=DIR overrides where the gzipped reference kernels are (default ../shared/reference).
set -eu
b=${1:-build}
REF_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
here=$(cd "$(dirname "$0")" && pwd)
runner=$b/tests/harness/qemu-test
bench=$b/bench/ipc/ipc_bench
bench_mcs=$b/bench/ipc/ipc_bench_mcs
sel4=$(reference_file "$REF_RELEASE" "$b/reference")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# figures KERNEL OUT [BENCH]: boots the benchmark (default ipc_bench) and writes "name<TAB>median" lines to OUT. seL4 halts the
# CPU at the end instead of leaving QEMU, so the run stops at the benchmark's last line.
figures() {
  "$runner" --name ipc_bench --timeout 900 --end any --until-match --expect "$here/done.expect" -v --icount \
    --memory 512M --kernel "$1" --module "${3:-$bench}" -- -cpu "$REF_CPU" 2>/dev/null | tr -d '\r' |
    awk '/^bench /{ sub(/^bench /, ""); sub(/ *\(TSC.*/, ""); match($0, / +min /)
      name = substr($0, 1, RSTART - 1); split(substr($0, RSTART), v, " +"); print name "\t" v[5] }' > "$2"
  [ -s "$2" ] || { echo "bench/ipc: no figures from $1" >&2; exit 1; }
}
figures "$sel4" "$work/sel4"
figures "$b/kernel/kernel-bench.elf32" "$work/ours"
figures "$b/kernel/kernel-bench-nofastpath.elf32" "$work/nofp"
figures "$b/kernel/kernel-mcs-bench.elf32" "$work/mcs" "$bench_mcs"

qemu_version=$(qemu-system-x86_64 --version | head -1 | awk '{print $4}')
echo "command: bench/ipc/run.sh $b   (QEMU $qemu_version, -cpu $REF_CPU -m 512M -icount shift=0; median TSC ticks)"
echo "| benchmark | seL4 16.0.0 release | ours (kernel-bench) | ours / seL4 | ours, no fastpath | ours MCS (kernel-mcs-bench) |"
echo "|---|---|---|---|---|---|"
awk -F'\t' 'FILENAME == ARGV[1] { s[$1] = $2; next } FILENAME == ARGV[2] { o[$1] = $2; order[++n] = $1; next }
  FILENAME == ARGV[3] { f[$1] = $2; next }
  { m[$1] = $2 }
  END { for (i = 1; i <= n; i++) { k = order[i]
          r = (k in s && s[k] > 0) ? sprintf("%.2f", o[k] / s[k]) : "-"
          printf "| %s | %s | %s | %s | %s | %s |\n", k, (k in s) ? s[k] : "-", o[k], r, (k in f) ? f[k] : "-",
                 (k in m) ? m[k] : "-" } }' \
  "$work/sel4" "$work/ours" "$work/nofp" "$work/mcs"
