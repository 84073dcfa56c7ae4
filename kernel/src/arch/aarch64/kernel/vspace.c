/*
 * AArch64 page tables built at boot and the walks the VSpace code shares (seL4
 * arch/arm/64/kernel/vspace.c, boot part). The kernel half (TTBR1) is the physical window in
 * 1 GiB blocks plus one table of device pages; user VSpaces (TTBR0) hold only user mappings,
 * so a new VSpace needs no copy of the kernel. Every table store is cleaned to the point of
 * unification for the table walker (facts 9.1).
 */
#include <arch/kernel/vspace.h>
#include <arch/kernel/thread_switch.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <plat/machine.h>
#include <util.h>

static pte_t kdev_l2[512] ALIGN(4096);
static pte_t kdev_l3[512] ALIGN(4096);
/* What TTBR0 holds while no thread with a valid VSpace runs: no user mappings at all. */
static pte_t empty_user_l0[512] ALIGN(4096);
paddr_t armKSASIDTable[1u << ASID_HIGH_BITS];
word_t loaded_ttbr0;

#define KERNEL_BLOCK (PTE_BLOCK | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define KERNEL_DEVICE_PAGE (PTE_PAGE | PTE_ATTR_DEVICE | PTE_AF | PTE_UXN | PTE_PXN)

static void set_pte(pte_t *slot, pte_t v)
{
    *slot = v;
    clean_pte(slot);
}

static void map_kernel_devices(void)
{
    set_pte(&kdev_l3[0], GICD_PADDR | KERNEL_DEVICE_PAGE);
    set_pte(&kdev_l3[1], GICC_PADDR | KERNEL_DEVICE_PAGE);
    set_pte(&kdev_l3[2], UART_PADDR | KERNEL_DEVICE_PAGE);
    set_pte(&kdev_l2[511], pptr_to_paddr(kdev_l3) | PTE_TABLE);
    set_pte(&kernel_l1[511], pptr_to_paddr(kdev_l2) | PTE_TABLE);
}

void vspace_init_kernel(paddr_t ram_start, paddr_t window_top)
{
    map_kernel_devices();
    /* The window maps RAM only: device memory must never get a Normal (speculatable) alias. */
    for (word_t gib = ram_start >> 30; gib < (ROUND_UP(window_top, 30) >> 30) && gib < 511; gib++) {
        set_pte(&kernel_l1[gib], (gib << 30) | KERNEL_BLOCK);
    }
    vspace_activate(0, 0); /* drops head.S's identity mapping */
    tlb_flush_all();
}

void vspace_activate(paddr_t root, word_t asid)
{
    arch_switch_vspace(root ? (root | (asid << 48)) : pptr_to_paddr(empty_user_l0));
}

void vspace_init_user_root(pte_t *root)
{
    (void)root; /* user and kernel halves are separate on AArch64: nothing to share */
}

static pte_t *next_table(pte_t entry)
{
    return (entry & 3) == PTE_TABLE ? paddr_to_pptr(entry & PTE_ADDR_MASK) : NULL;
}

/* The table whose entries map 2^shift bytes for vaddr, or NULL if one on the way is missing. */
static pte_t *table_for(pte_t *root, vptr_t vaddr, unsigned shift)
{
    pte_t *t = root;
    for (unsigned s = PML4_SHIFT; t && s > shift; s -= PT_INDEX_BITS) {
        t = next_table(t[(vaddr >> s) & MASK(PT_INDEX_BITS)]);
    }
    return t;
}

void vspace_link_table(pte_t *root, vptr_t vaddr, unsigned level_shift, paddr_t table)
{
    pte_t *t = table_for(root, vaddr, level_shift);
    set_pte(&t[(vaddr >> level_shift) & MASK(PT_INDEX_BITS)], table | PTE_TABLE);
}

void vspace_map_user_frame(pte_t *root, vptr_t vaddr, paddr_t frame)
{
    pte_t *pt = table_for(root, vaddr, PT_SHIFT);
    set_pte(&pt[(vaddr >> PT_SHIFT) & MASK(PT_INDEX_BITS)],
            frame | PTE_PAGE | PTE_ATTR_NORMAL | PTE_AP_EL0 | PTE_AF | PTE_NG | PTE_PXN);
}

pte_t *find_vspace_for_asid(word_t asid)
{
    paddr_t pool = armKSASIDTable[asid >> ASID_LOW_BITS];
    if (!pool) {
        return NULL;
    }
    paddr_t root = ((const paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)];
    return root ? paddr_to_pptr(root) : NULL;
}
