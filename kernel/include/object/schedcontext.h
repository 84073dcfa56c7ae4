/*
 * Scheduling contexts (MCS; seL4 src/object/schedcontext.c): binding to threads and
 * notifications, donation along IPC, the SchedContext invocations and SchedControl's
 * ConfigureFlags (src/object/schedcontrol.c). Rules: sel4-mcs-facts 2.3, 2.4, 4.
 */
#ifndef OBJECT_SCHEDCONTEXT_H
#define OBJECT_SCHEDCONTEXT_H

#include <object/objecttype.h>
#include <kernel/memory.h>

static inline sched_context_t *sc_from_cap(cap_t c)
{
    return (sched_context_t *)paddr_to_kptr(cap_get_capPaddr(c));
}

/* A new SC object: unconfigured (refillMax 0). */
void schedContext_init(sched_context_t *sc);

/* Binds sc (unbound) to t (without SC); t is queued if it can run now. */
void schedContext_bindTCB(sched_context_t *sc, tcb_t *t);
/* Takes sc away from its thread (which stops being schedulable). */
void schedContext_unbindTCB(sched_context_t *sc);
/* Moves sc from its current thread (if any) to `to`, which has no SC. */
void schedContext_donate(sched_context_t *sc, tcb_t *to);
void schedContext_bindNtfn(sched_context_t *sc, notification_t *n);
void schedContext_unbindNtfn(sched_context_t *sc);
/* Final deletion: unbinds thread, notification and call stack, ends a pending YieldTo and
 * leaves the SC unconfigured. */
void schedContext_finalise(sched_context_t *sc);
/* A passive thread woken through its bound notification takes the notification's SC. */
void maybeDonateSchedContext(tcb_t *t, notification_t *n);
/* A thread blocking on its bound notification (or an endpoint) gives that SC back. */
void maybeReturnSchedContext(notification_t *n, tcb_t *t);
/* The µs consumed since the last query; resets the counter. */
uint64_t schedContext_updateConsumed(sched_context_t *sc);
/* A pending YieldTo ends: the yielder gets the consumed time (MR0). */
void schedContext_completeYieldTo(tcb_t *yielder);
/* A thread being suspended or deleted gives up its pending YieldTo (either side). */
void schedContext_cancelYieldTo(tcb_t *t);

exception_t decodeSchedContextInvocation(word_t label, cap_t cap, const extra_caps_t *extra, bool isCall);
exception_t decodeSchedControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer);

#endif
