/*
 * Untyped_Retype (portable; seL4 src/object/untyped.c). Argument checks in seL4's order
 * (sel4-facts 2.4): type, size, destination CNode, offset, window, empty slots, then memory.
 * The watermark restarts at 0 only when the untyped has no children left. New objects are
 * aligned to their size and zeroed (device frames and untypeds are not).
 */
#include <object/untyped.h>
#include <api/user_error.h>
#include <object/cnode.h>
#include <kernel/arch_object.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>

typedef struct retype_args {
    word_t type, userSize, objectBits;
    cte_t *slots; /* first destination slot */
    word_t count;
} retype_args_t;

static exception_t check_type_and_size(retype_args_t *a)
{
    if (a->type >= seL4_ObjectTypeCount) {
        return user_error_invalid_argument(0, "object type not below seL4_ObjectTypeCount");
    }
    a->objectBits = getObjectSize(a->type, a->userSize);
    if (a->userSize >= wordBits || a->objectBits > seL4_MaxUntypedBits) {
        return user_error_range(0, seL4_MaxUntypedBits, "object size bits beyond seL4_MaxUntypedBits");
    }
    if (a->type == seL4_CapTableObject && a->userSize == 0) {
        return user_error_invalid_argument(1, "CNode of zero size bits");
    }
    if (a->type == seL4_UntypedObject && a->userSize < seL4_MinUntypedBits) {
        return user_error_invalid_argument(1, "untyped below seL4_MinUntypedBits");
    }
#ifdef CONFIG_KERNEL_MCS
    if (a->type == seL4_SchedContextObject && a->userSize < seL4_MinSchedContextBits) {
        return user_error_invalid_argument(1, "SC below seL4_MinSchedContextBits");
    }
#endif
    return EXCEPTION_NONE;
}

/* The destination CNode: the root itself at depth 0, else the slot the lookup lands on. */
static exception_t find_dest_cnode(cap_t root, word_t index, word_t depth, cap_t *out)
{
    if (depth == 0) {
        *out = root;
    } else {
        lookup_slot_ret_t r = lookupSlotForCNodeOp(false, root, index, depth);
        if (r.status != EXCEPTION_NONE) {
            return r.status;
        }
        *out = r.slot->cap;
    }
    if (cap_get_capType(*out) != cap_cnode_cap) {
        current_lookup_fault = lookup_fault_missing_capability_new(depth);
        return user_error_failed_lookup(false, "destination is not a CNode cap");
    }
    return EXCEPTION_NONE;
}

static exception_t check_window(cap_t cnode, word_t offset, word_t window, retype_args_t *a)
{
    word_t nodeSize = BIT(cap_cnode_cap_get_capCNodeRadix(cnode));
    if (offset > nodeSize - 1) {
        return user_error_range(0, nodeSize - 1, "destination offset beyond the CNode");
    }
    if (window < 1 || window > CONFIG_RETYPE_FAN_OUT_LIMIT) {
        return user_error_range(1, CONFIG_RETYPE_FAN_OUT_LIMIT, "object count outside 1..CONFIG_RETYPE_FAN_OUT_LIMIT");
    }
    if (window > nodeSize - offset) {
        return user_error_range(1, nodeSize - offset, "object count past the end of the CNode");
    }
    a->slots = cnode_slots(cnode) + offset;
    a->count = window;
    for (word_t i = 0; i < window; i++) {
        if (ensureEmptySlot(&a->slots[i]) != EXCEPTION_NONE) {
            return EXCEPTION_SYSCALL_ERROR;
        }
    }
    return EXCEPTION_NONE;
}

static void create_objects(cte_t *parent, const retype_args_t *a, paddr_t start, bool device)
{
    for (word_t i = 0; i < a->count; i++) {
        paddr_t p = start + (i << a->objectBits);
        insertNewCap(parent, &a->slots[i], createObject(a->type, p, a->userSize, device));
    }
}

exception_t decodeUntypedInvocation(word_t label, word_t length, cte_t *slot, cap_t cap,
                                    const extra_caps_t *extra, word_t *buffer)
{
    tcb_t *t = ksCurThread;
    if (label != UntypedRetype) {
        return user_error(seL4_IllegalOperation, "not a label of an untyped cap");
    }
    if (length < 6 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 6 words or no root CNode cap");
    }
    retype_args_t a = { .type = getMR(t, buffer, 0), .userSize = getMR(t, buffer, 1) };
    exception_t s = check_type_and_size(&a);
    cap_t cnode;
    if (s == EXCEPTION_NONE) {
        s = find_dest_cnode(extra->slots[0]->cap, getMR(t, buffer, 2), getMR(t, buffer, 3), &cnode);
    }
    if (s == EXCEPTION_NONE) {
        s = check_window(cnode, getMR(t, buffer, 4), getMR(t, buffer, 5), &a);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    /* No children left: the whole untyped is free again (sel4-facts 2.4, 9 issue 1370). */
    bool reset = ensureNoChildren(slot) == EXCEPTION_NONE;
    word_t blockBits = cap_untyped_cap_get_capBlockSize(cap);
    word_t freeIndex = reset ? 0 : cap_untyped_cap_get_capFreeIndex(cap);
    word_t freeBytes = BIT(blockBits) - freeIndex;
    paddr_t base = cap_get_capPaddr(cap);
    paddr_t start = ROUND_UP(base + freeIndex, a.objectBits);
    if ((freeBytes >> a.objectBits) < a.count || start + (a.count << a.objectBits) > base + BIT(blockBits)) {
        return user_error_not_enough_memory(freeBytes, "the objects do not fit in the untyped's free space");
    }
    bool device = cap_untyped_cap_get_capIsDevice(cap);
    if (device && a.type != seL4_UntypedObject && !Arch_isFrameType(a.type)) {
        return user_error_invalid_argument(1, "device untyped can only hold frames and untypeds");
    }
    setThreadState(t, ThreadState_Restart);
    slot->cap = cap_untyped_cap_set_capFreeIndex(cap, start + (a.count << a.objectBits) - base);
    create_objects(slot, &a, start, device);
    return EXCEPTION_NONE;
}
