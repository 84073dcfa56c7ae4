#!/bin/sh
# The object and cap counts of `capdl-tool check` (with the ELFs) and of the loader's summary
# line at boot are one definition: the spec's records. Checks that they are equal for a system.
# usage: counts.sh CAPDL_TOOL WORK SYSTEM.yaml [--elf KEY=FILE]...
set -eu
tool=$1; work=$2; yaml=$3; shift 3
rm -rf "$work" && mkdir -p "$work"
line=$("$tool" check "$yaml" "$@")
objs=$(echo "$line" | sed -n 's/.*: ok: \([0-9]*\) objects, \([0-9]*\) caps,.*/\1/p')
caps=$(echo "$line" | sed -n 's/.*: ok: \([0-9]*\) objects, \([0-9]*\) caps,.*/\2/p')
[ -n "$objs" ] && [ -n "$caps" ] || { echo "counts: no counts in: $line"; exit 1; }
printf 'capdl-loader: %s objects, %s caps (\n' "$objs" "$caps" > "$work/counts.expect"
echo "counts: check says $objs objects, $caps caps; the loader must say the same"
exec "$tool" run "$yaml" -o "$work/image" "$@" --expect "$work/counts.expect" --until-match --timeout 60
