/*
 * The IPC fastpath (portable; seL4 src/fastpath/fastpath.c). Each function first checks every
 * condition under which the result could differ from the slowpath's, and returns false if any
 * fails; below the COMMIT line it changes state and cannot fail. tests/ipc runs every IPC test
 * on the kernel with and without it. Everything a call touches is inlined into the two entry
 * functions: under QEMU's -icount each instruction is a TSC tick (bench/ipc).
 */
#include <fastpath/fastpath.h>
#include <api/failures.h>
#include <kernel/thread_switch.h>
#include <kernel/arch_thread.h>
#include <kernel/cspace.h>
#include <kernel/ipc.h>
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

/* Whether the partner can run now, in this domain (another would be queued instead); *root
 * is then the VSpace it runs in. */
static FORCE_INLINE bool runnable_here_fp(const tcb_t *t, paddr_t *root)
{
    if (CONFIG_NUM_DOMAINS > 1 && t->domain != ksCurDomain) {
        return false;
    }
    return arch_vspace_root(t, root);
}

/* Whether the partner can resume through the syscall return, in this domain; *root is then
 * the VSpace it runs in. */
static FORCE_INLINE bool resumable_fp(const tcb_t *t, paddr_t *root)
{
    return Arch_returnsBySyscall(t) && runnable_here_fp(t, root);
}

/* scheduler_is_highest_prio(t->priority), with t's priority read only when some thread is
 * ready (volatile: gcc would otherwise load it ahead of the usual empty-bitmap test). */
static FORCE_INLINE bool highest_prio_fp(const tcb_t *t)
{
    word_t dom = CONFIG_NUM_DOMAINS > 1 ? ksCurDomain : 0;
    if (likely(!ksReadyQueuesL1Bitmap[dom])) {
        return true;
    }
    return highest_prio(dom) <= *(const volatile sword_t *)&t->priority;
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
        d[msgRegisters[3]] = s[msgRegisters[3]];
        /* fall through */
    case 3:
        d[msgRegisters[2]] = s[msgRegisters[2]];
        /* fall through */
    case 2:
        d[msgRegisters[1]] = s[msgRegisters[1]];
        /* fall through */
    default:
        d[msgRegisters[0]] = s[msgRegisters[0]];
    }
}

/* The switch's rare FPU cases (kernel/fpu.h), then the return: out of line, and returning to
 * user mode itself, so that no value of the fastpath lives across the call (x86_64: the
 * fastpath then needs no callee-saved register and no stack slot). */
static __attribute__((noinline, unused)) void fpu_rare_and_return_fp(tcb_t *t, word_t badge, word_t msgInfo)
{
    arch_switch_to_rare(t);
    Arch_fastpathReturnSyscall(badge, msgInfo);
}

/* Arch_fastpathReturnSyscall, declared without noreturn: gcc then jumps to it from the end of
 * a fastpath (a sibling call) instead of calling it, as it does with fpu_rare_and_return_fp,
 * so that the usual path makes no call and needs no stack alignment (x86_64: a sub less in
 * each fastpath). It does not return all the same. */
extern void return_syscall_fp(word_t badge, word_t msgInfo) __asm__("Arch_fastpathReturnSyscall");

/* Delivers the message registers, badge and message info, and resumes dest in root (which
 * returns by the syscall path: resumable_fp). The badge and message info go to the return in
 * registers (Arch_fastpathReturnSyscall). */
static FORCE_INLINE void deliver_and_switch_fp(tcb_t *src, tcb_t *dest, word_t msgInfo, word_t badge, paddr_t root)
{
    seL4_MessageInfo_t info = { { msgInfo } };
    info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    copy_mrs_fp(src, dest, seL4_MessageInfo_get_length(info));
    dest->state = ThreadState_Running;
    ksCurThread = dest; /* before the switch: its rare FPU cases do not read it */
    if (unlikely(!arch_switch_to_common(dest, root))) {
        fpu_rare_and_return_fp(dest, badge, info.words[0]);
        return; /* (it does not return: a jump) */
    }
    return_syscall_fp(badge, info.words[0]);
}

/* resolveAddressBits at depth 64 without the failure details, for any CSpace shape: the cap at
 * cptr, or a null cap if the lookup fails anywhere (the slowpath then reports why). */
static FORCE_INLINE cap_t lookup_levels_fp(cap_t c, cptr_t cptr)
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

