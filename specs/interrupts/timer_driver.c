/* Added for the interrupts example: a PIT driver for the seed's timer_drv / timer_handle_irq
 * (timer_driver.h). */
#include <sel4/sel4.h>
#include <utils/util.h>

#include "timer_driver.h"

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43

timer_drv_t timer_drv;

void timer_init(timer_drv_t *drv, seL4_CPtr ports, int hz)
{
    int divisor = PIT_HZ / hz;
    drv->ports = ports;
    drv->irqs = 0;
    int err = seL4_X86_IOPort_Out8(ports, PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2 */
    err |= seL4_X86_IOPort_Out8(ports, PIT_CH0, divisor & 0xff);
    err |= seL4_X86_IOPort_Out8(ports, PIT_CH0, (divisor >> 8) & 0xff);
    ZF_LOGF_IF(err != 0, "PIT programming failed");
}

void timer_handle_irq(timer_drv_t *drv)
{
    drv->irqs++;
}
