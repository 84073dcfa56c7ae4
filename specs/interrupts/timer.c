/* The interrupts example: the seed's "Interrupt" code (sel4-mechanisms.md, section Interrupt,
 * code 1 and 2) as a timer driver component. Its YAML (specs/interrupts/interrupts.yaml) gives
 * it the caps the seed names: irq_control, cnode, the empty slot irq_handler and the
 * notification ntfn, plus an I/O port cap for the PIT. The seed's timer is a Zynq TTC; here it
 * is the PC's PIT on ISA IRQ 0 (timer_driver.c: TTC0_TIMER1_IRQ, timer_drv, timer_handle_irq and
 * the PIT set-up the seed leaves undefined). Added here (marked): the declarations, the error
 * checks, `msg` (the seed's number of seconds to wait: 1) and three rounds of the seed loop. */
#include <sel4/sel4.h>
#include <stdio.h>
#include <utils/util.h>

#include "timer_driver.h"

extern seL4_CPtr irq_control, cnode, irq_handler, ntfn;
#ifdef __aarch64__
#define pit_ports seL4_CapNull /* the generic timer needs no cap (interrupts.aarch64.yaml) */
#else
extern seL4_CPtr pit_ports;
#endif

/* The seed loop: wait for 1000 * msg timer interrupts (1 ms each), acknowledging each one,
 * and print Tick at the first. */
static void wait_seconds(int msg)
{
    int count = 0;
    while (1) {
      	/* Handle the timer interrupt */
      	seL4_Word badge;
      	seL4_Wait(ntfn, &badge);
      	timer_handle_irq(&timer_drv);
      	if (count == 0) {
        	printf("Tick\n");
      	}

      	/* Ack the interrupt */
      	seL4_IRQHandler_Ack(irq_handler);
      	count++;
      	if (count == 1000 * msg) {
        	break;
      	}
    }
}

int main(void)
{
    seL4_Error error;

    /* seed code 1: an IRQ handler cap for the timer's IRQ, bound to the notification */
    /* Invoke irq_control to put the interrupt for TTC0_TIMER1_IRQ in
           cslot irq_handler (depth is seL4_WordBits) */
    /* changed: the seed's seL4_IRQControl_Get(irq_control, TTC0_TIMER1_IRQ, cnode, irq_handler,
     * seL4_WordBits) names an ISA IRQ, which seL4 16.0.0 on a PC with an IOAPIC refuses
     * (IllegalOperation); our kernel takes it as an extension (docs/deviations.md, and
     * tests/seed compiles the seed's line unchanged). The portable form claims the IOAPIC pin
     * the PIT is wired to, edge-triggered and active high, on vector TTC0_TIMER1_IRQ. */
#ifdef __aarch64__
    /* AArch64: the timer's PPI, level-triggered (trigger 0) */
    error = seL4_IRQControl_GetTrigger(irq_control, TTC0_TIMER1_IRQ, 0, cnode, irq_handler, seL4_WordBits);
    ZF_LOGF_IFERR(error, "IRQControl_GetTrigger"); /* added */
#else
    error = seL4_IRQControl_GetIOAPIC(irq_control, cnode, irq_handler, seL4_WordBits, 0, PIT_IOAPIC_PIN,
                                      0, 0, TTC0_TIMER1_IRQ);
    ZF_LOGF_IFERR(error, "IRQControl_GetIOAPIC"); /* added */
#endif
    /* Set ntfn as the notification for irq_handler */
    error = seL4_IRQHandler_SetNotification(irq_handler, ntfn);
    ZF_LOGF_IFERR(error, "IRQHandler_SetNotification"); /* added */

    /* added: acknowledge once, so that an interrupt taken between Get and SetNotification
     * (delivered to nobody, which leaves the line masked) cannot stop the first tick */
    error = seL4_IRQHandler_Ack(irq_handler);
    ZF_LOGF_IFERR(error, "IRQHandler_Ack");

    /* added: start the PIT at 1 kHz */
    timer_init(&timer_drv, pit_ports, 1000);
    printf("timer: " TIMER_NAME " at 1000 Hz on IRQ %d\n", TTC0_TIMER1_IRQ);

    /* seed code 2, three times (added) */
    for (int round = 1; round <= 3; round++) {
        int msg = 1;
        wait_seconds(msg);
        printf("timer: %d interrupts handled and acknowledged\n", timer_drv.irqs);
    }
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