/* cap_cnode_cap_is_one_level for the cap in a TCB's CSpace-root slot, in one addition and one
 * compare (the radix is extracted for the lookup anyway). Word 0's bits 63:53 are
 * type << 6 | guardSize, and the cap is a one-level CNode cap iff type = 10 and
 * guardSize + radix = 64, that is iff (type << 6 | guardSize) + radix = 10 * 64 + 64, with one
 * other solution: type 11 (asid_control) with guardSize = radix = 0. That slot never holds an
 * asid_control cap: TCB_Configure and TCB_SetSpace install only CNode caps there
 * (derive_spaces), the boot copies the root CNode cap, and deletion leaves a null or zombie
 * cap. */
static FORCE_INLINE bool ctable_is_one_level_fp(cap_t c, word_t radix)
{
    _Static_assert(cap_cnode_cap == 10 && cap_asid_control_cap == 11, "the cap types of the comment");
    return (c.words[0] >> (CAP_PTR_BITS + 6)) + radix == (((word_t)cap_cnode_cap << 6) + 64);
}

/* The usual CSpace, one CNode whose guard fills the rest of the word (guardSize + radix = 64:
 * the guard is then exactly cptr's bits above the radix), inline; any other shape through
 * lookup_levels_fp. */
static FORCE_INLINE cap_t lookup_fp(const tcb_t *t, cptr_t cptr)
{
    const cap_t *root = &t->ctes[tcbCTable].cap;
    cap_t c = { { root->words[0], 0 } }; /* word 1, the guard, read for its compare only */
    word_t radix = cap_cnode_cap_get_capCNodeRadix(c);
    word_t guardBits = cptr >> radix;
    if (likely(ctable_is_one_level_fp(c, radix) && guardBits == root->words[1])) {
        /* the index: cptr without its guard bits */
        return cnode_slots(c)[cptr ^ (guardBits << radix)].cap;
    }
    return lookup_levels_fp(*root, cptr);
}

/* The endpoint cap at cptr if it has `right` (one right bit), else a null cap. The type and the
 * right in one mask-compare: word 0's bits 63:47 are type << 12 | small, and an endpoint cap's
 * small field is its rights (bits 3:0, <object/cap.h>). */
static FORCE_INLINE cap_t endpoint_cap_fp(const tcb_t *t, cptr_t cptr, word_t right)
{
    cap_t c = lookup_fp(t, cptr);
    word_t mask = ((word_t)MASK(5) << 12) | right, want = ((word_t)cap_endpoint_cap << 12) | right;
    if (((c.words[0] >> CAP_PTR_BITS) & mask) != want) {
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
    mdb_node_t masterMdb = master->mdb; /* read once: the stores below may alias it for gcc */
    cte_t *next = mdb_get_next(masterMdb);
    /* word 1 is 0 in every reply cap (cap_reply_cap_new, as setupCallerCap's): not copied */
    dest->cap.words[0] = cap_reply_cap_from_master(master->cap, canGrant).words[0];
    dest->cap.words[1] = 0;
    dest->mdb = mdb_node_new(master, next, false, false);
    if (next) {
        mdb_set_prev(&next->mdb, dest);
    }
    mdb_set_next(&masterMdb, dest);
    master->mdb.words[1] = masterMdb.words[1];
}

/* Word 0's top byte, type << 3 | bits 58:56 (<object/cap.h>), read as a byte: gcc then tests
 * it in memory (one compare) instead of copying and shifting the word. */
static FORCE_INLINE uint8_t cap_top_byte_fp(const cap_t *c)
{
    _Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "word 0's top byte is its 8th");
    return ((const uint8_t *)&c->words[0])[7];
}

/* Whether *c is a reply cap: bits 58:56 are 0 in a reply cap (its fields are bits 48:47), so
 * the top byte is cap_reply_cap << 3 iff the type is cap_reply_cap. */
static FORCE_INLINE bool cap_is_reply_fp(const cap_t *c)
{
    return cap_top_byte_fp(c) == (cap_reply_cap << 3);
}

/* cap_is_null(*c): the type is 0 iff the top byte is below 1 << 3. */
static FORCE_INLINE bool cap_is_null_fp(const cap_t *c)
{
    return cap_top_byte_fp(c) < (1 << 3);
}

/* Whether t's caller slot is empty, in one compare of the cap's first word with 0: every null
 * cap is all zeros (cap_null_cap_new, zeroed memory), and a null cap that were not would only
 * make the fastpath decline, leaving the case to the slowpath. */
static FORCE_INLINE bool caller_slot_empty_fp(const tcb_t *t)
{
    return t->ctes[tcbCaller].cap.words[0] == 0;
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
    slot->cap.words[0] = 0; /* a null cap; word 1 is 0 already, as in every reply cap */
    slot->mdb = mdb_node_new(NULL, NULL, false, false);
}
#endif

