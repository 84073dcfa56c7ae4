/* Added for the interrupts example: the timer the seed's interrupt code drives. The seed's
 * TTC0_TIMER1_IRQ (a Zynq timer) becomes the PC's PIT, ISA IRQ 0, which reaches the IOAPIC on
 * pin 2; timer.c claims that pin with IRQControl_GetIOAPIC, as on seL4. */
#pragma once
#include <sel4/sel4.h>

#ifdef __aarch64__
/* AArch64 (timer_driver_generic.c): the EL1 physical timer of the generic timer, which the
 * kernel lets EL0 program (seL4's KernelArmExportPTMRUser); its PPI is GIC INTID 30. */
#define TTC0_TIMER1_IRQ 30
#define TIMER_NAME "generic timer"
#else
#define TTC0_TIMER1_IRQ 0
/* The IOAPIC pin of ISA IRQ 0: every PC's firmware reports this override (ACPI MADT: source 0,
 * global interrupt 2), and QEMU's pc machine wires the PIT there. */
#define PIT_IOAPIC_PIN 2
#define TIMER_NAME "PIT"
#endif

typedef struct timer_drv {
    seL4_CPtr ports; /* I/O port cap for 0x40..0x43 (x86_64) */
    int irqs;        /* interrupts handled */
} timer_drv_t;

extern timer_drv_t timer_drv;

/* Programs PIT channel 0 as a rate generator at hz interrupts per second (AArch64: the
 * physical timer to fire every 1/hz s; ports is unused). */
void timer_init(timer_drv_t *drv, seL4_CPtr ports, int hz);
/* The driver's part of an interrupt (the PIT in rate-generator mode needs no reload; the
 * generic timer is reloaded, which also lowers its level-triggered line before the Ack). */
void timer_handle_irq(timer_drv_t *drv);
