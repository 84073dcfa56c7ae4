/*
 * What the portable interrupt code asks of the architecture: masking a user IRQ's line,
 * checking and routing legacy (ISA) IRQs for IRQControl_Get, and the architecture's own
 * IRQControl invocations (x86: GetIOAPIC, GetMSI).
 */
#ifndef KERNEL_ARCH_IRQ_H
#define KERNEL_ARCH_IRQ_H

#include <object/objecttype.h>

void Arch_maskIRQ(word_t irq, bool mask);
/* RangeError unless irq is a legacy IRQ the architecture can route for IRQControl_Get. */
exception_t Arch_checkIRQ(word_t irq);
/* Routes legacy irq (checked) to its kernel IRQ number, unmasked. */
void Arch_routeLegacyIRQ(word_t irq);
exception_t Arch_decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot,
                                            const extra_caps_t *extra, word_t *buffer);

#endif
