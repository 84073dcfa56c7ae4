/* The kernel console: the PL011 UART of QEMU virt, polled. QEMU needs no set-up; the transmit
 * FIFO full flag (FR bit 5) is honoured as real hardware needs. */
#include <plat/machine.h>
#include <arch/machine.h>
#include <kernel/printf.h>

#define UART_DR 0x00
#define UART_FR 0x18
#define FR_TXFF (1u << 5)

void uart_putchar(char c)
{
    while (mmio_read32(UART_VADDR + UART_FR) & FR_TXFF) {
    }
    mmio_write32(UART_VADDR + UART_DR, (uint8_t)c);
}

void kputchar(char c)
{
    if (c == '\n') {
        uart_putchar('\r');
    }
    uart_putchar(c);
}
