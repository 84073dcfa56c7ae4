/*
 * Mapping in the root task's VSpace (sel4-facts 1.6-1.8, 2.10, 9.9, 9.10, 9.16; the seed's
 * "Mapping" example): paging structures, frames of every size, the map/unmap errors, rights,
 * GetAddress, and what an access after Unmap or after deleting the frame cap does.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"
#include "vm.h"

#include <sel4/arch/mapping.h>
#include <sel4utils/mapping.h>
#include <stdio.h>

/* The seed's address (tests/seed/snippets_mapping.c): PML4 slot 1, nothing of the root task
 * is mapped there. */
#define TEST_VADDR 0xA000000000ul
/* Another address in the same PML4 slot (1) as TEST_VADDR. */
#define OTHER_VADDR 0xB000000000ul
/* The last 2 MiB below seL4_UserTop (0x7ffffffff000). */
#define TOP_REGION 0x7fffffe00000ul

bool map_tables(seL4_CPtr vspace, seL4_Word vaddr, seL4_CPtr *pdpt_out, seL4_CPtr *pd_out, seL4_CPtr *pt_out)
{
    seL4_CPtr pdpt = pdpt_out ? alloc_object(seL4_X86_PDPTObject, 0) : 0;
    seL4_CPtr pd = pd_out ? alloc_object(seL4_X86_PageDirectoryObject, 0) : 0;
    seL4_CPtr pt = pt_out ? alloc_object(seL4_X86_PageTableObject, 0) : 0;
    if ((pdpt_out && !pdpt) || (pd_out && !pd) || (pt_out && !pt)) {
        return false;
    }
    if (pdpt_out && !CHECK_OK(seL4_X86_PDPT_Map(pdpt, vspace, vaddr, seL4_X86_Default_VMAttributes))) {
        return false;
    }
    if (pd_out && !CHECK_OK(seL4_X86_PageDirectory_Map(pd, vspace, vaddr, seL4_X86_Default_VMAttributes))) {
        return false;
    }
    if (pt_out && !CHECK_OK(seL4_X86_PageTable_Map(pt, vspace, vaddr, seL4_X86_Default_VMAttributes))) {
        return false;
    }
    if (pdpt_out) {
        *pdpt_out = pdpt;
    }
    if (pd_out) {
        *pd_out = pd;
    }
    if (pt_out) {
        *pt_out = pt;
    }
    return true;
}

/* The paddr the first object retyped from a fresh test_untyped lands at. */
static seL4_Word test_untyped_paddr(void)
{
    seL4_CPtr big = helpers_big_untyped();
    return test_bi->untypedList[big - test_bi->untyped.start].paddr;
}

/* The seed's mapping example as written (sel4-mechanisms.md "Mapping", Code 1 and 2): PDPT,
 * page directory and page table at TEST_VADDR in the root VSpace, then a frame read-write; the
 * write of 5 through it reads back. */
void test_map_seed_example(void)
{
    seL4_CPtr pdpt = alloc_object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = alloc_object(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    REQUIRE(pdpt && pd && pt && frame, "objects");
    seL4_Error error;
    /* map a PDPT at TEST_VADDR */
    error = seL4_X86_PDPT_Map(pdpt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    REQUIRE_OK(error);
    // Map a page directory object
    error = seL4_X86_PageDirectory_Map(pd, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    REQUIRE_OK(error);
    // Map a page table object
    error = seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_X86_Default_VMAttributes);
    REQUIRE_OK(error);
    error = seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    REQUIRE_OK(error);
    // Write to this address
    seL4_Word *x = (seL4_Word *) TEST_VADDR;
    *x = 5;
    CHECK_EQ(*(volatile seL4_Word *)TEST_VADDR, 5);
    /* a fresh frame is zero-filled */
    CHECK_EQ(((volatile seL4_Word *)TEST_VADDR)[1], 0);
    CHECK_EQ(((volatile seL4_Word *)TEST_VADDR)[511], 0);
    /* the same through the sel4utils aliases (a second frame at the next page) */
    seL4_CPtr frame2 = alloc_object(seL4_ARCH_4KPage, 0);
    REQUIRE(frame2, "frame2");
    CHECK_OK(seL4_ARCH_Page_Map(frame2, seL4_CapInitThreadVSpace, TEST_VADDR + 4096, seL4_AllRights,
                                seL4_ARCH_Default_VMAttributes));
    ((volatile seL4_Word *)(TEST_VADDR + 4096))[3] = 0x1234;
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 4096))[3], 0x1234);
    CHECK_EQ(*(volatile seL4_Word *)TEST_VADDR, 5);
}

