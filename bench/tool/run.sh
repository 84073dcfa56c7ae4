#!/bin/sh
# capdl-tool time vs system size: generated systems of 10, 100, 1,000 and 4,000 components (each its
# own address space: the kernel has ASIDs for 4,094, which check enforces)
# (bench/tool/gen_system.awk), `check` and `build` timed at each size (best of 3).
# Usage: bench/tool/run.sh BUILD_DIR   (after building; uses BUILD_DIR/capdl-tool/tests/echo_client.elf)
set -eu
b=${1:-build}; tool=$b/capdl-tool/capdl-tool; here=$(dirname "$0"); w=$(mktemp -d)
cp "$b/capdl-tool/tests/echo_client.elf" "$w/c.elf"
now() { date +%s.%N; }
best() { bt=999; for r in 1 2 3; do s=$(now); "$@" >/dev/null; e=$(now);
         bt=$(awk -v s="$s" -v e="$e" -v b="$bt" 'BEGIN { d = e - s; print (d < b) ? d : b }'); done; echo "$bt"; }
echo "command: bench/tool/run.sh $b"
printf "| components | objects | caps | spec bytes | check (s) | build (s) |\n|---|---|---|---|---|---|\n"
for n in 10 100 1000 4000; do
  awk -v n="$n" -v elf=c.elf -f "$here/gen_system.awk" > "$w/s$n.yaml"
  tc=$(best "$tool" check "$w/s$n.yaml"); mkdir -p "$w/o$n"
  tb=$(best "$tool" build "$w/s$n.yaml" -o "$w/o$n")
  o=$(grep -m1 '"objects"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  c=$(grep -m1 '"caps"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  sz=$(stat -c %s "$w/o$n/bench$n.spec")
  printf "| %s | %s | %s | %s | %.3f | %.3f |\n" "$n" "$o" "$c" "$sz" "$tc" "$tb"
done
rm -rf "$w"
