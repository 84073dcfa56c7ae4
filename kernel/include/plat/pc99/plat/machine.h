/*
 * PC99 platform devices the kernel drives itself: the COM1 console, the legacy PIC (masked;
 * the timer and IOAPIC come with the interrupt work), the PIT used once to measure the TSC,
 * and QEMU's isa-debug-exit port used to stop the machine.
 */
#ifndef PLAT_MACHINE_H
#define PLAT_MACHINE_H

#include <types.h>

#define COM1_PORT 0x3f8
#define DEBUG_EXIT_PORT 0xf4

void serial_init(void);
void pic_mask_all(void);
void pit_stop_channel0(void);

/* How far `counter` advances in PIT_MEASURE_MS, timed by PIT channel 2. */
#define PIT_MEASURE_MS 2u /* 2,386 PIT ticks: 0.05% resolution; boot time matters (seL4 #306) */
uint64_t pit_measure(uint64_t (*counter)(void));

/* TSC ticks per microsecond (MHz). */
uint32_t tsc_measure_mhz(void);

#endif
