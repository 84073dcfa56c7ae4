/* Kernel interrupt handling (portable): the timer tick drives timeslices and domains. */
#include <kernel/interrupt.h>
#include <kernel/printf.h>
#include <kernel/thread.h>

void handleInterrupt(word_t irq)
{
    if (irq == KERNEL_TIMER_IRQ) {
        timerTick();
    } else {
        kprintf("[kernel] ignoring unexpected interrupt %lu\n", irq);
    }
    Arch_ackInterrupt(irq);
}
