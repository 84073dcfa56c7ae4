/* The kernel console: a 16550 UART on COM1 at 115200 8N1, polled (pc99). */
#include <plat/machine.h>
#include <arch/machine.h>
#include <kernel/printf.h>

#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_TX_EMPTY 0x20

void serial_init(void)
{
    out8(COM1_PORT + UART_IER, 0x00);
    out8(COM1_PORT + UART_LCR, 0x80); /* divisor latch */
    out8(COM1_PORT + UART_DATA, 0x01); /* 115200 baud */
    out8(COM1_PORT + UART_IER, 0x00);
    out8(COM1_PORT + UART_LCR, 0x03); /* 8N1 */
    out8(COM1_PORT + UART_FCR, 0xc7);
    out8(COM1_PORT + UART_MCR, 0x03);
}

static void serial_put(char c)
{
    while (!(in8(COM1_PORT + UART_LSR) & LSR_TX_EMPTY)) {
    }
    out8(COM1_PORT + UART_DATA, (uint8_t)c);
}

void kputchar(char c)
{
    if (c == '\n') {
        serial_put('\r');
    }
    serial_put(c);
}
