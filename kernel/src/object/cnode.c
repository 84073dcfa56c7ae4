/*
 * The capability derivation tree and CNode invocations (portable; seL4 src/object/cnode.c and
 * src/kernel/cspace.c). The CDT is one doubly linked list in depth-first order; "b is a child
 * of a" follows seL4's isMDBParentOf (revocable parent, same region, badge rules).
 *
 * Deleting the last cap of a container (CNode or TCB) empties it without recursion: the cap
 * becomes a zombie that counts the slots still to empty (in the low bits of the object
 * address) and remembers the zombie it was found in (word 1). A final container cap found
 * inside is turned into a zombie in place and descended into; when a container is empty, its
 * slot is cleared and the walk returns to the parent zombie. The state lives in the caps, so a
 * preempted deletion resumes when the syscall restarts.
 */
#include <object/cnode.h>
#include <api/user_error.h>
#include <object/endpoint.h>
#include <kernel/arch_object.h>
#include <kernel/cspace.h>
#include <kernel/memory.h>
#include <kernel/invariants.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

static mdb_node_t null_mdb(void)
{
    return mdb_node_new(NULL, NULL, false, false);
}

exception_t ensureEmptySlot(cte_t *slot)
{
    if (!cap_is_null(slot->cap)) {
        return user_error(seL4_DeleteFirst, "destination slot not empty");
    }
    return EXCEPTION_NONE;
}

bool isMDBParentOf(const cte_t *a, const cte_t *b)
{
    if (!mdb_get_revocable(a->mdb) || !sameRegionAs(a->cap, b->cap)) {
        return false;
    }
    switch (cap_get_capType(a->cap)) {
    case cap_endpoint_cap:
    case cap_notification_cap: {
        word_t badge = cap_get_capBadge(a->cap);
        return badge == 0 || (badge == cap_get_capBadge(b->cap) && !mdb_get_firstBadged(b->mdb));
    }
    default:
        return true;
    }
}

exception_t ensureNoChildren(cte_t *slot)
{
    cte_t *next = mdb_get_next(slot->mdb);
    if (next && isMDBParentOf(slot, next)) {
        return user_error(seL4_RevokeFirst, "the cap has children: revoke first");
    }
    return EXCEPTION_NONE;
}

bool isFinalCapability(const cte_t *slot)
{
    cte_t *prev = mdb_get_prev(slot->mdb), *next = mdb_get_next(slot->mdb);
    return !(prev && sameObjectAs(prev->cap, slot->cap)) && !(next && sameObjectAs(slot->cap, next->cap));
}

/* Copying an untyped marks the source full: only one of them may retype (sel4-facts 2.2). */
static void setUntypedCapAsFull(cap_t src, cap_t newCap, cte_t *srcSlot)
{
    if (cap_get_capType(src) == cap_untyped_cap && cap_get_capType(newCap) == cap_untyped_cap &&
        cap_get_capPaddr(src) == cap_get_capPaddr(newCap) &&
        cap_untyped_cap_get_capBlockSize(src) == cap_untyped_cap_get_capBlockSize(newCap)) {
        srcSlot->cap = cap_untyped_cap_set_capFreeIndex(src, BIT(cap_untyped_cap_get_capBlockSize(src)));
    }
}

static void link_after(cte_t *prev, cte_t *slot, bool revocable, bool firstBadged)
{
    cte_t *next = mdb_get_next(prev->mdb);
    invariants_note_slot(slot);
    slot->mdb = mdb_node_new(prev, next, revocable, firstBadged);
    mdb_set_next(&prev->mdb, slot);
    if (next) {
        mdb_set_prev(&next->mdb, slot);
    }
}

void cteInsert(cap_t newCap, cte_t *srcSlot, cte_t *destSlot)
{
    bool revocable = isCapRevocable(newCap, srcSlot->cap);
    setUntypedCapAsFull(srcSlot->cap, newCap, srcSlot);
    destSlot->cap = newCap;
    link_after(srcSlot, destSlot, revocable, revocable);
}

void insertNewCap(cte_t *parent, cte_t *destSlot, cap_t cap)
{
    destSlot->cap = cap;
    link_after(parent, destSlot, true, true);
}

/* Points the CDT neighbours of a slot's node at `to`. */
static void relink_neighbours(mdb_node_t m, cte_t *to)
{
    cte_t *prev = mdb_get_prev(m), *next = mdb_get_next(m);
    if (prev) {
        mdb_set_next(&prev->mdb, to);
    }
    if (next) {
        mdb_set_prev(&next->mdb, to);
    }
}

