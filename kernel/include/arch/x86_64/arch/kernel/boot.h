/*
 * x86_64 boot: what the Multiboot 1 loader told us, kept in kernel memory before anything is
 * allocated, and the root task construction.
 */
#ifndef ARCH_KERNEL_BOOT_H
#define ARCH_KERNEL_BOOT_H

#include <kernel/boot.h>
#include <plat/acpi.h>
#include <sel4/arch/bootinfo_types.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u
#define MULTIBOOT_INFO_MEMORY (1u << 0)
#define MULTIBOOT_INFO_MODS (1u << 3)
#define MULTIBOOT_INFO_MMAP (1u << 6)

typedef struct multiboot_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} PACKED multiboot_info_t;

typedef struct multiboot_module {
    uint32_t mod_start, mod_end, string, reserved;
} PACKED multiboot_module_t;

typedef struct boot_module {
    paddr_t start, end;
    char name[64];
} boot_module_t;

typedef struct boot_state {
    seL4_X86_mb_mmap_t mmap[SEL4_MULTIBOOT_MAX_MMAP_ENTRIES];
    unsigned mmap_count;
    boot_module_t modules[CONFIG_MAX_BOOT_MODULES];
    unsigned module_count;
    region_list_t ram;   /* usable RAM: above low memory, inside the physical window */
    region_list_t free;  /* RAM not yet used by the kernel */
    uint32_t tsc_mhz;
    bool have_rsdp;                 /* the firmware's ACPI root pointer, for the root task */
    uint8_t rsdp[ACPI_RSDP_BYTES];
} boot_state_t;

/* What the portable root-task construction needs (kernel/boot_root.h): the root task's ELF
 * must lie below seL4_UserTop; device untypeds cover the physical address bits; no IOMMU is
 * reported as -1 levels (sel4-facts 9.15). */
#define ROOT_ELF_USER_END seL4_UserTop
#define ROOT_PADDR_USER_BITS CONFIG_PADDR_USER_BITS
#define ROOT_NUM_IOPT_LEVELS ((seL4_Word)-1)

#endif
