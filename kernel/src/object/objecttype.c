/*
 * The one switch on cap type (portable; seL4 src/object/objecttype.c): derive, mask, compare,
 * finalise and create, and the invocation dispatcher. Architecture caps (odd types) are
 * forwarded to the Arch_ functions; a new object type means one new case in each.
 */
#include <object/objecttype.h>
#include <api/user_error.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <kernel/ipc.h>
#include <kernel/irq.h>
#include <object/tcb.h>
#include <object/untyped.h>
#include <kernel/arch_object.h>
#include <kernel/fpu.h>
#include <kernel/memory.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/reply.h>
#include <object/schedcontext.h>
#include <sel4/fault_types.h>
#endif

deriveCap_ret_t deriveCap(cte_t *slot, cap_t cap)
{
    if (isArchCap(cap)) {
        return Arch_deriveCap(slot, cap);
    }
    switch (cap_get_capType(cap)) {
    case cap_zombie_cap:
    case cap_irq_control_cap:
#ifndef CONFIG_KERNEL_MCS /* MCS reply caps name objects and can be copied */
    case cap_reply_cap:
#endif
        return (deriveCap_ret_t){ EXCEPTION_NONE, cap_null_cap_new() };
    case cap_untyped_cap: {
        exception_t s = ensureNoChildren(slot);
        return (deriveCap_ret_t){ s, s == EXCEPTION_NONE ? cap : cap_null_cap_new() };
    }
    default:
        return (deriveCap_ret_t){ EXCEPTION_NONE, cap };
    }
}

static cap_t update_cnode_guard(word_t data, cap_t cap)
{
    seL4_CNode_CapData_t d = { { data } };
    word_t guardSize = seL4_CNode_CapData_get_guardSize(d);
    if (guardSize + cap_cnode_cap_get_capCNodeRadix(cap) > wordBits) {
        return cap_null_cap_new();
    }
    word_t guard = seL4_CNode_CapData_get_guard(d) & MASK(guardSize);
    return cap_cnode_cap_new(cap_get_capPaddr(cap), cap_cnode_cap_get_capCNodeRadix(cap), guardSize, guard);
}

cap_t updateCapData(bool preserve, word_t data, cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
    case cap_notification_cap:
        /* Only an unbadged cap can be badged, and only by Mint (sel4-facts 2.2, 9.4). */
        if (!preserve && cap_get_capBadge(cap) == 0) {
            return cap_with_badge(cap, data);
        }
        return cap_null_cap_new();
    case cap_cnode_cap:
        return update_cnode_guard(data, cap);
    default:
        return cap;
    }
}

cap_t maskCapRights(word_t rights, cap_t cap)
{
    if (isArchCap(cap)) {
        return Arch_maskCapRights(rights, cap);
    }
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        return cap_with_rights(cap, cap_get_capRights(cap) & rights);
    case cap_notification_cap:
        return cap_with_rights(cap, cap_get_capRights(cap) & rights & (seL4_CanRead.words[0] | seL4_CanWrite.words[0]));
    case cap_reply_cap:
        return cap_with_small(cap, 48, 48, cap_small(cap, 48, 48) & ((rights & seL4_CanGrant.words[0]) != 0));
    default:
        return cap;
    }
}

word_t capObjectBits(cap_t c)
{
    if (isArchCap(c)) {
        return Arch_capObjectBits(c);
    }
    switch (cap_get_capType(c)) {
    case cap_untyped_cap: return cap_untyped_cap_get_capBlockSize(c);
    case cap_endpoint_cap: return seL4_EndpointBits;
    case cap_notification_cap: return seL4_NotificationBits;
    case cap_cnode_cap: return cap_cnode_cap_get_capCNodeRadix(c) + seL4_SlotBits;
    case cap_thread_cap: return seL4_TCBBits;
    case cap_zombie_cap: return cap_zombie_cap_get_objBits(c);
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap: return seL4_ReplyBits;
    case cap_sched_context_cap: return cap_sched_context_cap_get_sizeBits(c);
#endif
    default: return 0;
    }
}

/* The object's physical base for region comparisons (the zombie's count is not part of it). */
static paddr_t cap_object_base(cap_t c)
{
    return cap_get_capType(c) == cap_zombie_cap ? cap_zombie_cap_get_obj(c) : cap_get_capPaddr(c);
}

static bool untyped_contains(cap_t u, cap_t b)
{
    word_t bBits = capObjectBits(b);
    if (bBits == 0) {
        return false;
    }
    paddr_t aBase = cap_get_capPaddr(u), aTop = aBase + MASK(cap_untyped_cap_get_capBlockSize(u));
    paddr_t bBase = cap_object_base(b), bTop = bBase + MASK(bBits);
    return aBase <= bBase && bTop <= aTop && bBase <= bTop;
}

