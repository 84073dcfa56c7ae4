/*
 * Notifications (seL4 src/object/notification.c): a word of signal bits, a FIFO queue of
 * waiting threads and an optional bound thread.
 */
#ifndef OBJECT_NOTIFICATION_H
#define OBJECT_NOTIFICATION_H

#include <object/structures.h>
#include <kernel/memory.h>

static inline notification_t *ntfn_from_cap(cap_t c)
{
    return (notification_t *)cap_window_kptr(c);
}

static inline tcb_t *ntfn_bound_tcb(const notification_t *n)
{
    return (tcb_t *)(n->bound_active & ~(word_t)1);
}

static inline bool notification_is_active(const notification_t *n)
{
    return n->bound_active & 1u;
}

void sendSignal(notification_t *n, word_t badge);
void receiveSignal(tcb_t *thread, cap_t cap, bool isBlocking);
/* A bound thread receiving on an endpoint takes a pending signal instead. Returns true if the
 * notification was Active. */
bool completeSignal(notification_t *n, tcb_t *t);
void cancelSignal(tcb_t *t, notification_t *n);
#ifdef CONFIG_KERNEL_MCS
/* A waiter whose priority changed moves to its new place in the queue. */
void ntfn_requeue(tcb_t *t);
#endif
void cancelAllSignals(notification_t *n);
void bindNotification(tcb_t *t, notification_t *n);
void unbindNotification(tcb_t *t);
/* Whether threads wait on n (then it cannot be bound). */
static inline bool ntfn_has_waiters(const notification_t *n)
{
    return n->head != NULL;
}

#endif
