#!/bin/sh
# capdl-tool verify at scale: a generated system of N components (default 1,000) with 20 caps
# each (N*20 caps in the CSpaces): N/20 servers, each listening on an endpoint with grant; the
# other components are clients calling one server with grant_reply (so each can obtain all its
# server's caps in a reply), signalling a neighbour, sharing a buffer with the server, and
# holding private endpoints and notifications. Times `check --no-elf` and `verify --no-elf`
# (with a policy: no untyped, one forbid rule, one isolation pair), best of 3.
# Usage: bench/tool/verify.sh BUILD_DIR [N]
set -eu
b=${1:-build}; n=${2:-1000}; tool=$b/capdl-tool/capdl-tool; w=$(mktemp -d)
awk -v n="$n" 'BEGIN {
    ns = int(n / 20); if (ns < 1) ns = 1
    printf "system: vbench%d\nmemory: 3G\nobjects:\n", n
    for (i = 0; i < n; i++) {
        printf "  nt%d: notification\n  buf%d: frame\n", i, i
        for (k = 0; k < 14; k++) printf "  p%d_%d: %s\n", i, k, (k < 10 ? "endpoint" : "notification")
    }
    for (s = 0; s < ns; s++) printf "  srv_ep%d: endpoint\n", s
    print "components:"
    for (i = 0; i < n; i++) {
        printf "  c%d:\n    elf: c.elf\n    caps:\n", i
        if (i < ns) {
            printf "      listen: {object: srv_ep%d, rights: [read, write, grant]}\n", i
            printf "      ntfn: {object: nt%d, rights: [read]}\n", i
            printf "      buf: {object: buf%d, rights: [read, write]}\n", i
            for (k = 0; k < 14; k++) printf "      p%d: {object: p%d_%d, rights: [read, write]}\n", k, i, k
            printf "      extra1: {object: p%d_0, rights: [write], badge: 1}\n", i
            printf "      extra2: {object: p%d_1, rights: [write], badge: 2}\n", i
            printf "      extra3: {object: nt%d, rights: [write]}\n", i
        } else {
            s = i % ns
            printf "      server: {object: srv_ep%d, rights: [write, grant_reply], badge: %d}\n", s, i + 1
            printf "      ntfn: {object: nt%d, rights: [read]}\n", i
            printf "      neighbour: {object: nt%d, rights: [write], badge: 1}\n", (i + 1 < n ? i + 1 : ns)
            printf "      buf: {object: buf%d, rights: [read, write]}\n", i
            printf "      server_buf: {object: buf%d, rights: [read]}\n", s
            printf "      cnode: {cspace: self}\n"
            for (k = 0; k < 14; k++) printf "      p%d: {object: p%d_%d, rights: [read, write]}\n", k, i, k
        }
    }
}' > "$w/s.yaml"
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
echo "command: bench/tool/verify.sh $b $n"
printf "| components | YAML caps | flows | violations | check --no-elf (s) | verify --no-elf --policy (s) |\n|---|---|---|---|---|---|\n"
printf "| %s | %s | %s | %s | %.3f | %.3f |\n" "$n" "$caps" "$flows" "$viol" "$tc" "$tv"
rm -rf "$w"
