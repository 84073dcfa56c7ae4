#!/bin/sh
# capdl-tool run --log FILE (issue 14): the run writes the console to FILE and, without an
# expectation file, also shows it. Boots SYSTEM until it halts and checks that both the log and
# the shown output carry LINE.
# usage: run_log.sh CAPDL_TOOL WORK_DIR SYSTEM.yaml LINE [--elf KEY=FILE]...
set -eu
tool=$1 work=$2 yaml=$3 line=$4
shift 4
rm -rf "$work" && mkdir -p "$work"
"$tool" run "$yaml" -o "$work/image" "$@" --log "$work/console.log" --end halt --timeout 60 > "$work/shown.txt" 2>&1 ||
  { echo "FAILED: capdl-tool run --log exited $?"; cat "$work/shown.txt"; exit 1; }
grep -qF "$line" "$work/console.log" || { echo "FAILED: '$line' is not in the log"; cat "$work/console.log"; exit 1; }
grep -qF "$line" "$work/shown.txt" || { echo "FAILED: '$line' was not shown"; cat "$work/shown.txt"; exit 1; }
echo "PASS: run --log wrote and showed the console"
