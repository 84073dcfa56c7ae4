/*
 * TCB and domain invocations (portable; seL4 src/object/tcb.c), decoded in seL4's check order:
 * label, message length and extra caps, arguments, lookups, object state; the invoke step
 * cannot fail.
 */
#include <object/tcb.h>
#include <api/user_error.h>
#include <kernel/domain_schedule.h>
#include <object/cnode.h>
#include <object/notification.h>
#include <sel4/shared_types.h>
#include <kernel/arch_thread.h>
#include <kernel/fpu.h>
#include <kernel/machine.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <object/schedcontext.h>
#endif

#define N_USER_CONTEXT_REGS 20
#define N_FRAME_REGS 18

/* Marks the invocation as performed: the caller gets an empty success reply. */
static void performed(void)
{
    setThreadState(ksCurThread, ThreadState_Restart);
}

/* --- registers ------------------------------------------------------------------------ */

static exception_t decode_read_registers(tcb_t *target, word_t length, bool isCall, word_t *buffer)
{
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 message words");
    }
    word_t flags = getMR(ksCurThread, buffer, 0), n = getMR(ksCurThread, buffer, 1);
    if (n < 1 || n > N_USER_CONTEXT_REGS) {
        return user_error_range(1, N_USER_CONTEXT_REGS, "register count outside 1..20");
    }
    if (target == ksCurThread) {
        return user_error(seL4_IllegalOperation, "reading the calling thread's own registers");
    }
    if (flags & 1) {
        suspend(target);
    }
    if (isCall) {
        tcb_t *t = ksCurThread;
        word_t *out = lookupIPCBuffer(true, t);
        word_t i = 0;
        while (i < n && setMR(t, out, i, Arch_getUserContextReg(target, i)) > i) {
            i++;
        }
        setRegister(t, REG_BADGE, 0);
        setRegister(t, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, i).words[0]);
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decode_write_registers(tcb_t *target, word_t length, word_t *buffer)
{
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 message words");
    }
    word_t flags = getMR(ksCurThread, buffer, 0), w = getMR(ksCurThread, buffer, 1);
    if (length - 2 < w) {
        return user_error(seL4_TruncatedMessage, "fewer register words than the count says");
    }
    if (target == ksCurThread) {
        return user_error(seL4_IllegalOperation, "writing the calling thread's own registers");
    }
    performed();
    for (word_t i = 0; i < MIN(w, N_USER_CONTEXT_REGS); i++) {
        Arch_setUserContextReg(target, i, getMR(ksCurThread, buffer, i + 2));
    }
    Arch_postModifyRegisters(target);
    if (flags & 1) {
        restart(target);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_copy_registers(tcb_t *target, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 1 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no flags word or no source TCB cap");
    }
    word_t flags = getMR(ksCurThread, buffer, 0);
    cap_t srcCap = extra->slots[0]->cap;
    if (cap_get_capType(srcCap) != cap_thread_cap) {
        return user_error_invalid_cap(1, "extra cap 1 is not a TCB cap");
    }
    tcb_t *src = tcb_from_cap(srcCap);
    if (target == ksCurThread || src == ksCurThread) {
        return user_error(seL4_IllegalOperation, "copying to or from the calling thread");
    }
    performed();
    if (flags & 1) {
        suspend(src);
    }
    for (word_t i = 0; i < N_USER_CONTEXT_REGS; i++) {
        bool frame = i < N_FRAME_REGS;
        if ((frame && (flags & 4)) || (!frame && (flags & 8))) {
            Arch_setUserContextReg(target, i, Arch_getUserContextReg(src, i));
        }
    }
    Arch_postModifyRegisters(target);
    if (flags & 2) {
        restart(target);
    }
    return EXCEPTION_NONE;
}

/* --- spaces and IPC buffer ------------------------------------------------------------ */

/* An IPC buffer address and frame: 1 KiB aligned, a non-device frame (sel4-facts 2.7). */
static exception_t check_ipc_buffer(word_t addr, cap_t frame)
{
    if (cap_get_capType(frame) != cap_frame_cap || cap_frame_cap_get_capFIsDevice(frame)) {
        return user_error(seL4_IllegalOperation, "IPC buffer cap is not a non-device frame cap");
    }
    if (!IS_ALIGNED(addr, seL4_IPCBufferSizeBits)) {
        return user_error(seL4_AlignmentError, "IPC buffer address not aligned to 512 bytes");
    }
    return EXCEPTION_NONE;
}

