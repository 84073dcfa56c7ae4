/*
 * Legacy PIC and PIT (pc99). The PICs are remapped away from the exception vectors and masked:
 * no device interrupt reaches the kernel until the interrupt work routes them. PIT channel 2,
 * gated through port 0x61, times a 2 ms window at boot to measure the TSC frequency (for the
 * BootInfo TSC chunk) and the local APIC timer. Channel 0 is stopped at boot: the BIOS leaves it
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
#define PIT_HZ 1193182u

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

uint64_t pit_measure(uint64_t (*counter)(void))
{
    uint32_t count = PIT_HZ * PIT_MEASURE_MS / 1000;
    out8(PIT_GATE, (uint8_t)((in8(PIT_GATE) & ~0x02) | 0x01)); /* gate on, speaker off */
    out8(PIT_CMD, 0xb0);                                        /* channel 2, lo/hi, mode 0 */
    out8(PIT_CH2, (uint8_t)count);
    out8(PIT_CH2, (uint8_t)(count >> 8));
    uint64_t start = counter();
    while (!(in8(PIT_GATE) & 0x20)) {
    }
    return counter() - start;
}

uint32_t tsc_measure_mhz(void)
{
    return (uint32_t)(pit_measure(rdtsc) / (PIT_MEASURE_MS * 1000));
}
