/*
 * x86_64 user interrupts (seL4 src/arch/x86/object/interrupt.c): IRQControl_Get for the 16
 * legacy ISA IRQs (routed through the IOAPIC, edge, active high; ISA IRQ 0 is wired to pin 2
 * on PCs, the rest to the pin of the same number), IRQControl_GetIOAPIC for any pin with a
 * chosen trigger and polarity, and IRQControl_GetMSI (the vector only: the device is
 * programmed by its driver). IRQ n is delivered on CPU vector 48 + n.
 */
#include <api/user_error.h>
#include <kernel/arch_irq.h>
#include <kernel/irq.h>
#include <kernel/thread.h>
#include <arch/ioapic.h>
#include <sel4/invocation.h>

#define ISA_IRQS 16
#define NO_PIN ((word_t)-1)

static word_t irq_pin[CONFIG_MAX_IRQ + 1];
static bool pins_ready;

static void init_pins(void)
{
    if (!pins_ready) {
        for (word_t i = 0; i <= CONFIG_MAX_IRQ; i++) {
            irq_pin[i] = NO_PIN;
        }
        pins_ready = true;
    }
}

void Arch_maskIRQ(word_t irq, bool mask)
{
    init_pins();
    if (irq <= CONFIG_MAX_IRQ && irq_pin[irq] != NO_PIN) {
        ioapic_mask(irq_pin[irq], mask);
    }
}

exception_t Arch_checkIRQ(word_t irq)
{
    return irq < ISA_IRQS ? EXCEPTION_NONE : user_error_range(0, ISA_IRQS - 1, "not an ISA IRQ (0..15)");
}

void Arch_routeLegacyIRQ(word_t irq)
{
    init_pins();
    irq_pin[irq] = irq == 0 ? 2 : irq;
    ioapic_route(irq_pin[irq], IRQ_VECTOR_BASE + irq, false, false);
}

/* GetIOAPIC(root, index, depth, ioapic, pin, level, polarity, vector) and
 * GetMSI(root, index, depth, bus, dev, func, handle, vector): MR0 index, MR1 depth, MR6 vector. */
exception_t Arch_decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot,
                                            const extra_caps_t *extra, word_t *buffer)
{
    if (label != X86IRQIssueIRQHandlerIOAPIC && label != X86IRQIssueIRQHandlerMSI) {
        return user_error(seL4_IllegalOperation, "not a label of the IRQ control cap");
    }
    if (length < 7 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 7 words or no root CNode cap");
    }
    tcb_t *t = ksCurThread;
    word_t irq = getMR(t, buffer, 6), ioapic = getMR(t, buffer, 2), pin = getMR(t, buffer, 3);
    if (irq > CONFIG_MAX_IRQ) {
        return user_error_range(0, CONFIG_MAX_IRQ, "IRQ number beyond CONFIG_MAX_IRQ");
    }
    cte_t *dest;
    exception_t s = irq_check_new_handler(irq, extra->slots[0]->cap, getMR(t, buffer, 0), getMR(t, buffer, 1), &dest);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    bool isIOAPIC = label == X86IRQIssueIRQHandlerIOAPIC;
    if (isIOAPIC && ioapic != 0) {
        return user_error_range(0, 0, "no such IOAPIC (there is one)");
    }
    if (isIOAPIC && pin >= IOAPIC_PINS) {
        return user_error_range(0, IOAPIC_PINS - 1, "IOAPIC pin beyond its pins");
    }
    setThreadState(t, ThreadState_Restart);
    irq_issue_handler(irq, controlSlot, dest);
    if (isIOAPIC) {
        init_pins();
        irq_pin[irq] = pin;
        ioapic_route(pin, IRQ_VECTOR_BASE + irq, getMR(t, buffer, 4) & 1, getMR(t, buffer, 5) & 1);
    }
    return EXCEPTION_NONE;
}