static exception_t derive_buffer(word_t addr, cte_t *slot, cap_t *out)
{
    if (addr == 0) {
        *out = cap_null_cap_new();
        return EXCEPTION_NONE;
    }
    deriveCap_ret_t d = deriveCap(slot, slot->cap);
    if (d.status != EXCEPTION_NONE) {
        return d.status;
    }
    *out = d.cap;
    return check_ipc_buffer(addr, d.cap);
}

static bool isValidVTableRoot(cap_t c)
{
    return cap_get_capType(c) == cap_pml4_cap && cap_paging_cap_get_isMapped(c);
}

/* The new CSpace and VSpace roots, derived and checked (IllegalOperation if unusable). */
static exception_t derive_spaces(tcb_t *target, cte_t *cSlot, word_t cData, cte_t *vSlot, cap_t *cOut, cap_t *vOut)
{
    if (slotCapLongRunningDelete(&target->ctes[tcbCTable]) || slotCapLongRunningDelete(&target->ctes[tcbVTable])) {
        return user_error(seL4_IllegalOperation, "CSpace or VSpace slot is being deleted");
    }
    cap_t c = cData ? updateCapData(false, cData, cSlot->cap) : cSlot->cap;
    deriveCap_ret_t d = deriveCap(cSlot, c);
    if (d.status != EXCEPTION_NONE) {
        return d.status;
    }
    if (cap_get_capType(d.cap) != cap_cnode_cap) {
        return user_error(seL4_IllegalOperation, "CSpace root is not a CNode cap");
    }
    *cOut = d.cap;
    d = deriveCap(vSlot, vSlot->cap);
    if (d.status != EXCEPTION_NONE) {
        return d.status;
    }
    if (!isValidVTableRoot(d.cap)) {
        return user_error(seL4_IllegalOperation, "VSpace root is not a PML4 cap with an ASID");
    }
    *vOut = d.cap;
    return EXCEPTION_NONE;
}

/* Replaces one of the TCB's cap slots with newCap derived from srcSlot (if it still holds the
 * same object: the deletion of the old cap may have removed the source). */
static exception_t install_tcb_cap(tcb_t *t, word_t index, cap_t newCap, cte_t *srcSlot)
{
    exception_t s = cteDelete(&t->ctes[index], true);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    if (!cap_is_null(newCap) && sameObjectAs(newCap, srcSlot->cap)) {
        cteInsert(newCap, srcSlot, &t->ctes[index]);
    }
    return EXCEPTION_NONE;
}

#ifndef CONFIG_KERNEL_MCS
static exception_t invoke_set_space(tcb_t *t, word_t faultEP, cap_t c, cte_t *cSlot, cap_t v, cte_t *vSlot)
{
    t->fault_handler = faultEP;
    exception_t s = install_tcb_cap(t, tcbCTable, c, cSlot);
    return s != EXCEPTION_NONE ? s : install_tcb_cap(t, tcbVTable, v, vSlot);
}
#endif

static exception_t invoke_set_ipc_buffer(tcb_t *t, word_t addr, cap_t frame, cte_t *slot)
{
    exception_t s = cteDelete(&t->ctes[tcbBuffer], true);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    t->ipc_buffer = addr;
    if (!cap_is_null(frame) && sameObjectAs(frame, slot->cap)) {
        cteInsert(frame, slot, &t->ctes[tcbBuffer]);
    }
    if (t == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

/* decode_configure and decode_set_space: MCS versions below check_prio */
static exception_t decode_set_ipc_buffer(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 1 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no address word or no frame cap");
    }
    word_t addr = getMR(ksCurThread, buffer, 0);
    cap_t frame;
    exception_t s = derive_buffer(addr, extra->slots[0], &frame);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    performed();
    return invoke_set_ipc_buffer(t, addr, frame, extra->slots[0]);
}

/* --- priorities --------------------------------------------------------------------------- */

/* The authority TCB (extra cap 0) and a value checked against its MCP. */
static exception_t check_prio(word_t value, cap_t authCap)
{
    word_t mcp = tcb_from_cap(authCap)->mcp;
    return value > mcp ? user_error_range(seL4_MinPrio, mcp, "priority above the authority's MCP") : EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
/* --- MCS: fault and timeout handlers are caps, SCs are set with SetSchedParams ------------- */

/* A handler cap: null (no handler) or an endpoint with Write and Grant or GrantReply. */
static bool valid_handler_cap(cap_t c)
{
    word_t r = cap_get_capRights(c);
    return cap_is_null(c) || (cap_get_capType(c) == cap_endpoint_cap && (r & seL4_CanWrite.words[0]) &&
                              (r & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0])));
}

