/* Short seed snippets of the "Interrupt" section of /work/shared/seed/sel4-mechanisms.md.
 * Each snippet is copied verbatim into a function whose parameters and locals declare
 * the variables it uses; those wrappers (and the declarations above them) are the only
 * additions. The build only checks that the snippets compile; nothing calls them. */
#include <sel4/sel4.h>
#include <stdio.h>

#define TTC0_TIMER1_IRQ 42
/* The seed writes seL4_IRQHandler_setNotification (lower-case s) in one concept snippet;
 * seL4 only has seL4_IRQHandler_SetNotification. This alias is part of the wrapper. */
#define seL4_IRQHandler_setNotification seL4_IRQHandler_SetNotification
extern int timer_drv;
extern void timer_handle_irq(int *drv);

/* code blocks at line(s) 529 */
void seed_irq_get_concept(seL4_CPtr cspace_root)
{
    seL4_CPtr seL4_IRQControl = seL4_CapIRQControl; /* the snippet names the cap like the type */
    seL4_Error error;
    // Get a capability for irq number 7 and place it in cslot 10 in a single-level cspace.
    error = seL4_IRQControl_Get(seL4_IRQControl, 7, cspace_root, 10, seL4_WordBits);
}

/* code blocks at line(s) 538 */
void seed_irq_set_notification_concept(seL4_CPtr irq_handler, seL4_CPtr notification)
{
    seL4_IRQHandler_setNotification(irq_handler, notification);
}

/* code blocks at line(s) 548 */
void seed_irq_setup(seL4_CPtr irq_control, seL4_CPtr cnode, seL4_CPtr irq_handler, seL4_CPtr ntfn)
{
    seL4_Error error;
    /* Invoke irq_control to put the interrupt for TTC0_TIMER1_IRQ in
           cslot irq_handler (depth is seL4_WordBits) */
    error = seL4_IRQControl_Get(irq_control, TTC0_TIMER1_IRQ, cnode, irq_handler, seL4_WordBits);
    /* Set ntfn as the notification for irq_handler */
    error = seL4_IRQHandler_SetNotification(irq_handler, ntfn);
}

/* code blocks at line(s) 558 */
void seed_irq_loop(seL4_CPtr ntfn, seL4_CPtr irq_handler, int msg)
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
