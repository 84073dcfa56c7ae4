/*
 * The IPC fastpath (portable; seL4 src/fastpath/fastpath.c). Each function first checks every
 * condition under which the result could differ from the slowpath's, and returns false if any
 * fails; below the COMMIT line it changes state and cannot fail. tests/ipc runs every IPC test
 * on the kernel with and without it. Everything a call touches is inlined into the two entry
 * functions: under QEMU's -icount each instruction is a TSC tick (bench/ipc).
 */
#include <fastpath/fastpath.h>
#include <arch/kernel/thread_switch.h>
#include <kernel/arch_thread.h>
#include <kernel/cspace.h>
#include <kernel/memory.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <sel4/constants.h>
#include <sel4/shared_types.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/reply.h>
#endif

/* A message the fastpath can carry: at most 4 words in registers, no caps (extraCaps in bits
 * 8:7 and length in 6:0 of the message info), and the thread not faulting. */
static FORCE_INLINE bool simple_message_fp(const tcb_t *t, word_t msgInfo)
{
    return (msgInfo & MASK(9)) <= n_msgRegisters && t->fault.type == 0;
}

/* Whether the partner can resume through the syscall return, in this domain; *root is then
 * the VSpace it runs in. */
static FORCE_INLINE bool resumable_fp(const tcb_t *t, paddr_t *root)
{
    if (!Arch_returnsBySyscall(t) || (CONFIG_NUM_DOMAINS > 1 && t->domain != ksCurDomain)) {
        return false;
    }
    return arch_vspace_root(t, root);
}

/* Copies the first `length` (at most 4) message registers, which travel in CPU registers
 * (r10, r8, r9, r15: sel4-facts 1.2), exactly as many as the slowpath copies: the others must
 * not carry the sender's register contents to the receiver. */
static FORCE_INLINE void copy_mrs_fp(const tcb_t *src, tcb_t *dest, word_t length)
{
    const word_t *s = src->arch.context.regs;
    word_t *d = dest->arch.context.regs;
    if (length == 0) {
        return; /* the usual short message: one test */
    }
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
    default:
        d[REG_R10] = s[REG_R10];
    }
}