/* Copies the handler cap from slot into TCB slot index (a null cap clears it). */
static exception_t install_handler(tcb_t *t, word_t index, cte_t *slot)
{
    cap_t c = slot->cap;
    if (!cap_is_null(c)) {
        deriveCap_ret_t d = deriveCap(slot, c);
        if (d.status != EXCEPTION_NONE) {
            return d.status;
        }
        c = d.cap;
    }
    return install_tcb_cap(t, index, c, slot);
}

static exception_t decode_configure(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 3 || extra->count < 3) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 words or 3 extra caps");
    }
    word_t cData = getMR(ksCurThread, buffer, 0), addr = getMR(ksCurThread, buffer, 2);
    cap_t bufferCap, c, v;
    exception_t s = derive_buffer(addr, extra->slots[2], &bufferCap);
    if (s == EXCEPTION_NONE) {
        s = derive_spaces(t, extra->slots[0], cData, extra->slots[1], &c, &v);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    performed();
    s = install_tcb_cap(t, tcbCTable, c, extra->slots[0]);
    s = s != EXCEPTION_NONE ? s : install_tcb_cap(t, tcbVTable, v, extra->slots[1]);
    return s != EXCEPTION_NONE ? s : invoke_set_ipc_buffer(t, addr, bufferCap, extra->slots[2]);
}

static exception_t decode_set_space(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 2 || extra->count < 3) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or 3 extra caps");
    }
    cap_t c, v;
    exception_t s = derive_spaces(t, extra->slots[1], getMR(ksCurThread, buffer, 0), extra->slots[2], &c, &v);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    if (!valid_handler_cap(extra->slots[0]->cap)) {
        return user_error_invalid_cap(1, "fault handler is not an endpoint with Write and Grant/GrantReply");
    }
    performed();
    s = install_handler(t, tcbFaultHandler, extra->slots[0]);
    s = s != EXCEPTION_NONE ? s : install_tcb_cap(t, tcbCTable, c, extra->slots[1]);
    return s != EXCEPTION_NONE ? s : install_tcb_cap(t, tcbVTable, v, extra->slots[2]);
}

static bool is_blocked_tcb(const tcb_t *t)
{
    return t->state == ThreadState_BlockedOnReceive || t->state == ThreadState_BlockedOnSend ||
           t->state == ThreadState_BlockedOnNotification || t->state == ThreadState_BlockedOnReply;
}

/* The SC argument of SetSchedParams (sel4-mcs-facts 2.4): an SC to bind or null to unbind. */
static exception_t check_sc_arg(tcb_t *t, cap_t scCap)
{
    if (cap_get_capType(scCap) == cap_sched_context_cap) {
        sched_context_t *sc = sc_from_cap(scCap);
        if (t->sc && t->sc != sc) {
            return user_error(seL4_IllegalOperation, "the TCB already has a different SC");
        }
        if (sc->tcb && sc->tcb != t) {
            return user_error(seL4_IllegalOperation, "the SC is bound to another TCB");
        }
        if (is_blocked_tcb(t) && !(sc_active(sc) && refill_ready(sc, ksCurTime))) {
            return user_error(seL4_IllegalOperation, "blocked TCB and an SC that is not released");
        }
        return EXCEPTION_NONE;
    }
    if (cap_is_null(scCap)) {
        return t == ksCurThread ? user_error(seL4_IllegalOperation, "changing the caller's own SC")
                                : EXCEPTION_NONE;
    }
    return user_error_invalid_cap(2, "extra cap 2 is neither an SC cap nor null");
}

