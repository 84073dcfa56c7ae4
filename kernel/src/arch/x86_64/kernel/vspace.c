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

#define GIB (1ull << 30)
#define KERNEL_IMAGE_PDPT_INDEX 510

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
