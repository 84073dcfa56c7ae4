# Generates the system of bench/tool/verify.sh (and of the verify closure's golden test,
# capdl-tool/tests/verify/closure_golden.sh): n components with 20 caps each (6 + p: p private
# endpoints and notifications, default 14): n/20 servers, each
# listening on an endpoint with grant; the other components are clients calling one server with
# grant_reply (so each can obtain all its server's caps in a reply), signalling a neighbour,
# sharing a buffer with the server, and holding private endpoints and notifications.
# Usage: awk -v n=N [-v p=P] -f gen_verify_system.awk
BEGIN {
    ns = int(n / 20); if (ns < 1) ns = 1
    if (p == "") p = 14
    printf "system: vbench%d\nmemory: 3G\nobjects:\n", n
    for (i = 0; i < n; i++) {
        printf "  nt%d: notification\n  buf%d: frame\n", i, i
        for (k = 0; k < p; k++) printf "  p%d_%d: %s\n", i, k, (k < 10 ? "endpoint" : "notification")
    }
    for (s = 0; s < ns; s++) printf "  srv_ep%d: endpoint\n", s
    print "components:"
    for (i = 0; i < n; i++) {
        printf "  c%d:\n    elf: c.elf\n    caps:\n", i
        if (i < ns) {
            printf "      listen: {object: srv_ep%d, rights: [read, write, grant]}\n", i
            printf "      ntfn: {object: nt%d, rights: [read]}\n", i
            printf "      buf: {object: buf%d, rights: [read, write]}\n", i
            for (k = 0; k < p; k++) printf "      p%d: {object: p%d_%d, rights: [read, write]}\n", k, i, k
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
            for (k = 0; k < p; k++) printf "      p%d: {object: p%d_%d, rights: [read, write]}\n", k, i, k
        }
    }
}
