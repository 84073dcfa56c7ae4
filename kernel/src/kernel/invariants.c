/*
 * Debug-build checks of the capability derivation tree (portable). A full check would visit
 * every slot of the system after every syscall; this visits the CSpace of the thread that made
 * the call (breadth first over CNode caps, bounded) and its TCB slots, where a syscall's
 * changes land.
 */
#include <kernel/invariants.h>
#include <kernel/cspace.h>
#include <kernel/printf.h>

static bool slot_ok(const cte_t *s)
{
    cte_t *prev = mdb_get_prev(s->mdb), *next = mdb_get_next(s->mdb);
    if (cap_is_null(s->cap)) {
        if (prev || next || s->mdb.words[1]) {
            kprintf("[kernel] invariant: empty slot %p has CDT links\n", (const void *)s);
            return false;
        }
        return true;
    }
    if ((prev && mdb_get_next(prev->mdb) != s) || (next && mdb_get_prev(next->mdb) != s)) {
        kprintf("[kernel] invariant: slot %p (cap type %lu) has one-way CDT links\n", (const void *)s,
                cap_get_capType(s->cap));
        return false;
    }
    return true;
}

static bool slots_ok(const cte_t *slots, word_t n)
{
    for (word_t i = 0; i < n; i++) {
        if (!slot_ok(&slots[i])) {
            return false;
        }
    }
    return true;
}

bool cdt_invariants_hold(tcb_t *t)
{
    cap_t queue[CONFIG_DEBUG_CHECK_MAX_CNODES];
    word_t head = 0, tail = 0;
    if (!slots_ok(t->ctes, tcbCNodeEntries)) {
        return false;
    }
    if (cap_get_capType(t->ctes[tcbCTable].cap) == cap_cnode_cap) {
        queue[tail++] = t->ctes[tcbCTable].cap;
    }
    while (head < tail) {
        cap_t c = queue[head++];
        word_t n = BIT(cap_cnode_cap_get_capCNodeRadix(c));
        const cte_t *slots = cnode_slots(c);
        if (!slots_ok(slots, n)) {
            return false;
        }
        for (word_t i = 0; i < n && tail < CONFIG_DEBUG_CHECK_MAX_CNODES; i++) {
            if (cap_get_capType(slots[i].cap) == cap_cnode_cap && cap_get_capPaddr(slots[i].cap) != cap_get_capPaddr(c)) {
                queue[tail++] = slots[i].cap;
            }
        }
    }
    return true;
}
