/*
 * The IPC fastpath (portable; seL4 src/fastpath/fastpath.c). Each function first checks every
 * condition under which the result could differ from the slowpath's, and returns false if any
 * fails; below the COMMIT line it changes state and cannot fail. The host tests run the same
 * scenarios through both paths and compare.
 */
#include <fastpath/fastpath.h>
#include <kernel/arch_thread.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <sel4/constants.h>
#include <sel4/shared_types.h>

/* A message the fastpath can carry: registers only, no caps, and the thread not faulting. */
static bool simple_message_fp(tcb_t *t, word_t msgInfo)
{
    seL4_MessageInfo_t info = { { msgInfo } };
    return seL4_MessageInfo_get_extraCaps(info) == 0 && seL4_MessageInfo_get_length(info) <= n_msgRegisters &&
           t->fault.type == 0;
}

/* The partner resumes through the syscall return, in this domain, with a usable VSpace. */
static bool resumable_fp(tcb_t *t)
{
    cap_t vs = t->ctes[tcbVTable].cap;
    return Arch_returnsBySyscall(t) && cap_get_capType(vs) == cap_pml4_cap && cap_paging_cap_get_isMapped(vs) &&
           t->domain == ksCurDomain;
}

/* Copies the first `length` (at most 4) message registers, which travel in CPU registers
 * (r10, r8, r9, r15: sel4-facts 1.2), exactly as many as the slowpath copies. */
static void copy_mrs_fp(tcb_t *src, tcb_t *dest, word_t length)
{
    word_t *s = src->arch.context.regs, *d = dest->arch.context.regs;
    switch (length) {
    case 4:
        d[REG_R15] = s[REG_R15];
        /* fall through */
    case 3:
        d[REG_R9] = s[REG_R9];
        /* fall through */
    case 2:
        d[REG_R8] = s[REG_R8];
        /* fall through */
    case 1:
        d[REG_R10] = s[REG_R10];
        /* fall through */
    default:
        break;
    }
}

/* Delivers the message registers, badge and message info, and runs dest. */
static void deliver_and_switch_fp(tcb_t *src, tcb_t *dest, word_t msgInfo, word_t badge)
{
    seL4_MessageInfo_t info = { { msgInfo } };
    info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    copy_mrs_fp(src, dest, seL4_MessageInfo_get_length(info));
    setRegister(dest, REG_BADGE, badge);
    setRegister(dest, REG_MSGINFO, info.words[0]);
    dest->state = ThreadState_Running;
    Arch_switchToThread(dest);
    ksCurThread = dest;
}

/* resolveAddressBits at depth 64 without the failure details, for any CSpace shape: the cap at
 * cptr, or a null cap if the lookup fails anywhere (the slowpath then reports why). */
static __attribute__((noinline)) cap_t lookup_levels_fp(cap_t c, cptr_t cptr)
{
    word_t bits = wordBits;
    while (cap_get_capType(c) == cap_cnode_cap) {
        word_t radix = cap_cnode_cap_get_capCNodeRadix(c), guardSize = cap_cnode_cap_get_capCNodeGuardSize(c);
        if (unlikely(radix + guardSize > bits)) {
            return cap_null_cap_new();
        }
        bits -= radix + guardSize;
        if (guardSize && ((cptr >> (bits + radix)) & MASK(guardSize)) != cap_cnode_cap_get_capCNodeGuard(c)) {
            return cap_null_cap_new();
        }
        c = cnode_slots(c)[(cptr >> bits) & MASK(radix)].cap;
        if (bits == 0) {
            break;
        }
    }
    return c;
}

/* The usual CSpace, one CNode whose zero guard fills the rest of the word, inline; any other
 * shape through lookup_levels_fp. */
static inline cap_t lookup_fp(tcb_t *t, cptr_t cptr)
{
    cap_t c = t->ctes[tcbCTable].cap;
    word_t radix = cap_cnode_cap_get_capCNodeRadix(c);
    if (likely(cap_get_capType(c) == cap_cnode_cap && cap_cnode_cap_get_capCNodeGuard(c) == 0 &&
               radix + cap_cnode_cap_get_capCNodeGuardSize(c) == wordBits && (cptr >> radix) == 0)) {
        return cnode_slots(c)[cptr].cap;
    }
    return lookup_levels_fp(c, cptr);
}

