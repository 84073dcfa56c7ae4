/* The generic timer as the kernel tick (seL4 drivers/timer/arm_generic.c's role). */
#include <arch/timer.h>
#include <arch/machine.h>
#include <kernel/printf.h>
#include <plat/machine.h>
#include <sel4/gen_config.h>

#define CNTV_CTL_ENABLE 1u
#define CNTKCTL_EL0PCTEN (1u << 0)
#define CNTKCTL_EL0VCTEN (1u << 1)
#define CNTKCTL_EL0PTEN (1u << 9)
#define TICK_COUNTS (TIMER_FREQUENCY / 1000 * CONFIG_TIMER_TICK_MS)

void timer_reload(void)
{
    MSR("cntv_tval_el0", TICK_COUNTS);
    isb();
}

void timer_init(void)
{
    word_t freq;
    MRS("cntfrq_el0", freq);
    if (freq != TIMER_FREQUENCY) {
        kprintf("Boot: warning: CNTFRQ_EL0 is %lu Hz, the kernel assumes %llu Hz\n", freq, TIMER_FREQUENCY);
    }
    /* EL0 may read the counters and program the physical timer (seL4's KernelArmExportVCNTUser,
     * ExportPCNTUser and ExportPTMRUser, on in this build, as Microkit configures this board:
     * the tests time themselves with the counter, user timer drivers use INTID 30). The
     * virtual timer (INTID 27) stays the kernel's (facts 6). */
    MSR("cntkctl_el1", CNTKCTL_EL0VCTEN | CNTKCTL_EL0PCTEN | CNTKCTL_EL0PTEN);
    timer_reload();
    MSR("cntv_ctl_el0", CNTV_CTL_ENABLE);
    isb();
}

uint64_t timer_read_counter(void)
{
    uint64_t v;
    isb();
    MRS("cntvct_el0", v);
    return v;
}
