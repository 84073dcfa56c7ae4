#!/bin/sh
# capdl-tool command line: exit codes 0/1/2, --help, build writes byte-identical outputs when run
# twice, decode and read-cdl accept what build wrote, --dump-caps sets only the spec's dump
# flag. Usage: cli_test.sh CAPDL_TOOL BUILD_DIR
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
for f in echo.cdl echo.spec echo.report.json kernel.elf32 loader.elf run; do cmp "$out/a/$f" "$out/b/$f" || fail "$f differs between two builds"; done
expect 0 "$tool" decode "$out/a/echo.spec"
expect 0 "$tool" read-cdl "$out/a/echo.cdl"
"$tool" read-cdl "$out/a/echo.cdl" >"$out/again.cdl" && cmp "$out/a/echo.cdl" "$out/again.cdl" || fail ".cdl round trip"
[ -x "$out/a/run" ] || fail "build wrote no executable run script"
expect 0 "$tool" decode "$out/a/loader.elf"
"$tool" decode "$out/a/loader.elf" >"$out/img.txt" && "$tool" decode "$out/a/echo.spec" >"$out/spec.txt" &&
  cmp "$out/img.txt" "$out/spec.txt" || fail "the spec embedded in loader.elf differs from echo.spec"
mkdir -p "$out/c"
expect 0 "$tool" build "$dir/echo.yaml" -o "$out/c" --no-image
[ ! -e "$out/c/loader.elf" ] || fail "--no-image wrote loader.elf"
expect 2 "$tool" build "$dir/echo.yaml" -o "$out/d" --loader /nonexistent/loader.elf
expect 2 "$tool" build "$dir/echo.yaml" -o "$out/d" --kernel /nonexistent/kernel.elf32
CAPDL_LOADER=/nonexistent/env-loader.elf "$tool" build "$dir/echo.yaml" -o "$out/d" 2>"$out/log"
grep -q "/nonexistent/env-loader.elf" "$out/log" || fail "CAPDL_LOADER is not used"
expect 2 "$tool" build "$dir/echo.yaml" -o "$out/d" --loader "$dir/echo_server.elf"
grep -q "no section '.capdl_blob'" "$out/log" || fail "a loader without .capdl_blob: $(cat "$out/log")"
expect 2 "$tool" build "$dir/echo.yaml" -o "$out/d" --elf nosuch=x.elf
expect 1 "$tool" build "$dir/echo.yaml" -o "$out/d" --elf client_2=/nonexistent/c2.elf
expect 2 "$tool" run "$dir/echo.yaml" --no-image
expect 2 "$tool" check "$dir/echo.yaml" -- -d int
if ! command -v grub-mkrescue >/dev/null 2>&1; then
  expect 2 "$tool" build "$dir/echo.yaml" -o "$out/d" --iso
  grep -q "needs grub-mkrescue" "$out/log" || fail "--iso without grub-mkrescue: $(cat "$out/log")"
fi
# The .cdl front end: an image from the written .cdl and the ELFs its fills name (the spec is
# not byte-identical to the YAML build's: the .cdl names every object and has no memory size).
mkdir -p "$out/e"
expect 0 "$tool" build "$out/a/echo.cdl" -o "$out/e" --elf echo_server="$dir/echo_server.elf" \
  --elf client_1="$dir/echo_client.elf" --elf client_2="$dir/echo_client.elf"
[ -s "$out/e/loader.elf" ] && [ -x "$out/e/run" ] || fail ".cdl build: no image"
expect 2 "$tool" build "$out/a/echo.cdl" -o "$out/e"
# --dump-caps: build sets the spec's dump flag (decode shows it, nothing else changes); without it
# the header has none; run needs the dump's file; other commands refuse it.
mkdir -p "$out/f"
expect 0 "$tool" build "$dir/echo.yaml" -o "$out/f" --dump-caps
"$tool" decode "$out/f/echo.spec" | head -1 | grep -q ', capability dump after loading$' || fail "decode shows no dump flag"
"$tool" decode "$out/a/echo.spec" | head -1 | grep -q 'capability dump' && fail "dump flag without --dump-caps"
"$tool" decode "$out/f/echo.spec" | tail -n +2 >"$out/flag.txt" && tail -n +2 "$out/spec.txt" >"$out/noflag.txt" &&
  cmp "$out/flag.txt" "$out/noflag.txt" || fail "--dump-caps changed more than the header"
cmp "$out/a/echo.cdl" "$out/f/echo.cdl" || fail "--dump-caps changed the .cdl"
expect 2 "$tool" run "$dir/echo.yaml" --dump-caps
expect 2 "$tool" check "$dir/echo.yaml" --dump-caps
printf 'garbage' >"$out/bad.spec"
expect 1 "$tool" decode "$out/bad.spec"
echo "capdl_tool_cli: ok"
