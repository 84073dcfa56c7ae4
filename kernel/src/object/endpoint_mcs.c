/*
 * Endpoint IPC under MCS (seL4 src/object/endpoint.c, MCS parts; sel4-mcs-facts 4.2, 4.3):
 * queues ordered by priority, reply objects instead of reply caps, and scheduling-context
 * donation to passive receivers. Replaces sendIPC, receiveIPC and cancelIPC of endpoint.c.
 */
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/reply.h>
#include <object/schedcontext.h>
#include <kernel/faulthandler.h>
#include <kernel/ipc.h>
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/fault_types.h>
#include <sel4/shared_types.h>

static thread_state_t queued_state(const endpoint_t *ep)
{
    return ep->head ? ep->head->state : ThreadState_Inactive;
}

/* Inserts t after every queued thread of its priority or higher (FIFO among equals). */
static void ep_insert(endpoint_t *ep, tcb_t *t)
{
    tcb_t *after = ep->tail;
    while (after && after->priority < t->priority) {
        after = after->ep_prev;
    }
    t->ep_prev = after;
    t->ep_next = after ? after->ep_next : ep->head;
    if (t->ep_next) {
        t->ep_next->ep_prev = t;
    } else {
        ep->tail = t;
    }
    if (after) {
        after->ep_next = t;
    } else {
        ep->head = t;
    }
}

static void block_on(endpoint_t *ep, tcb_t *t, thread_state_t s)
{
    t->blocking_object = ep;
    setThreadState(t, s);
    ep_insert(ep, t);
}

void requeue_blocked(tcb_t *t)
{
    if (t->state == ThreadState_BlockedOnSend || t->state == ThreadState_BlockedOnReceive) {
        endpoint_dequeue(t->blocking_object, t);
        ep_insert(t->blocking_object, t);
    } else if (t->state == ThreadState_BlockedOnNotification) {
        ntfn_requeue(t);
    }
}

/* After a Call (or fault) was transferred: the caller will wait on the receiver's reply object
 * (returns BlockedOnReply, the SC donated already), or stop if there is none or its cap had
 * neither Grant nor GrantReply (returns Inactive). The caller sets the state. */
static thread_state_t finish_call(tcb_t *caller, tcb_t *receiver, reply_t *reply, bool grants, bool canDonate)
{
    if (reply && grants) {
        reply_push(caller, receiver, reply, canDonate);
        return ThreadState_BlockedOnReply;
    }
    return ThreadState_Inactive;
}

void sendIPC(bool blocking, bool do_call, word_t badge, bool canGrant, bool canGrantReply, bool canDonate,
             tcb_t *thread, endpoint_t *ep)
{
    if (queued_state(ep) != ThreadState_BlockedOnReceive) {
        if (blocking) {
            thread->blocking_badge = badge;
            thread->blocking_can_grant = canGrant;
            thread->blocking_can_grant_reply = canGrantReply;
            thread->blocking_is_call = do_call;
            thread->blocking_can_donate = canDonate;
            block_on(ep, thread, ThreadState_BlockedOnSend);
        }
        return;
    }
    tcb_t *dest = ep->head;
    endpoint_dequeue(ep, dest);
    doIPCTransfer(thread, ep, badge, canGrant, dest);
    reply_t *reply = dest->reply;
    if (reply) {
        reply_unlink(reply, dest);
    }
    if (do_call || thread->fault.type != seL4_Fault_NullFault) {
        thread_state_t next = finish_call(thread, dest, reply, canGrant || canGrantReply, canDonate);
        /* the receiver is picked first, so that the caller's blocking switches straight to it */
        setThreadState(dest, ThreadState_Running);
        possibleSwitchTo(dest);
        setThreadState(thread, next);
        return;
    }
    if (canDonate && thread->sc && !dest->sc) {
        schedContext_donate(thread->sc, dest); /* a non-call send hands the SC over outright */
    }
    setThreadState(dest, ThreadState_Running);
    possibleSwitchTo(dest);
}

void receiveIPC(tcb_t *thread, cap_t cap, bool isBlocking, cap_t replyCap)
{
    endpoint_t *ep = ep_from_cap(cap);
    bool canGrant = cap_get_capRights(cap) & seL4_CanGrant.words[0];
    reply_t *reply = cap_is_null(replyCap) ? NULL : reply_from_cap(replyCap);
    if (reply && reply->tcb && reply->tcb != thread) {
        cancelIPC(reply->tcb); /* one reply object serves one outstanding caller */
    }
    notification_t *bound = thread->bound_notification;
    if (bound && completeSignal(bound, thread)) {
        return;
    }
    if (queued_state(ep) != ThreadState_BlockedOnSend) {
        if (isBlocking) {
            thread->blocking_can_grant = canGrant;
            block_on(ep, thread, ThreadState_BlockedOnReceive);
            if (reply) {
                reply->tcb = thread;
                thread->reply = reply;
            }
            if (bound) {
                maybeReturnSchedContext(bound, thread);
            }
        } else {
            doNBRecvFailedTransfer(thread);
        }
        return;
    }
    tcb_t *sender = ep->head;
    endpoint_dequeue(ep, sender);
    doIPCTransfer(sender, ep, sender->blocking_badge, sender->blocking_can_grant, thread);
    if (sender->blocking_is_call || sender->fault.type != seL4_Fault_NullFault) {
        bool grants = sender->blocking_can_grant || sender->blocking_can_grant_reply;
        setThreadState(sender, finish_call(sender, thread, reply, grants, sender->blocking_can_donate));
    } else {
        setThreadState(sender, ThreadState_Running);
        possibleSwitchTo(sender);
    }
}

void cancelIPC(tcb_t *t)
{
    switch (t->state) {
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnReceive:
        endpoint_dequeue(t->blocking_object, t);
        if (t->reply) {
            reply_unlink(t->reply, t);
        }
        setThreadState(t, ThreadState_Inactive);
        break;
    case ThreadState_BlockedOnNotification:
        cancelSignal(t, t->blocking_object);
        break;
    case ThreadState_BlockedOnReply:
        reply_remove_tcb(t);
        t->fault.type = seL4_Fault_NullFault;
        setThreadState(t, ThreadState_Inactive);
        break;
    default:
        break;
    }
}

void doReplyTransfer(tcb_t *sender, reply_t *reply, bool grant)
{
    tcb_t *receiver = reply->tcb;
    if (!receiver || receiver->state != ThreadState_BlockedOnReply) {
        return; /* nobody waits on this reply: a silent no-op */
    }
    word_t fault = receiver->fault.type;
    reply_remove(reply, receiver);
    if (fault == seL4_Fault_NullFault) {
        doIPCTransfer(sender, NULL, 0, grant, receiver);
        setThreadState(receiver, ThreadState_Running);
    } else {
        bool restart = handleFaultReply(receiver, sender);
        receiver->fault.type = seL4_Fault_NullFault;
        setThreadState(receiver, restart ? ThreadState_Restart : ThreadState_Inactive);
    }
    sched_context_t *sc = receiver->sc;
    if (!sc || !isRunnable(receiver)) {
        return;
    }
    bool ready = refill_ready(sc, ksCurTime) && refill_sufficient(sc, 0);
    if (!ready && fault != seL4_Fault_Timeout && validTimeoutHandler(receiver)) {
        handleTimeout(receiver);
    } else {
        possibleSwitchTo(receiver);
    }
}
