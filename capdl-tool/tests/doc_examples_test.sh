#!/bin/sh
# Every ```yaml block of docs/yaml-reference.md must pass `capdl-tool check --no-elf`.
# Usage: doc_examples_test.sh CAPDL_TOOL REFERENCE.md WORKDIR
set -eu
tool=$1; ref=$2; w=$3/doc_examples; rm -rf "$w"; mkdir -p "$w"
awk -v d="$w" '/^```yaml$/{n++; f=sprintf("%s/ex%02d.yaml", d, n); on=1; next} /^```$/{on=0} on{print > f}' "$ref"
count=0
for f in "$w"/*.yaml; do "$tool" check "$f" --no-elf >/dev/null || { echo "FAILED: $f"; exit 1; }; count=$((count+1)); done
[ "$count" -ge 9 ] || { echo "FAILED: only $count examples"; exit 1; }
echo "$count examples ok"