bool sameRegionAs(cap_t a, cap_t b)
{
    cap_tag_t ta = cap_get_capType(a), tb = cap_get_capType(b);
    switch (ta) {
    case cap_untyped_cap:
        return untyped_contains(a, b);
    case cap_endpoint_cap:
    case cap_notification_cap:
    case cap_thread_cap:
    case cap_reply_cap:
        return tb == ta && cap_get_capPaddr(a) == cap_get_capPaddr(b);
    case cap_cnode_cap:
        return tb == ta && cap_get_capPaddr(a) == cap_get_capPaddr(b) &&
               cap_cnode_cap_get_capCNodeRadix(a) == cap_cnode_cap_get_capCNodeRadix(b);
    case cap_domain_cap:
        return tb == ta;
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_context_cap:
        return tb == ta && cap_get_capPaddr(a) == cap_get_capPaddr(b) &&
               cap_sched_context_cap_get_sizeBits(a) == cap_sched_context_cap_get_sizeBits(b);
    case cap_sched_control_cap:
        return tb == ta;
#endif
    case cap_irq_control_cap:
        return tb == cap_irq_control_cap || tb == cap_irq_handler_cap;
    case cap_irq_handler_cap:
        return tb == ta && cap_irq_handler_cap_get_irq(a) == cap_irq_handler_cap_get_irq(b);
    default:
        return isArchCap(a) && isArchCap(b) && Arch_sameRegionAs(a, b);
    }
}

bool sameObjectAs(cap_t a, cap_t b)
{
    if (cap_get_capType(a) == cap_untyped_cap) {
        return false;
    }
    if (cap_get_capType(a) == cap_irq_control_cap && cap_get_capType(b) == cap_irq_handler_cap) {
        return false;
    }
    if (isArchCap(a) && isArchCap(b)) {
        return Arch_sameObjectAs(a, b);
    }
    return sameRegionAs(a, b);
}

bool isCapRevocable(cap_t derived, cap_t src)
{
    if (isArchCap(derived)) {
        return Arch_isCapRevocable(derived, src);
    }
    switch (cap_get_capType(derived)) {
    case cap_endpoint_cap:
    case cap_notification_cap:
        return cap_get_capBadge(derived) != cap_get_capBadge(src);
    case cap_irq_handler_cap:
        return cap_get_capType(src) == cap_irq_control_cap;
    case cap_untyped_cap:
        return true;
    default:
        return false;
    }
}

finaliseCap_ret_t finaliseCap(cap_t cap, bool final)
{
    finaliseCap_ret_t none = { cap_null_cap_new() };
    if (isArchCap(cap)) {
        return Arch_finaliseCap(cap, final);
    }
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        if (final) {
            cancelAllIPC(ep_from_cap(cap));
        }
        return none;
    case cap_notification_cap:
        if (final) {
            cancelAllSignals(ntfn_from_cap(cap));
        }
        return none;
    case cap_cnode_cap:
        if (final) {
            word_t radix = cap_cnode_cap_get_capCNodeRadix(cap);
            return (finaliseCap_ret_t){ cap_zombie_cap_new(cap_get_capPaddr(cap), false, radix, BIT(radix), 0) };
        }
        return none;
    case cap_thread_cap:
        if (final) {
            tcb_t *t = tcb_from_cap(cap);
            unbindNotification(t);
            suspend(t);
#ifdef CONFIG_KERNEL_MCS
            if (t->sc) {
                schedContext_unbindTCB(t->sc); /* bound or donated: the SC is left without a thread */
            }
#endif
            fpu_release(t);
            debug_unregister_tcb(t);
            return (finaliseCap_ret_t){ cap_zombie_cap_new(cap_get_capPaddr(cap), true, 0, tcbCNodeEntries, 0) };
        }
        return none;
    case cap_zombie_cap:
        return (finaliseCap_ret_t){ cap };
    case cap_irq_handler_cap:
        if (final) {
            deletedIRQHandler(cap_irq_handler_cap_get_irq(cap));
        }
        return none;
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        if (final) {
            reply_finalise(reply_from_cap(cap));
        }
        return none;
    case cap_sched_context_cap:
        if (final) {
            schedContext_finalise(sc_from_cap(cap));
        }
        return none;
#endif
    default:
        return none;
    }
}

word_t getObjectSize(word_t type, word_t userSize)
{
    switch (type) {
    case seL4_UntypedObject: return userSize;
    case seL4_TCBObject: return seL4_TCBBits;
    case seL4_EndpointObject: return seL4_EndpointBits;
    case seL4_NotificationObject: return seL4_NotificationBits;
    case seL4_CapTableObject: return seL4_SlotBits + userSize;
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject: return userSize;
    case seL4_ReplyObject: return seL4_ReplyBits;
#endif
    default: return Arch_getObjectSize(type);
    }
}