static exception_t decode_set_sched_params(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 2 || extra->count < 3) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or 3 extra caps");
    }
    cap_t auth = extra->slots[0]->cap, scCap = extra->slots[1]->cap;
    if (cap_get_capType(auth) != cap_thread_cap) {
        return user_error_invalid_cap(1, "authority (extra cap 1) is not a TCB cap");
    }
    word_t mcp = getMR(ksCurThread, buffer, 0), prio = getMR(ksCurThread, buffer, 1);
    exception_t s = check_prio(mcp, auth);
    s = s != EXCEPTION_NONE ? s : check_prio(prio, auth);
    s = s != EXCEPTION_NONE ? s : check_sc_arg(t, scCap);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    if (!valid_handler_cap(extra->slots[2]->cap)) {
        return user_error_invalid_cap(3, "fault handler is not an endpoint with Write and Grant/GrantReply");
    }
    performed();
    s = install_handler(t, tcbFaultHandler, extra->slots[2]);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    setMCPriority(t, mcp);
    setPriority(t, prio);
    if (cap_get_capType(scCap) == cap_sched_context_cap) {
        if (!t->sc) {
            schedContext_bindTCB(sc_from_cap(scCap), t);
        }
    } else if (t->sc) {
        schedContext_unbindTCB(t->sc);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_set_timeout_endpoint(tcb_t *t, const extra_caps_t *extra)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no timeout handler cap");
    }
    if (!valid_handler_cap(extra->slots[0]->cap)) {
        return user_error_invalid_cap(1, "timeout handler is not an endpoint with Write and Grant/GrantReply");
    }
    performed();
    return install_handler(t, tcbTimeoutHandler, extra->slots[0]);
}
#else
static exception_t decode_configure(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 4 || extra->count < 3) {
        return user_error(seL4_TruncatedMessage, "fewer than 4 words or 3 extra caps");
    }
    word_t faultEP = getMR(ksCurThread, buffer, 0), cData = getMR(ksCurThread, buffer, 1);
    word_t addr = getMR(ksCurThread, buffer, 3);
    cap_t bufferCap, c, v;
    exception_t s = derive_buffer(addr, extra->slots[2], &bufferCap);
    if (s == EXCEPTION_NONE) {
        s = derive_spaces(t, extra->slots[0], cData, extra->slots[1], &c, &v);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    performed();
    s = invoke_set_space(t, faultEP, c, extra->slots[0], v, extra->slots[1]);
    return s != EXCEPTION_NONE ? s : invoke_set_ipc_buffer(t, addr, bufferCap, extra->slots[2]);
}

static exception_t decode_set_space(tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 3 || extra->count < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 words or 2 extra caps");
    }
    cap_t c, v;
    exception_t s = derive_spaces(t, extra->slots[0], getMR(ksCurThread, buffer, 1), extra->slots[1], &c, &v);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    performed();
    return invoke_set_space(t, getMR(ksCurThread, buffer, 0), c, extra->slots[0], v, extra->slots[1]);
}

#endif

static exception_t decode_priority(word_t label, tcb_t *t, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    word_t need = label == TCBSetSchedParams ? 2 : 1;
    if (length < need || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "missing priority word or authority cap");
    }
    cap_t auth = extra->slots[0]->cap;
    if (cap_get_capType(auth) != cap_thread_cap) {
        return user_error_invalid_cap(1, "authority (extra cap 1) is not a TCB cap");
    }
    word_t v0 = getMR(ksCurThread, buffer, 0), v1 = getMR(ksCurThread, buffer, 1);
    exception_t s = check_prio(v0, auth);
    if (s == EXCEPTION_NONE && label == TCBSetSchedParams) {
        s = check_prio(v1, auth);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    performed();
    if (label == TCBSetMCPriority || label == TCBSetSchedParams) {
        setMCPriority(t, v0);
    }
    if (label == TCBSetPriority || label == TCBSetSchedParams) {
        setPriority(t, label == TCBSetPriority ? v0 : v1);
    }
    return EXCEPTION_NONE;
}

/* --- the rest ------------------------------------------------------------------------------- */

