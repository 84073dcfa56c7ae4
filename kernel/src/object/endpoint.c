/*
 * Endpoints (portable; seL4 src/object/endpoint.c). A thread that sends meets the first queued
 * receiver or queues itself (and vice versa), FIFO. A Call with Grant or GrantReply leaves the
 * caller waiting for a reply through a one-shot reply cap; without either the caller becomes
 * Inactive (sel4-facts 2.5).
 */
#include <object/endpoint.h>
#include <object/cnode.h>
#include <object/notification.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/shared_types.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <object/reply.h>
#endif

/* The endpoint's state is that of its queue: empty, senders, or receivers. */
static thread_state_t queued_state(const endpoint_t *ep)
{
    return ep->head ? ep->head->state : ThreadState_Inactive;
}

#ifndef CONFIG_KERNEL_MCS /* MCS: src/object/endpoint_mcs.c */
static void block_on(endpoint_t *ep, tcb_t *t, thread_state_t s)
{
    t->blocking_object = ep;
    setThreadState(t, s);
    endpoint_append(ep, t);
}

/* After a transfer to a waiting partner: the caller waits for the reply, or stops. */
static void finish_call(tcb_t *caller, tcb_t *receiver, bool canGrant, bool canGrantReply, bool replyGrant)
{
    if (canGrant || canGrantReply) {
        setupCallerCap(caller, receiver, replyGrant);
    } else {
        setThreadState(caller, ThreadState_Inactive);
    }
}

void sendIPC(bool blocking, bool do_call, word_t badge, bool canGrant, bool canGrantReply, tcb_t *thread,
             endpoint_t *ep)
{
    if (queued_state(ep) != ThreadState_BlockedOnReceive) {
        if (blocking) {
            thread->blocking_badge = badge;
            thread->blocking_can_grant = canGrant;
            thread->blocking_can_grant_reply = canGrantReply;
            thread->blocking_is_call = do_call;
            block_on(ep, thread, ThreadState_BlockedOnSend);
        }
        return;
    }
    tcb_t *dest = ep->head;
    endpoint_dequeue(ep, dest);
    doIPCTransfer(thread, ep, badge, canGrant, dest);
    bool replyGrant = dest->blocking_can_grant;
    setThreadState(dest, ThreadState_Running);
    possibleSwitchTo(dest);
    if (do_call) {
        finish_call(thread, dest, canGrant, canGrantReply, replyGrant);
    }
}

void receiveIPC(tcb_t *thread, cap_t cap, bool isBlocking)
{
    endpoint_t *ep = ep_from_cap(cap);
    bool canGrant = cap_get_capRights(cap) & seL4_CanGrant.words[0];
    notification_t *bound = thread->bound_notification;
    if (bound && completeSignal(bound, thread)) {
        return;
    }
    if (queued_state(ep) != ThreadState_BlockedOnSend) {
        if (isBlocking) {
            thread->blocking_can_grant = canGrant;
            block_on(ep, thread, ThreadState_BlockedOnReceive);
        } else {
            doNBRecvFailedTransfer(thread);
        }
        return;
    }
    tcb_t *sender = ep->head;
    endpoint_dequeue(ep, sender);
    doIPCTransfer(sender, ep, sender->blocking_badge, sender->blocking_can_grant, thread);
    if (sender->blocking_is_call) {
        finish_call(sender, thread, sender->blocking_can_grant, sender->blocking_can_grant_reply, canGrant);
    } else {
        setThreadState(sender, ThreadState_Running);
        possibleSwitchTo(sender);
    }
}

/* A thread waiting for a reply gives up its caller's reply cap. */
static void cancel_reply(tcb_t *t)
{
    cte_t *master = &t->ctes[tcbReply];
    cte_t *child = mdb_get_next(master->mdb);
    t->fault.type = 0;
    if (child && cap_get_capType(child->cap) == cap_reply_cap && isMDBParentOf(master, child)) {
        cteDelete(child, true);
    }
}

void cancelIPC(tcb_t *t)
{
    switch (t->state) {
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnReceive:
        endpoint_dequeue(t->blocking_object, t);
        setThreadState(t, ThreadState_Inactive);
        break;
    case ThreadState_BlockedOnNotification:
        cancelSignal(t, t->blocking_object);
        break;
    case ThreadState_BlockedOnReply:
        cancel_reply(t);
        break;
    default:
        break;
    }
}

#endif

void doNBRecvFailedTransfer(tcb_t *thread)
{
    setRegister(thread, REG_BADGE, 0);
}

/* A thread taken off a deleted or revoked queue restarts its syscall, unless it was delivering
 * a fault: then it stops (seL4's cancelAllIPC). */
static void restart_cancelled(tcb_t *t)
{
    t->ep_next = t->ep_prev = NULL;
    if (t->fault.type == 0) {
        setThreadState(t, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
        if (t->reply) {
            reply_unlink(t->reply, t);
        }
        if (sc_wake_ready(t)) /* only a thread with a ready SC is queued */
#endif
        tcbSchedEnqueue(t);
    } else {
        setThreadState(t, ThreadState_Inactive);
    }
}

void cancelAllIPC(endpoint_t *ep)
{
    tcb_t *t = ep->head;
    ep->head = ep->tail = NULL;
    while (t) {
        tcb_t *next = t->ep_next;
        restart_cancelled(t);
        t = next;
    }
    rescheduleRequired();
}

void cancelBadgedSends(endpoint_t *ep, word_t badge)
{
    if (queued_state(ep) != ThreadState_BlockedOnSend) {
        return;
    }
    for (tcb_t *t = ep->head, *next; t; t = next) {
        next = t->ep_next;
        if (t->blocking_badge == badge) {
            endpoint_dequeue(ep, t);
            restart_cancelled(t);
        }
    }
    rescheduleRequired();
}
