/*
 * IOAPIC redirection entries (x86_64): index register at offset 0, data window at 0x10;
 * entry n is registers 0x10 + 2n (low word: vector, trigger, polarity, mask) and 0x11 + 2n
 * (high word: destination APIC ID, 0 for the one CPU).
 */
#include <arch/ioapic.h>
#include <arch/memlayout.h>

#define IOAPIC_VADDR (KDEV_BASE + (1ull << 21))
#define IOREGSEL 0x00
#define IOWIN 0x10
#define REDIR_MASKED (1u << 16)
#define REDIR_LEVEL (1u << 15)
#define REDIR_ACTIVE_LOW (1u << 13)

static void write_reg(uint32_t index, uint32_t v)
{
    *(volatile uint32_t *)(IOAPIC_VADDR + IOREGSEL) = index;
    *(volatile uint32_t *)(IOAPIC_VADDR + IOWIN) = v;
}

static uint32_t read_reg(uint32_t index)
{
    *(volatile uint32_t *)(IOAPIC_VADDR + IOREGSEL) = index;
    return *(volatile uint32_t *)(IOAPIC_VADDR + IOWIN);
}

void ioapic_init(void)
{
    for (word_t pin = 0; pin < IOAPIC_PINS; pin++) {
        write_reg(0x10 + 2 * (uint32_t)pin, REDIR_MASKED);
        write_reg(0x11 + 2 * (uint32_t)pin, 0);
    }
}

void ioapic_route(word_t pin, word_t vector, bool level, bool low)
{
    uint32_t lo = (uint32_t)vector | (level ? REDIR_LEVEL : 0) | (low ? REDIR_ACTIVE_LOW : 0);
    write_reg(0x11 + 2 * (uint32_t)pin, 0);
    write_reg(0x10 + 2 * (uint32_t)pin, lo);
}

void ioapic_mask(word_t pin, bool mask)
{
    uint32_t lo = read_reg(0x10 + 2 * (uint32_t)pin);
    write_reg(0x10 + 2 * (uint32_t)pin, mask ? lo | REDIR_MASKED : lo & ~REDIR_MASKED);
}
