/*
 * x86_64 page tables built at boot (seL4 arch/x86/64/kernel/vspace.c, boot part). The kernel
 * window uses 2 MiB pages because the qemu64 CPU has no 1 GiB pages.
 */
#include <arch/kernel/vspace.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <kernel/printf.h>
#include <util.h>

pte_t kernel_pml4[512] ALIGN(4096);
static pte_t kernel_pdpt[512] ALIGN(4096);
static pte_t kernel_image_pd[512] ALIGN(4096);
static pte_t kernel_device_pd[512] ALIGN(4096);

#define GIB (1ull << 30)
#define KERNEL_IMAGE_PDPT_INDEX 510
#define KERNEL_DEVICE_PDPT_INDEX 511
#define PTE_UNCACHED 0x18ull /* PCD | PWT */

static void fill_large_pages(pte_t *pd, paddr_t base)
{
    for (unsigned i = 0; i < 512; i++) {
        pd[i] = (base + ((word_t)i << PD_SHIFT)) | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
    }
}

bool vspace_init_kernel(region_list_t *free, paddr_t window_top)
{
    word_t gibs = ROUND_UP(window_top, 30) >> 30;
    for (word_t i = 0; i < gibs; i++) {
        paddr_t pd = region_list_alloc(free, 4096, 12);
        /* The boot page tables reach only the first GiB through the window. */
        if (pd == 0 || pd + 4096 > GIB) {
            kprintf("kernel: no free RAM below 1 GiB for the physical window's page directories\n");
            return false;
        }
        fill_large_pages(paddr_to_pptr(pd), i * GIB);
        kernel_pdpt[i] = pd | PTE_PRESENT | PTE_WRITE;
    }
    fill_large_pages(kernel_image_pd, 0);
    kernel_pdpt[KERNEL_IMAGE_PDPT_INDEX] = pptr_to_paddr(kernel_image_pd) | PTE_PRESENT | PTE_WRITE;
    /* Device window: the local APIC, then the IOAPIC, one uncached 2 MiB page each. */
    kernel_device_pd[0] = LAPIC_PADDR | PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_UNCACHED;
    kernel_device_pd[1] = IOAPIC_PADDR | PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_UNCACHED;
    kernel_pdpt[KERNEL_DEVICE_PDPT_INDEX] = pptr_to_paddr(kernel_device_pd) | PTE_PRESENT | PTE_WRITE;
    kernel_pml4[511] = pptr_to_paddr(kernel_pdpt) | PTE_PRESENT | PTE_WRITE;
    write_cr3(pptr_to_paddr(kernel_pml4));
    return true;
}

void vspace_init_user_root(pte_t *pml4)
{
    pml4[511] = kernel_pml4[511];
}

static pte_t *next_table(pte_t entry)
{
    return paddr_to_pptr(entry & PTE_ADDR_MASK);
}

/* The table holding the entries of level `shift` for vaddr (which must all exist above). */
static pte_t *table_for(pte_t *pml4, vptr_t vaddr, unsigned shift)
{
    pte_t *t = pml4;
    for (unsigned s = PML4_SHIFT; s > shift; s -= PT_INDEX_BITS) {
        t = next_table(t[(vaddr >> s) & MASK(PT_INDEX_BITS)]);
    }
    return t;
}

void vspace_link_table(pte_t *pml4, vptr_t vaddr, unsigned level_shift, paddr_t table)
{
    pte_t *parent = table_for(pml4, vaddr, level_shift);
    parent[(vaddr >> level_shift) & MASK(PT_INDEX_BITS)] = table | PTE_PRESENT | PTE_WRITE | PTE_USER;
}

void vspace_map_user_frame(pte_t *pml4, vptr_t vaddr, paddr_t frame)
{
    pte_t *pt = table_for(pml4, vaddr, PT_SHIFT);
    pt[(vaddr >> PT_SHIFT) & MASK(PT_INDEX_BITS)] = frame | PTE_PRESENT | PTE_WRITE | PTE_USER;
}

paddr_t x86KSASIDTable[1u << ASID_HIGH_BITS];

pte_t *find_vspace_for_asid(word_t asid)
{
    paddr_t pool = x86KSASIDTable[asid >> ASID_LOW_BITS];
    if (asid == 0 || pool == 0) {
        return NULL;
    }
    paddr_t root = ((paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)];
    return root ? paddr_to_pptr(root) : NULL;
}

void vspace_flush(const pte_t *pml4)
{
    if (read_cr3() == pptr_to_paddr(pml4)) {
        write_cr3(read_cr3());
    }
}

pte_t *vspace_lookup_slot(pte_t *pml4, vptr_t vaddr, unsigned shift, word_t *bitsLeft)
{
    pte_t *t = pml4;
    for (unsigned s = PML4_SHIFT; s > shift; s -= PT_INDEX_BITS) {
        pte_t e = t[(vaddr >> s) & MASK(PT_INDEX_BITS)];
        if (!(e & PTE_PRESENT) || (e & PTE_LARGE)) {
            *bitsLeft = s;
            return NULL;
        }
        t = next_table(e);
    }
    return &t[(vaddr >> shift) & MASK(PT_INDEX_BITS)];
}

static void clear_entry_if(word_t asid, vptr_t vaddr, unsigned shift, paddr_t target)
{
    pte_t *pml4 = find_vspace_for_asid(asid);
    word_t bits;
    pte_t *e = pml4 ? vspace_lookup_slot(pml4, vaddr, shift, &bits) : NULL;
    if (e && (*e & PTE_PRESENT) && (*e & PTE_ADDR_MASK) == target) {
        *e = 0;
        vspace_flush(pml4);
    }
}

void unmap_frame(word_t asid, vptr_t vaddr, word_t size_bits, paddr_t frame)
{
    clear_entry_if(asid, vaddr, (unsigned)size_bits, frame);
}

void unmap_table(word_t asid, vptr_t vaddr, unsigned level_shift, paddr_t table)
{
    clear_entry_if(asid, vaddr, level_shift, table);
}

void delete_asid(word_t asid, paddr_t pml4)
{
    paddr_t pool = x86KSASIDTable[asid >> ASID_LOW_BITS];
    paddr_t *entry = pool ? &((paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)] : NULL;
    if (entry && *entry == pml4) {
        *entry = 0;
        if (read_cr3() == pml4) {
            write_cr3(pptr_to_paddr(kernel_pml4));
        }
    }
}

void delete_asid_pool(word_t base, paddr_t pool)
{
    if (x86KSASIDTable[base >> ASID_LOW_BITS] != pool) {
        return;
    }
    x86KSASIDTable[base >> ASID_LOW_BITS] = 0;
    /* If the running address space was in the pool, leave it (seL4 setVMRoot). */
    const paddr_t *entries = paddr_to_pptr(pool);
    for (word_t i = 0; i < BIT(ASID_LOW_BITS); i++) {
        if (entries[i] && entries[i] == read_cr3()) {
            write_cr3(pptr_to_paddr(kernel_pml4));
        }
    }
}
