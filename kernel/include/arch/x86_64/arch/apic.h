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

/* For the calibration: enables the APIC and lets its timer count down from 2^32 - 1 (masked,
 * divide by 16); lapic_elapsed is how far it has counted since. */
void lapic_start_free_count(void);
uint64_t lapic_elapsed(void);
/* Starts the periodic tick; ticks_per_ms: APIC timer ticks (divided by 16) per millisecond. */
void lapic_init_timer(uint32_t ticks_per_ms);
/* MCS: one-shot mode; each lapic_set_count arms one interrupt after `count` APIC ticks. */
void lapic_init_oneshot(void);
void lapic_set_count(uint32_t count);
void lapic_eoi(void);
bool lapic_timer_pending(void);

#endif
