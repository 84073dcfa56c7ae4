/*
 * User-level interrupts (portable; seL4 src/object/interrupt.c). A handler cap for an IRQ comes
 * from IRQControl; SetNotification stores a copy of a notification cap in a kernel-held slot
 * (so the notification cannot be finalised while bound); delivery signals it with the cap's
 * badge and masks the line until IRQHandler_Ack (sel4-facts 2.6, 2.11).
 */
#include <kernel/irq.h>
#include <api/user_error.h>
#include <kernel/arch_irq.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <object/notification.h>
#include <sel4/invocation.h>
#include <sel4/shared_types.h>

static irq_state_t irq_states[CONFIG_MAX_IRQ + 1];
static cte_t irq_ntfn_slots[CONFIG_MAX_IRQ + 1];

exception_t irq_check_new_handler(word_t irq, cap_t root, word_t index, word_t depth, cte_t **dest)
{
    if (irq_states[irq] != IRQInactive) {
        return user_error(seL4_RevokeFirst, "the IRQ already has a handler cap");
    }
    lookup_slot_ret_t r = lookupSlotForCNodeOp(false, root, index, depth);
    if (r.status != EXCEPTION_NONE) {
        return r.status;
    }
    if (ensureEmptySlot(r.slot) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    *dest = r.slot;
    return EXCEPTION_NONE;
}

void irq_issue_handler(word_t irq, cte_t *controlSlot, cte_t *dest)
{
    irq_states[irq] = IRQSignal;
    cteInsert(cap_irq_handler_cap_new(irq), controlSlot, dest);
}

exception_t decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot, const extra_caps_t *extra,
                                       word_t *buffer)
{
    if (label != IRQIssueIRQHandler) {
        return Arch_decodeIRQControlInvocation(label, length, controlSlot, extra, buffer);
    }
    if (length < 3 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 words or no root CNode cap");
    }
    word_t irq = getMR(ksCurThread, buffer, 0);
    exception_t s = Arch_checkIRQ(irq);
    cte_t *dest;
    if (s == EXCEPTION_NONE) {
        s = irq_check_new_handler(irq, extra->slots[0]->cap, getMR(ksCurThread, buffer, 1),
                                  getMR(ksCurThread, buffer, 2), &dest);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    irq_issue_handler(irq, controlSlot, dest);
    Arch_routeLegacyIRQ(irq);
    return EXCEPTION_NONE;
}

static exception_t set_notification(word_t irq, const extra_caps_t *extra)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no notification cap");
    }
    cte_t *ntfnSlot = extra->slots[0];
    cap_t c = ntfnSlot->cap;
    if (cap_get_capType(c) != cap_notification_cap || !(cap_get_capRights(c) & seL4_CanWrite.words[0])) {
        return user_error_invalid_cap(0, "extra cap is not a notification cap with Write");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    cteDelete(&irq_ntfn_slots[irq], true);
    cteInsert(c, ntfnSlot, &irq_ntfn_slots[irq]);
    return EXCEPTION_NONE;
}

exception_t decodeIRQHandlerInvocation(word_t label, word_t irq, const extra_caps_t *extra)
{
    switch (label) {
    case IRQAckIRQ:
        setThreadState(ksCurThread, ThreadState_Restart);
        Arch_maskIRQ(irq, false);
        return EXCEPTION_NONE;
    case IRQSetIRQHandler:
        return set_notification(irq, extra);
    case IRQClearIRQHandler:
        setThreadState(ksCurThread, ThreadState_Restart);
        cteDelete(&irq_ntfn_slots[irq], true);
        return EXCEPTION_NONE;
    default:
        return user_error(seL4_IllegalOperation, "not a label of an IRQ handler cap");
    }
}

void handleUserIRQ(word_t irq)
{
    if (irq > CONFIG_MAX_IRQ || irq_states[irq] == IRQInactive) {
        Arch_maskIRQ(irq, true); /* nobody handles it: keep it quiet */
        return;
    }
    Arch_maskIRQ(irq, true);
    cap_t c = irq_ntfn_slots[irq].cap;
    if (cap_get_capType(c) == cap_notification_cap && (cap_get_capRights(c) & seL4_CanWrite.words[0])) {
        sendSignal(ntfn_from_cap(c), cap_get_capBadge(c));
    }
}

void deletedIRQHandler(word_t irq)
{
    Arch_maskIRQ(irq, true);
    irq_states[irq] = IRQInactive;
    cteDelete(&irq_ntfn_slots[irq], true);
}