/* The endpoint cap at cptr if it has `right`, else a null cap. */
static inline cap_t endpoint_cap_fp(tcb_t *t, cptr_t cptr, word_t right)
{
    cap_t c = lookup_fp(t, cptr);
    if (cap_get_capType(c) != cap_endpoint_cap || !(cap_get_capRights(c) & right)) {
        return cap_null_cap_new();
    }
    return c;
}

/* The reply cap to `caller` goes into the receiver's caller slot, as the CDT child right after
 * the caller's master reply cap (what cteInsert does for this case, without its generality). */
static void insert_reply_cap_fp(tcb_t *caller, tcb_t *receiver, bool canGrant)
{
    cte_t *master = &caller->ctes[tcbReply], *dest = &receiver->ctes[tcbCaller];
    cte_t *next = mdb_get_next(master->mdb);
    dest->cap = cap_reply_cap_new(kptr_to_paddr(caller), false, canGrant);
    dest->mdb = mdb_node_new(master, next, false, false);
    if (next) {
        mdb_set_prev(&next->mdb, dest);
    }
    mdb_set_next(&master->mdb, dest);
}

/* Removes the one-shot reply cap from the caller slot (a reply cap has nothing to finalise). */
static void delete_reply_cap_fp(cte_t *slot)
{
    cte_t *prev = mdb_get_prev(slot->mdb), *next = mdb_get_next(slot->mdb);
    if (prev) {
        mdb_set_next(&prev->mdb, next);
    }
    if (next) {
        mdb_set_prev(&next->mdb, prev);
    }
    slot->cap = cap_null_cap_new();
    slot->mdb = mdb_node_new(NULL, NULL, false, false);
}

bool fastpath_call(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return false;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanWrite.words[0]);
    if (cap_is_null(epCap)) {
        return false; /* not a sendable endpoint */
    }
    if (!(cap_get_capRights(epCap) & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]))) {
        return false; /* the caller would stop: the slowpath handles it */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    tcb_t *dest = ep->head;
    if (!dest || dest->state != ThreadState_BlockedOnReceive || !resumable_fp(dest)) {
        return false; /* nobody waiting, or the receiver cannot resume directly */
    }
    if (!scheduler_is_highest_prio(dest->priority)) {
        return false; /* the slowpath would choose another thread */
    }
    if (!cap_is_null(dest->ctes[tcbCaller].cap) || cap_is_null(cur->ctes[tcbReply].cap)) {
        return false;
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    endpoint_dequeue(ep, dest);
    cur->state = ThreadState_BlockedOnReply;
    insert_reply_cap_fp(cur, dest, dest->blocking_can_grant);
    deliver_and_switch_fp(cur, dest, msgInfo, cap_get_capBadge(epCap));
    return true;
}

bool fastpath_reply_recv(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return false;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanRead.words[0]);
    if (cap_is_null(epCap)) {
        return false; /* not a receivable endpoint */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    if (ep->head && ep->head->state == ThreadState_BlockedOnSend) {
        return false; /* a sender is waiting: the receive completes at once */
    }
    if (cur->bound_notification && notification_is_active(cur->bound_notification)) {
        return false; /* the receive would take the signal */
    }
    cte_t *callerSlot = &cur->ctes[tcbCaller];
    if (cap_get_capType(callerSlot->cap) != cap_reply_cap) {
        return false; /* nothing to reply to */
    }
    tcb_t *caller = tcb_from_cap(callerSlot->cap);
    if (caller->fault.type != 0 || !resumable_fp(caller) || !scheduler_is_highest_prio(caller->priority)) {
        return false; /* a fault reply, or another thread would run next */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    delete_reply_cap_fp(callerSlot);
    cur->blocking_can_grant = cap_get_capRights(epCap) & seL4_CanGrant.words[0];
    endpoint_block_receiver(ep, cur);
    deliver_and_switch_fp(cur, caller, msgInfo, 0);
    return true;
}