/* The receiver at the head of ep's queue, which is then the only thread it loses. */
static FORCE_INLINE void dequeue_head_fp(endpoint_t *ep, tcb_t *head)
{
    tcb_t *next = head->ep_next;
    ep->head = next;
    if (unlikely(next)) { /* the usual server waits alone */
        next->ep_prev = NULL;
        head->ep_next = NULL; /* (already NULL otherwise) */
    } else {
        ep->tail = NULL;
    }
}

/* The IPC entries. The x86_64 kernel compiles them in a file of their own (FASTPATH_IPC_APART:
 * src/arch/x86_64/fastpath_ipc.c, which includes this one with FASTPATH_IPC_ONLY), where they
 * need not preserve the callee-saved registers: their only caller is syscall_entry. */
#if !defined(FASTPATH_IPC_APART) || defined(FASTPATH_IPC_ONLY)
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
    if (!resumable_fp(dest, &root) || !highest_prio_fp(dest)) {
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
    if (!resumable_fp(caller, &root) || !highest_prio_fp(caller)) {
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
    if (!resumable_fp(dest, &root) || !highest_prio_fp(dest)) {
        return; /* the receiver cannot resume directly, or another thread would run */
    }
    if (!caller_slot_empty_fp(dest) || cap_is_null_fp(&cur->ctes[tcbReply].cap)) {
        return; /* the receiver holds a reply cap already, or the caller has no master reply cap */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    dequeue_head_fp(ep, dest);
    cur->state = ThreadState_BlockedOnReply;
    insert_reply_cap_fp(cur, dest, dest->blocking_can_grant);
    deliver_and_switch_fp(cur, dest, msgInfo, cap_get_capBadge(epCap), root);
}

/* Whether the reply restarts a faulted caller (a label other than 0 stops a caller after an
 * unknown syscall or a user exception; the slowpath does that). The reply's length and caps do
 * not matter: handleFaultReply reads what it needs itself. */
static FORCE_INLINE bool fault_reply_restarts_fp(const tcb_t *cur, word_t msgInfo)
{
    return cur->fault.type == 0 && seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { msgInfo } }) == 0;
}

/* ReplyRecv to a faulted caller: the slowpath's doReplyTransfer for a caller that restarts
 * (the reply's registers written back, sanitised, by the slowpath's own handleFaultReply; the
 * fault cleared) and its activateThread (the caller resumes at its restart point, by the full
 * return: its registers were rewritten), with the receive as for a plain reply. Out of line,
 * so that the plain ReplyRecv does not pay for its calls. Returns only if it declines. */
