/*
 * The loader's scratch window: a PDPT, a PD and a PT of its own (created on first use) at
 * SCRATCH_VADDR in its VSpace. Entry 0 of the PT shows one 4 KiB frame being filled, entry 1 of
 * the PD one 2 MiB frame (fill.c); PT entries 1..511 hold pages the loader keeps for its own
 * tables (vspace.c's record of mapped frames), so that their size follows the spec while the
 * loader's image stays the same.
 */
#include "loader.h"

#define SCRATCH_VADDR 0x7f0000000000ull                    /* PML4 slot 254: no other mapping there */
#define SCRATCH_LARGE_VADDR (SCRATCH_VADDR + (1ull << 21)) /* PD entry 1 */
#define OWN_PAGES_VADDR (SCRATCH_VADDR + 4096)             /* PT entries 1.. */
#define OWN_PAGES_MAX 511

static bool window_ready;
static seL4_Word own_pages_used;

static void make_window(void)
{
    seL4_CPtr pdpt = loader_retype_own(ARCH_OBJ_PDPT), pd = loader_retype_own(ARCH_OBJ_PD);
    seL4_CPtr pt = loader_retype_own(ARCH_OBJ_PT);
    const char *what;
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    loader_check(arch_table_map(CDL_PDPT, pdpt, vs, SCRATCH_VADDR, &what), CDL_NONE, "scratch PDPT map");
    loader_check(arch_table_map(CDL_PD, pd, vs, SCRATCH_VADDR, &what), CDL_NONE, "scratch PD map");
    loader_check(arch_table_map(CDL_PT, pt, vs, SCRATCH_VADDR, &what), CDL_NONE, "scratch PT map");
    window_ready = true;
}

seL4_Word loader_scratch_slots(seL4_Word own_pages)
{
    return 3 + own_pages; /* PDPT, PD, PT and the pages */
}

void *loader_scratch_map_cap(seL4_CPtr frame_cap, bool large, uint32_t obj)
{
    if (!window_ready) {
        make_window();
    }
    seL4_Word vaddr = large ? SCRATCH_LARGE_VADDR : SCRATCH_VADDR;
    loader_check(arch_page_map(frame_cap, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite), obj,
                 ARCH_PAGE_MAP_NAME " (scratch window)");
    return (void *)(uintptr_t)vaddr;
}

void loader_scratch_unmap_cap(seL4_CPtr frame_cap, uint32_t obj)
{
    loader_check(arch_page_unmap(frame_cap), obj, ARCH_PAGE_UNMAP_NAME " (scratch window)");
}

void *loader_scratch_map(uint32_t frame)
{
    return loader_scratch_map_cap(obj_slot(frame), loader.spec.objects[frame].size_bits != seL4_PageBits, frame);
}

void loader_scratch_unmap(uint32_t frame)
{
    loader_scratch_unmap_cap(obj_slot(frame), frame);
}

void *loader_own_pages(seL4_Word n)
{
    if (!window_ready) {
        make_window();
    }
    if (n > OWN_PAGES_MAX - own_pages_used) {
        loader_fail_msg("the loader's scratch window has no room for its own tables", NULL);
    }
    seL4_Word vaddr = OWN_PAGES_VADDR + own_pages_used * 4096;
    for (seL4_Word k = 0; k < n; k++) {
        seL4_CPtr page = loader_retype_own(ARCH_OBJ_4K); /* zeroed by the kernel */
        loader_check(arch_page_map(page, seL4_CapInitThreadVSpace, vaddr + k * 4096, seL4_ReadWrite), CDL_NONE,
                     ARCH_PAGE_MAP_NAME " (loader's own page)");
    }
    own_pages_used += n;
    return (void *)(uintptr_t)vaddr;
}