/* FailedLookup with the missing level in MR2 (sel4-facts 1.8: MR0 = 0 (not the source),
 * MR1 = MissingCapability, MR2 = bits left: 39 no PDPT, 30 no PD, 21 no PT), read back with
 * seL4_MappingFailedLookupLevel() (9.16). */
void test_map_failed_lookup_levels(void)
{
    seL4_CPtr pdpt = alloc_object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = alloc_object(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    REQUIRE(pdpt && pd && pt && frame && large, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;

    /* nothing at TEST_VADDR: every level below the PML4 is missing */
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, SEL4_MAPPING_LOOKUP_NO_PDPT);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 39);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(large, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 39);
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt, vs, TEST_VADDR, attr), seL4_FailedLookup, 0, seL4_MissingCapability, 39);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 39);
    CHECK_ERROR_MRS(seL4_X86_PageDirectory_Map(pd, vs, TEST_VADDR, attr), seL4_FailedLookup, 0, seL4_MissingCapability,
                    39);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 39);

    REQUIRE_OK(seL4_X86_PDPT_Map(pdpt, vs, TEST_VADDR, attr));
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, SEL4_MAPPING_LOOKUP_NO_PD);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 30);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(large, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 30);
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt, vs, TEST_VADDR, attr), seL4_FailedLookup, 0, seL4_MissingCapability, 30);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 30);

    REQUIRE_OK(seL4_X86_PageDirectory_Map(pd, vs, TEST_VADDR, attr));
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, SEL4_MAPPING_LOOKUP_NO_PT);
    CHECK_EQ(seL4_MappingFailedLookupLevel(), 21);

    /* a failed Map leaves the frame cap unmapped: it maps once the table is there */
    REQUIRE_OK(seL4_X86_PageTable_Map(pt, vs, TEST_VADDR, attr));
    CHECK_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x3000, seL4_ReadWrite, attr));
    ((volatile seL4_Word *)(TEST_VADDR + 0x3000))[0] = 77;
    CHECK_EQ(*(volatile seL4_Word *)(TEST_VADDR + 0x3000), 77);
}

/* DeleteFirst for a second PDPT/PD/PT at the same place and a large page over a page table
 * (and a page table over a large page); 9.9. */
