/*
 * Debug-build invariant checks run after each kernel entry: the ready queues (in
 * kernel/thread.c) and the capability derivation tree around every slot the entry changed.
 */
#ifndef KERNEL_INVARIANTS_H
#define KERNEL_INVARIANTS_H

#include <object/structures.h>

/* Checks every slot noted since the last check, their CDT neighbours and t's TCB slots:
 * occupied slots' neighbours point back at them, empty slots have no links. Prints the first
 * broken slot and returns false. */
bool cdt_invariants_hold(tcb_t *t);

/* Forgets the slots noted so far: for a machine booted again in the same process (the host
 * tests' fixture), whose old slots no longer exist. */
void invariants_forget_slots(void);

/* Notes a slot whose CDT links changed (a no-op unless the kernel checks invariants). */
#ifdef KERNEL_CHECK_INVARIANTS
void invariants_note_slot(cte_t *slot);
#else
static inline void invariants_note_slot(cte_t *slot)
{
    (void)slot;
}
#endif

#endif
