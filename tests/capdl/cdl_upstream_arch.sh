#!/bin/sh
# seL4's own example specs (capDL-tool/*.cdl in the shared third_party copy) are for ia32, arm11
# and aarch64. `capdl-tool check` refuses each with exactly one error at file:line:col, rather
# than misreading the rest: an ia32 or arm11 spec at its arch line (issue 13); an aarch64 spec is
# read (issue 17) and refused only at a construct the loader cannot build (seL4's example-aarch64
# places objects in given untypeds: "untyped covers").
# usage: cdl_upstream_arch.sh TOOL EXAMPLES_DIR
set -u
tool=$1 dir=$2
[ -d "$dir" ] || { echo "cdl_upstream_arch: FAIL: $dir not found: clone the shared folder beside the repository" >&2; exit 1; }
n=0
for f in "$dir"/*.cdl; do
    out=$("$tool" check "$f" 2>&1)
    rc=$?
    errors=$(printf '%s\n' "$out" | grep -c 'error:')
    if grep -q '^arch aarch64' "$f"; then
        want="^$f:[0-9]*:[0-9]*: error: untyped covers (objects placed in a given untyped, for static allocation) are not supported: capdl-tool allocates every object$"
    else
        want="^$f:[0-9]*:6: error: architecture '[a-z0-9_]*' is not supported: capdl-tool builds x86_64 and aarch64 systems$"
    fi
    if [ "$rc" != 1 ] || [ "$errors" != 1 ] || ! printf '%s\n' "$out" | grep -q "$want"; then
        echo "cdl_upstream_arch: FAIL: $f (exit $rc):" >&2
        printf '%s\n' "$out" >&2
        exit 1
    fi
    n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "cdl_upstream_arch: FAIL: no .cdl in $dir" >&2; exit 1; }
echo "cdl_upstream_arch: $n upstream specs refused with one error each (aarch64: at a construct, others: the architecture)"
