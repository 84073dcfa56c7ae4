/*
 * Scheduling contexts (MCS; seL4 src/object/schedcontext.c, written from sel4-mcs-facts 2.3,
 * 2.4, 4.3 and 4.7): which thread and notification an SC is bound to, donation, YieldTo and
 * Consumed, and the SchedContext invocations in seL4's check order.
 */
#include <object/schedcontext.h>
#include <object/reply.h>
#include <object/tcb.h>
#include <object/notification.h>
#include <api/user_error.h>
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

void schedContext_init(sched_context_t *sc)
{
    sc->refillMax = 0;
}

void schedContext_bindTCB(sched_context_t *sc, tcb_t *t)
{
    sc->tcb = t;
    t->sc = sc;
    if (sc_active(sc)) {
        if (sc->sporadic) {
            refill_unblock_check(sc, ksCurTime);
        }
        schedContext_resume(sc);
    }
    if (isSchedulable(t)) {
        tcbSchedEnqueue(t);
        rescheduleRequired();
    }
}

/* t stops running on its SC: out of the ready and release queues. */
static void detach(tcb_t *t)
{
    tcbSchedDequeue(t);
    tcbReleaseRemove(t);
    t->sc = NULL;
    if (t == ksCurThread && isRunnable(t)) {
        rescheduleRequired();
    }
}

void schedContext_unbindTCB(sched_context_t *sc)
{
    tcb_t *t = sc->tcb;
    if (t) {
        detach(t);
        sc->tcb = NULL;
    }
}

void schedContext_donate(sched_context_t *sc, tcb_t *to)
{
    if (sc->tcb) {
        detach(sc->tcb);
    }
    sc->tcb = to;
    to->sc = sc;
}

void schedContext_bindNtfn(sched_context_t *sc, notification_t *n)
{
    n->sc = sc;
    sc->ntfn = n;
}

void schedContext_unbindNtfn(sched_context_t *sc)
{
    if (sc->ntfn) {
        sc->ntfn->sc = NULL;
        sc->ntfn = NULL;
    }
}

/* The head of the call stack no longer leads back to this SC. */
static void unbind_reply(sched_context_t *sc)
{
    if (sc->reply) {
        sc->reply->sc = NULL;
        sc->reply = NULL;
    }
}

void schedContext_finalise(sched_context_t *sc)
{
    schedContext_unbindTCB(sc);
    schedContext_unbindNtfn(sc);
    unbind_reply(sc);
    if (sc->yieldFrom) {
        schedContext_completeYieldTo(sc->yieldFrom);
    }
    sc->refillMax = 0;
    sc->sporadic = 0;
}

void maybeDonateSchedContext(tcb_t *t, notification_t *n)
{
    sched_context_t *sc = n->sc;
    if (t->sc || !sc || sc->tcb) {
        return;
    }
    schedContext_donate(sc, t);
    (void)sc_wake_ready(t);
}

void maybeReturnSchedContext(notification_t *n, tcb_t *t)
{
    sched_context_t *sc = n->sc;
    if (sc && sc == t->sc) {
        detach(t);
        sc->tcb = NULL;
    }
}

uint64_t schedContext_updateConsumed(sched_context_t *sc)
{
    uint64_t us = ticksToUs(sc->consumed);
    sc->consumed = 0;
    return us;
}

