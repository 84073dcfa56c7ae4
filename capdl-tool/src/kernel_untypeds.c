/*
 * Kernel untyped prediction (kernel_untypeds.h). Built with the kernel's host include paths so
 * it can call region_list_* and split_into_blocks exactly as the kernel does.
 */
#include "kernel_untypeds.h"

#include <kernel/boot.h>

/* QEMU pc (i440fx) puts all RAM below 4 GiB unless it reaches 0xe0000000; then 3 GiB stay low
 * (gigabyte alignment) and the rest goes above 4 GiB. */
#define LOW_RAM_LIMIT 0xe0000000ull
#define LOW_RAM_SPLIT (3ull << 30)
#define HIGH_RAM_BASE (4ull << 30)
/* The firmware keeps the top 128 KiB of low RAM for its tables; the memory map the kernel gets
 * ends below them (measured: -m 64 and -m 512 give 0x3fe0000 and 0x1ffe0000, kernel/tests'
 * boot_regions_test uses the latter). */
#define FIRMWARE_RESERVED (128ull << 10)
#define LAPIC_PAGE 0xfee00000ull  /* kernel/include/arch/x86_64/arch/memlayout.h */
#define IOAPIC_PAGE 0xfec00000ull

unsigned kernel_ram_ranges(uint64_t ram_bytes, uint64_t starts[2], uint64_t ends[2])
{
    uint64_t low = ram_bytes >= LOW_RAM_LIMIT ? LOW_RAM_SPLIT : ram_bytes;
    starts[0] = CONFIG_LOW_MEMORY_TOP;
    ends[0] = low - FIRMWARE_RESERVED;
    if (ram_bytes == low) {
        return 1;
    }
    starts[1] = HIGH_RAM_BASE;
    ends[1] = HIGH_RAM_BASE + (ram_bytes - low);
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

unsigned kernel_untypeds_of_lists(const struct region_list *const *lists, const bool *device, unsigned n,
                                  cdl_untyped_t *out)
{
    emit_ctx_t c = { out, 0, false };
    for (unsigned k = 0; k < n; k++) {
        c.device = device[k];
        for (unsigned i = 0; i < lists[k]->count; i++) {
            split_into_blocks(lists[k]->r[i].start, lists[k]->r[i].end, seL4_MinUntypedBits, seL4_MaxUntypedBits,
                              emit, &c);
        }
    }
    return c.n;
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
    const region_list_t *lists[] = { &device, &free_ram };
    const bool is_device[] = { true, false };
    return kernel_untypeds_of_lists(lists, is_device, 2, out);
}
