/*
 * Reply objects and the call stack of scheduling contexts (MCS; seL4 src/object/reply.c,
 * written from sel4-mcs-facts 4.2). The stack is a doubly linked list of replies from the SC's
 * head (newest) down to the first call; only the head points back to the SC.
 */
#include <object/reply.h>
#include <object/schedcontext.h>
#include <object/endpoint.h>
#include <kernel/thread.h>
#include <kernel/sched_mcs.h>

void reply_push(tcb_t *caller, tcb_t *callee, reply_t *reply, bool canDonate)
{
    sched_context_t *sc = caller->sc;
    reply->tcb = caller;
    caller->reply = reply;
    if (!sc || callee->sc || !canDonate) {
        return;
    }
    reply_t *old = sc->reply;
    if (old) {
        old->sc = NULL;
        old->next = reply;
    }
    reply->prev = old;
    reply->next = NULL;
    reply->sc = sc;
    sc->reply = reply;
    /* the caller blocks right after: no reschedule for it here (schedContext_donate would ask) */
    tcbSchedDequeue(caller);
    tcbReleaseRemove(caller);
    caller->sc = NULL;
    sc->tcb = callee;
    callee->sc = sc;
}

/* Takes the reply out of its stack: at the head the SC's stack shrinks by one; elsewhere the
 * stack is cut on both sides. Returns the SC if the reply was the head. */
static sched_context_t *stack_unlink(reply_t *reply, bool pop)
{
    sched_context_t *sc = reply->sc;
    reply_t *prev = reply->prev, *next = reply->next;
    if (sc) {
        sc->reply = pop ? prev : NULL;
        if (prev) {
            if (pop) {
                prev->sc = sc;
            }
            prev->next = NULL;
        }
    } else {
        if (next) {
            next->prev = NULL;
        }
        if (prev) {
            prev->next = NULL;
        }
    }
    reply->prev = reply->next = NULL;
    reply->sc = NULL;
    return sc;
}

void reply_unlink(reply_t *reply, tcb_t *t)
{
    reply->tcb = NULL;
    t->reply = NULL;
}

void reply_remove(reply_t *reply, tcb_t *caller)
{
    sched_context_t *sc = stack_unlink(reply, true);
    reply_unlink(reply, caller);
    if (sc && !caller->sc) {
        schedContext_donate(sc, caller);
    }
}

void reply_remove_tcb(tcb_t *caller)
{
    reply_t *reply = caller->reply;
    if (!reply) {
        return;
    }
    (void)stack_unlink(reply, false);
    reply_unlink(reply, caller);
}

void reply_finalise(reply_t *reply)
{
    tcb_t *t = reply->tcb;
    if (!t) {
        (void)stack_unlink(reply, false);
        return;
    }
    if (t->state == ThreadState_BlockedOnReply) {
        reply_remove(reply, t);
        t->fault.type = 0;
        setThreadState(t, ThreadState_Inactive);
    } else {
        cancelIPC(t); /* blocked receiving with it */
    }
}
