/*
 * Reply objects and the call stack (MCS; seL4 src/object/reply.c; sel4-mcs-facts 4.2). A Call
 * received with a reply object records the caller in it; when the caller's SC is donated the
 * reply is pushed on that SC's call stack, and replying pops it and gives the SC back.
 */
#ifndef OBJECT_REPLY_H
#define OBJECT_REPLY_H

#include <object/structures.h>
#include <kernel/memory.h>

static inline reply_t *reply_from_cap(cap_t c)
{
    return (reply_t *)paddr_to_kptr(cap_get_capPaddr(c));
}

/* The reply records the caller; the callee gets the caller's SC if canDonate, the caller has one
 * and the callee has none (the reply then becomes the head of the SC's call stack). The caller
 * must be made BlockedOnReply next: this does not request a reschedule for it, so that the IPC
 * code can first pick the callee (possibleSwitchTo) and switch to it directly. */
void reply_push(tcb_t *caller, tcb_t *callee, reply_t *reply, bool canDonate);
/* The reply is answered or dropped: it leaves the call stack. At the head the SC goes back to
 * the caller (if the caller has none); in the middle the stack is cut. The caller is unlinked
 * from the reply; its state is left to the caller of this function. */
void reply_remove(reply_t *reply, tcb_t *caller);
/* A caller blocked on a reply is cancelled (suspended, deleted): the reply leaves the stack,
 * the SC stays where it is. */
void reply_remove_tcb(tcb_t *caller);
/* A receiver blocked with this reply object stops using it. */
void reply_unlink(reply_t *reply, tcb_t *t);
/* The reply object's last cap is deleted: a waiting caller becomes Inactive, a receiver's
 * receive is cancelled. */
void reply_finalise(reply_t *reply);

#endif
