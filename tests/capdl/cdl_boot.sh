#!/bin/sh
# A system written as capDL by seL4's own tool boots: our build writes the system's .cdl (from a
# YAML with --no-image, or an image folder's), parse-capdl prints it back in its canonical form
# (-t), and `capdl-tool run` builds and boots that print-back.
# usage: cdl_boot.sh TOOL PARSE_CAPDL SYSTEM.yaml|SYSTEM.cdl WORKDIR [--elf COMPONENT=FILE]... -- [RUN ARGS]
set -u
tool=$1 parse=$2 system=$3 work=$4
shift 4
[ -x "$parse" ] || { echo "cdl_boot: FAIL: seL4's capDL parser not found at $parse" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" || exit 2
elfs=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    elfs="$elfs $1"
    shift
done
[ $# -gt 0 ] && shift
cdl=$system
case "$system" in
*.yaml)
    # shellcheck disable=SC2086
    "$tool" build "$system" -o "$work/yaml" --no-image $elfs || exit 1
    cdl=$(ls "$work"/yaml/*.cdl) ;;
esac
name=$(basename "$cdl" .cdl)
"$parse" -t "$work/$name.cdl" "$cdl" >"$work/parse.out" 2>&1 || { cat "$work/parse.out" >&2; exit 1; }
# shellcheck disable=SC2086
exec "$tool" run "$work/$name.cdl" -o "$work/image" $elfs "$@"
