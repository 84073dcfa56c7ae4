#!/bin/sh
# The runtime cross-check on a .cdl (issue 13: --against takes SYSTEM.cdl): the system's .cdl as
# seL4's parse-capdl prints it back is booted with `capdl-tool run --dump-caps`, and `capdl-tool
# verify PRINTBACK.cdl --against DUMP` must find 0 differences.
# usage: cdl_dump.sh TOOL PARSE_CAPDL SYSTEM.cdl WORKDIR [--elf COMPONENT=FILE]...
set -u
tool=$1 parse=$2 cdl=$3 work=$4
shift 4
fail() {
    echo "cdl_dump: FAIL: $*" >&2
    exit 1
}
[ -x "$parse" ] || fail "seL4's capDL parser not found at $parse"
rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"
name=$(basename "$cdl" .cdl)
"$parse" -t "$work/$name.cdl" "$cdl" >"$work/parse.out" 2>&1 || { cat "$work/parse.out" >&2; fail "parse-capdl"; }
"$tool" run "$work/$name.cdl" -o "$work/image" "$@" --dump-caps "$work/live.dump" >"$work/run.txt" 2>&1 ||
    { cat "$work/run.txt" >&2; fail "capdl-tool run --dump-caps"; }
"$tool" verify "$work/$name.cdl" --no-elf --against "$work/live.dump" >"$work/verify.txt" 2>&1 ||
    { cat "$work/verify.txt" >&2; fail "verify --against found differences"; }
grep -qxF "$name: 0 differences between the spec and $work/live.dump" "$work/verify.txt" ||
    { cat "$work/verify.txt" >&2; fail "not 0 differences"; }
echo "cdl_dump: $name: the live capability state matches the .cdl"
