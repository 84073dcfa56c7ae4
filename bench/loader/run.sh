#!/bin/sh
# Loader cost vs system size (issue 7): generated systems (bench/tool/gen_system.awk: 38 objects
# per component) of about 1,000, 10,000 and 50,000 objects, built by capdl-tool and booted on the
# benchmark kernel under -icount shift=0 (the guest TSC counts instructions: exactly
# repeatable). Prints the loader's TSC ticks in total and per object, spec bytes per object,
# the image size, and the kernel's own boot time.
# Usage: bench/loader/run.sh [BUILD_DIR]   (after building; default build/)
set -eu
b=${1:-build}; here=$(cd "$(dirname "$0")" && pwd); w=$(mktemp -d)
tool=$b/capdl-tool/capdl-tool
cp "$b/capdl-tool/tests/echo_client.elf" "$w/c.elf"
echo "command: bench/loader/run.sh $b   (kernel-bench, -icount shift=0, -m 2G)"
echo "| components | objects | spec bytes/object | loader.elf bytes | kernel boot (ticks) | loader (ticks) | ticks/object |"
echo "|---|---|---|---|---|---|---|"
for n in 26 263 1316; do
  awk -v n="$n" -v elf=c.elf -f "$here/../tool/gen_system.awk" | sed 's/^memory: .*/memory: 2G/' > "$w/s$n.yaml"
  "$tool" build "$w/s$n.yaml" -o "$w/img$n" --kernel "$b/kernel/kernel-bench.elf32" >/dev/null
  out=$("$b/tests/harness/qemu-test" -v --icount --memory 2G --end any --timeout 900 --until-match \
        --expect "$here/loader.expect" --kernel "$w/img$n/kernel.elf32" --module "$w/img$n/loader.elf" 2>&1 | tr -d '\r')
  kb=$(echo "$out" | sed -n 's/^Boot: kernel boot took \([0-9]*\) TSC ticks.*/\1/p' | head -1)
  line=$(echo "$out" | grep -m1 '^capdl-loader: [0-9]* objects')
  objs=$(echo "$line" | awk '{print $2}'); lt=$(echo "$line" | awk '{for (i = 1; i <= NF; i++) if ($i == "TSC") print $(i-1)}')
  sb=$(stat -c %s "$w/img$n/bench$n.spec"); lb=$(stat -c %s "$w/img$n/loader.elf")
  awk -v n="$n" -v o="$objs" -v sb="$sb" -v lb="$lb" -v kb="$kb" -v lt="$lt" \
    'BEGIN { printf "| %d | %d | %.1f | %d | %d | %d | %.0f |\n", n, o, sb / o, lb, kb, lt, lt / o }'
done
rm -rf "$w"
