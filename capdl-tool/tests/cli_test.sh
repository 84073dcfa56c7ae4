#!/bin/sh
# capdl-tool command line: exit codes 0/1/2, --help, build writes byte-identical outputs when run
# twice, decode and read-cdl accept what build wrote. Usage: cli_test.sh CAPDL_TOOL BUILD_DIR
set -u
tool=$1; dir=$2; out=$dir/cli_out; rm -rf "$out"; mkdir -p "$out/a" "$out/b"
fail() { echo "FAILED: $*"; exit 1; }
expect() { want=$1; shift; "$@" >"$out/log" 2>&1; got=$?; [ "$got" = "$want" ] || { cat "$out/log"; fail "$* exited $got, want $want"; }; }
expect 0 "$tool" --help
expect 0 "$tool" check --help
expect 2 "$tool"
expect 2 "$tool" frobnicate x
expect 2 "$tool" check /nonexistent.yaml
expect 1 "$tool" check "$(dirname "$0")/fixtures/cap_unknown_right.yaml"
expect 0 "$tool" check "$dir/echo.yaml"
expect 1 "$tool" check "$dir/echo.yaml" --memory 16M --reserved 16M
expect 0 "$tool" build "$dir/echo.yaml" -o "$out/a"
expect 0 "$tool" build "$dir/echo.yaml" -o "$out/b"
for f in echo.cdl echo.spec echo.report.json; do cmp "$out/a/$f" "$out/b/$f" || fail "$f differs between two builds"; done
expect 0 "$tool" decode "$out/a/echo.spec"
expect 0 "$tool" read-cdl "$out/a/echo.cdl"
"$tool" read-cdl "$out/a/echo.cdl" >"$out/again.cdl" && cmp "$out/a/echo.cdl" "$out/again.cdl" || fail ".cdl round trip"
printf 'garbage' >"$out/bad.spec"
expect 1 "$tool" decode "$out/bad.spec"
echo "capdl_tool_cli: ok"