cap_t createObject(word_t type, paddr_t p, word_t userSize, bool device)
{
    word_t bits = getObjectSize(type, userSize);
    if (type != seL4_UntypedObject && !device) {
        memzero(paddr_to_kptr(p), BIT(bits));
    }
    switch (type) {
    case seL4_UntypedObject:
        return cap_untyped_cap_new(p, userSize, device, 0);
    case seL4_TCBObject:
        tcb_init((tcb_t *)paddr_to_kptr(p));
        return cap_thread_cap_new(p);
    case seL4_EndpointObject:
        return cap_endpoint_cap_new(p, 0, seL4_AllRights.words[0]);
    case seL4_NotificationObject:
        return cap_notification_cap_new(p, 0, seL4_AllRights.words[0]);
    case seL4_CapTableObject:
        return cap_cnode_cap_new(p, userSize, 0, 0);
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject:
        schedContext_init((sched_context_t *)paddr_to_kptr(p));
        return cap_sched_context_cap_new(p, userSize);
    case seL4_ReplyObject:
        return cap_reply_cap_new(p, false, true); /* the grant bit is set at Retype */
#endif
    default:
        return Arch_createObject(type, p, userSize, device);
    }
}

/* Send or Call on an endpoint: IPC (needs Write; sel4-facts 1.10). MCS: canDonate (Call and
 * the send phase of the combined calls) lets the SC move to a passive receiver. */
static exception_t invoke_endpoint(cap_t cap, bool isBlocking, bool isCall, bool canDonate)
{
    word_t rights = cap_get_capRights(cap);
    if (!(rights & seL4_CanWrite.words[0])) {
        return user_error_invalid_cap(0, "endpoint cap without Write");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
    sendIPC(isBlocking, isCall, cap_get_capBadge(cap), rights & seL4_CanGrant.words[0],
            rights & seL4_CanGrantReply.words[0], canDonate, ksCurThread, ep_from_cap(cap));
#else
    (void)canDonate;
    sendIPC(isBlocking, isCall, cap_get_capBadge(cap), rights & seL4_CanGrant.words[0],
            rights & seL4_CanGrantReply.words[0], ksCurThread, ep_from_cap(cap));
#endif
    return EXCEPTION_NONE;
}

/* Send or Call on a notification: a signal with the cap's badge. */
static exception_t invoke_notification(cap_t cap)
{
    if (!(cap_get_capRights(cap) & seL4_CanWrite.words[0])) {
        return user_error_invalid_cap(0, "notification cap without Write");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    sendSignal(ntfn_from_cap(cap), cap_get_capBadge(cap));
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
/* Send or Call on a reply object cap: the reply, with the cap's grant bit (sel4-mcs-facts 4.2). */
static exception_t invoke_reply(cap_t cap, cte_t *slot)
{
    (void)slot;
    setThreadState(ksCurThread, ThreadState_Restart);
    doReplyTransfer(ksCurThread, reply_from_cap(cap), cap_reply_cap_get_canGrant(cap));
    return EXCEPTION_NONE;
}
#else
/* Send or Call on a saved reply cap: the reply (a master reply cap cannot be invoked). */
static exception_t invoke_reply(cap_t cap, cte_t *slot)
{
    if (cap_reply_cap_get_master(cap)) {
        return user_error_invalid_cap(0, "a master reply cap cannot be invoked");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    doReplyTransfer(ksCurThread, tcb_from_cap(cap), slot, cap_reply_cap_get_canGrant(cap));
    return EXCEPTION_NONE;
}
#endif

#ifdef CONFIG_KERNEL_MCS
exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             const extra_caps_t *extra, bool isBlocking, bool isCall, bool canDonate, word_t *buffer)
#else
exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             const extra_caps_t *extra, bool isBlocking, bool isCall, word_t *buffer)
#endif
{
#ifndef CONFIG_KERNEL_MCS
    const bool canDonate = false; /* only MCS donates */
#endif
    (void)isBlocking;
    if (isArchCap(cap)) {
        return Arch_decodeInvocation(label, length, cptr, slot, cap, extra, isCall, buffer);
    }
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
    case cap_zombie_cap:
        return user_error_invalid_cap(0, "the invoked slot holds no cap");
    case cap_untyped_cap:
        return decodeUntypedInvocation(label, length, slot, cap, extra, buffer);
    case cap_cnode_cap:
        return decodeCNodeInvocation(label, length, cap, extra, buffer);
    case cap_thread_cap:
        return decodeTCBInvocation(label, length, cap, slot, extra, isCall, buffer);
    case cap_domain_cap:
        return decodeDomainInvocation(label, length, extra, buffer);
    case cap_endpoint_cap:
        return invoke_endpoint(cap, isBlocking, isCall, canDonate);
    case cap_notification_cap:
        return invoke_notification(cap);
    case cap_reply_cap:
        return invoke_reply(cap, slot);
    case cap_irq_control_cap:
        return decodeIRQControlInvocation(label, length, slot, extra, buffer);
    case cap_irq_handler_cap:
        return decodeIRQHandlerInvocation(label, cap_irq_handler_cap_get_irq(cap), extra);
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_context_cap:
        return decodeSchedContextInvocation(label, cap, extra, isCall);
    case cap_sched_control_cap:
        return decodeSchedControlInvocation(label, length, extra, buffer);
#endif
    default:
        return user_error(seL4_IllegalOperation, "this cap type has no invocations");
    }
}
