/*
 * Local APIC timer (x86_64; seL4 arch/x86/kernel/apic.c): software-enabled through the
 * spurious-vector register, timer in periodic mode with divide-by-16, calibrated once against
 * the PIT. The legacy PIC stays masked.
 */
#include <arch/apic.h>
#include <arch/memlayout.h>
#include <plat/machine.h>
#include <config.h>

#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_IRR 0x200
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INITIAL 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0
#define SVR_ENABLE 0x100
#define LVT_PERIODIC (1u << 17)
#define LVT_MASKED (1u << 16)
#define DIVIDE_BY_16 0x3

static volatile uint32_t *reg(uint32_t offset)
{
    return (volatile uint32_t *)(LAPIC_VADDR + offset);
}

uint64_t lapic_elapsed(void)
{
    return 0xffffffffu - *reg(APIC_TIMER_CURRENT);
}

void lapic_start_free_count(void)
{
    *reg(APIC_SVR) = SVR_ENABLE | SPURIOUS_VECTOR;
    *reg(APIC_TIMER_DIVIDE) = DIVIDE_BY_16;
    *reg(APIC_LVT_TIMER) = LVT_MASKED | TIMER_VECTOR;
    *reg(APIC_TIMER_INITIAL) = 0xffffffffu;
}

#ifndef CONFIG_KERNEL_MCS /* MCS: one-shot only (lapic_init_oneshot) */
void lapic_init_timer(uint32_t ticks_per_ms)
{
    *reg(APIC_TIMER_DIVIDE) = DIVIDE_BY_16;
    *reg(APIC_LVT_TIMER) = LVT_PERIODIC | TIMER_VECTOR;
    *reg(APIC_TIMER_INITIAL) = ticks_per_ms * CONFIG_TIMER_TICK_MS;
}
#endif

void lapic_init_oneshot(void)
{
    *reg(APIC_TIMER_DIVIDE) = DIVIDE_BY_16;
    *reg(APIC_LVT_TIMER) = TIMER_VECTOR; /* one-shot: neither periodic nor masked */
    *reg(APIC_TIMER_INITIAL) = 0;
}

void lapic_set_count(uint32_t count)
{
    *reg(APIC_TIMER_INITIAL) = count;
}

void lapic_eoi(void)
{
    *reg(APIC_EOI) = 0;
}

bool lapic_timer_pending(void)
{
    return (*reg(APIC_IRR + 0x10 * (TIMER_VECTOR / 32)) >> (TIMER_VECTOR % 32)) & 1;
}
