/*
 * The untyped list the kernel will hand the loader, predicted on the host with the kernel's own
 * region and block-splitting code (kernel/src/kernel/boot_regions.c, linked from
 * kernel_core_host). Assumptions (docs/capdl-tool.md, "Allocation check"):
 *  - QEMU pc with -m RAM: RAM is [1 MiB, RAM - 128 KiB) when RAM < 0xe0000000, else
 *    [1 MiB, 3 GiB - 128 KiB) plus the rest from 4 GiB up (as QEMU and its firmware report it);
 *  - the kernel image, the loader image and the root task's own objects take at most
 *    `reserved` bytes right above 1 MiB (conservative; the loader re-checks at boot);
 *  - device untypeds cover every non-RAM range below 2^47 except the LAPIC and IOAPIC pages,
 *    and come first, as in kernel/src/arch/x86_64/kernel/boot_root.c;
 *  - at most CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS untypeds, as the kernel stops there.
 */
#ifndef CAPDL_TOOL_KERNEL_UNTYPEDS_H
#define CAPDL_TOOL_KERNEL_UNTYPEDS_H

#include <capdl/alloc.h>
#include <stdbool.h>

#define KERNEL_UNTYPEDS_MAX 230u

/* Fills out[0..n) and returns n. */
unsigned kernel_untypeds(uint64_t ram_bytes, uint64_t reserved, cdl_untyped_t *out);

/* The kernel's untyped blocks of n region lists (kernel/boot.h), in order, list k's marked
 * device when device[k]: into out, at most KERNEL_UNTYPEDS_MAX; the count. Both architectures'
 * predictions end here. */
struct region_list;
unsigned kernel_untypeds_of_lists(const struct region_list *const *lists, const bool *device, unsigned n,
                                  cdl_untyped_t *out);

/* RAM ranges the prediction assumes: up to two [start, end) pairs; returns the count. */
unsigned kernel_ram_ranges(uint64_t ram_bytes, uint64_t starts[2], uint64_t ends[2]);

/* The same for the AArch64 kernel on QEMU virt (kernel_untypeds_aarch64.c): -m RAM from
 * 0x40000000; one range. */
unsigned kernel_untypeds_aarch64(uint64_t ram_bytes, uint64_t reserved, cdl_untyped_t *out);
unsigned kernel_ram_ranges_aarch64(uint64_t ram_bytes, uint64_t *start, uint64_t *end);
/* The least RAM an AArch64 image boots with: QEMU's loader device puts the root task ELF at
 * 0x48000000, 128 MiB into RAM, and it must fit below the end of RAM. */
uint64_t kernel_aarch64_min_ram(uint64_t reserved);

#endif
