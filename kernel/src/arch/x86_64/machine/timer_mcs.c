/*
 * The MCS kernel timer (x86_64): the clock is the TSC, and each deadline arms the local APIC
 * timer once (seL4 src/arch/x86/kernel/apic.c and machine/timer.h for MCS). The APIC counts
 * at apic/tsc of the TSC's rate; the ratio is kept as a 32.32 fixed-point factor.
 */
#include <arch/timer_mcs.h>
#include <arch/apic.h>
#include <arch/machine.h>
#include <kernel/sched_mcs.h>

/* Longest single arm in TSC ticks: the product with the 32.32 factor must fit 64 bits. A later
 * deadline simply fires early and the kernel arms the rest. */
#define MAX_ARM_TICKS (1ull << 31)

static uint64_t apic_per_tsc_q32;

void mcs_timer_init(uint64_t tsc_advance, uint64_t apic_advance)
{
    apic_per_tsc_q32 = tsc_advance ? (apic_advance << 32) / tsc_advance : 1;
    lapic_init_oneshot();
}

ticks_t Arch_getCurrentTime(void)
{
    return rdtsc();
}

void Arch_setDeadline(ticks_t deadline)
{
    ticks_t now = rdtsc();
    uint64_t delta = deadline > now ? deadline - now : 0;
    if (delta > MAX_ARM_TICKS) {
        delta = MAX_ARM_TICKS;
    }
    uint64_t count = (delta * apic_per_tsc_q32) >> 32;
    lapic_set_count(count ? (uint32_t)count : 1); /* 0 would stop the timer: fire at once */
}
