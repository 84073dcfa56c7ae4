/*
 * The IOAPIC (x86_64; one, at 0xfec00000, reached through the kernel device window): user IRQ
 * lines are routed to CPU vector IRQ_VECTOR_BASE + irq and masked/unmasked per pin.
 */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <types.h>

#define IRQ_VECTOR_BASE 48 /* user IRQ n arrives on vector 48 + n (seL4: vector + 16 + 0x20) */
#define IOAPIC_PINS 24

/* Masks every pin. */
void ioapic_init(void);
/* Routes pin to vector (level: level-triggered; low: active low), unmasked. */
void ioapic_route(word_t pin, word_t vector, bool level, bool low);
void ioapic_mask(word_t pin, bool mask);

#endif
