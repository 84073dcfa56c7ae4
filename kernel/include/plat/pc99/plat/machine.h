/*
 * PC99 platform devices the kernel drives itself: the COM1 console, the legacy PIC (masked;
 * the timer and IOAPIC come with the interrupt work), the PIT used once to measure the TSC and
 * the local APIC timer, and QEMU's isa-debug-exit port used to stop the machine.
 */
#ifndef PLAT_MACHINE_H
#define PLAT_MACHINE_H

#include <types.h>

#define COM1_PORT 0x3f8
#define DEBUG_EXIT_PORT 0xf4

void serial_init(void);
void pic_mask_all(void);
void pit_stop_channel0(void);

/* The boot calibration: one window of PIT_WINDOW_COUNTS periods of the PIT's 1.193182 MHz
 * clock (channel 2), over which two counters advance, the TSC and the local APIC timer, so that
 * one window serves both (boot time matters, seL4 #306). 298 counts are 250 us: a 1 GHz TSC
 * counts 250,000 ticks and the APIC timer (1 GHz / 16 on QEMU) 15,600 in it, resolutions of
 * 0.0004% and 0.006%, far finer than the 1 MHz and 1 ms steps the kernel reports and ticks in. */
#define PIT_HZ 1193182u
#define PIT_WINDOW_COUNTS 298u
void pit_measure_window(uint64_t (*a)(void), uint64_t (*b)(void), uint64_t *advance_a, uint64_t *advance_b);

/* A counter's rate from its advance over the window: per second / divisor (1,000,000: per
 * microsecond, i.e. MHz; 1,000: per millisecond). */
uint32_t pit_window_rate(uint64_t advance, uint32_t divisor);

#endif
