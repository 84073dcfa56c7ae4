/*
 * CSpace addressing (seL4 src/kernel/cspace.c): resolving a CPtr through guarded CNodes.
 * Lookups iterate over levels, so a 64-level chain of radix-1 CNodes resolves.
 */
#ifndef KERNEL_CSPACE_H
#define KERNEL_CSPACE_H

#include <api/failures.h>
#include <object/structures.h>
#include <kernel/memory.h>

typedef struct resolve_ret {
    exception_t status;
    cte_t *slot;
    word_t bitsRemaining;
} resolve_ret_t;

typedef struct lookup_slot_ret {
    exception_t status;
    cte_t *slot;
} lookup_slot_ret_t;

typedef struct lookup_cap_ret {
    exception_t status;
    cap_t cap;
} lookup_cap_ret_t;

typedef struct lookup_cap_slot_ret {
    exception_t status;
    cap_t cap;
    cte_t *slot;
} lookup_cap_slot_ret_t;

/* Resolves the top n_bits of capptr starting at nodeCap; stops early at a non-CNode cap.
 * On failure sets current_lookup_fault and returns EXCEPTION_LOOKUP_FAULT. */
resolve_ret_t resolveAddressBits(cap_t nodeCap, cptr_t capptr, word_t n_bits);

/* Invocation-style lookups in a thread's CSpace at depth 64 (stop at the first non-CNode). */
lookup_slot_ret_t lookupSlot(tcb_t *thread, cptr_t capptr);
lookup_cap_ret_t lookupCap(tcb_t *thread, cptr_t capptr);
lookup_cap_slot_ret_t lookupCapAndSlot(tcb_t *thread, cptr_t capptr);

/* CNode-operation lookup: depth must be 1..64 (RangeError) and land exactly on a slot
 * (FailedLookup with DepthMismatch otherwise); sets current_syscall_error on failure. */
lookup_slot_ret_t lookupSlotForCNodeOp(bool isSource, cap_t root, cptr_t capptr, word_t depth);

/* The CNode slots a CNode cap refers to. */
static inline cte_t *cnode_slots(cap_t cnodeCap)
{
    return (cte_t *)cap_window_kptr(cnodeCap);
}

#endif
