/*
 * AArch64 page tables (48-bit VA, 4 KiB granule, four levels of 512 entries; facts 4.4): the
 * kernel's own mappings, the root task's address space at boot, the entry lookups of the
 * VSpace invocations, unmapping, and the ASID table. The same interface as x86_64's
 * arch/kernel/vspace.h, so the boot and invocation code reads the same on both.
 */
#ifndef ARCH_KERNEL_VSPACE_H
#define ARCH_KERNEL_VSPACE_H

#include <kernel/boot.h>

typedef uint64_t pte_t;

#define PTE_VALID 0x1ull
#define PTE_TABLE 0x3ull       /* levels 0..2: next-level table; level 3: page */
#define PTE_BLOCK 0x1ull       /* levels 1..2: block */
#define PTE_PAGE 0x3ull
#define PTE_ATTR_NORMAL (4ull << 2)
#define PTE_ATTR_DEVICE (0ull << 2)
#define PTE_AP_EL0 (1ull << 6)  /* AP[1]: accessible from EL0 */
#define PTE_AP_RO (1ull << 7)   /* AP[2]: read-only */
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_NG (1ull << 11)
#define PTE_PXN (1ull << 53)
#define PTE_UXN (1ull << 54)
#define PTE_ADDR_MASK 0x0000fffffffff000ull
#define PT_INDEX_BITS 9
#define PML4_SHIFT 39 /* level 0 (the VSpace) */
#define PDPT_SHIFT 30 /* level 1 ("PUD") */
#define PD_SHIFT 21   /* level 2 ("PD") */
#define PT_SHIFT 12   /* level 3 ("PT") */

/* The kernel's level-0 table (TTBR1) and its physical window table (head.S fills both). */
extern pte_t kernel_l0[512];
extern pte_t kernel_l1[512];

/* Maps the kernel device pages (GIC, UART) and the physical window over [0, window_top) in
 * 1 GiB blocks, replacing the boot identity mapping with an empty user table. */
void vspace_init_kernel(paddr_t ram_start, paddr_t window_top);

/* Makes a zeroed level-0 table a user VSpace root (user and kernel halves are separate
 * registers on AArch64, so nothing is shared). */
void vspace_init_user_root(pte_t *root);

/* As on x86_64: links a zeroed table for vaddr below the entry mapping 2^level_shift bytes. */
void vspace_link_table(pte_t *root, vptr_t vaddr, unsigned level_shift, paddr_t table);

/* Maps a 4 KiB user frame read-write, executable and cacheable at vaddr. */
void vspace_map_user_frame(pte_t *root, vptr_t vaddr, paddr_t frame);

/* Loads root (with its ASID) into TTBR0, or the empty global table when root is 0. */
void vspace_activate(paddr_t root, word_t asid);

/* The ASID table: physical address of each ASID pool (0 if none); a pool holds the physical
 * address of the VSpace assigned to each of its 512 ASIDs. */
#define ASID_LOW_BITS 9
#define ASID_HIGH_BITS 7
extern paddr_t armKSASIDTable[1u << ASID_HIGH_BITS];

/* The VSpace root of an ASID, or NULL. */
pte_t *find_vspace_for_asid(word_t asid);

#endif