void test_map_delete_first(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr pdpt2 = alloc_object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd2 = alloc_object(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt2 = alloc_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    REQUIRE(pdpt2 && pd2 && pt2 && large, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    CHECK_ERROR(seL4_X86_PDPT_Map(pdpt2, vs, TEST_VADDR, attr), seL4_DeleteFirst);
    /* any address in the same 512 GiB slot */
    CHECK_ERROR(seL4_X86_PDPT_Map(pdpt2, vs, TEST_VADDR + 0x1234000, attr), seL4_DeleteFirst);
    CHECK_ERROR(seL4_X86_PageDirectory_Map(pd2, vs, TEST_VADDR, attr), seL4_DeleteFirst);
    CHECK_ERROR(seL4_X86_PageDirectory_Map(pd2, vs, TEST_VADDR + 0x3000000, attr), seL4_DeleteFirst);
    CHECK_ERROR(seL4_X86_PageTable_Map(pt2, vs, TEST_VADDR, attr), seL4_DeleteFirst);
    CHECK_ERROR(seL4_X86_PageTable_Map(pt2, vs, TEST_VADDR + 0x1ff000, attr), seL4_DeleteFirst);
    CHECK_ERROR(seL4_X86_Page_Map(large, vs, TEST_VADDR, seL4_ReadWrite, attr), seL4_DeleteFirst);
    /* the refused caps are still unmapped: they map at the next 1 GiB / 2 MiB */
    CHECK_OK(seL4_X86_PageDirectory_Map(pd2, vs, TEST_VADDR + 0x40000000, attr));
    CHECK_OK(seL4_X86_Page_Map(large, vs, TEST_VADDR + 0x200000, seL4_ReadWrite, attr));
    /* a page table where a large page is mapped */
    CHECK_ERROR(seL4_X86_PageTable_Map(pt2, vs, TEST_VADDR + 0x200000, attr), seL4_DeleteFirst);
    CHECK_OK(seL4_X86_PageTable_Map(pt2, vs, TEST_VADDR + 0x400000, attr));
}

/* AlignmentError for a frame address not aligned to the frame size (2.10). */
void test_map_alignment(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    REQUIRE(frame && large, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    CHECK_ERROR(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 1, seL4_ReadWrite, attr), seL4_AlignmentError);
    CHECK_ERROR(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x800, seL4_ReadWrite, attr), seL4_AlignmentError);
    CHECK_ERROR(seL4_X86_Page_Map(large, vs, TEST_VADDR + 0x401000, seL4_ReadWrite, attr), seL4_AlignmentError);
    CHECK_ERROR(seL4_X86_Page_Map(large, vs, TEST_VADDR + 0x500000, seL4_ReadWrite, attr), seL4_AlignmentError);
    /* aligned works */
    CHECK_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, attr));
    CHECK_OK(seL4_X86_Page_Map(large, vs, TEST_VADDR + 0x400000, seL4_ReadWrite, attr));
}

/* InvalidArgument (MR0 = 0) for a frame that does not end at or below the user top: seL4_UserTop
 * = 0x7ffffffff000 is the first refused 4 KiB page, the page below it is the last usable one;
 * tables above the canonical user half are refused too (2.10). */
void test_map_user_top(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TOP_REGION, &pdpt, &pd, &pt), "tables at the top of user space");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr frame2 = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr pt2 = alloc_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr pdpt2 = alloc_object(seL4_X86_PDPTObject, 0);
    REQUIRE(frame && frame2 && pt2 && pdpt2, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    CHECK_EQ(seL4_UserTop, 0x00007ffffffff000ul);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, seL4_UserTop, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, 0x800000000000ul, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, 0xffffff8000000000ul, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, 0xfffffffffffff000ul, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt2, vs, 0x800000000000ul, attr), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_X86_PDPT_Map(pdpt2, vs, 0xffff800000000000ul, attr), seL4_InvalidArgument, 0);
    /* the last page below seL4_UserTop maps and works */
    REQUIRE_OK(seL4_X86_Page_Map(frame2, vs, seL4_UserTop - 4096, seL4_ReadWrite, attr));
    volatile seL4_Word *p = (volatile seL4_Word *)(seL4_UserTop - 8);
    *p = 0xabcdef;
    CHECK_EQ(*p, 0xabcdef);
    /* the refused frame is still unmapped and maps below */
    CHECK_OK(seL4_X86_Page_Map(frame, vs, seL4_UserTop - 0x2000, seL4_ReadWrite, attr));
}

/* A mapped frame cap maps again only at the same address (9.10: elsewhere InvalidArgument 0;
 * into another VSpace InvalidCapability 1); a mapped PT/PD/PDPT cap maps again never
 * (InvalidCapability 0). */
