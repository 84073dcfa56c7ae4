#!/bin/sh
# capdl-tool time vs system size: generated systems (bench/tool/gen_system.awk) of 10, 100, 1,000
# and 4,000 components for x86_64 and, with the AArch64 build's component, of 10,000 and 65,000
# for AArch64. Each component is its own address space: x86_64's kernel has ASIDs for 4,094 of
# them, AArch64's for 65,534 (check enforces both), so 10,000 components exist only on AArch64
# and no system of 100,000 exists on either. `check` and `build` are timed at each size (best
# of 3; one run at 65,000), and the peak memory of one `build` (maximum resident set, by
# /usr/bin/time: Debian package `time`) per spec object is reported.
# Usage: bench/tool/run.sh BUILD_DIR [SIZES]   (after building; uses
#   BUILD_DIR/capdl-tool/tests/echo_client.elf and BUILD_DIR/aarch64/examples/bench_echo_client.elf;
#   SIZES, default "10 100 1000 4000 a10000 a65000": an "a" prefix means AArch64)
set -eu
b=${1:-build}; sizes=${2:-"10 100 1000 4000 a10000 a65000"}
tool=$b/capdl-tool/capdl-tool; here=$(dirname "$0"); w=$(mktemp -d)
cp "$b/capdl-tool/tests/echo_client.elf" "$w/c.elf"
arm_elf=$b/aarch64/examples/bench_echo_client.elf
now() { date +%s.%N; }
best() { bt=999; r=0; while [ "$r" -lt "$runs" ]; do r=$((r + 1)); s=$(now); "$@" >/dev/null; e=$(now);
         bt=$(awk -v s="$s" -v e="$e" -v b="$bt" 'BEGIN { d = e - s; print (d < b) ? d : b }'); done; echo "$bt"; }
echo "command: bench/tool/run.sh $b \"$sizes\""
peak_kib() { if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o "$w/rss" "$@" >/dev/null && cat "$w/rss"; else echo 0; fi; }
printf "| components | arch | objects | caps | spec bytes | check (s) | build (s) | build peak (MiB) | bytes per object |\n"
printf "|---|---|---|---|---|---|---|---|---|\n"
for size in $sizes; do
  n=${size#a}; arch=x86_64; elf=c.elf; mem=3G; runs=3
  if [ "$n" != "$size" ]; then
    arch=aarch64; elf=a.elf
    if [ ! -f "$arm_elf" ]; then echo "($size skipped: no $arm_elf)"; continue; fi
    cp "$arm_elf" "$w/a.elf"
  fi
  # about 142 KiB of RAM a component; more than 10,000 components need more than 3 GiB
  if [ "$n" -gt 10000 ]; then mem=$(( (n * 150 / 1024 / 1024) + 1 ))G; runs=1; fi
  awk -v n="$n" -v elf="$elf" -v mem="$mem" -f "$here/gen_system.awk" > "$w/s$n.yaml"
  tc=$(best "$tool" check "$w/s$n.yaml"); mkdir -p "$w/o$n"
  tb=$(best "$tool" build "$w/s$n.yaml" -o "$w/o$n")
  o=$(grep -m1 '"objects"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  c=$(grep -m1 '"caps"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  sz=$(stat -c %s "$w/o$n/bench$n.spec")
  kib=$(peak_kib "$tool" build "$w/s$n.yaml" -o "$w/o$n")
  printf "| %s | %s | %s | %s | %s | %.3f | %.3f | %.1f | %d |\n" "$n" "$arch" "$o" "$c" "$sz" "$tc" "$tb" \
    "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$(awk -v k="$kib" -v o="$o" 'BEGIN { print int(k * 1024 / o) }')"
  rm -rf "$w/o$n" "$w/s$n.yaml"
done
rm -rf "$w"
