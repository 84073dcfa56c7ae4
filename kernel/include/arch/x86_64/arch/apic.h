/*
 * The local APIC (x86_64): the kernel timer tick (periodic, CONFIG_TIMER_TICK_MS) on vector
 * TIMER_VECTOR, end of interrupt, and "is the timer interrupt pending" for preemption points.
 * The APIC is reached through the kernel device window (arch/memlayout.h).
 */
#ifndef ARCH_APIC_H
#define ARCH_APIC_H

#include <types.h>

#define TIMER_VECTOR 157   /* as seL4 on x86 */
#define SPURIOUS_VECTOR 255
#define LAPIC_VADDR KDEV_BASE

/* Enables the APIC and starts the periodic tick; ticks_per_ms from lapic_measure_ticks. */
void lapic_init_timer(uint32_t ticks_per_ms);
/* APIC timer ticks (divided by 16) per millisecond, measured against the PIT. */
uint32_t lapic_measure_ticks_per_ms(void);
void lapic_eoi(void);
bool lapic_timer_pending(void);

#endif