void test_map_remap_rules(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    REQUIRE(frame, "frame");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    CHECK_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt, vs, TEST_VADDR, attr), seL4_InvalidCapability, 0);
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt, vs, OTHER_VADDR, attr), seL4_InvalidCapability, 0);
    CHECK_ERROR_MRS(seL4_X86_PageDirectory_Map(pd, vs, OTHER_VADDR, attr), seL4_InvalidCapability, 0);
    CHECK_ERROR_MRS(seL4_X86_PDPT_Map(pdpt, vs, OTHER_VADDR, attr), seL4_InvalidCapability, 0);
    /* another VSpace (assigned to the initial pool) */
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    REQUIRE(pml4, "pml4");
    REQUIRE_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    seL4_CPtr pdpt2, pd2, pt2;
    REQUIRE(map_tables(pml4, TEST_VADDR, &pdpt2, &pd2, &pt2), "tables in the second VSpace");
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, pml4, TEST_VADDR, seL4_ReadWrite, attr), seL4_InvalidCapability, 1);
    /* a frame cap as the VSpace */
    seL4_CPtr frame2 = alloc_object(seL4_X86_4K, 0);
    REQUIRE(frame2, "frame2");
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame2, frame, TEST_VADDR + 0x1000, seL4_ReadWrite, attr),
                    seL4_InvalidCapability, 1);
    /* after Unmap the cap maps anywhere */
    CHECK_OK(seL4_X86_Page_Unmap(frame));
    CHECK_OK(seL4_X86_Page_Map(frame, pml4, TEST_VADDR + 0x5000, seL4_ReadWrite, attr));
}

/* A mapped frame mapped again at the same address with fewer rights becomes read-only (a write
 * faults with FSR present|write|user), and with ReadWrite again writable (2.10, 1.10); a
 * read-only cap gives a read-only mapping whatever the rights asked. unmap_first: each new
 * mapping after an Unmap (map_remap_rights_unmap_first, portable), else over the old one
 * (map_remap_rights: seL4 16.0.0 does not flush the TLB then, sel4-facts 9.19). */
static void remap_rights(bool unmap_first)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr fault_ep_ep;
    seL4_CPtr fault_ep = make_fault_ep(1, &fault_ep_ep);
    REQUIRE(frame && fault_ep, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    volatile seL4_Word *p = (volatile seL4_Word *)TEST_VADDR;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    p[0] = 41;
    if (unmap_first) {
        REQUIRE_OK(seL4_X86_Page_Unmap(frame));
    }
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_CanRead, attr));
    CHECK_EQ(p[0], 41);
    struct test_thread *t = thread_create_ex(fault_write_fn, 100, fault_ep);
    REQUIRE(t, "thread");
    t->arg[0] = TEST_VADDR + 16;
    t->arg[1] = 99;
    REQUIRE(thread_start(t), "start");
    expect_vm_fault(fault_ep_ep, 1000, (seL4_Word)vm_write_insn, TEST_VADDR + 16, FSR_PRESENT | FSR_WRITE | FSR_USER,
                    "write through the read-only remapping");
    CHECK_EQ(t->counter, 1);
    CHECK_EQ(p[2], 0);
    /* rights back: writable again */
    if (unmap_first) {
        REQUIRE_OK(seL4_X86_Page_Unmap(frame));
    }
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    p[2] = 42;
    CHECK_EQ(p[2], 42);
    /* a read-only cap (Copy with seL4_CanRead) cannot give a writable mapping: ReadWrite is
     * masked to read (1.10) */
    seL4_CPtr ro = alloc_slot();
    REQUIRE(ro, "slot");
    REQUIRE_OK(seL4_CNode_Copy(ROOT_CNODE, ro, ROOT_DEPTH, ROOT_CNODE, frame, ROOT_DEPTH, seL4_CanRead));
    REQUIRE_OK(seL4_X86_Page_Map(ro, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, attr));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x1000))[2], 42);
    struct test_thread *t2 = thread_create_ex(fault_write_fn, 100, fault_ep);
    REQUIRE(t2, "thread 2");
    t2->arg[0] = TEST_VADDR + 0x1000 + 24;
    t2->arg[1] = 7;
    REQUIRE(thread_start(t2), "start 2");
    expect_vm_fault(fault_ep_ep, 1000, (seL4_Word)vm_write_insn, TEST_VADDR + 0x1000 + 24,
                    FSR_PRESENT | FSR_WRITE | FSR_USER, "write through a mapping of a read-only frame cap");
    CHECK_EQ(p[3], 0);
}

