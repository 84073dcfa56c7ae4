# Generates a capdl-tool benchmark system of n components (bench/tool/run.sh): each component
# has several caps (its own endpoint, an endpoint shared with its neighbour, a notification, its
# own CSpace, an empty slot) and a shared frame. All components use one ELF.
# Usage: awk -v n=N -v elf=FILE [-v mem=SIZE] -f gen_system.awk   (mem: the `memory:` key, default 3G)
BEGIN {
    printf "system: bench%d\nmemory: %s\nobjects:\n", n, mem == "" ? "3G" : mem
    for (i = 0; i < n; i++)
        printf "  ep%d: endpoint\n  nt%d: notification\n  buf%d: frame\n", i, i, i
    print "components:"
    for (i = 0; i < n; i++) {
        j = (i + 1) % n
        printf "  c%d:\n    elf: %s\n    caps:\n", i, elf
        printf "      endpoint: {object: ep%d, rights: [read, write, grant]}\n", i
        printf "      badged_endpoint: {object: ep%d, rights: [write], badge: %d}\n", j, i + 1
        printf "      ntfn: {object: nt%d, rights: [read, write]}\n", i
        printf "      cnode: {cspace: self}\n      free_slot: empty\n"
        printf "    shared:\n      shared_buf: {object: buf%d, rights: [read, write]}\n", i
    }
}
