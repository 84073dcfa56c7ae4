/*
 * Endpoints (seL4 src/object/endpoint.c): synchronous IPC queues. A blocked thread is linked
 * into its endpoint's FIFO queue through ep_next/ep_prev; the endpoint's state (Idle, Send,
 * Recv) is that of the threads queued on it.
 */
#ifndef OBJECT_ENDPOINT_H
#define OBJECT_ENDPOINT_H

#include <object/structures.h>
#include <kernel/memory.h>

static inline endpoint_t *ep_from_cap(cap_t c)
{
    return (endpoint_t *)cap_window_kptr(c);
}

/* Sends thread's message on ep: transfers to a waiting receiver or (blocking) queues the
 * sender. do_call: the sender waits for a reply (needs canGrant or canGrantReply). */
#ifdef CONFIG_KERNEL_MCS
/* MCS (src/object/endpoint_mcs.c): canDonate lets the sender's SC move to a passive receiver;
 * the receiver's reply object (replyCap, or a null cap for Wait) records a caller. */
void sendIPC(bool blocking, bool do_call, word_t badge, bool canGrant, bool canGrantReply, bool canDonate,
             tcb_t *thread, endpoint_t *ep);
void receiveIPC(tcb_t *thread, cap_t cap, bool isBlocking, cap_t replyCap);
/* A blocked thread whose priority changed moves to its new place in its queue. */
void requeue_blocked(tcb_t *t);
#else
void sendIPC(bool blocking, bool do_call, word_t badge, bool canGrant, bool canGrantReply, tcb_t *thread,
             endpoint_t *ep);
/* Receives on ep through cap (its Grant right decides reply grant); a pending bound
 * notification is received first. */
void receiveIPC(tcb_t *thread, cap_t cap, bool isBlocking);
#endif

/* Takes a blocked thread out of whatever it is blocked on (seL4 cancelIPC). */
void cancelIPC(tcb_t *t);
/* Every thread queued on ep restarts its syscall (a faulted one stops). */
void cancelAllIPC(endpoint_t *ep);
/* Threads queued to send on ep with this badge restart their send. */
void cancelBadgedSends(endpoint_t *ep, word_t badge);

/* Queue operations the fastpath uses directly (no scheduling side effects). */
static inline void endpoint_dequeue(endpoint_t *ep, tcb_t *t)
{
    if (t->ep_prev) {
        t->ep_prev->ep_next = t->ep_next;
    } else {
        ep->head = t->ep_next;
    }
    if (t->ep_next) {
        t->ep_next->ep_prev = t->ep_prev;
    } else {
        ep->tail = t->ep_prev;
    }
    t->ep_next = t->ep_prev = NULL;
}
/* Queues t at the tail (FIFO). */
static inline void endpoint_append(endpoint_t *ep, tcb_t *t)
{
    t->ep_next = NULL;
    t->ep_prev = ep->tail;
    if (likely(!ep->tail)) { /* the usual receiver waits alone */
        ep->head = t;
    } else {
        ep->tail->ep_next = t;
    }
    ep->tail = t;
}
/* Blocks t receiving on ep (inline: the fastpath's ReplyRecv does it every time). */
static inline void endpoint_block_receiver(endpoint_t *ep, tcb_t *t)
{
    t->blocking_object = ep;
    t->state = ThreadState_BlockedOnReceive;
    endpoint_append(ep, t);
}

/* Sets the receiver's badge register to 0: a non-blocking receive found nothing. */
void doNBRecvFailedTransfer(tcb_t *thread);

#endif
