/*
 * QEMU virt's map from the AArch64 kernel's headers (virt_machine.h).
 */
#include "virt_machine.h"

#include <plat/machine.h>

/* RAM begins where QEMU puts the device tree (sel4-aarch64-facts.md 2: RAM at 0x4000_0000). */
#define VIRT_RAM_BASE DTB_PADDR
/* KernelPaddrUserTop on cortex-a57 is 2^44 (kernel/src/arch/aarch64/kernel/boot_root.c keeps
 * the same number in its PADDR_USER_TOP_BITS, file-local there). */
#define VIRT_PADDR_USER_BITS 44u

const virt_machine_t virt_machine = {
    .ram_base = VIRT_RAM_BASE,
    .dtb = DTB_PADDR,
    .kernel_base = KERNEL_PHYS_BASE,
    .roottask = ROOTTASK_PADDR,
    .gicd = GICD_PADDR,
    .gicc = GICC_PADDR,
    .paddr_user_bits = VIRT_PADDR_USER_BITS,
};
