/*
 * Kernel untyped prediction (kernel_untypeds.h). Built with the kernel's host include paths so
 * it can call region_list_* and split_into_blocks exactly as the kernel does.
 */
#include "kernel_untypeds.h"

#include <kernel/boot.h>

#define LOW_RAM_TOP (3ull << 30)
#define HIGH_RAM_BASE (4ull << 30)
#define LAPIC_PAGE 0xfee00000ull  /* kernel/include/arch/x86_64/arch/memlayout.h */
#define IOAPIC_PAGE 0xfec00000ull

unsigned kernel_ram_ranges(uint64_t ram_bytes, uint64_t starts[2], uint64_t ends[2])
{
    starts[0] = CONFIG_LOW_MEMORY_TOP;
    ends[0] = ram_bytes < LOW_RAM_TOP ? ram_bytes : LOW_RAM_TOP;
    if (ram_bytes <= LOW_RAM_TOP) {
        return 1;
    }
    starts[1] = HIGH_RAM_BASE;
    ends[1] = HIGH_RAM_BASE + (ram_bytes - LOW_RAM_TOP);
    return 2;
}

typedef struct emit_ctx {
    cdl_untyped_t *out;
    unsigned n;
    bool device;
} emit_ctx_t;

static bool emit(paddr_t start, unsigned bits, void *p)
{
    emit_ctx_t *c = p;
    if (c->n == KERNEL_UNTYPEDS_MAX) {
        return false;
    }
    c->out[c->n++] = (cdl_untyped_t){ start, (uint8_t)bits, c->device };
    return true;
}

unsigned kernel_untypeds(uint64_t ram_bytes, uint64_t reserved, cdl_untyped_t *out)
{
    static region_list_t ram, device, free_ram; /* large: keep off the stack */
    ram.count = device.count = 0;
    uint64_t s[2], e[2];
    unsigned nr = kernel_ram_ranges(ram_bytes, s, e);
    for (unsigned i = 0; i < nr; i++) {
        region_list_add(&ram, s[i], e[i]);
    }
    region_list_add(&device, 0, 1ull << CONFIG_PADDR_USER_BITS);
    for (unsigned i = 0; i < ram.count; i++) {
        region_list_remove(&device, ram.r[i].start, ram.r[i].end);
    }
    region_list_remove(&device, LAPIC_PAGE, LAPIC_PAGE + 4096);
    region_list_remove(&device, IOAPIC_PAGE, IOAPIC_PAGE + 4096);
    free_ram = ram;
    region_list_remove(&free_ram, CONFIG_LOW_MEMORY_TOP, CONFIG_LOW_MEMORY_TOP + reserved);
    emit_ctx_t c = { out, 0, true };
    for (unsigned i = 0; i < device.count; i++) {
        split_into_blocks(device.r[i].start, device.r[i].end, seL4_MinUntypedBits, seL4_MaxUntypedBits, emit, &c);
    }
    c.device = false;
    for (unsigned i = 0; i < free_ram.count; i++) {
        split_into_blocks(free_ram.r[i].start, free_ram.r[i].end, seL4_MinUntypedBits, seL4_MaxUntypedBits, emit, &c);
    }
    return c.n;
}
