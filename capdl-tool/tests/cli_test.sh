#!/bin/sh
# capdl-tool command line: exit codes 0/1/2, --help and --version, the one-line usage errors,
# build writes byte-identical outputs when run twice, decode and read-cdl accept what build
# wrote, a .cdl goes through check, build, verify and graph as YAML does, --elf paths are taken
# from the current folder for both, --dump-caps sets only the spec's dump flag.
# Usage: cli_test.sh CAPDL_TOOL BUILD_DIR
set -u
tool=$1; dir=$2; out=$dir/cli_out; rm -rf "$out"; mkdir -p "$out/a" "$out/b"
fail() { echo "FAILED: $*"; exit 1; }
expect() { want=$1; shift; "$@" >"$out/log" 2>&1; got=$?; [ "$got" = "$want" ] || { cat "$out/log"; fail "$* exited $got, want $want"; }; }
expect 0 "$tool" --help
expect 0 "$tool" check --help
expect 2 "$tool"
expect 2 "$tool" frobnicate x
# --help of every command on stdout, exit 0; check's lists --elf
for c in check build run gen-source patch decode read-cdl verify graph; do
  "$tool" $c --help >"$out/help" 2>"$out/help.err" || fail "$c --help exited $?"
  [ -s "$out/help" ] && [ ! -s "$out/help.err" ] || fail "$c --help does not print to stdout only"
  grep -q "^usage: capdl-tool $c " "$out/help" || fail "$c --help does not show $c's usage"
done
"$tool" check --help | grep -q -- '--elf KEY=FILE' || fail "check's usage does not list --elf"
"$tool" --help | grep -q "^  graph " || fail "--help does not list the commands"
"$tool" --version >"$out/version" || fail "--version exited $?"
grep -q '^capdl-tool [0-9]' "$out/version" || fail "--version: $(cat "$out/version")"
# usage errors: one line on stderr naming the problem, nothing on stdout, exit 2
usage_error() {
  want=$1; shift
  "$@" >"$out/stdout" 2>"$out/stderr"; got=$?
  [ "$got" = 2 ] || fail "$* exited $got, want 2"
  [ ! -s "$out/stdout" ] || fail "$* printed on stdout: $(cat "$out/stdout")"
  [ "$(cat "$out/stderr")" = "$want" ] || fail "$*: stderr is '$(cat "$out/stderr")', want '$want'"
}
usage_error "capdl-tool: no command given (capdl-tool --help lists the commands)" "$tool"
usage_error "capdl-tool: unknown command 'frobnicate' (capdl-tool --help lists the commands)" "$tool" frobnicate x
usage_error "capdl-tool: unknown command 'bild': did you mean 'build'?" "$tool" bild x.yaml
usage_error "capdl-tool: unknown option '--fooo' (a command comes first: capdl-tool --help)" "$tool" --fooo
usage_error "capdl-tool check: unknown option '--fooo'" "$tool" check x.yaml --fooo
usage_error "capdl-tool build: unknown option '--elff': did you mean '--elf'?" "$tool" build x.yaml -o d --elff a=b
usage_error "capdl-tool check: option '--timeout' does not apply to this command" "$tool" check x.yaml --timeout 5
usage_error "capdl-tool graph: option '--strict' does not apply to this command" "$tool" graph x.yaml --strict
usage_error "capdl-tool build: option '-o' is required" "$tool" build x.yaml
usage_error "capdl-tool build: option '-o' needs a value" "$tool" build x.yaml -o
usage_error "capdl-tool check: unexpected argument 'y.yaml'" "$tool" check x.yaml y.yaml
usage_error "capdl-tool check: missing arguments (usage: capdl-tool check SYSTEM.yaml|SYSTEM.cdl [--memory SIZE] [--reserved SIZE] [--no-elf] [--elf KEY=FILE]...)" "$tool" check
usage_error "capdl-tool check: --memory: expected a size such as 512M" "$tool" check x.yaml --memory lots
usage_error "capdl-tool build: --elf x.elf: expected KEY=FILE" "$tool" build x.yaml -o d --elf x.elf
usage_error "capdl-tool verify: --format yml: expected text, json or dot" "$tool" verify x.yaml --format yml
usage_error "capdl-tool run: option '--no-image' does not apply to this command" "$tool" run x.yaml --no-image
usage_error "capdl-tool gen-source: needs the system's YAML description: a .cdl does not name a component's caps and shared symbols" "$tool" gen-source x.cdl c -o x.c
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
# the .cdl is written on its own thread: its failure is still reported, exit 2, and no image made
mkdir -p "$out/w/echo.cdl"
expect 2 "$tool" build "$dir/echo.yaml" -o "$out/w"
grep -q "cannot write '$out/w/echo.cdl': Is a directory" "$out/log" || fail "a .cdl write failure: $(cat "$out/log")"
[ ! -e "$out/w/loader.elf" ] || fail "an image was made although the .cdl could not be written"
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
expect 2 "$tool" check "$out/a/echo.cdl"
grep -q "the spec's fills read a file called" "$out/log" || fail ".cdl check does not look for the fills' files"
expect 0 "$tool" check "$out/a/echo.cdl" --no-elf
grep -q "ok: .* (without the ELFs' segments, their mappings and page tables: --no-elf)$" "$out/log" ||
  fail "check --no-elf does not say its counts leave the ELFs out: $(cat "$out/log")"
expect 2 "$tool" build "$out/a/echo.cdl" -o "$out/e" --elf nosuch=x.elf --elf echo_server="$dir/echo_server.elf" \
  --elf client_1="$dir/echo_client.elf" --elf client_2="$dir/echo_client.elf"
grep -q -- "--elf nosuch=x.elf: expected KEY=FILE" "$out/log" || fail "an unused --elf on a .cdl is not named"
# --elf FILE relative to the current folder, for a .cdl as for YAML (one resolver)
(cd "$dir" && "$tool" check "$out/a/echo.cdl" --elf echo_server=echo_server.elf --elf client_1=echo_client.elf \
  --elf client_2=echo_client.elf >"$out/log" 2>&1) || fail ".cdl check with relative --elf: $(cat "$out/log")"
(cd "$dir" && "$tool" check echo.yaml --elf echo_server=echo_server.elf >"$out/log" 2>&1) ||
  fail "YAML check with relative --elf: $(cat "$out/log")"
# verify and graph take the .cdl too
expect 0 "$tool" verify "$out/a/echo.cdl" --no-elf
grep -Eq "^echo: 3 components, [0-9]+ objects, [0-9]+ caps: 0 warnings" "$out/log" &&
  grep -q "client_1 -> echo_server through 'ep'" "$out/log" ||
  fail "verify of a .cdl does not see the components and flows the YAML has: $(cat "$out/log")"
expect 0 "$tool" graph "$out/a/echo.cdl" --no-elf
grep -q "digraph" "$out/log" || fail "graph of a .cdl is not DOT"
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
