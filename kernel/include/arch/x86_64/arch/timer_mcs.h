/*
 * The MCS kernel timer on x86_64 (src/arch/x86_64/machine/timer_mcs.c): TSC time and a local
 * APIC one-shot deadline. QEMU's TCG has no TSC-deadline mode (sel4-mcs-facts, measured
 * section), so the deadline is converted to APIC ticks with the exact TSC/APIC ratio measured
 * over the same PIT window at boot, not an integer ratio.
 */
#ifndef ARCH_TIMER_MCS_H
#define ARCH_TIMER_MCS_H

#include <types.h>

/* tsc_advance and apic_advance: how far both counted over the boot calibration window. */
void mcs_timer_init(uint64_t tsc_advance, uint64_t apic_advance);

#endif
