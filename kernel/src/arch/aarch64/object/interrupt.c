/*
 * AArch64 interrupts for the portable IRQ code (seL4 src/arch/arm/object/interrupt.c): IRQ
 * numbers are GIC INTIDs 0..159; IRQControl_Get works for any of them but the kernel timer's;
 * IRQControl_GetTrigger also programs the trigger mode (facts 6). SGI signals need SMP-style
 * support and are not implemented (docs/deviations.md).
 */
#include <kernel/arch_irq.h>
#include <api/user_error.h>
#include <arch/gic.h>
#include <kernel/interrupt.h>
#include <kernel/irq.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

void Arch_maskIRQ(word_t irq, bool mask)
{
    if (irq <= CONFIG_MAX_IRQ) {
        gic_mask(irq, mask);
    }
}

exception_t Arch_checkIRQ(word_t irq)
{
    if (irq > CONFIG_MAX_IRQ) {
        return user_error_range(0, CONFIG_MAX_IRQ, "IRQ number beyond maxIRQ (159)");
    }
    if (irq == KERNEL_TIMER_IRQ) {
        return user_error(seL4_RevokeFirst, "the kernel timer's IRQ (27) is not available");
    }
    return EXCEPTION_NONE;
}

/* A line is unmasked when its handler is issued; it is masked again on each delivery until
 * IRQHandler_Ack. */
void Arch_routeLegacyIRQ(word_t irq)
{
    gic_mask(irq, false);
}

static exception_t issue_with_trigger(word_t length, cte_t *controlSlot, const extra_caps_t *extra, word_t *buffer)
{
    if (length < 4 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 4 words or no root CNode cap");
    }
    tcb_t *t = ksCurThread;
    word_t irq = getMR(t, buffer, 0), edge = getMR(t, buffer, 1);
    cte_t *dest;
    exception_t s = Arch_checkIRQ(irq);
    if (s == EXCEPTION_NONE) {
        s = irq_check_new_handler(irq, extra->slots[0]->cap, getMR(t, buffer, 2), getMR(t, buffer, 3) & 0xff,
                                  &dest);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    setThreadState(t, ThreadState_Restart);
    gic_set_edge(irq, edge & 1);
    irq_issue_handler(irq, controlSlot, dest);
    gic_mask(irq, false);
    return EXCEPTION_NONE;
}

exception_t Arch_decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot,
                                            const extra_caps_t *extra, word_t *buffer)
{
    if (label == ARMIRQIssueIRQHandlerTrigger) {
        return issue_with_trigger(length, controlSlot, extra, buffer);
    }
    return user_error(seL4_IllegalOperation, "not a label of the IRQ control cap");
}