void test_map_remap_rights(void)
{
    remap_rights(false);
}

void test_map_remap_rights_unmap_first(void)
{
    remap_rights(true);
}

/* A copy of a mapped frame cap is unmapped and maps elsewhere: two addresses, one frame. */
void test_map_copy_elsewhere(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    REQUIRE(frame, "frame");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    seL4_CPtr copy = copy_cap(frame);
    REQUIRE(copy, "copy");
    REQUIRE_OK(seL4_X86_Page_Map(copy, vs, TEST_VADDR + 0x7000, seL4_ReadWrite, attr));
    volatile seL4_Word *a = (volatile seL4_Word *)TEST_VADDR, *b = (volatile seL4_Word *)(TEST_VADDR + 0x7000);
    a[10] = 0x5151;
    CHECK_EQ(b[10], 0x5151);
    b[11] = 0x6262;
    CHECK_EQ(a[11], 0x6262);
    /* the copy is mapped now: it does not move either */
    CHECK_ERROR_MRS(seL4_X86_Page_Map(copy, vs, TEST_VADDR + 0x8000, seL4_ReadWrite, attr), seL4_InvalidArgument, 0);
    /* both report the same physical address */
    seL4_X86_Page_GetAddress_t ga = seL4_X86_Page_GetAddress(frame), gb = seL4_X86_Page_GetAddress(copy);
    CHECK_OK(ga.error);
    CHECK_OK(gb.error);
    CHECK_EQ(ga.paddr, gb.paddr);
    /* unmapping one leaves the other */
    CHECK_OK(seL4_X86_Page_Unmap(frame));
    CHECK_EQ(b[10], 0x5151);
}

/* Page_GetAddress: the physical address of the frame (MR0), mapped or not; frames retyped in
 * order from a fresh untyped lie at its base and then one after another at their alignment. */
void test_map_get_address(void)
{
    seL4_Word base = test_untyped_paddr();
    seL4_CPtr f0 = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr f1 = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(f0 && f1 && map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "frames and tables");
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    REQUIRE(large, "large page");
    seL4_X86_Page_GetAddress_t r = seL4_X86_Page_GetAddress(f0);
    CHECK_OK(r.error);
    CHECK_EQ(r.paddr, base);
    r = seL4_X86_Page_GetAddress(f1);
    CHECK_OK(r.error);
    CHECK_EQ(r.paddr, base + 4096);
    r = seL4_ARCH_Page_GetAddress(large);
    CHECK_OK(r.error);
    CHECK_EQ(r.paddr, base + 0x200000);
    /* a mapped frame: the same; the image frames of the root task answer too */
    REQUIRE_OK(seL4_X86_Page_Map(f1, seL4_CapInitThreadVSpace, TEST_VADDR, seL4_ReadWrite,
                                 seL4_X86_Default_VMAttributes));
    r = seL4_X86_Page_GetAddress(f1);
    CHECK_OK(r.error);
    CHECK_EQ(r.paddr, base + 4096);
    r = seL4_X86_Page_GetAddress(test_bi->userImageFrames.start);
    CHECK_OK(r.error);
    CHECK(r.paddr != 0 && (r.paddr & 0xfff) == 0, "image frame paddr 0x%lx", r.paddr);
    /* GetAddress on a non-frame cap */
    CHECK_ERROR(raw_invoke(pt, X86PageGetAddress, 0, 0, 0, 0, 0, 0), seL4_IllegalOperation);
}

/* Page_Unmap: the access after it faults (VMFault, FSR user|read not-present); the frame keeps
 * its contents and maps again; Unmap of an unmapped cap is a no-op. */