void cteMove(cap_t newCap, cte_t *srcSlot, cte_t *destSlot)
{
    invariants_note_slot(srcSlot);
    invariants_note_slot(destSlot);
    mdb_node_t m = srcSlot->mdb;
    destSlot->cap = newCap;
    destSlot->mdb = m;
    srcSlot->cap = cap_null_cap_new();
    srcSlot->mdb = null_mdb();
    relink_neighbours(m, destSlot);
}

void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2)
{
    invariants_note_slot(slot1);
    invariants_note_slot(slot2);
    slot1->cap = cap2;
    slot2->cap = cap1;
    /* Relink slot1's neighbours first, then read slot2's node: when the slots are adjacent
     * that read sees the first relink, which keeps the list consistent (as in seL4). */
    mdb_node_t m1 = slot1->mdb;
    relink_neighbours(m1, slot2);
    mdb_node_t m2 = slot2->mdb;
    slot1->mdb = m2;
    slot2->mdb = m1;
    relink_neighbours(m2, slot1);
}

/* Unlinks and clears a slot whose object needs nothing more. */
static void emptySlot(cte_t *slot)
{
    if (cap_is_null(slot->cap)) {
        return;
    }
    mdb_node_t m = slot->mdb;
    cte_t *prev = mdb_get_prev(m), *next = mdb_get_next(m);
    invariants_note_slot(slot);
    if (prev) {
        invariants_note_slot(prev);
        mdb_set_next(&prev->mdb, next);
    }
    if (next) {
        invariants_note_slot(next);
        mdb_set_prev(&next->mdb, prev);
        /* A child of a first-badged cap inherits that role when its parent goes. */
        if (mdb_get_firstBadged(m)) {
            next->mdb = mdb_node_new(mdb_get_prev(next->mdb), mdb_get_next(next->mdb),
                                     mdb_get_revocable(next->mdb), true);
        }
    }
    slot->cap = cap_null_cap_new();
    slot->mdb = null_mdb();
}

static word_t work_units;

exception_t preemptionPoint(void)
{
    if (++work_units < CONFIG_PREEMPTION_WORK_UNITS) {
        return EXCEPTION_NONE;
    }
    work_units = 0;
    return Arch_isIRQPending() ? EXCEPTION_PREEMPTED : EXCEPTION_NONE;
}

static cte_t *zombie_slots(cap_t z)
{
    return (cte_t *)paddr_to_kptr(cap_zombie_cap_get_obj(z));
}

/* Whether slot is one of the zombie slots on the walk from cur up to the top. */
static bool on_walk(cte_t *slot, cte_t *cur)
{
    for (cte_t *z = cur; z; z = (cte_t *)cap_zombie_cap_get_parent(z->cap)) {
        if (z == slot) {
            return true;
        }
    }
    return false;
}

/* One step of emptying the zombie in cur: finalise its last occupied slot, descend into a
 * container found there, or, when it is empty, go back up. Returns the new current slot,
 * or NULL when the top zombie (in `top`) is empty. */
static cte_t *reduce_zombie(cte_t *top, cte_t *cur)
{
    word_t n = cap_zombie_cap_get_number(cur->cap);
    if (n == 0) {
        if (cur == top) {
            return NULL;
        }
        cte_t *parent = (cte_t *)cap_zombie_cap_get_parent(cur->cap);
        emptySlot(cur);
        parent->cap = cap_zombie_cap_set_number(parent->cap, cap_zombie_cap_get_number(parent->cap) - 1);
        return parent;
    }
    cte_t *end = &zombie_slots(cur->cap)[n - 1];
    if (cap_is_null(end->cap) || on_walk(end, cur)) {
        /* Empty, or a slot of the walk itself (a container holding its own last cap): the
         * walk clears those slots on its way up. */
        cur->cap = cap_zombie_cap_set_number(cur->cap, n - 1);
        return cur;
    }
    finaliseCap_ret_t fc = finaliseCap(end->cap, isFinalCapability(end));
    if (cap_is_null(fc.remainder)) {
        emptySlot(end);
        cur->cap = cap_zombie_cap_set_number(cur->cap, n - 1);
        return cur;
    }
    end->cap = cap_zombie_cap_set_parent(fc.remainder, (word_t)cur);
    return end;
}

