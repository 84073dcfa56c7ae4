/*
 * AArch64 boot: what QEMU left in memory (device tree, root task ELF), kept before anything
 * is allocated, and the root task construction.
 */
#ifndef ARCH_KERNEL_BOOT_H
#define ARCH_KERNEL_BOOT_H

#include <kernel/boot.h>

typedef struct boot_state {
    region_list_t ram;   /* RAM banks of the device tree */
    region_list_t free;  /* RAM not yet used by the kernel */
    paddr_t dtb;         /* QEMU's device tree (0: none) */
    word_t dtb_size;
    paddr_t root_start, root_end; /* the root task ELF file as QEMU's loader put it */
} boot_state_t;

/* Prints "kernel: boot failed: ..." and stops the machine with the panic status. */
void boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2))) NORETURN;

/* Loads the root task ELF, fills its CSpace, VSpace and BootInfo (with the device tree as the
 * extra BootInfo), hands the remaining memory out as untypeds and makes its thread runnable. */
void create_root_task(boot_state_t *st);

/* The size of the ELF file at p: the furthest of its headers and segments. */
word_t elf_file_size(const void *p);

#endif
