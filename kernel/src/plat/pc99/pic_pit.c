/*
 * Legacy PIC and PIT (pc99). The PICs are remapped away from the exception vectors and masked:
 * no device interrupt reaches the kernel until the interrupt work routes them. PIT channel 2,
 * gated through port 0x61, times one 250 us window at boot over which the TSC (its frequency
 * goes into the BootInfo TSC chunk) and the local APIC timer are both measured. Channel 0 is stopped at boot: the BIOS leaves it
 * ticking at 18.2 Hz on ISA IRQ 0, and a tick that lands between a driver's IRQControl_Get and
 * its IRQHandler_SetNotification would be taken with no notification bound, leaving the line
 * masked with nobody to acknowledge it (the driver then waits forever for its first tick).
 */
#include <plat/machine.h>
#include <arch/machine.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_GATE 0x61

void pic_mask_all(void)
{
    out8(PIC1_CMD, 0x11); /* ICW1: initialise, expect ICW4 */
    out8(PIC2_CMD, 0x11);
    out8(PIC1_DATA, 0x20); /* ICW2: vectors 0x20.. and 0x28.. */
    out8(PIC2_DATA, 0x28);
    out8(PIC1_DATA, 0x04); /* ICW3: slave on line 2 */
    out8(PIC2_DATA, 0x02);
    out8(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
    out8(PIC2_DATA, 0x01);
    out8(PIC1_DATA, 0xff);
    out8(PIC2_DATA, 0xff);
}

/* Mode 1 (one-shot) with a count: OUT is high at once (while every IOAPIC pin is still masked),
 * falls after one count at most and never rises again. A control word alone is not enough:
 * QEMU keeps the BIOS's pending timer, which then raises OUT once more, later. */
void pit_stop_channel0(void)
{
    out8(PIT_CMD, 0x32); /* channel 0, lo/hi, mode 1 */
    out8(PIT_CH0, 1);
    out8(PIT_CH0, 0);
}

void pit_measure_window(uint64_t (*a)(void), uint64_t (*b)(void), uint64_t *advance_a, uint64_t *advance_b)
{
    out8(PIT_GATE, (uint8_t)((in8(PIT_GATE) & ~0x02) | 0x01)); /* gate on, speaker off */
    out8(PIT_CMD, 0xb0);                                        /* channel 2, lo/hi, mode 0 */
    out8(PIT_CH2, (uint8_t)PIT_WINDOW_COUNTS);
    out8(PIT_CH2, (uint8_t)(PIT_WINDOW_COUNTS >> 8));
    uint64_t a0 = a(), b0 = b();
    while (!(in8(PIT_GATE) & 0x20)) {
    }
    uint64_t b1 = b(), a1 = a(); /* in the opposite order: the two reads' costs cancel */
    *advance_a = a1 - a0;
    *advance_b = b1 - b0;
}

uint32_t pit_window_rate(uint64_t advance, uint32_t divisor)
{
    return (uint32_t)(advance * PIT_HZ / ((uint64_t)PIT_WINDOW_COUNTS * divisor));
}
