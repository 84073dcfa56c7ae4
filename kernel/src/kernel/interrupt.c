/* Kernel interrupt handling (portable): the timer tick drives timeslices and domains; any
 * other interrupt is a user IRQ (kernel/irq.h). */
#include <kernel/interrupt.h>
#include <kernel/irq.h>
#include <kernel/thread.h>

void handleInterrupt(word_t irq)
{
    if (irq == KERNEL_TIMER_IRQ) {
        timerTick();
    } else {
        handleUserIRQ(irq);
    }
    Arch_ackInterrupt(irq);
}
