/*
 * Endpoint and notification queues (portable; seL4 src/object/endpoint.c, notification.c):
 * the cancellation paths used when objects are deleted or a badge is revoked. A blocked
 * thread is linked into its object's queue through ep_next/ep_prev.
 */
#include <object/endpoint.h>
#include <kernel/thread.h>

static void restart_all(tcb_t *head)
{
    while (head) {
        tcb_t *next = head->ep_next;
        head->ep_next = head->ep_prev = NULL;
        setThreadState(head, ThreadState_Restart);
        tcbSchedEnqueue(head);
        head = next;
    }
}

void cancelAllIPC(endpoint_t *ep)
{
    tcb_t *head = ep->head;
    ep->head = ep->tail = NULL;
    if (head) {
        restart_all(head);
        rescheduleRequired();
    }
}

void cancelAllSignals(notification_t *n)
{
    tcb_t *head = n->head;
    n->head = n->tail = NULL;
    if (n->bound) {
        n->bound->bound_notification = NULL;
        n->bound = NULL;
    }
    if (head) {
        restart_all(head);
        rescheduleRequired();
    }
}

void cancelBadgedSends(endpoint_t *ep, word_t badge)
{
    tcb_t *t = ep->head;
    while (t) {
        tcb_t *next = t->ep_next;
        if (t->state == ThreadState_BlockedOnSend && t->blocking_badge == badge) {
            if (t->ep_prev) {
                t->ep_prev->ep_next = next;
            } else {
                ep->head = next;
            }
            if (next) {
                next->ep_prev = t->ep_prev;
            } else {
                ep->tail = t->ep_prev;
            }
            t->ep_next = t->ep_prev = NULL;
            setThreadState(t, ThreadState_Restart);
            tcbSchedEnqueue(t);
        }
        t = next;
    }
    rescheduleRequired();
}
