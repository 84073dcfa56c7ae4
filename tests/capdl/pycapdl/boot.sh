#!/bin/sh
# A system written by seL4's python-capdl-tool (gen_systems.py, from our example ELFs) is
# accepted by seL4's parse-capdl and boots with `capdl-tool run SYSTEM.cdl`.
# usage: boot.sh TOOL PARSE_CAPDL PYTHON_CAPDL_DIR SYSTEM WORKDIR EXPECT COMPONENT=ELF... [-- RUN ARGS]
set -u
tool=$1 parse=$2 pycapdl=$3 system=$4 work=$5 expect=$6
shift 6
fail() {
    echo "pycapdl_boot: FAIL: $*" >&2
    exit 1
}
[ -d "$pycapdl/capdl" ] || fail "python-capdl-tool not found at $pycapdl (the shared folder beside the repository)"
[ -x "$parse" ] || fail "seL4's capDL parser not found at $parse"
rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"
comps=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    comps="$comps $1"
    shift
done
[ $# -gt 0 ] && shift
# shellcheck disable=SC2086
/usr/bin/python3 "$(dirname "$0")/gen_systems.py" "$pycapdl" "$system" "$work/$system.cdl" $comps ||
    fail "python-capdl-tool did not write $system"
"$parse" -t "$work/printback.cdl" "$work/$system.cdl" >"$work/parse.out" 2>&1 ||
    { cat "$work/parse.out" >&2; fail "parse-capdl refused python-capdl-tool's $system.cdl"; }
elfs=""
for e in $comps; do
    elfs="$elfs --elf $e"
done
# shellcheck disable=SC2086
exec "$tool" run "$work/$system.cdl" -o "$work/image" $elfs --expect "$expect" --end halt --timeout 60 "$@"
