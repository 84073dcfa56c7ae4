#!/bin/sh
# seL4's own example specs (capDL-tool/*.cdl in the shared third_party copy) are for ia32, arm11
# and aarch64: `capdl-tool check` refuses each with exactly one error, the architecture one, at
# the arch line (issue 13), rather than misreading the rest.
# usage: cdl_upstream_arch.sh TOOL EXAMPLES_DIR
set -u
tool=$1 dir=$2
[ -d "$dir" ] || { echo "cdl_upstream_arch: FAIL: $dir not found: clone the shared folder beside the repository" >&2; exit 1; }
n=0
for f in "$dir"/*.cdl; do
    out=$("$tool" check "$f" 2>&1)
    rc=$?
    errors=$(printf '%s\n' "$out" | grep -c 'error:')
    if [ "$rc" != 1 ] || [ "$errors" != 1 ] ||
        ! printf '%s\n' "$out" | grep -q "^$f:[0-9]*:6: error: architecture '[a-z0-9_]*' is not supported: capdl-tool builds x86_64 systems$"; then
        echo "cdl_upstream_arch: FAIL: $f (exit $rc):" >&2
        printf '%s\n' "$out" >&2
        exit 1
    fi
    n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "cdl_upstream_arch: FAIL: no .cdl in $dir" >&2; exit 1; }
echo "cdl_upstream_arch: $n upstream specs refused with one architecture error each"
