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

/* What the portable root-task construction needs (kernel/boot_root.h): seL4_UserTop is the
 * last user address here, not the end; untypeds cover physical addresses below 2^44 on
 * cortex-a57 (KernelPaddrUserTop); no SMMU is reported as 0 levels (facts 5; x86 writes -1). */
#define ROOT_ELF_USER_END (seL4_UserTop + 1)
#define ROOT_PADDR_USER_BITS 44
#define ROOT_NUM_IOPT_LEVELS 0

#endif
