/*
 * QEMU virt's physical map as the AArch64 kernel uses it, read from the kernel's own headers
 * (kernel/include/plat/qemu-arm-virt/plat/machine.h, arch/aarch64/arch/memlayout.h) by
 * virt_machine.c, which is compiled with the AArch64 include paths: the host tool then needs no
 * second copy of these addresses.
 */
#ifndef CAPDL_TOOL_VIRT_MACHINE_H
#define CAPDL_TOOL_VIRT_MACHINE_H

#include <stdint.h>

typedef struct virt_machine {
    uint64_t ram_base;       /* RAM starts here; QEMU's -m is its size */
    uint64_t dtb;            /* QEMU's device tree (below the kernel) */
    uint64_t kernel_base;    /* the kernel image's first byte */
    uint64_t roottask;       /* where QEMU's loader device puts the root task ELF */
    uint64_t gicd, gicc;     /* the GIC pages the kernel keeps (no device untyped) */
    unsigned paddr_user_bits; /* device untypeds cover [0, 2^bits) */
} virt_machine_t;

extern const virt_machine_t virt_machine;

#endif