static exception_t decode_set_flags(tcb_t *t, word_t length, bool isCall, word_t *buffer)
{
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 message words");
    }
    word_t clear = getMR(ksCurThread, buffer, 0), set = getMR(ksCurThread, buffer, 1);
    t->flags = ((t->flags & ~clear) | set) & seL4_TCBFlag_MASK;
    fpu_flags_changed(t);
    if (isCall) {
        setMR(ksCurThread, NULL, 0, t->flags);
        setRegister(ksCurThread, REG_BADGE, 0);
        setRegister(ksCurThread, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decode_simple(word_t label, tcb_t *t, word_t length, word_t *buffer)
{
    switch (label) {
    case TCBSuspend:
        performed();
        suspend(t);
        return EXCEPTION_NONE;
    case TCBResume:
        performed();
        restart(t);
        return EXCEPTION_NONE;
    case TCBSetTLSBase:
        if (length < 1) {
            return user_error(seL4_TruncatedMessage, "no TLS base word");
        }
        performed();
        Arch_setTLSBase(t, getMR(ksCurThread, buffer, 0));
        return EXCEPTION_NONE;
    default:
        return user_error(seL4_IllegalOperation, "not a label of a TCB cap");
    }
}

/* BindNotification: the notification needs Read, must be unbound with no waiters, and the TCB
 * unbound (sel4-facts 2.6). */
static exception_t decode_bind(tcb_t *t, const extra_caps_t *extra)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no notification cap");
    }
    if (t->bound_notification) {
        return user_error(seL4_IllegalOperation, "the TCB already has a bound notification");
    }
    /* Not a notification, no Read right, bound already or waited on: all IllegalOperation. */
    cap_t c = extra->slots[0]->cap;
    if (cap_get_capType(c) != cap_notification_cap) {
        return user_error(seL4_IllegalOperation, "extra cap is not a notification cap");
    }
    notification_t *n = ntfn_from_cap(c);
    if (!(cap_get_capRights(c) & seL4_CanRead.words[0]) || ntfn_bound_tcb(n) || ntfn_has_waiters(n)) {
        return user_error(seL4_IllegalOperation, "notification without Read, bound elsewhere or waited on");
    }
    performed();
    bindNotification(t, n);
    return EXCEPTION_NONE;
}

static exception_t decode_unbind(tcb_t *t)
{
    if (!t->bound_notification) {
        return user_error(seL4_IllegalOperation, "the TCB has no bound notification");
    }
    performed();
    unbindNotification(t);
    return EXCEPTION_NONE;
}

exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, cte_t *slot, const extra_caps_t *extra,
                                bool isCall, word_t *buffer)
{
    (void)slot;
    tcb_t *t = tcb_from_cap(cap);
    switch (label) {
    case TCBReadRegisters:
        return decode_read_registers(t, length, isCall, buffer);
    case TCBWriteRegisters:
        return decode_write_registers(t, length, buffer);
    case TCBCopyRegisters:
        return decode_copy_registers(t, length, extra, buffer);
    case TCBConfigure:
        return decode_configure(t, length, extra, buffer);
    case TCBSetSpace:
        return decode_set_space(t, length, extra, buffer);
    case TCBSetIPCBuffer:
        return decode_set_ipc_buffer(t, length, extra, buffer);
#ifdef CONFIG_KERNEL_MCS
    case TCBSetPriority:
    case TCBSetMCPriority:
        return decode_priority(label, t, length, extra, buffer);
    case TCBSetSchedParams:
        return decode_set_sched_params(t, length, extra, buffer);
    case TCBSetTimeoutEndpoint:
        return decode_set_timeout_endpoint(t, extra);
#else
    case TCBSetPriority:
    case TCBSetMCPriority:
    case TCBSetSchedParams:
        return decode_priority(label, t, length, extra, buffer);
#endif
    case TCBSetFlags:
        return decode_set_flags(t, length, isCall, buffer);
    case TCBBindNotification:
        return decode_bind(t, extra);
    case TCBUnbindNotification:
        return decode_unbind(t);
    case TCBSuspend:
    case TCBResume:
    case TCBSetTLSBase:
        return decode_simple(label, t, length, buffer);
    default:
        return user_error(seL4_IllegalOperation, "not a label of a TCB cap");
    }
}

exception_t decodeDomainInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (label == DomainScheduleConfigure || label == DomainScheduleSetStart) {
        return decodeDomainScheduleInvocation(label, length, buffer);
    }
    if (label != DomainSetSet) {
        return user_error(seL4_IllegalOperation, "not a label of the domain cap");
    }
    if (length == 0) {
        return user_error(seL4_TruncatedMessage, "no domain word");
    }
    word_t domain = getMR(ksCurThread, buffer, 0);
    if (domain >= CONFIG_NUM_DOMAINS) {
        return user_error_invalid_argument(0, "domain beyond CONFIG_NUM_DOMAINS");
    }
    if (extra->count == 0) {
        return user_error(seL4_TruncatedMessage, "no TCB cap");
    }
    cap_t tcb = extra->slots[0]->cap;
    if (cap_get_capType(tcb) != cap_thread_cap) {
        return user_error_invalid_argument(1, "extra cap is not a TCB cap");
    }
    performed();
    setDomain(tcb_from_cap(tcb), domain);
    return EXCEPTION_NONE;
}