/* Delivers the message registers, badge and message info, and runs dest in root. */
static FORCE_INLINE void deliver_and_switch_fp(tcb_t *src, tcb_t *dest, word_t msgInfo, word_t badge, paddr_t root)
{
    seL4_MessageInfo_t info = { { msgInfo } };
    info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    copy_mrs_fp(src, dest, seL4_MessageInfo_get_length(info));
    setRegister(dest, REG_BADGE, badge);
    setRegister(dest, REG_MSGINFO, info.words[0]);
    dest->state = ThreadState_Running;
    arch_switch_to(dest, root);
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

/* The usual CSpace, one CNode whose guard fills the rest of the word (guardSize + radix = 64:
 * the guard is then exactly cptr's bits above the radix), inline; any other shape through
 * lookup_levels_fp. */
static FORCE_INLINE cap_t lookup_fp(const tcb_t *t, cptr_t cptr)
{
    cap_t c = t->ctes[tcbCTable].cap;
    word_t radix = cap_cnode_cap_get_capCNodeRadix(c);
    if (likely(cap_cnode_cap_is_one_level(c) && (cptr >> radix) == cap_cnode_cap_get_capCNodeGuard(c))) {
        /* the index: cptr without its guard bits (they equal the guard) */
        return cnode_slots(c)[cptr ^ (cap_cnode_cap_get_capCNodeGuard(c) << radix)].cap;
    }
    return lookup_levels_fp(c, cptr);
}

/* The endpoint cap at cptr if it has `right`, else a null cap. */
static FORCE_INLINE cap_t endpoint_cap_fp(const tcb_t *t, cptr_t cptr, word_t right)
{
    cap_t c = lookup_fp(t, cptr);
    if (cap_get_capType(c) != cap_endpoint_cap || !(cap_get_capRights(c) & right)) {
        return cap_null_cap_new();
    }
    return c;
}

#ifndef CONFIG_KERNEL_MCS
/* The reply cap to `caller` goes into the receiver's caller slot, as the CDT child right after
 * the caller's master reply cap (what cteInsert does for this case, without its generality).
 * It is the master with master = 0 and the receiver's canGrant. */
static FORCE_INLINE void insert_reply_cap_fp(tcb_t *caller, tcb_t *receiver, bool canGrant)
{
    cte_t *master = &caller->ctes[tcbReply], *dest = &receiver->ctes[tcbCaller];
    cte_t *next = mdb_get_next(master->mdb);
    dest->cap = cap_reply_cap_from_master(master->cap, canGrant);
    dest->mdb = mdb_node_new(master, next, false, false);
    if (next) {
        mdb_set_prev(&next->mdb, dest);
    }
    mdb_set_next(&master->mdb, dest);
}

/* Removes the one-shot reply cap from the caller slot (a reply cap has nothing to finalise). */
static FORCE_INLINE void delete_reply_cap_fp(cte_t *slot)
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
#endif

/* The receiver at the head of ep's queue, which is then the only thread it loses. */
static FORCE_INLINE void dequeue_head_fp(endpoint_t *ep, tcb_t *head)
{
    tcb_t *next = head->ep_next;
    ep->head = next;
    if (next) {
        next->ep_prev = NULL;
    } else {
        ep->tail = NULL;
    }
    head->ep_next = NULL;
}

#ifdef CONFIG_KERNEL_MCS
/*
 * MCS (sel4-mcs-facts 4.10): a Call to a passive server waiting with a reply object donates the
 * caller's SC inline, and the server's ReplyRecv through the reply at the head of that SC's call
 * stack gives it back inline. The SC that runs stays the same, so the clock, the budget and the
 * programmed deadline stay valid: the time is charged at the next slowpath entry.
 */
void fastpath_call(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanWrite.words[0]);
    if (cap_is_null(epCap)) {
        return; /* not a sendable endpoint */
    }
    if (!(cap_get_capRights(epCap) & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]))) {
        return; /* the caller would stop: the slowpath handles it */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    tcb_t *dest = ep->head;
    if (!dest || dest->state != ThreadState_BlockedOnReceive) {
        return; /* nobody waiting */
    }
    reply_t *reply = dest->reply;
    sched_context_t *sc = cur->sc;
    if (!reply || dest->sc || !sc) {
        return; /* no reply object (the caller would stop), or no donation: a server with its own SC */
    }
    paddr_t root;
    if (!resumable_fp(dest, &root) || !scheduler_is_highest_prio(dest->priority)) {
        return; /* the receiver cannot resume directly, or another thread would run */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    dequeue_head_fp(ep, dest);
    /* the reply records the caller and becomes the head of the SC's call stack */
    reply->tcb = cur;
    cur->reply = reply;
    dest->reply = NULL;
    reply_t *old = sc->reply;
    if (old) {
        old->sc = NULL;
        old->next = reply;
    }
    reply->prev = old;
    reply->next = NULL;
    reply->sc = sc;
    sc->reply = reply;
    /* the SC moves to the server (the caller is current: in no queue) */
    cur->sc = NULL;
    sc->tcb = dest;
    dest->sc = sc;
    cur->state = ThreadState_BlockedOnReply;
    deliver_and_switch_fp(cur, dest, msgInfo, cap_get_capBadge(epCap), root);
    Arch_fastpathResume();
}

void fastpath_reply_recv(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanRead.words[0]);
    if (cap_is_null(epCap)) {
        return; /* not a receivable endpoint */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    if (ep->head && (ep->head->state == ThreadState_BlockedOnSend || ep->tail->priority < cur->priority)) {
        return; /* a sender is waiting, or the receiver would not go to the queue's tail */
    }
    notification_t *bound = cur->bound_notification;
    if (bound && (notification_is_active(bound) || bound->sc)) {
        return; /* the receive would take the signal, or give an SC back to the notification */
    }
    cap_t replyCap = lookup_fp(cur, getRegister(cur, REG_R12));
    if (cap_get_capType(replyCap) != cap_reply_cap) {
        return; /* not a reply cap: the slowpath faults */
    }
    reply_t *reply = reply_from_cap(replyCap);
    tcb_t *caller = reply->tcb;
    sched_context_t *sc = cur->sc;
    if (!caller || caller->state != ThreadState_BlockedOnReply || caller->fault.type != 0) {
        return; /* nothing to reply to, or a fault reply */
    }
    if (!sc || reply->sc != sc || caller->sc) {
        return; /* the reply does not give the current SC back */
    }
    paddr_t root;
    if (!resumable_fp(caller, &root) || !scheduler_is_highest_prio(caller->priority)) {
        return; /* the caller cannot resume directly, or another thread would run */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    /* pop the call stack: the SC goes back to the caller */
    reply_t *prev = reply->prev;
    sc->reply = prev;
    if (prev) {
        prev->sc = sc;
        prev->next = NULL;
    }
    reply->prev = NULL;
    reply->sc = NULL;
    caller->reply = NULL;
    cur->sc = NULL;
    sc->tcb = caller;
    caller->sc = sc;
    /* the server waits again with the same reply object (at the queue's tail: checked above) */
    cur->blocking_can_grant = cap_get_capRights(epCap) & seL4_CanGrant.words[0];
    endpoint_block_receiver(ep, cur);
    reply->tcb = cur;
    cur->reply = reply;
    deliver_and_switch_fp(cur, caller, msgInfo, 0, root);
    Arch_fastpathResume();
}
#else
void fastpath_call(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanWrite.words[0]);
    if (cap_is_null(epCap)) {
        return; /* not a sendable endpoint */
    }
    if (!(cap_get_capRights(epCap) & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]))) {
        return; /* the caller would stop: the slowpath handles it */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    tcb_t *dest = ep->head;
    if (!dest || dest->state != ThreadState_BlockedOnReceive) {
        return; /* nobody waiting */
    }
    paddr_t root;
    if (!resumable_fp(dest, &root) || !scheduler_is_highest_prio(dest->priority)) {
        return; /* the receiver cannot resume directly, or another thread would run */
    }
    if (!cap_is_null(dest->ctes[tcbCaller].cap) || cap_is_null(cur->ctes[tcbReply].cap)) {
        return;
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    dequeue_head_fp(ep, dest);
    cur->state = ThreadState_BlockedOnReply;
    insert_reply_cap_fp(cur, dest, dest->blocking_can_grant);
    deliver_and_switch_fp(cur, dest, msgInfo, cap_get_capBadge(epCap), root);
    Arch_fastpathResume();
}

void fastpath_reply_recv(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    if (!simple_message_fp(cur, msgInfo)) {
        return;
    }
    cap_t epCap = endpoint_cap_fp(cur, cptr, seL4_CanRead.words[0]);
    if (cap_is_null(epCap)) {
        return; /* not a receivable endpoint */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    if (ep->head && ep->head->state == ThreadState_BlockedOnSend) {
        return; /* a sender is waiting: the receive completes at once */
    }
    if (cur->bound_notification && notification_is_active(cur->bound_notification)) {
        return; /* the receive would take the signal */
    }
    cte_t *callerSlot = &cur->ctes[tcbCaller];
    if (cap_get_capType(callerSlot->cap) != cap_reply_cap) {
        return; /* nothing to reply to */
    }
    tcb_t *caller = tcb_from_cap(callerSlot->cap);
    if (caller->fault.type != 0) {
        return; /* a fault reply */
    }
    paddr_t root;
    if (!resumable_fp(caller, &root) || !scheduler_is_highest_prio(caller->priority)) {
        return; /* the caller cannot resume directly, or another thread would run */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    delete_reply_cap_fp(callerSlot);
    cur->blocking_can_grant = cap_get_capRights(epCap) & seL4_CanGrant.words[0];
    endpoint_block_receiver(ep, cur);
    deliver_and_switch_fp(cur, caller, msgInfo, 0, root);
    Arch_fastpathResume();
}
#endif
