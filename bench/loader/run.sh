#!/bin/sh
# Loader cost vs system size (issue 7, issue 18): generated systems (bench/tool/gen_system.awk:
# 38 objects per component) of about 1,000, 10,000 and 50,000 objects, built by capdl-tool with
# the loader's phase-timing variant (capdl-loader-phases.elf) and booted on the benchmark kernel
# under -icount shift=0 (the guest TSC counts instructions: exactly repeatable). Prints the
# loader's TSC ticks in total and per object, spec bytes per object (all of it, and all but the
# cap table) and the cap table's bytes per cap, the image size, the kernel's own boot time, then
# the ticks per object of each loader phase, where the spec's bytes go (each table's bytes per
# object) and the ticks of single kernel invocations.
# Usage: bench/loader/run.sh [BUILD_DIR]   (after building; default build/)
set -eu
b=${1:-build}; here=$(cd "$(dirname "$0")" && pwd); w=$(mktemp -d)
tool=$b/capdl-tool/capdl-tool
# Bytes of the spec's cap table (capdl/spec.h: the header's table list starts at byte 40, one
# (offset, count) pair of 32-bit words a table, 8 tables, caps second): up to the next table's
# offset. (Until format 4 this read from byte 32, the list's place before the domain schedule's
# two header words: the cap and "other" columns were off since format 2.)
cap_table_bytes() {
  od -An -t u4 -j 40 -N 64 -v "$1" | tr -s ' ' '\n' | grep -v '^$' |
    awk 'NR % 2 == 1 { off[++n] = $1 } END { e = 2147483647; for (i = 1; i <= n; i++) if (off[i] > off[2] && off[i] < e) e = off[i]; print e - off[2] }'
}
# Each table's bytes (count times its record size, capdl/spec.h: objects and caps 12 since format
# 5), then the header with the padding that aligns the tables, one "SIZE NAME BYTES" line each.
spec_tables() {
  total=$(od -An -t u4 -j 8 -N 4 "$1" | tr -d ' ')
  od -An -t u4 -j 40 -N 64 -v "$1" | tr -s ' ' '\n' | grep -v '^$' |
    awk -v o="$2" -v total="$total" 'NR % 2 == 0 { count[NR / 2] = $1 }
      END { split("objects caps tcbs fills irqs wide strings domain_schedule", name, " ")
            split("12 12 72 24 16 8 1 8", size, " ")
            for (t = 1; t <= 8; t++) { used += count[t] * size[t]; print o, name[t], count[t] * size[t] }
            print o, "header_and_padding", total - used }'
}
cp "$b/capdl-tool/tests/echo_client.elf" "$w/c.elf"
echo "command: bench/loader/run.sh $b   (kernel-bench, capdl-loader-phases.elf, -icount shift=0, -m 2G)"
echo "| components | objects | caps | spec bytes/object | cap table bytes/cap | other spec bytes/object | loader.elf bytes | kernel boot (ticks) | loader (ticks) | ticks/object |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in 26 263 1316; do
  awk -v n="$n" -v elf=c.elf -f "$here/../tool/gen_system.awk" | sed 's/^memory: .*/memory: 2G/' > "$w/s$n.yaml"
  "$tool" build "$w/s$n.yaml" -o "$w/img$n" --kernel "$b/kernel/kernel-bench.elf32" \
    --loader "$b/capdl-loader/capdl-loader-phases.elf" >/dev/null
  out=$("$b/tests/harness/qemu-test" -v --icount --memory 2G --end any --timeout 900 --until-match \
        --expect "$here/loader.expect" --kernel "$w/img$n/kernel.elf32" --module "$w/img$n/loader.elf" 2>&1 | tr -d '\r')
  kb=$(echo "$out" | sed -n 's/^Boot: kernel boot took \([0-9]*\) TSC ticks.*/\1/p' | head -1)
  line=$(echo "$out" | grep -m1 '^capdl-loader: [0-9]* objects')
  objs=$(echo "$line" | awk '{print $2}'); caps=$(echo "$line" | awk '{print $4}')
  lt=$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "TSC") print $(i-1)}')
  sb=$(stat -c %s "$w/img$n/bench$n.spec"); lb=$(stat -c %s "$w/img$n/loader.elf")
  cb=$(cap_table_bytes "$w/img$n/bench$n.spec")
  spec_tables "$w/img$n/bench$n.spec" "$objs" >> "$w/tables"
  awk -v n="$n" -v o="$objs" -v c="$caps" -v sb="$sb" -v cb="$cb" -v lb="$lb" -v kb="$kb" -v lt="$lt" \
    'BEGIN { printf "| %d | %d | %d | %.1f | %.1f | %.1f | %d | %d | %d | %.0f |\n", n, o, c, sb / o, cb / c, (sb - cb) / o, lb, kb, lt, lt / o }'
  echo "$out" | grep -m1 '^capdl-loader: phase ticks:' | sed 's/^capdl-loader: phase ticks: //' | tr ' ' '\n' |
    awk -v o="$objs" -F= '{ printf "%s %s %.0f\n", o, $1, $2 / o }' >> "$w/phases"
  echo "$out" | grep -m1 '^capdl-loader: kernel invocation ticks:' | sed 's/^capdl-loader: kernel invocation ticks: //' |
    tr ' ' '\n' | awk -v o="$objs" -F= '{ print o, $1, $2 }' >> "$w/invocations"
done
# One row per phase (ticks per object of the whole system), then one row per kind of kernel
# invocation (ticks of one, timed by the loader after loading); one column per size.
table() {
awk -v title="$1" '
  !($1 in seen) { seen[$1] = 1; sizes[++ns] = $1 }
  !($2 in known) { known[$2] = 1; names[++np] = $2 }
  { v[$2, $1] = $3; total[$1] += $3 }
  END {
    printf "\n| %s |", title; for (s = 1; s <= ns; s++) printf " %s objects |", sizes[s]; printf "\n|---|"
    for (s = 1; s <= ns; s++) printf "---|"; printf "\n"
    for (p = 1; p <= np; p++) {
      printf "| %s |", names[p]; for (s = 1; s <= ns; s++) printf " %d |", v[names[p], sizes[s]]; printf "\n"
    }
    if (title ~ /phase/) { printf "| sum of phases |"; for (s = 1; s <= ns; s++) printf " %d |", total[sizes[s]]; printf "\n" }
  }' "$2"
}
table "phase (ticks/object)" "$w/phases"
# The spec's bytes per object by table, one decimal (the table() above rounds to integers).
awk '!($1 in seen) { seen[$1] = 1; sizes[++ns] = $1 }
  !($2 in known) { known[$2] = 1; names[++np] = $2 }
  { v[$2, $1] = $3 / $1; total[$1] += $3 / $1 }
  END {
    printf "\n| spec table (bytes/object) |"; for (s = 1; s <= ns; s++) printf " %s objects |", sizes[s]; printf "\n|---|"
    for (s = 1; s <= ns; s++) printf "---|"; printf "\n"
    for (p = 1; p <= np; p++) {
      printf "| %s |", names[p]; for (s = 1; s <= ns; s++) printf " %.1f |", v[names[p], sizes[s]]; printf "\n"
    }
    printf "| the whole spec |"; for (s = 1; s <= ns; s++) printf " %.1f |", total[sizes[s]]; printf "\n"
  }' "$w/tables"
table "one kernel invocation (ticks)" "$w/invocations"
rm -rf "$w"
