/*
 * The root task's construction (seL4 kernel/boot.c, root-server part), written once for every
 * architecture in src/kernel/boot_root.c, and what each architecture tells it
 * (src/arch/ARCH/kernel/boot_root.c): where the root task's ELF is, the extra BootInfo, the
 * paging cap types, the fixed caps only it has, the device pages its kernel keeps and the
 * thread's first registers. Constants it needs from <arch/kernel/boot.h>: ROOT_ELF_USER_END
 * (the end of user space given to elf_check), ROOT_PADDR_USER_BITS (device untypeds cover
 * [0, 2^bits)) and ROOT_NUM_IOPT_LEVELS (BootInfo's numIOPTLevels without an IOMMU).
 */
#ifndef KERNEL_BOOT_ROOT_H
#define KERNEL_BOOT_ROOT_H

#include <arch/kernel/boot.h>
#include <object/structures.h>

#define ROOT_TABLE_LEVELS 3 /* the paging levels below the VSpace root */

/* The root task's ELF file as the boot found it. */
typedef struct root_elf {
    const void *file;   /* in kernel memory */
    word_t size;
    paddr_t start, end; /* its physical pages, handed out as untypeds afterwards */
    const char *module; /* the boot module's name for messages, or NULL where there is none */
} root_elf_t;

/* Loads the root task, fills its CSpace, VSpace and BootInfo, hands the remaining memory out
 * as untypeds and makes its thread runnable. Fails the boot (boot_fail) on error. */
void create_root_task(boot_state_t *st);

/* ---- implemented by the architecture ---- */

/* The root task's ELF; fails the boot when there is none or it overlaps the kernel. */
root_elf_t arch_root_elf(const boot_state_t *st);

/* The cap type of a root-task paging table at level 0 (just below the VSpace root) .. 2. */
extern const cap_tag_t arch_root_table_caps[ROOT_TABLE_LEVELS];

/* The extra BootInfo's exact length (seL4's extraLen), and writing it at `at` (zeroed pages). */
word_t arch_extra_bootinfo_bytes(const boot_state_t *st);
void arch_write_extra_bootinfo(const boot_state_t *st, uint8_t *at);

/* The ELF's code was copied to [start, start + size) in kernel memory (ARM: sync the caches). */
void arch_root_image_copied(const void *start, word_t size);

/* Makes `pool` ASID pool 0 of the kernel's ASID table. */
void arch_set_first_asid_pool(paddr_t pool);

/* The fixed caps of this architecture only (x86: I/O port control). */
void arch_provide_fixed_caps(root_cnode_filler_t *f);

/* Removes the device pages the kernel keeps for itself from the device untypeds. */
void arch_remove_kernel_devices(region_list_t *device);

/* The root thread's first registers: start at `entry` with the BootInfo's address as the
 * first argument, in user mode. */
void arch_init_root_registers(tcb_t *t, vptr_t entry, vptr_t bootinfo);

#endif
