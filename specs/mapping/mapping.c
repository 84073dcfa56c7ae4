/* The mapping example: the seed's "Mapping" code (sel4-mechanisms.md, section Mapping, code 1
 * and 2) in a component whose YAML (specs/mapping/mapping.yaml) puts its own VSpace in slot 3,
 * the slot the seed's seL4_CapInitThreadVSpace names, so the seed's Map calls run unchanged.
 * Added (marked): the paging objects retyped from an untyped (the seed leaves out where they
 * come from), a first frame map before any level exists (the FailedLookup path: the kernel
 * names the missing level), error checks and printing. */
#include <sel4/sel4.h>
#include <stdio.h>
#include <utils/util.h>

/* A virtual address whose PML4 slot (1) is empty in the component: the PDPT, PD and PT must be
 * made and mapped (the seL4 mapping tutorial's address). */
#define TEST_VADDR 0xA000000000

extern seL4_CPtr ut, pdpt, pd, pt, frame;

/* added: retype one object of the given type into slot */
static void make(seL4_Word type, seL4_CPtr slot)
{
    seL4_Error error = seL4_Untyped_Retype(ut, type, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    ZF_LOGF_IFERR(error, "Failed to retype");
}

/* added: the level a failed map says is missing */
static const char *missing_level(seL4_Word bits)
{
    switch (bits) {
    case SEL4_MAPPING_LOOKUP_NO_PDPT: return "no PDPT";
    case SEL4_MAPPING_LOOKUP_NO_PD: return "no page directory";
    case SEL4_MAPPING_LOOKUP_NO_PT: return "no page table";
    default: return "?";
    }
}

int main(void)
{
    seL4_Error error;

    make(seL4_X86_PDPTObject, pdpt);
    make(seL4_X86_PageDirectoryObject, pd);
    make(seL4_X86_PageTableObject, pt);
    make(seL4_X86_4K, frame);

    /* added: the FailedLookup path, one missing level after the other */
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite,
                              seL4_X86_Default_VMAttributes);
    printf("Map the frame at 0x%lx first: error %d (seL4_FailedLookup is %d), %s (%lu bits left)\n",
           (unsigned long)TEST_VADDR, (int)error, (int)seL4_FailedLookup, missing_level(seL4_MappingFailedLookupLevel()),
           (unsigned long)seL4_MappingFailedLookupLevel());

    /* seed code 1: three level mapping */
    /* map a PDPT at TEST_VADDR */
    error = seL4_X86_PDPT_Map(pdpt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    printf("PDPT_Map: error %d\n", (int)error); /* added */
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite,
                              seL4_X86_Default_VMAttributes); /* added */
    printf("Map the frame: error %d, %s\n", (int)error, missing_level(seL4_MappingFailedLookupLevel()));
    // Map a page directory object
    error = seL4_X86_PageDirectory_Map(pd, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    printf("PageDirectory_Map: error %d\n", (int)error); /* added */
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite,
                              seL4_X86_Default_VMAttributes); /* added */
    printf("Map the frame: error %d, %s\n", (int)error, missing_level(seL4_MappingFailedLookupLevel()));
    // Map a page table object
    error = seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    printf("PageTable_Map: error %d\n", (int)error); /* added */

    /* seed code 2: map the page with specific rights and write through it */
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    // Write to this address
    seL4_Word *x = (seL4_Word *) TEST_VADDR;
    *x = 5;

    /* added */
    printf("Page_Map: error %d; wrote 5 at 0x%lx, read back %lu\n", (int)error, (unsigned long)TEST_VADDR,
           (unsigned long)*(volatile seL4_Word *)x);
    error = seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    printf("Mapping the page table a second time: error %d (seL4_InvalidCapability is %d: already mapped)\n",
           (int)error, (int)seL4_InvalidCapability);
    printf("mapping: done\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