void test_map_unmap_faults(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr ep;
    seL4_CPtr fault_ep = make_fault_ep(2, &ep);
    REQUIRE(frame && fault_ep, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x2000, seL4_ReadWrite, attr));
    volatile seL4_Word *p = (volatile seL4_Word *)(TEST_VADDR + 0x2000);
    p[5] = 0x77;
    REQUIRE_OK(seL4_X86_Page_Unmap(frame));
    CHECK_OK(seL4_X86_Page_Unmap(frame));
    struct test_thread *t = thread_create_ex(fault_read_fn, 100, fault_ep);
    REQUIRE(t, "thread");
    t->arg[0] = TEST_VADDR + 0x2000 + 40;
    REQUIRE(thread_start(t), "start");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_read_insn, TEST_VADDR + 0x2000 + 40, FSR_USER, "read after Page_Unmap");
    CHECK_EQ(t->counter, 1);
    /* mapped again (elsewhere, as it is unmapped): the contents are still there */
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR + 0x4000, seL4_ReadWrite, attr));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x4000))[5], 0x77);
    /* a write fault on a page whose PT entry is empty: FSR user|write */
    struct test_thread *t2 = thread_create_ex(fault_write_fn, 100, fault_ep);
    REQUIRE(t2, "thread 2");
    t2->arg[0] = TEST_VADDR + 0x6000;
    t2->arg[1] = 1;
    REQUIRE(thread_start(t2), "start 2");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_write_insn, TEST_VADDR + 0x6000, FSR_USER | FSR_WRITE,
                    "write to a never-mapped page");
}

/* A 4 KiB frame mapped where a 4 KiB frame is mapped replaces it (9.9): the address shows the
 * new frame's (zeroed) contents, the old frame mapped elsewhere still holds its own data.
 * unmap_first: the old frame is unmapped before (map_4k_replace_unmap_first, portable), else it
 * is mapped over and its cap unmapped afterwards, which leaves the new mapping alone
 * (map_4k_over_4k: seL4 16.0.0 keeps the stale TLB entry, sel4-facts 9.19). */
static void replace_4k(bool unmap_first)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr a = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr b = alloc_object(seL4_X86_4K, 0);
    REQUIRE(a && b, "frames");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    volatile seL4_Word *p = (volatile seL4_Word *)TEST_VADDR;
    REQUIRE_OK(seL4_X86_Page_Map(a, vs, TEST_VADDR, seL4_ReadWrite, attr));
    p[0] = 0xaaaa;
    if (unmap_first) {
        REQUIRE_OK(seL4_X86_Page_Unmap(a));
    }
    REQUIRE_OK(seL4_X86_Page_Map(b, vs, TEST_VADDR, seL4_ReadWrite, attr));
    CHECK_EQ(p[0], 0);
    p[0] = 0xbbbb;
    if (!unmap_first) {
        CHECK_OK(seL4_X86_Page_Unmap(a));
    }
    CHECK_EQ(p[0], 0xbbbb);
    /* a still holds its own data */
    REQUIRE_OK(seL4_X86_Page_Map(a, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, attr));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x1000))[0], 0xaaaa);
}

void test_map_4k_over_4k(void)
{
    replace_4k(false);
}

void test_map_4k_replace_unmap_first(void)
{
    replace_4k(true);
}

/* PT/PD/PDPT Unmap needs the last cap (RevokeFirst otherwise, 2.10); a copy of a mapped table
 * cap can be made (seL4's Arch_deriveCap refuses only unmapped ones: IllegalOperation); after
 * Unmap the frames below are gone (FailedLookup at the level). */
