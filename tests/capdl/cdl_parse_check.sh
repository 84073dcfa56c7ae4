#!/bin/sh
# seL4's capDL parser accepts a .cdl silently and prints it back (-t); the .cdl's first lines
# name the expected architecture. Used for the AArch64 systems (tests/examples; the full round
# trip through our reader is cdl_interop.sh).
# usage: cdl_parse_check.sh PARSE_CAPDL FILE.cdl ARCH WORKDIR
set -u
parse=$1 cdl=$2 arch=$3 work=$4
fail() {
    echo "cdl_parse_check: FAIL: $*" >&2
    exit 1
}
[ -x "$parse" ] || fail "seL4's capDL parser not found at $parse (../shared/tools/parse-capdl)"
[ -f "$cdl" ] || fail "no $cdl (build first)"
grep -qx "arch $arch" "$cdl" || fail "$cdl does not say 'arch $arch'"
mkdir -p "$work" || fail "cannot create $work"
if ! "$parse" -t "$work/printback.cdl" "$cdl" >"$work/parse.out" 2>&1 || [ -s "$work/parse.out" ]; then
    cat "$work/parse.out" >&2
    fail "parse-capdl refused $cdl"
fi
grep -qx "arch $arch" "$work/printback.cdl" || fail "parse-capdl's print-back is not 'arch $arch'"
echo "cdl_parse_check: $cdl: accepted by parse-capdl as $arch"
