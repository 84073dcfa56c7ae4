/*
 * Kernel untyped prediction for the AArch64 kernel on QEMU virt (kernel_untypeds.h). The order
 * and the cuts are those of kernel/src/arch/aarch64/kernel/boot_root.c (provide_untyped_caps)
 * and boot_sys.c (build_free_list), made with the same region_list_* and split_into_blocks:
 *  1. device: [0, 2^44) without RAM and without the GIC distributor and CPU interface pages;
 *  2. the root task ELF's file pages at 0x48000000 (the kernel ELF-loads the loader elsewhere,
 *     so the file's pages are free RAM once it runs);
 *  3. the rest of RAM: without the device tree, the kernel image and the root task's objects.
 * What the host cannot know exactly is assumed conservatively: the device tree, the kernel image
 * and the root task's objects take [RAM start, kernel start + reserved); the ELF file is
 * `reserved` bytes long (it is never longer than the loader image, which `reserved` covers).
 */
#include "kernel_untypeds.h"
#include "virt_machine.h"

#include <kernel/boot.h>

unsigned kernel_ram_ranges_aarch64(uint64_t ram_bytes, uint64_t *start, uint64_t *end)
{
    *start = virt_machine.ram_base;
    *end = virt_machine.ram_base + ram_bytes;
    return 1;
}

uint64_t kernel_aarch64_min_ram(uint64_t reserved)
{
    return virt_machine.roottask + reserved - virt_machine.ram_base;
}

unsigned kernel_untypeds_aarch64(uint64_t ram_bytes, uint64_t reserved, cdl_untyped_t *out)
{
    static region_list_t device, elf, free_ram; /* large: keep off the stack */
    const virt_machine_t *v = &virt_machine;
    uint64_t ram_start, ram_end;
    kernel_ram_ranges_aarch64(ram_bytes, &ram_start, &ram_end);
    device.count = elf.count = free_ram.count = 0;
    region_list_add(&device, 0, 1ull << v->paddr_user_bits);
    region_list_remove(&device, ram_start, ram_end);
    region_list_remove(&device, v->gicd, v->gicd + 4096);
    region_list_remove(&device, v->gicc, v->gicc + 4096);
    region_list_add(&free_ram, ram_start, ram_end);
    region_list_remove(&free_ram, ram_start, v->kernel_base + reserved);
    region_list_remove(&free_ram, v->roottask, v->roottask + reserved);
    if (v->roottask + reserved <= ram_end) { /* else the image cannot boot (alloc_sim refuses it) */
        region_list_add(&elf, v->roottask, v->roottask + reserved);
    }
    const region_list_t *lists[] = { &device, &elf, &free_ram };
    const bool is_device[] = { true, false, false };
    return kernel_untypeds_of_lists(lists, is_device, 3, out);
}