void test_map_table_unmap(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr pt_unmapped = alloc_object(seL4_X86_PageTableObject, 0);
    REQUIRE(frame && pt_unmapped, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    seL4_CPtr pt_copy = copy_cap(pt), pd_copy = copy_cap(pd), pdpt_copy = copy_cap(pdpt);
    REQUIRE(pt_copy && pd_copy && pdpt_copy, "copies of the mapped tables");
    CHECK_ERROR(seL4_X86_PageTable_Unmap(pt), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_PageTable_Unmap(pt_copy), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_PageDirectory_Unmap(pd), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_PDPT_Unmap(pdpt), seL4_RevokeFirst);
    /* still mapped */
    ((volatile seL4_Word *)TEST_VADDR)[0] = 3;
    CHECK_EQ(((volatile seL4_Word *)TEST_VADDR)[0], 3);
    /* copying an unmapped page table cap: IllegalOperation in seL4 (Arch_deriveCap) */
    seL4_CPtr s = alloc_slot();
    REQUIRE(s, "slot");
    CHECK_ERROR(seL4_CNode_Copy(ROOT_CNODE, s, ROOT_DEPTH, ROOT_CNODE, pt_unmapped, ROOT_DEPTH, seL4_AllRights),
                seL4_IllegalOperation);
    /* the last cap unmaps */
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, pt_copy, ROOT_DEPTH));
    CHECK_OK(seL4_X86_PageTable_Unmap(pt));
    seL4_CPtr frame2 = alloc_object(seL4_X86_4K, 0);
    REQUIRE(frame2, "frame2");
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame2, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 21);
    /* the unmapped page table maps again (elsewhere too) */
    CHECK_OK(seL4_X86_PageTable_Map(pt, vs, TEST_VADDR + 0x200000, attr));
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, pd_copy, ROOT_DEPTH));
    CHECK_OK(seL4_X86_PageDirectory_Unmap(pd));
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt_unmapped, vs, TEST_VADDR, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 30);
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, pdpt_copy, ROOT_DEPTH));
    CHECK_OK(seL4_X86_PDPT_Unmap(pdpt));
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt_unmapped, vs, TEST_VADDR, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 39);
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, vs, TEST_VADDR, attr));
}

/* FRAMEDIPC0003: deleting the (only) cap of a mapped frame unmaps it: the next access faults.
 * Deleting a mapped page table's last cap does the same to the frames below it. */
void test_map_delete_frame_unmaps(void)
{
    seL4_CPtr pdpt, pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, &pt), "tables");
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr frame2 = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr ep;
    seL4_CPtr fault_ep = make_fault_ep(3, &ep);
    REQUIRE(frame && frame2 && fault_ep, "objects");
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    REQUIRE_OK(seL4_X86_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, attr));
    ((volatile seL4_Word *)TEST_VADDR)[0] = 1;
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, frame, ROOT_DEPTH));
    struct test_thread *t = thread_create_ex(fault_read_fn, 100, fault_ep);
    REQUIRE(t, "thread");
    t->arg[0] = TEST_VADDR;
    REQUIRE(thread_start(t), "start");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_read_insn, TEST_VADDR, FSR_USER, "read after deleting the frame cap");

    REQUIRE_OK(seL4_X86_Page_Map(frame2, vs, TEST_VADDR + 0x3000, seL4_ReadWrite, attr));
    ((volatile seL4_Word *)(TEST_VADDR + 0x3000))[0] = 2;
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, pt, ROOT_DEPTH));
    struct test_thread *t2 = thread_create_ex(fault_read_fn, 100, fault_ep);
    REQUIRE(t2, "thread 2");
    t2->arg[0] = TEST_VADDR + 0x3000;
    REQUIRE(thread_start(t2), "start 2");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_read_insn, TEST_VADDR + 0x3000, FSR_USER,
                    "read after deleting the page table cap");
    /* the frame cap is still there and maps again once a table is there */
    seL4_CPtr pt2 = alloc_object(seL4_X86_PageTableObject, 0);
    REQUIRE(pt2, "pt2");
    REQUIRE_OK(seL4_X86_PageTable_Map(pt2, vs, TEST_VADDR, attr));
    CHECK_OK(seL4_X86_Page_Unmap(frame2));
    CHECK_OK(seL4_X86_Page_Map(frame2, vs, TEST_VADDR + 0x5000, seL4_ReadWrite, attr));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x5000))[0], 2);
}