/* Finalises the cap in slot; leaves it for the caller to clear. */
static exception_t finaliseSlot(cte_t *slot)
{
    finaliseCap_ret_t fc = finaliseCap(slot->cap, isFinalCapability(slot));
    if (cap_is_null(fc.remainder)) {
        return EXCEPTION_NONE;
    }
    slot->cap = cap_zombie_cap_set_parent(fc.remainder, 0);
    for (cte_t *cur = slot; cur;) {
        cur = reduce_zombie(slot, cur);
        if (cur && preemptionPoint() != EXCEPTION_NONE) {
            return EXCEPTION_PREEMPTED;
        }
    }
    return EXCEPTION_NONE;
}

exception_t cteDelete(cte_t *slot, bool exposed)
{
    (void)exposed;
    if (cap_is_null(slot->cap)) {
        return EXCEPTION_NONE;
    }
    exception_t s = finaliseSlot(slot);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    emptySlot(slot);
    return EXCEPTION_NONE;
}

exception_t cteRevoke(cte_t *slot)
{
    for (cte_t *next = mdb_get_next(slot->mdb); next && isMDBParentOf(slot, next); next = mdb_get_next(slot->mdb)) {
        exception_t s = cteDelete(next, true);
        if (s != EXCEPTION_NONE) {
            return s;
        }
        s = preemptionPoint();
        if (s != EXCEPTION_NONE) {
            return s;
        }
    }
    return EXCEPTION_NONE;
}

bool slotCapLongRunningDelete(const cte_t *slot)
{
    switch (cap_get_capType(slot->cap)) {
    case cap_null_cap:
        return false;
    case cap_zombie_cap:
        return true;
    case cap_cnode_cap:
    case cap_thread_cap:
        return isFinalCapability(slot);
    default:
        return false;
    }
}

/* --- CNode invocations (decode in seL4's check order, then invoke) ------------------------ */

/* FailedLookup for an empty source or pivot slot: MissingCapability with the depth as bits
 * left (sel4-facts 9.3). */
static exception_t missing_cap(bool isSource, word_t depth, const char *why)
{
    current_lookup_fault = lookup_fault_missing_capability_new(depth);
    return user_error_failed_lookup(isSource, why);
}

