/*
 * Debug-build checks of the capability derivation tree (portable). Every slot whose CDT links a
 * kernel entry changes is noted (invariants_note_slot); after the entry, each noted slot and
 * its neighbours must be consistent: an occupied slot's neighbours point back at it, an empty
 * slot has no links. The calling thread's TCB slots are checked too. Checking only what changed
 * keeps the cost per syscall constant, whatever the size of the CSpaces.
 */
#include <kernel/invariants.h>
#include <kernel/printf.h>

#define MAX_NOTED 64

static cte_t *noted[MAX_NOTED];
static word_t n_noted;

void invariants_forget_slots(void)
{
    n_noted = 0;
}

#ifdef KERNEL_CHECK_INVARIANTS
void invariants_note_slot(cte_t *slot)
{
    if (n_noted < MAX_NOTED) {
        noted[n_noted++] = slot;
    }
}
#endif

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

/* A slot and, when it is occupied, its CDT neighbours. */
static bool neighbourhood_ok(const cte_t *s)
{
    if (!slot_ok(s)) {
        return false;
    }
    const cte_t *prev = mdb_get_prev(s->mdb), *next = mdb_get_next(s->mdb);
    return (!prev || slot_ok(prev)) && (!next || slot_ok(next));
}

bool cdt_invariants_hold(tcb_t *t)
{
    bool ok = true;
    for (word_t i = 0; i < n_noted && ok; i++) {
        ok = neighbourhood_ok(noted[i]);
    }
    n_noted = 0;
    for (word_t i = 0; i < tcbCNodeEntries && ok; i++) {
        ok = neighbourhood_ok(&t->ctes[i]);
    }
    return ok;
}