/* A 2 MiB frame (from the 4 MiB test untyped) mapped with a PDPT and a PD only, used across its
 * whole size; unmapped and mapped again. */
void test_map_large_page(void)
{
    seL4_CPtr pdpt, pd;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, &pd, NULL), "tables");
    seL4_CPtr small = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    REQUIRE(small && large, "frames");
    CHECK_EQ(cap_type(large), CAP_FRAME);
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word attr = seL4_X86_Default_VMAttributes;
    seL4_Word va = TEST_VADDR + 0x600000;
    REQUIRE_OK(seL4_X86_Page_Map(large, vs, va, seL4_ReadWrite, attr));
    volatile seL4_Word *p = (volatile seL4_Word *)va;
    seL4_Word words = 0x200000 / sizeof(seL4_Word);
    for (seL4_Word i = 0; i < words; i += 512) {
        CHECK(p[i] == 0, "large page not zeroed at offset 0x%lx", i * 8);
        p[i] = i ^ 0x5a5a;
    }
    p[words - 1] = 0xfeed;
    bool ok = true;
    for (seL4_Word i = 0; i < words && ok; i += 512) {
        ok = CHECK(p[i] == (i ^ 0x5a5a), "large page word at 0x%lx reads 0x%lx", i * 8, p[i]);
    }
    CHECK_EQ(p[words - 1], 0xfeed);
    seL4_X86_Page_GetAddress_t r = seL4_X86_Page_GetAddress(large);
    CHECK_OK(r.error);
    CHECK_EQ(r.paddr & 0x1fffff, 0);
    /* a 4 KiB frame inside the large page: the PD entry is a page, not a page table, so the
     * PT level is missing (seL4's lookupPTSlot: bits left 21) */
    CHECK_ERROR_MRS(seL4_X86_Page_Map(small, vs, va + 0x1000, seL4_ReadWrite, attr), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 21);
    REQUIRE_OK(seL4_X86_Page_Unmap(large));
    REQUIRE_OK(seL4_X86_Page_Map(large, vs, TEST_VADDR + 0x200000, seL4_ReadWrite, attr));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x200000))[words - 1], 0xfeed);
}

/* 1 GiB pages: a HugePage frame is retyped from a device untyped of at least 1 GiB. QEMU's
 * qemu64 CPU has no 1 GiB pages; seL4 would not boot with CONFIG_HUGE_PAGE there, our kernel
 * boots and refuses the Map with IllegalOperation (its documented behaviour, commit 388a821).
 * With a CPU that has them the mapping must work. */
void test_map_huge_page(void)
{
#ifndef CONFIG_HUGE_PAGE
    test_info("built without huge pages (KERNEL_HUGE_PAGE=0): no HugePage object type");
    return;
#endif
    seL4_CPtr dev = find_device_untyped_at_least(30);
    if (dev == 0) {
        test_info("no device untyped of 1 GiB: HugePage not tried");
        return;
    }
    seL4_CPtr huge = alloc_object_from(dev, seL4_X64_HugePageObject, 0);
    REQUIRE(huge, "huge page");
    CHECK_EQ(cap_type(huge), CAP_FRAME);
    seL4_CPtr pdpt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, TEST_VADDR, &pdpt, NULL, NULL), "PDPT");
    seL4_Error err = seL4_X86_Page_Map(huge, seL4_CapInitThreadVSpace, TEST_VADDR + 0x40000000, seL4_ReadWrite,
                                       seL4_X86_Default_VMAttributes);
    if (cpu_has_1g_pages()) {
        test_info("the CPU has 1 GiB pages: the HugePage must map");
        CHECK_OK(err);
    } else {
        test_info("the CPU has no 1 GiB pages (qemu64): Map must answer IllegalOperation");
        CHECK_ERROR(err, seL4_IllegalOperation);
    }
    /* Delete the frame before the test untyped goes: the device untyped is a boot untyped */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, huge, ROOT_DEPTH));
}

