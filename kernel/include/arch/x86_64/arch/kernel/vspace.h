/*
 * x86_64 page tables: the kernel's own mappings (physical window, kernel image, devices), the
 * root task's address space at boot, the entry lookups of the VSpace invocations, unmapping,
 * and the ASID table.
 */
#ifndef ARCH_KERNEL_VSPACE_H
#define ARCH_KERNEL_VSPACE_H

#include <kernel/boot.h>

typedef uint64_t pte_t;

#define PTE_PRESENT 0x1ull
#define PTE_WRITE 0x2ull
#define PTE_USER 0x4ull
#define PTE_WRITE_THROUGH 0x8ull
#define PTE_CACHE_DISABLE 0x10ull
#define PTE_LARGE 0x80ull
#define PTE_ADDR_MASK 0x000ffffffffff000ull
#define PT_INDEX_BITS 9
#define PML4_SHIFT 39
#define PDPT_SHIFT 30
#define PD_SHIFT 21
#define PT_SHIFT 12

/* The kernel's top-level table; new VSpaces copy its entry 511 (the whole kernel). */
extern pte_t kernel_pml4[512];

/* Builds the kernel page tables with a physical window over [0, window_top) (page directories
 * taken from free RAM below 1 GiB) and switches to them. Returns false if out of memory. */
bool vspace_init_kernel(region_list_t *free, paddr_t window_top);

/* Makes pml4 (zeroed) a user VSpace root: shares the kernel's mappings. */
void vspace_init_user_root(pte_t *pml4);

/* Links a zeroed table at `table` into the level above it for vaddr; level_shift is the shift
 * of the entries the parent maps (39 to link a PDPT into the PML4, 30 a PD, 21 a PT). */
void vspace_link_table(pte_t *pml4, vptr_t vaddr, unsigned level_shift, paddr_t table);

/* Maps a 4 KiB user frame read-write at vaddr; every table on the way must exist. */
void vspace_map_user_frame(pte_t *pml4, vptr_t vaddr, paddr_t frame);

/* The entry for vaddr in the table whose entries map 2^shift bytes (39: the PML4 entry, 30:
 * PDPT entry, 21: PD entry, 12: PT entry). NULL if a table on the way is missing (or a large
 * page stands there); *bitsLeft then says which (seL4's FailedLookup bits: 39, 30 or 21). */
pte_t *vspace_lookup_slot(pte_t *pml4, vptr_t vaddr, unsigned shift, word_t *bitsLeft);

/* Drops stale translations of a VSpace after one of its entries changed. */
void vspace_flush(const pte_t *pml4);

/* The ASID table: physical address of each ASID pool (0 if none); a pool holds the physical
 * address of the PML4 assigned to each of its 512 ASIDs. */
#define ASID_LOW_BITS 9
#define ASID_HIGH_BITS 3
extern paddr_t x86KSASIDTable[1u << ASID_HIGH_BITS];

/* The PML4 of an ASID, or NULL. */
pte_t *find_vspace_for_asid(word_t asid);

/* Clears the entry of the frame at vaddr (frame size 12, 21 or 30 bits) if it maps `frame`. */
void unmap_frame(word_t asid, vptr_t vaddr, word_t size_bits, paddr_t frame);
/* Clears the entry linking `table` for vaddr; level_shift as in vspace_link_table. */
void unmap_table(word_t asid, vptr_t vaddr, unsigned level_shift, paddr_t table);
/* Removes the PML4 from its ASID slot / a whole pool from the ASID table. */
void delete_asid(word_t asid, paddr_t pml4);
void delete_asid_pool(word_t base, paddr_t pool);

#endif
