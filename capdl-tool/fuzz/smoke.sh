#!/bin/sh
# A short fuzzing run for ctest: FUZZER for SECONDS seconds (fixed seed) from the seeds in
# SEED_DIR with the dictionary DICT ("-" for none). New inputs go to a fresh temporary folder
# (the seeds are never written); a crashing input is saved in ARTIFACT_DIR.
# Usage: smoke.sh FUZZER SEED_DIR DICT ARTIFACT_DIR SECONDS
set -eu
fuzzer=$1; seeds=$2; dict=$3; artifacts=$4; secs=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
set -- -max_total_time="$secs" -seed=1 -timeout=10 -detect_leaks=1 -artifact_prefix="$artifacts/" \
       -print_final_stats=1
[ "$dict" = "-" ] || set -- "$@" -dict="$dict"
if ! "$fuzzer" "$@" "$work/corpus" "$seeds" >"$work/log" 2>&1; then
  cat "$work/log"
  echo "FAILED: $fuzzer found a problem; the input is in $artifacts/ (run the fuzzer on that file to reproduce)"
  exit 1
fi
grep -E '^#[0-9]+.*(INITED|DONE)|^stat::number_of_executed_units' "$work/log" || true
