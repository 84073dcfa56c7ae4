/*
 * Notifications (portable; seL4 src/object/notification.c). Signals OR their badge into the
 * word; a waiter (FIFO) takes a signal directly; a bound thread blocked receiving on an
 * endpoint is woken with the badge (sel4-facts 2.6).
 */
#include <object/notification.h>
#include <object/endpoint.h>
#include <kernel/thread.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#include <kernel/sched_mcs.h>
/* MCS: a passive thread woken here runs on the notification's SC (sel4-mcs-facts 4.3). */
#define lend_sc(t, n) maybeDonateSchedContext(t, n)
#else
#define lend_sc(t, n) ((void)0)
#endif

#define NTFN_ACTIVE 1u

static bool is_active(const notification_t *n)
{
    return notification_is_active(n);
}

static void set_active(notification_t *n, word_t word)
{
    n->word = word;
    n->bound_active |= NTFN_ACTIVE;
}

static void set_idle(notification_t *n)
{
    n->word = 0;
    n->bound_active &= ~(word_t)NTFN_ACTIVE;
}

#ifdef CONFIG_KERNEL_MCS
/* MCS: waiters are ordered by priority, FIFO among equals (sel4-mcs-facts 4.1). */
static void ntfn_append(notification_t *n, tcb_t *t)
{
    tcb_t *after = n->tail;
    while (after && after->priority < t->priority) {
        after = after->ep_prev;
    }
    t->ep_prev = after;
    t->ep_next = after ? after->ep_next : n->head;
    if (t->ep_next) {
        t->ep_next->ep_prev = t;
    } else {
        n->tail = t;
    }
    if (after) {
        after->ep_next = t;
    } else {
        n->head = t;
    }
}
#else
static void ntfn_append(notification_t *n, tcb_t *t)
{
    t->ep_next = NULL;
    t->ep_prev = n->tail;
    if (n->tail) {
        n->tail->ep_next = t;
    } else {
        n->head = t;
    }
    n->tail = t;
}
#endif

static void ntfn_remove(notification_t *n, tcb_t *t)
{
    if (t->ep_prev) {
        t->ep_prev->ep_next = t->ep_next;
    } else {
        n->head = t->ep_next;
    }
    if (t->ep_next) {
        t->ep_next->ep_prev = t->ep_prev;
    } else {
        n->tail = t->ep_prev;
    }
    t->ep_next = t->ep_prev = NULL;
}

static void wake_with(tcb_t *t, word_t badge)
{
    setThreadState(t, ThreadState_Running);
    setRegister(t, REG_BADGE, badge);
    possibleSwitchTo(t);
}

void sendSignal(notification_t *n, word_t badge)
{
    if (n->head) {
        tcb_t *dest = n->head;
        ntfn_remove(n, dest);
        lend_sc(dest, n);
        wake_with(dest, badge);
        return;
    }
    if (is_active(n)) {
        n->word |= badge;
        return;
    }
    tcb_t *bound = ntfn_bound_tcb(n);
    if (bound && bound->state == ThreadState_BlockedOnReceive) {
        cancelIPC(bound);
        lend_sc(bound, n);
        wake_with(bound, badge);
    } else {
        set_active(n, badge);
    }
}

void receiveSignal(tcb_t *thread, cap_t cap, bool isBlocking)
{
    notification_t *n = ntfn_from_cap(cap);
    if (is_active(n)) {
        setRegister(thread, REG_BADGE, n->word);
        set_idle(n);
    } else if (isBlocking) {
        thread->blocking_object = n;
        setThreadState(thread, ThreadState_BlockedOnNotification);
        ntfn_append(n, thread);
#ifdef CONFIG_KERNEL_MCS
        maybeReturnSchedContext(n, thread);
#endif
    } else {
        doNBRecvFailedTransfer(thread);
    }
}

bool completeSignal(notification_t *n, tcb_t *t)
{
    if (!is_active(n)) {
        return false;
    }
    setRegister(t, REG_BADGE, n->word);
    set_idle(n);
    return true;
}

#ifdef CONFIG_KERNEL_MCS
void ntfn_requeue(tcb_t *t)
{
    ntfn_remove(t->blocking_object, t);
    ntfn_append(t->blocking_object, t);
}
#endif

void cancelSignal(tcb_t *t, notification_t *n)
{
    ntfn_remove(n, t);
    setThreadState(t, ThreadState_Inactive);
}

void cancelAllSignals(notification_t *n)
{
    tcb_t *t = n->head;
    n->head = n->tail = NULL;
    while (t) {
        tcb_t *next = t->ep_next;
        t->ep_next = t->ep_prev = NULL;
        setThreadState(t, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
        if (sc_wake_ready(t))
#endif
        tcbSchedEnqueue(t);
        t = next;
    }
    rescheduleRequired();
    tcb_t *bound = ntfn_bound_tcb(n);
    if (bound) {
        unbindNotification(bound);
    }
}

void bindNotification(tcb_t *t, notification_t *n)
{
    n->bound_active = (word_t)t | (n->bound_active & NTFN_ACTIVE);
    t->bound_notification = n;
}

void unbindNotification(tcb_t *t)
{
    notification_t *n = t->bound_notification;
    if (n) {
        n->bound_active &= NTFN_ACTIVE;
        t->bound_notification = NULL;
    }
}
