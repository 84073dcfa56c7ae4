#!/bin/sh
# The .cdl a build writes is seL4's capDL (issue 13), checked against seL4's own parser:
#   1. parse-capdl (../shared/tools/parse-capdl beside the repository) accepts it;
#   2. its print-back (-t) describes the same system: capdl-tool reads both to the same text;
#   3. the print-back, built as a .cdl, gives a binary spec byte-identical to the one built
#      from the YAML (YAML -> our .cdl -> parse-capdl -t -> read-cdl -> spec).
#
# usage: cdl_interop.sh TOOL PARSE_CAPDL WORKDIR image DIR [BUILD ARGS...]
#        cdl_interop.sh TOOL PARSE_CAPDL WORKDIR yaml SYSTEM.yaml [BUILD ARGS...]
# image: DIR holds <system>.cdl, .spec and .report.json (capdl_system's image folder);
# yaml: builds SYSTEM.yaml with --no-image and the build args (--elf ...) into WORKDIR first.
set -u
tool=$1 parse=$2 work=$3 mode=$4
shift 4

fail() {
    echo "cdl_interop: FAIL: $*" >&2
    exit 1
}

if [ ! -x "$parse" ]; then
    fail "seL4's capDL parser not found at $parse: clone the shared folder beside the repository \
(../shared/tools/parse-capdl); it needs libyaml-0-2, libgmp10 and libffi8 (scripts/setup.sh)"
fi
rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"

if [ "$mode" = yaml ]; then
    yaml=$1
    shift
    "$tool" build "$yaml" -o "$work/yaml" --no-image "$@" || fail "capdl-tool build $yaml failed"
    dir=$work/yaml
else
    dir=$1
    shift
fi
cdl=$(ls "$dir"/*.cdl 2>/dev/null | head -n 1)
[ -n "$cdl" ] || fail "no .cdl in $dir (build the image first)"
system=$(basename "$cdl" .cdl)

# 1. the referee
if ! "$parse" -t "$work/printback.cdl" "$cdl" >"$work/parse.out" 2>&1; then
    cat "$work/parse.out" >&2
    fail "parse-capdl refused $cdl"
fi

# 2. the same system
"$tool" read-cdl "$cdl" >"$work/ours.txt" || fail "capdl-tool read-cdl $cdl failed"
"$tool" read-cdl "$work/printback.cdl" >"$work/theirs.txt" || fail "capdl-tool cannot read parse-capdl's print-back"
diff -u "$work/ours.txt" "$work/theirs.txt" >&2 || fail "parse-capdl's print-back of $cdl describes another system"

# 3. the same binary spec
ram=$(sed -n 's/.*"ram_bytes": *\([0-9][0-9]*\).*/\1/p' "$dir/$system.report.json" | head -n 1)
mkdir -p "$work/rt" && cp "$work/printback.cdl" "$work/rt/$system.cdl"
# only the build options that shape the spec carry over (not --elf: a .cdl names its files itself)
keep=""
for a in "$@"; do
    [ "$a" = --no-memory-check ] && keep="$keep $a"
done
# shellcheck disable=SC2086
"$tool" build "$work/rt/$system.cdl" -o "$work/rt/out" --no-image --memory "$ram" $keep ||
    fail "capdl-tool build of the print-back failed"
cmp "$dir/$system.spec" "$work/rt/out/$system.spec" ||
    fail "the spec built from parse-capdl's print-back differs from the one built from the YAML"
echo "cdl_interop: $system: parse-capdl accepts it; print-back reads back to the same system and spec"