/* MR0 = consumed µs, the reply of Consumed and YieldTo. */
static void reply_consumed(tcb_t *t, uint64_t us)
{
    setMR(t, lookupIPCBuffer(true, t), 0, us);
    setRegister(t, REG_BADGE, 0);
    setRegister(t, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
}

void schedContext_completeYieldTo(tcb_t *yielder)
{
    sched_context_t *sc = yielder->yieldTo;
    if (!sc) {
        return;
    }
    reply_consumed(yielder, schedContext_updateConsumed(sc));
    sc->yieldFrom = NULL;
    yielder->yieldTo = NULL;
}

void schedContext_cancelYieldTo(tcb_t *t)
{
    if (t->yieldTo) {
        t->yieldTo->yieldFrom = NULL;
        t->yieldTo = NULL;
    }
    if (t->sc && t->sc->yieldFrom) {
        t->sc->yieldFrom->yieldTo = NULL;
        t->sc->yieldFrom = NULL;
    }
}

/* --- invocations ------------------------------------------------------------------------- */

static bool is_blocked(const tcb_t *t)
{
    switch (t->state) {
    case ThreadState_BlockedOnReceive:
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnNotification:
    case ThreadState_BlockedOnReply:
        return true;
    default:
        return false;
    }
}

/* "Released": configured and its head refill due (what a blocked thread may be bound to). */
static bool sc_released(sched_context_t *sc)
{
    return sc_active(sc) && refill_ready(sc, ksCurTime);
}

static exception_t decode_bind(sched_context_t *sc, const extra_caps_t *extra)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no TCB or notification cap to bind");
    }
    cap_t c = extra->slots[0]->cap;
    switch (cap_get_capType(c)) {
    case cap_thread_cap: {
        tcb_t *t = tcb_from_cap(c);
        if (sc->tcb) {
            return user_error(seL4_IllegalOperation, "the SC already has a TCB");
        }
        if (t->sc) {
            return user_error(seL4_IllegalOperation, "the TCB already has an SC");
        }
        if (is_blocked(t) && !sc_released(sc)) {
            return user_error(seL4_IllegalOperation, "blocked TCB and an SC that is not released");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        schedContext_bindTCB(sc, t);
        return EXCEPTION_NONE;
    }
    case cap_notification_cap: {
        notification_t *n = ntfn_from_cap(c);
        if (sc->ntfn) {
            return user_error(seL4_IllegalOperation, "the SC already has a notification");
        }
        if (n->sc) {
            return user_error(seL4_IllegalOperation, "the notification already has an SC");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        schedContext_bindNtfn(sc, n);
        return EXCEPTION_NONE;
    }
    default:
        return user_error_invalid_cap(1, "neither a TCB nor a notification cap");
    }
}

static exception_t decode_unbind_object(sched_context_t *sc, const extra_caps_t *extra)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no TCB or notification cap to unbind");
    }
    cap_t c = extra->slots[0]->cap;
    switch (cap_get_capType(c)) {
    case cap_thread_cap:
        if (sc->tcb != tcb_from_cap(c)) {
            return user_error(seL4_IllegalOperation, "the TCB does not hold this SC");
        }
        if (sc->tcb == ksCurThread) {
            return user_error(seL4_IllegalOperation, "unbinding the calling thread's SC");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        schedContext_unbindTCB(sc);
        return EXCEPTION_NONE;
    case cap_notification_cap:
        if (sc->ntfn != ntfn_from_cap(c)) {
            return user_error(seL4_IllegalOperation, "the notification is not bound to this SC");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        schedContext_unbindNtfn(sc);
        return EXCEPTION_NONE;
    default:
        return user_error_invalid_cap(1, "neither a TCB nor a notification cap");
    }
}

/* YieldTo (sel4-mcs-facts 4.7): a lower-priority target goes to the head of its queue and the
 * call returns at once; otherwise the caller waits behind the target until it runs again. */
static exception_t decode_yield_to(sched_context_t *sc, bool isCall)
{
    tcb_t *cur = ksCurThread, *t = sc->tcb;
    if (!t) {
        return user_error(seL4_IllegalOperation, "the SC has no thread");
    }
    if (t == cur) {
        return user_error(seL4_IllegalOperation, "yielding to the calling thread's own SC");
    }
    if (t->priority > cur->mcp) {
        return user_error(seL4_IllegalOperation, "target priority above the caller's MCP");
    }
    if (sc->yieldFrom) {
        schedContext_completeYieldTo(sc->yieldFrom);
    }
    setThreadState(cur, ThreadState_Running);
    if (isRunnable(t) && sc_active(sc)) {
        schedContext_resume(sc);
        if (isSchedulable(t) && t->priority >= cur->priority) {
            sc->yieldFrom = cur;
            cur->yieldTo = sc;
            tcbSchedDequeue(t);
            tcbSchedEnqueue(cur);
            tcbSchedEnqueue(t);
            rescheduleRequired();
            return EXCEPTION_NONE; /* the reply is written when the caller runs again */
        }
        if (isSchedulable(t)) {
            tcbSchedDequeue(t);
            tcbSchedEnqueue(t);
        }
    }
    uint64_t us = schedContext_updateConsumed(sc);
    if (isCall) {
        reply_consumed(cur, us);
    }
    return EXCEPTION_NONE;
}

exception_t decodeSchedContextInvocation(word_t label, cap_t cap, const extra_caps_t *extra, bool isCall)
{
    sched_context_t *sc = sc_from_cap(cap);
    switch (label) {
    case SchedContextBind:
        return decode_bind(sc, extra);
    case SchedContextUnbindObject:
        return decode_unbind_object(sc, extra);
    case SchedContextUnbind:
        if (sc->tcb == ksCurThread) {
            return user_error(seL4_IllegalOperation, "unbinding the calling thread's SC");
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        schedContext_unbindTCB(sc);
        schedContext_unbindNtfn(sc);
        unbind_reply(sc);
        return EXCEPTION_NONE;
    case SchedContextConsumed: {
        if (sc == ksCurSC) {
            commitTime(); /* the caller's own SC: count its time up to this call */
            ksReprogram = true;
        }
        uint64_t us = schedContext_updateConsumed(sc);
        if (isCall) {
            reply_consumed(ksCurThread, us);
        }
        setThreadState(ksCurThread, ThreadState_Running);
        return EXCEPTION_NONE;
    }
    case SchedContextYieldTo:
        return decode_yield_to(sc, isCall);
    default:
        return user_error(seL4_IllegalOperation, "not a label of a SchedContext cap");
    }
}
