/*
 * Kernel interrupt handling (seL4 src/object/interrupt.c, kernel part): the kernel timer tick.
 * User-level IRQ handlers come with the interrupt work; any other interrupt is acknowledged
 * and reported in the debug build.
 */
#ifndef KERNEL_INTERRUPT_H
#define KERNEL_INTERRUPT_H

#include <types.h>
#include <sel4/gen_config.h>

/* Interrupt numbers: 0..CONFIG_MAX_IRQ are user IRQs (kernel/irq.h); the kernel timer comes
 * after them. */
#ifdef CONFIG_ARCH_AARCH64
#define KERNEL_TIMER_IRQ 27 /* the EL1 virtual timer's PPI: a GIC INTID like the user IRQs */
#else
#define KERNEL_TIMER_IRQ 108
#endif

/* Handles one interrupt; the architecture acknowledges it (Arch_ackInterrupt). */
void handleInterrupt(word_t irq);

/* Architecture: acknowledge an interrupt at the interrupt controller. */
void Arch_ackInterrupt(word_t irq);

#endif
