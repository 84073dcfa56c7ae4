/*
 * User-level interrupts (seL4 src/object/interrupt.c): the state of each kernel IRQ number
 * (0..CONFIG_MAX_IRQ), the notification each handler signals, IRQControl and IRQHandler
 * invocations, and delivery. The architecture routes and masks lines (kernel/arch_irq.h).
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <object/objecttype.h>

#ifdef CONFIG_ARCH_AARCH64
/* Kernel IRQ numbers are GIC INTIDs: 0..15 SGIs, 16..31 PPIs, 32..159 SPIs (maxIRQ 159). */
#define CONFIG_MAX_IRQ 159
#else
/* Kernel IRQ numbers are the user vectors of seL4's x86 API: 0..107. */
#define CONFIG_MAX_IRQ 107
#endif

typedef enum irq_state { IRQInactive = 0, IRQSignal = 1 } irq_state_t;

exception_t decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot, const extra_caps_t *extra,
                                       word_t *buffer);
exception_t decodeIRQHandlerInvocation(word_t label, word_t irq, const extra_caps_t *extra);

/* Checks a new handler's IRQ number and destination slot (RevokeFirst if active, lookup and
 * DeleteFirst errors); on success *dest is the empty slot. */
exception_t irq_check_new_handler(word_t irq, cap_t root, word_t index, word_t depth, cte_t **dest);
/* Makes irq active and puts its handler cap into dest as a child of the IRQControl cap. */
void irq_issue_handler(word_t irq, cte_t *controlSlot, cte_t *dest);

/* A user IRQ fired: mask it until Ack and signal its notification. */
void handleUserIRQ(word_t irq);
/* The last handler cap of irq went: mask it and drop its notification. */
void deletedIRQHandler(word_t irq);

#endif
