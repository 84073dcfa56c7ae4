#!/bin/sh
# capdl-tool time vs system size: generated systems of 10, 100, 1,000 and 4,000 components (each its
# own address space: the kernel has ASIDs for 4,094, which check enforces)
# (bench/tool/gen_system.awk), `check` and `build` timed at each size (best of 3), and the
# peak memory of one `build` (maximum resident set, by /usr/bin/time: Debian package `time`)
# per spec object.
# Usage: bench/tool/run.sh BUILD_DIR   (after building; uses BUILD_DIR/capdl-tool/tests/echo_client.elf)
set -eu
b=${1:-build}; tool=$b/capdl-tool/capdl-tool; here=$(dirname "$0"); w=$(mktemp -d)
cp "$b/capdl-tool/tests/echo_client.elf" "$w/c.elf"
now() { date +%s.%N; }
best() { bt=999; for r in 1 2 3; do s=$(now); "$@" >/dev/null; e=$(now);
         bt=$(awk -v s="$s" -v e="$e" -v b="$bt" 'BEGIN { d = e - s; print (d < b) ? d : b }'); done; echo "$bt"; }
echo "command: bench/tool/run.sh $b"
peak_kib() { if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o "$w/rss" "$@" >/dev/null && cat "$w/rss"; else echo 0; fi; }
printf "| components | objects | caps | spec bytes | check (s) | build (s) | build peak (MiB) | bytes per object |\n"
printf "|---|---|---|---|---|---|---|---|\n"
for n in 10 100 1000 4000; do
  awk -v n="$n" -v elf=c.elf -f "$here/gen_system.awk" > "$w/s$n.yaml"
  tc=$(best "$tool" check "$w/s$n.yaml"); mkdir -p "$w/o$n"
  tb=$(best "$tool" build "$w/s$n.yaml" -o "$w/o$n")
  o=$(grep -m1 '"objects"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  c=$(grep -m1 '"caps"' "$w/o$n/bench$n.report.json" | tr -dc 0-9)
  sz=$(stat -c %s "$w/o$n/bench$n.spec")
  kib=$(peak_kib "$tool" build "$w/s$n.yaml" -o "$w/o$n")
  printf "| %s | %s | %s | %s | %.3f | %.3f | %.1f | %d |\n" "$n" "$o" "$c" "$sz" "$tc" "$tb" \
    "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$(awk -v k="$kib" -v o="$o" 'BEGIN { print int(k * 1024 / o) }')"
done
rm -rf "$w"
