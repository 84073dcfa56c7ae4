/* Added for the interrupts example: the timer the seed's interrupt code drives. The seed's
 * TTC0_TIMER1_IRQ (a Zynq timer) becomes the PC's PIT, ISA IRQ 0, which reaches the IOAPIC on
 * pin 2; timer.c claims that pin with IRQControl_GetIOAPIC, as on seL4. */
#pragma once
#include <sel4/sel4.h>

#define TTC0_TIMER1_IRQ 0
/* The IOAPIC pin of ISA IRQ 0: every PC's firmware reports this override (ACPI MADT: source 0,
 * global interrupt 2), and QEMU's pc machine wires the PIT there. */
#define PIT_IOAPIC_PIN 2

typedef struct timer_drv {
    seL4_CPtr ports; /* I/O port cap for 0x40..0x43 */
    int irqs;        /* interrupts handled */
} timer_drv_t;

extern timer_drv_t timer_drv;

/* Programs PIT channel 0 as a rate generator at hz interrupts per second. */
void timer_init(timer_drv_t *drv, seL4_CPtr ports, int hz);
/* The driver's part of an interrupt (the PIT in rate-generator mode needs no reload). */
void timer_handle_irq(timer_drv_t *drv);
