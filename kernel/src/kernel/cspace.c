/*
 * CSpace lookups (portable). Follows seL4's resolveAddressBits: strip the guard, then the
 * radix bits, level by level; report seL4's lookup failures with seL4's detail fields
 * (sel4-facts 2.1 and 9.2: "guard found" is the CNode cap's own guard).
 */
#include <kernel/cspace.h>
#include <api/user_error.h>
#include <kernel/memory.h>
#include <util.h>

resolve_ret_t resolveAddressBits(cap_t nodeCap, cptr_t capptr, word_t n_bits)
{
    resolve_ret_t ret = { EXCEPTION_LOOKUP_FAULT, NULL, n_bits };
    if (cap_get_capType(nodeCap) != cap_cnode_cap) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        return ret;
    }
    for (;;) {
        word_t radixBits = cap_cnode_cap_get_capCNodeRadix(nodeCap);
        word_t guardBits = cap_cnode_cap_get_capCNodeGuardSize(nodeCap);
        word_t levelBits = radixBits + guardBits;
        word_t capGuard = cap_cnode_cap_get_capCNodeGuard(nodeCap);
        /* The guard is the top guardBits of the n_bits still to resolve. */
        word_t guard = guardBits ? (capptr >> ((n_bits - guardBits) & MASK(wordRadix))) & MASK(guardBits) : 0;
        if (guardBits > n_bits || guard != capGuard) {
            current_lookup_fault = lookup_fault_guard_mismatch_new(capGuard, n_bits, guardBits);
            return ret;
        }
        if (levelBits > n_bits) {
            current_lookup_fault = lookup_fault_depth_mismatch_new(n_bits, levelBits);
            return ret;
        }
        word_t offset = (capptr >> (n_bits - levelBits)) & MASK(radixBits);
        cte_t *slot = cnode_slots(nodeCap) + offset;
        n_bits -= levelBits;
        if (n_bits == 0 || cap_get_capType(slot->cap) != cap_cnode_cap) {
            return (resolve_ret_t){ EXCEPTION_NONE, slot, n_bits };
        }
        nodeCap = slot->cap;
    }
}

/* The usual CSpace, looked up from a thread's root at depth 64: one CNode whose guard and
 * radix fill the word. If the guard matches, *slot is the one resolveAddressBits finds after
 * its single level; otherwise resolveAddressBits finds and reports the failure. Inline in
 * lookupSlot: the call and the struct return of resolveAddressBits cost more than the lookup. */
static inline bool one_level_slot(cap_t root, cptr_t capptr, cte_t **slot)
{
    if (!cap_cnode_cap_is_one_level(root)) {
        return false;
    }
    word_t radix = cap_cnode_cap_get_capCNodeRadix(root);
    if ((capptr >> radix) != cap_cnode_cap_get_capCNodeGuard(root)) {
        return false;
    }
    *slot = cnode_slots(root) + (capptr & MASK(radix));
    return true;
}

lookup_slot_ret_t lookupSlot(tcb_t *thread, cptr_t capptr)
{
    cap_t root = thread->ctes[tcbCTable].cap;
    cte_t *slot;
    if (one_level_slot(root, capptr, &slot)) {
        return (lookup_slot_ret_t){ EXCEPTION_NONE, slot };
    }
    resolve_ret_t r = resolveAddressBits(root, capptr, wordBits);
    return (lookup_slot_ret_t){ r.status, r.slot };
}

lookup_cap_slot_ret_t lookupCapAndSlot(tcb_t *thread, cptr_t capptr)
{
    lookup_slot_ret_t s = lookupSlot(thread, capptr);
    if (s.status != EXCEPTION_NONE) {
        return (lookup_cap_slot_ret_t){ s.status, cap_null_cap_new(), NULL };
    }
    return (lookup_cap_slot_ret_t){ EXCEPTION_NONE, s.slot->cap, s.slot };
}

lookup_cap_ret_t lookupCap(tcb_t *thread, cptr_t capptr)
{
    lookup_cap_slot_ret_t r = lookupCapAndSlot(thread, capptr);
    return (lookup_cap_ret_t){ r.status, r.cap };
}

lookup_slot_ret_t lookupSlotForCNodeOp(bool isSource, cap_t root, cptr_t capptr, word_t depth)
{
    lookup_slot_ret_t ret = { EXCEPTION_SYSCALL_ERROR, NULL };
    if (cap_get_capType(root) != cap_cnode_cap) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        user_error_failed_lookup(isSource, isSource ? "source root is not a CNode cap"
                                                    : "destination root is not a CNode cap");
        return ret;
    }
    if (depth < 1 || depth > wordBits) {
        user_error_range(1, wordBits, "lookup depth outside 1..64");
        return ret;
    }
    resolve_ret_t r = resolveAddressBits(root, capptr, depth);
    if (r.status != EXCEPTION_NONE) {
        user_error_failed_lookup(isSource, isSource ? "source slot lookup failed" : "destination slot lookup failed");
        return ret;
    }
    if (r.bitsRemaining != 0) {
        current_lookup_fault = lookup_fault_depth_mismatch_new(r.bitsRemaining, 0);
        user_error_failed_lookup(isSource, isSource ? "source depth ends inside a CNode"
                                                    : "destination depth ends inside a CNode");
        return ret;
    }
    return (lookup_slot_ret_t){ EXCEPTION_NONE, r.slot };
}
