/* Added for the interrupts example on AArch64: the seed's timer_drv / timer_handle_irq
 * (timer_driver.h) over the EL1 physical timer of the generic timer (CNTP_*), which the kernel
 * lets EL0 program; it interrupts on GIC INTID 30 (level). */
#include <sel4/sel4.h>

#include "timer_driver.h"

timer_drv_t timer_drv;
static unsigned long ticks_per_irq;

static void reload(void)
{
    __asm__ volatile("msr cntp_tval_el0, %0; isb" ::"r"(ticks_per_irq));
}

void timer_init(timer_drv_t *drv, seL4_CPtr ports, int hz)
{
    unsigned long freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    drv->ports = ports;
    drv->irqs = 0;
    ticks_per_irq = freq / (unsigned long)hz;
    reload();
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(1ul)); /* enabled, not masked */
}

void timer_handle_irq(timer_drv_t *drv)
{
    drv->irqs++;
    reload();
}