/* Copy, Mint, Move, Mutate: destination empty first, then the source (sel4-facts 2.1). */
static exception_t decode_copy_like(word_t label, word_t length, cte_t *dest, const extra_caps_t *extra,
                                    word_t *buffer)
{
    tcb_t *t = ksCurThread;
    if (length < 4 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 4 words or no source root cap");
    }
    word_t srcIndex = getMR(t, buffer, 2), srcDepth = getMR(t, buffer, 3);
    if (ensureEmptySlot(dest) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    lookup_slot_ret_t src = lookupSlotForCNodeOp(true, extra->slots[0]->cap, srcIndex, srcDepth);
    if (src.status != EXCEPTION_NONE) {
        return src.status;
    }
    if (cap_is_null(src.slot->cap)) {
        return missing_cap(true, srcDepth, "source slot empty");
    }
    cap_t newCap = src.slot->cap;
    bool isMove = label == CNodeMove || label == CNodeMutate;
    if (label == CNodeCopy || label == CNodeMint) {
        word_t need = label == CNodeCopy ? 5 : 6;
        if (length < need) {
            return user_error(seL4_TruncatedMessage, "missing rights or badge word");
        }
        newCap = maskCapRights(getMR(t, buffer, 4), newCap);
        if (label == CNodeMint) {
            newCap = updateCapData(false, getMR(t, buffer, 5), newCap);
        }
        deriveCap_ret_t d = deriveCap(src.slot, newCap);
        if (d.status != EXCEPTION_NONE) {
            return d.status;
        }
        newCap = d.cap;
    } else if (label == CNodeMutate) {
        if (length < 5) {
            return user_error(seL4_TruncatedMessage, "missing the guard word");
        }
        newCap = updateCapData(true, getMR(t, buffer, 4), newCap);
    }
    if (cap_is_null(newCap)) {
        return user_error(seL4_IllegalOperation, "the new cap would be null (a cap that is not copied this way, or a badge or guard refused)");
    }
    setThreadState(t, ThreadState_Restart);
    if (isMove) {
        cteMove(newCap, src.slot, dest);
    } else {
        cteInsert(newCap, src.slot, dest);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_rotate(word_t length, cte_t *dest, const extra_caps_t *extra, word_t *buffer)
{
    tcb_t *t = ksCurThread;
    if (length < 8 || extra->count < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 8 words or fewer than 2 extra caps");
    }
    word_t pivotData = getMR(t, buffer, 2), pivotIndex = getMR(t, buffer, 3), pivotDepth = getMR(t, buffer, 4);
    word_t srcData = getMR(t, buffer, 5), srcIndex = getMR(t, buffer, 6), srcDepth = getMR(t, buffer, 7);
    lookup_slot_ret_t src = lookupSlotForCNodeOp(true, extra->slots[1]->cap, srcIndex, srcDepth);
    if (src.status != EXCEPTION_NONE) {
        return src.status;
    }
    lookup_slot_ret_t pivot = lookupSlotForCNodeOp(false, extra->slots[0]->cap, pivotIndex, pivotDepth);
    if (pivot.status != EXCEPTION_NONE) {
        return pivot.status;
    }
    if (pivot.slot == src.slot || pivot.slot == dest) {
        return user_error(seL4_IllegalOperation, "pivot slot is the source or the destination");
    }
    if (src.slot != dest && ensureEmptySlot(dest) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (cap_is_null(src.slot->cap)) {
        return missing_cap(true, srcDepth, "source slot empty");
    }
    if (cap_is_null(pivot.slot->cap)) {
        return missing_cap(false, pivotDepth, "pivot slot empty");
    }
    cap_t newSrc = updateCapData(true, srcData, src.slot->cap);
    cap_t newPivot = updateCapData(true, pivotData, pivot.slot->cap);
    if (cap_is_null(newSrc) || cap_is_null(newPivot)) {
        return user_error(seL4_IllegalOperation, "the new data word makes a cap invalid");
    }
    setThreadState(t, ThreadState_Restart);
    if (src.slot == dest) {
        cteSwap(newSrc, src.slot, newPivot, pivot.slot);
    } else {
        cteMove(newPivot, pivot.slot, dest);
        cteMove(newSrc, src.slot, pivot.slot);
    }
    return EXCEPTION_NONE;
}

static bool hasCancelSendRights(cap_t c)
{
    return cap_get_capType(c) == cap_endpoint_cap && cap_get_capRights(c) == seL4_AllRights.words[0];
}

#ifdef CONFIG_KERNEL_MCS
#define CNODE_LAST_LABEL CNodeRotate /* MCS has no SaveCaller (sel4-mcs-facts 2.2) */
#else
#define CNODE_LAST_LABEL CNodeSaveCaller
static exception_t invoke_save_caller(cte_t *dest)
{
    cte_t *caller = &ksCurThread->ctes[tcbCaller];
    if (cap_get_capType(caller->cap) == cap_reply_cap) {
        cteMove(caller->cap, caller, dest);
    }
    return EXCEPTION_NONE;
}
#endif

static exception_t decode_on_slot(word_t label, cte_t *dest)
{
    switch (label) {
    case CNodeRevoke:
        setThreadState(ksCurThread, ThreadState_Restart);
        return cteRevoke(dest);
    case CNodeDelete:
        setThreadState(ksCurThread, ThreadState_Restart);
        return cteDelete(dest, true);
#ifndef CONFIG_KERNEL_MCS
    case CNodeSaveCaller:
        if (ensureEmptySlot(dest) != EXCEPTION_NONE) {
            return EXCEPTION_SYSCALL_ERROR;
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invoke_save_caller(dest);
#endif
    default: /* CNodeCancelBadgedSends */
        if (!hasCancelSendRights(dest->cap)) {
            return user_error(seL4_IllegalOperation, "no right to cancel badged sends (not a badged endpoint cap)");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        if (cap_get_capBadge(dest->cap) != 0) {
            cancelBadgedSends((endpoint_t *)paddr_to_kptr(cap_get_capPaddr(dest->cap)), cap_get_capBadge(dest->cap));
        }
        return EXCEPTION_NONE;
    }
}

exception_t decodeCNodeInvocation(word_t label, word_t length, cap_t cap, const extra_caps_t *extra,
                                  word_t *buffer)
{
    if (label < CNodeRevoke || label > CNODE_LAST_LABEL) {
        return user_error(seL4_IllegalOperation, "not a label of a CNode cap");
    }
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 message words");
    }
    lookup_slot_ret_t dest = lookupSlotForCNodeOp(false, cap, getMR(ksCurThread, buffer, 0), getMR(ksCurThread, buffer, 1));
    if (dest.status != EXCEPTION_NONE) {
        return dest.status;
    }
    switch (label) {
    case CNodeCopy:
    case CNodeMint:
    case CNodeMove:
    case CNodeMutate:
        return decode_copy_like(label, length, dest.slot, extra, buffer);
    case CNodeRotate:
        return decode_rotate(length, dest.slot, extra, buffer);
    default:
        return decode_on_slot(label, dest.slot);
    }
}
