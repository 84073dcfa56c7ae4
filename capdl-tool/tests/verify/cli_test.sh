#!/bin/sh
# `capdl-tool verify` and `graph` from the command line: the seed example systems (the
# yaml-reference copies in seeds/ and the booted examples of specs/) verify clean (--strict)
# under the policies stating their intended isolation; the DOT graph has the
# expected component, authority and flow edges; JSON fields; --against a capability dump; usage.
# Usage: cli_test.sh TOOL SRC_DIR(capdl-tool/tests/verify) SPECS_DIR WORK_DIR
set -u
tool=$1; here=$2; specs=$3; w=$4/verify_cli; rm -rf "$w"; mkdir -p "$w"
fail=0
check() { if eval "$2"; then :; else echo "FAILED: $1"; fail=1; fi; }

# Seeds: exit 0 with --strict (no violation, no unsilenced warning).
for s in "$here"/seeds/*.policy.yaml; do
  n=$(basename "$s" .policy.yaml)
  y="$here/seeds/$n.yaml"; [ "$n" = echo_spec ] && y="$here/../echo/echo.yaml"
  "$tool" verify "$y" --no-elf --strict --policy "$s" > "$w/$n.txt" 2>&1
  check "seed $n verifies clean" '[ $? = 0 ]' || cat "$w/$n.txt"
done

# The example systems of specs/ (docs/examples.md): each verifies clean (--strict) under the
# policy beside its YAML (specs/<name>/<system>.policy.yaml).
n_examples=0
for s in "$specs"/*/*.policy.yaml; do
  y=${s%.policy.yaml}.yaml; n=$(basename "$y" .yaml); n_examples=$((n_examples + 1))
  "$tool" verify "$y" --no-elf --strict --policy "$s" > "$w/example_$n.txt" 2>&1
  check "example $n verifies clean under its policy" '[ $? = 0 ]' || cat "$w/example_$n.txt"
done
check "the nine example policies were found" '[ $n_examples -ge 9 ]'

# DOT: components, objects, caps (solid), obtained authority (dashed), flows, legend.
f=$here/fixtures
"$tool" graph "$f/grant_chain.yaml" --no-elf -o "$w/g.dot"; check "graph exit 0" '[ $? = 0 ]'
has() { grep -qF -- "$1" "$w/g.dot" || { echo "FAILED: missing in DOT: $1"; fail=1; }; }
has '"c:a" [label="a", shape=box'
has '"o:secret" [label="secret\nframe", shape=ellipse];'
has '"c:a" -> "o:ep1" [label="WG"];'
has '"c:a" -> "o:secret" [label="RW"];'
has '"c:b" -> "o:secret" [label="RW", style=dashed];'
has '"c:c" -> "o:secret" [label="RW", style=dashed];'
has '"c:a" -> "c:c" [color=red, penwidth=2, label="secret,ep1"];'
has 'subgraph cluster_legend'
check "no flow edge for a one-way channel" '! "$tool" graph "$f/flow_ok.yaml" --no-elf | grep -qF "\"c:y\" -> \"c:x\""'
"$tool" graph "$f/flow_ok.yaml" --no-elf | grep -qF '"c:x" -> "c:y" [color=red, penwidth=2, label="ep"];'
check "flow edge x -> y" '[ $? = 0 ]'
"$tool" verify "$f/flow_ok.yaml" --no-elf --format dot | grep -qF 'digraph "flow_ok"'
check "verify --format dot" '[ $? = 0 ]'
if command -v dot >/dev/null 2>&1; then
  "$tool" graph "$f/grant_chain.yaml" --no-elf --svg -o "$w/g.svg"; check "svg" '[ $? = 0 ] && grep -q "<svg" "$w/g.svg"'
else
  "$tool" graph "$f/grant_chain.yaml" --no-elf --svg -o "$w/g.svg" 2>/dev/null; check "svg without dot: exit 2" '[ $? = 2 ]'
fi

