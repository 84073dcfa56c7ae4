#!/bin/sh
# capdl-tool verify at scale: a generated system of N components (default 1,000) with 20 caps
# each (N*20 caps in the CSpaces; bench/tool/gen_verify_system.awk): N/20 servers, each
# listening on an endpoint with grant; the other components are clients calling one server with
# grant_reply (so each can obtain all its server's caps in a reply), signalling a neighbour,
# sharing a buffer with the server, and holding private endpoints and notifications. Times
# `check --no-elf` and `verify --no-elf` (with a policy: no untyped, one forbid rule, one
# isolation pair), best of 3. P (default 14) sets the private caps per component (6 + P caps
# each): the kernel's ASIDs allow 4,094 address spaces, so 100,000 caps are 4,000 components
# with P = 19.
# Usage: bench/tool/verify.sh BUILD_DIR [N [P]]
set -eu
b=${1:-build}; n=${2:-1000}; p=${3:-14}; tool=$b/capdl-tool/capdl-tool; w=$(mktemp -d)
awk -v n="$n" -v p="$p" -f "$(dirname "$0")/gen_verify_system.awk" > "$w/s.yaml"
cat > "$w/p.yaml" <<P
no_untyped: true
forbid:
  - {object: buf0, only: [c0]}
isolate:
  - [c$((n - 1)), c$((n - 2))]
P
now() { date +%s.%N; }
best() { bt=999; for r in 1 2 3; do s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now);
         bt=$(awk -v s="$s" -v e="$e" -v b="$bt" 'BEGIN { d = e - s; print (d < b) ? d : b }'); done; echo "$bt"; }
caps=$(grep -c '^      [a-z0-9_]*: {' "$w/s.yaml")
tc=$(best "$tool" check "$w/s.yaml" --no-elf)
tv=$(best "$tool" verify "$w/s.yaml" --no-elf --policy "$w/p.yaml")
"$tool" verify "$w/s.yaml" --no-elf --policy "$w/p.yaml" --format json > "$w/out.json" || true
flows=$(grep -o '"flows": [0-9]*' "$w/out.json" | head -1 | tr -dc 0-9)
viol=$(grep -o '"violations": [0-9]*' "$w/out.json" | head -1 | tr -dc 0-9)
echo "command: bench/tool/verify.sh $b $n${3:+ $p}"
printf "| components | YAML caps | flows | violations | check --no-elf (s) | verify --no-elf --policy (s) |\n|---|---|---|---|---|---|\n"
printf "| %s | %s | %s | %s | %.3f | %.3f |\n" "$n" "$caps" "$flows" "$viol" "$tc" "$tv"
rm -rf "$w"
