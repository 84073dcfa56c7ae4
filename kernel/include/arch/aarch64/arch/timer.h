/*
 * The kernel tick on AArch64: the EL1 virtual timer (CNTV_*, INTID 27; facts 2.2, 9.8),
 * reloaded every CONFIG_TIMER_TICK_MS. User space gets neither counter nor timer at EL0.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <types.h>

/* Starts the periodic tick (interrupt still masked at the GIC: the caller enables it). */
void timer_init(void);
/* Sets up the next tick; called before the tick's EOI so the level-sensitive PPI drops. */
void timer_reload(void);
/* The virtual counter, for boot timing. */
uint64_t timer_read_counter(void);

#endif