# JSON: stable keys, a violation with its path.
"$tool" verify "$f/grant_chain.yaml" --no-elf --policy "$f/grant_chain.policy.yaml" --format json > "$w/g.json"
check "json exit 1 on violation" '[ $? = 1 ]'
for k in '"version": 1' '"system": "grant_chain"' '"violations": 2' '"kind": "violation", "id": "forbid"' \
         '"path": ["a holds '"'secret'"' [read, write] in slot 2 of its CSpace' '{"from": "a", "to": "c", "through": ["secret", "ep1"]}' \
         '{"object": "secret", "type": "frame", "rights": ["read", "write"], "held": true, "how": "received"}'; do
  grep -qF -- "$k" "$w/g.json" || { echo "FAILED: missing in JSON: $k"; fail=1; }
done
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$w/g.json"; check "json parses" '[ $? = 0 ]'
fi

# --against: a dump equal to the spec, then one with a missing, a changed and an extra cap.
cat > "$w/same.dump" <<'D'
capdl-dump 1
# flow_ok after loading
cap x.cnode 1 ep W
cap x.cnode 2 x.exit R
cap y.cnode 1 ep R
cap y.cnode 2 y.exit R
cap x.tcb 0 x.cnode RWGP
cap x.tcb 1 x.vspace RWGP
cap x.tcb 4 x.ipc RW
cap y.tcb 0 y.cnode -
cap y.tcb 1 y.vspace -
cap y.tcb 4 y.ipc RW
D
"$tool" verify "$f/flow_ok.yaml" --no-elf --against "$w/same.dump" > "$w/same.txt" 2>&1
check "dump equal: exit 0" '[ $? = 0 ] && grep -qF "flow_ok: 0 differences" "$w/same.txt"'
sed -e '/^cap y.cnode 1/d' -e 's/^cap x.cnode 1 ep W$/cap x.cnode 1 ep RW/' "$w/same.dump" > "$w/diff.dump"
echo "cap y.cnode 3 log R" >> "$w/diff.dump"
"$tool" verify "$f/flow_ok.yaml" --no-elf --against "$w/diff.dump" > "$w/diff.txt" 2>&1
check "dump differs: exit 1" '[ $? = 1 ]'
cat > "$w/diff.expected" <<D
$w/diff.dump:3: differs: x.cnode slot 1: the spec has ep W, the dump ep RW
missing: y.cnode slot 1: the spec has ep R, the dump nothing
$w/diff.dump:12: extra: y.cnode slot 3: the dump has log R, the spec nothing
flow_ok: 3 differences between the spec and $w/diff.dump
D
check "dump differences" 'diff -u "$w/diff.expected" "$w/diff.txt"'
printf 'capdl-dump 1\ncap nosuch 1 ep R\n' > "$w/bad.dump"
"$tool" verify "$f/flow_ok.yaml" --no-elf --against "$w/bad.dump" > "$w/bad.txt" 2>&1
check "malformed dump: exit 1 with position" '[ $? = 1 ] && grep -qF "bad.dump:2:1: error: '"'nosuch'"' is not a CNode or TCB of the spec" "$w/bad.txt"'

# Usage and environment.
"$tool" verify 2>/dev/null; check "no system: exit 2" '[ $? = 2 ]'
"$tool" verify "$f/flow_ok.yaml" --format xml 2>/dev/null; check "bad format: exit 2" '[ $? = 2 ]'
"$tool" verify "$f/flow_ok.yaml" --no-elf --policy "$w/none.yaml" 2>/dev/null; check "missing policy: exit 2" '[ $? = 2 ]'
"$tool" verify "$f/lint_all.yaml" --no-elf >/dev/null; check "warnings: exit 0" '[ $? = 0 ]'
"$tool" verify "$f/lint_all.yaml" --no-elf --strict >/dev/null; check "warnings with --strict: exit 1" '[ $? = 1 ]'
"$tool" verify "$f/flow_ok.yaml" --no-elf --authority | grep -qF "  x: log [read, write], x.exit [read], ep [write]"; check "--authority" '[ $? = 0 ]'
"$tool" --help | grep -qF "verify SYSTEM.yaml"; check "usage lists verify" '[ $? = 0 ]'

[ $fail = 0 ] && echo "verify cli: all passed"
exit $fail