static __attribute__((noinline)) void fault_reply_recv_fp(tcb_t *cur, tcb_t *caller, cap_t epCap, word_t msgInfo)
{
    paddr_t root;
    if (!fault_reply_restarts_fp(cur, msgInfo) || !runnable_here_fp(caller, &root) ||
        !highest_prio_fp(caller)) {
        return; /* the caller stops, or cannot run now, or another thread would run */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    delete_reply_cap_fp(&cur->ctes[tcbCaller]);
    /* before the switch: writing back the current thread's registers would reload its bases */
    (void)handleFaultReply(caller, cur); /* true: the label is 0 (fault_reply_restarts_fp) */
    caller->fault.type = seL4_Fault_NullFault;
    Arch_setNextPC(caller, Arch_getRestartPC(caller));
    cur->blocking_can_grant = cap_get_capRights(epCap) & seL4_CanGrant.words[0];
    endpoint_block_receiver(ep_from_cap(epCap), cur);
    caller->state = ThreadState_Running;
    arch_switch_to(caller, root);
    ksCurThread = caller;
    Arch_fastpathResume();
}

void fastpath_reply_recv(cptr_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
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
    if (!cap_is_reply_fp(&callerSlot->cap)) {
        return; /* nothing to reply to */
    }
    tcb_t *caller = tcb_from_cap(callerSlot->cap);
    if (caller->fault.type != 0) {
        fault_reply_recv_fp(cur, caller, epCap, msgInfo);
        return;
    }
    paddr_t root;
    if (!simple_message_fp(cur, msgInfo) || !resumable_fp(caller, &root) ||
        !highest_prio_fp(caller)) {
        return; /* a long message or caps, the caller cannot resume directly, or another thread would run */
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    delete_reply_cap_fp(callerSlot);
    cur->blocking_can_grant = cap_get_capRights(epCap) & seL4_CanGrant.words[0];
    endpoint_block_receiver(ep, cur);
    deliver_and_switch_fp(cur, caller, msgInfo, 0, root);
}
#endif /* CONFIG_KERNEL_MCS */
#endif /* the IPC entries */

#if !defined(CONFIG_KERNEL_MCS) && !defined(FASTPATH_IPC_ONLY)

/* seL4 sends a fault as a Call from the faulted thread to its handler endpoint; when the
 * handler already waits and would run next, this does it directly: the message as the
 * slowpath writes it (setMRs_fault), the reply cap, the switch. Only at kernel entry (nothing
 * chosen to run yet), so that the switch is the one schedule() would make. */
void fastpath_fault(tcb_t *t)
{
    if (t != ksCurThread || ksSchedulerAction != SchedulerAction_ResumeCurrentThread) {
        return;
    }
    cap_t epCap = endpoint_cap_fp(t, t->fault_handler, seL4_CanWrite.words[0]);
    if (cap_is_null(epCap) ||
        !(cap_get_capRights(epCap) & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]))) {
        return; /* no valid handler: the slowpath reports it and stops the thread */
    }
    endpoint_t *ep = ep_from_cap(epCap);
    tcb_t *dest = ep->head;
    if (!dest || dest->state != ThreadState_BlockedOnReceive) {
        return; /* the handler is not waiting: the faulter queues */
    }
    paddr_t root;
    if (!resumable_fp(dest, &root) || !highest_prio_fp(dest)) {
        return; /* the handler cannot resume directly, or another thread would run */
    }
    if (!caller_slot_empty_fp(dest) || cap_is_null_fp(&t->ctes[tcbReply].cap)) {
        return;
    }
    /* --- COMMIT: nothing below can fail ---------------------------------------------- */
    t->fault = current_fault;
    t->lookup_failure = current_lookup_fault;
    dequeue_head_fp(ep, dest);
    word_t length = setMRs_fault(t, dest, lookupIPCBuffer(true, dest));
    setRegister(dest, REG_MSGINFO, seL4_MessageInfo_new(t->fault.type, 0, 0, length).words[0]);
    setRegister(dest, REG_BADGE, cap_get_capBadge(epCap));
    t->state = ThreadState_BlockedOnReply;
    insert_reply_cap_fp(t, dest, dest->blocking_can_grant);
    dest->state = ThreadState_Running;
    arch_switch_to(dest, root);
    ksCurThread = dest;
    Arch_fastpathResume();
}

/* seL4's Yield moves the current thread to the tail of its ready queue and chooses again. When
 * no other thread of its domain is ready at its priority or above (and the domain's time is
 * not up), the choice is the thread itself: the queue and bitmap come back as they were, and
 * what remains is the switch to it (kept: it also reloads a VSpace root that became invalid).
 * The caller then finds nothing to schedule. */
bool fastpath_yield(void)
{
    tcb_t *cur = ksCurThread;
    word_t dom = CONFIG_NUM_DOMAINS > 1 ? ksCurDomain : 0;
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread || cur->queued || ksDomainTime == 0 ||
        cur->domain != ksCurDomain) {
        return false;
    }
    if (ksReadyQueuesL1Bitmap[dom] && highest_prio(dom) >= (sword_t)cur->priority) {
        return false; /* another thread would run, or at the same priority go first */
    }
    Arch_switchToThread(cur);
    return true;
}

/* schedule() when a thread woken at the current thread's priority is the candidate and the
 * current thread stays runnable (a Signal or Send to a waiting thread): seL4 queues the
 * current thread at the head, the candidate at the tail, chooses again and takes the current
 * thread back off its queue. When nothing above that priority is ready (and the domain's time
 * is not up) the net effect is the candidate at the tail and the switch to the current thread
 * (kept: it also reloads a VSpace root that became invalid). True if done; the caller then
 * resumes the current thread. */
bool fastpath_schedule_same_prio(tcb_t *candidate)
{
    tcb_t *cur = ksCurThread;
    word_t dom = CONFIG_NUM_DOMAINS > 1 ? ksCurDomain : 0;
    if (cur == ksIdleThread || candidate == cur || !isRunnable(cur) || cur->queued || candidate->priority != cur->priority ||
        ksDomainTime == 0 || cur->domain != ksCurDomain) {
        return false;
    }
    if (ksReadyQueuesL1Bitmap[dom] && highest_prio(dom) > (sword_t)cur->priority) {
        return false; /* a thread above both would be chosen */
    }
    tcbSchedAppend(candidate);
    Arch_switchToThread(cur);
    return true;
}
#endif
