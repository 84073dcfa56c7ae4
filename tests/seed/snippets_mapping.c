/* Short seed snippets of the "Mapping" section of /work/shared/seed/sel4-mechanisms.md.
 * Each snippet is copied verbatim into a function whose parameters and locals declare
 * the variables it uses; those wrappers (and the declarations above them) are the only
 * additions. The build only checks that the snippets compile; nothing calls them. */
#include <sel4/sel4.h>

/* The block at line 112 lists the x86_64 paging object names (not C code):
 *   // For x86_64
 *   seL4_PDPT seL4_PageDirectory seL4_PageTable
 */

#define TEST_VADDR 0xA000000000

/* code blocks at line(s) 119 */
void seed_map_pdpt_concept(seL4_CPtr pdpt)
{
    seL4_Error error;
    /* map a PDPT at TEST_VADDR */
    error = seL4_X86_PDPT_Map(pdpt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
}

/* code blocks at line(s) 126 */
void seed_map_page_concept(seL4_CPtr frame)
{
    seL4_Error error;
    /* map a read-only page at TEST_VADDR */
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_CanRead, seL4_X86_Default_VMAttributes);
}

/* code blocks at line(s) 135 */
void seed_three_levels(seL4_CPtr pdpt, seL4_CPtr pd, seL4_CPtr pt)
{
    seL4_Error error;
    /* map a PDPT at TEST_VADDR */
    error = seL4_X86_PDPT_Map(pdpt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    // Map a page directory object
    error = seL4_X86_PageDirectory_Map(pd, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    // Map a page table object
    error = seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
}

/* code blocks at line(s) 146 */
void seed_map_and_write(seL4_CPtr frame)
{
    seL4_Error error;
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    // Write to this address
    seL4_Word *x = (seL4_Word *) TEST_VADDR;
    *x = 5;
}
