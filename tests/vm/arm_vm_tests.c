/*
 * The AArch64 VSpace and interrupt invocations (sel4-aarch64-facts.md 4.3, 4.4, 6), run by
 * vm_test on AArch64 in place of the x86_64 paging, I/O port and IOAPIC tests: one page table
 * object for every level (the walk decides), FailedLookup's bits left, DeleteFirst, the user
 * range, read-only and execute-never mappings with the ESR as FSR, the cache maintenance of
 * pages and VSpaces, a second VSpace through an ASID pool, and a GIC interrupt (the PL011's
 * transmit interrupt, INTID 33) through IRQControl_GetTrigger.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"
#include "vm.h"

#include <sel4/sel4.h>

#define TEST_VADDR 0xA000000000ul  /* level-0 slot 1: empty in the root VSpace */
#define TOP_PAGE 0x7ffffffff000ul  /* the last page below seL4_UserTop */
#define ATTR seL4_ARM_Default_VMAttributes
#define ESR_DABT_L1_READ 0x92000005ul  /* data abort from EL0, translation fault level 1 */
#define ESR_DABT_PERM_WRITE 0x9200004ful /* write to a read-only page (level 3) */
#define ESR_IABT_PERM 0x8200000ful     /* instruction fetch from an execute-never page (level 3) */
#define UART_PADDR 0x09000000ul
#define UART_IRQ 33

static seL4_CPtr vs = seL4_CapInitThreadVSpace;

/* Maps n fresh page tables at vaddr (each one level deeper). */
static bool map_levels(seL4_Word vaddr, int n)
{
    for (int i = 0; i < n; i++) {
        seL4_CPtr pt = alloc_object(seL4_ARM_PageTableObject, 0);
        if (!pt || !CHECK_OK(seL4_ARM_PageTable_Map(pt, vs, vaddr, ATTR))) {
            return false;
        }
    }
    return true;
}

/* PageTable_Map three times at one address builds levels 1, 2 and 3; Page_Map needs the walk
 * to end at the frame's level (MR2 = bits left: 39, 30, 21; 12 when it goes deeper). */
void test_arm_map_levels(void)
{
    /* the tables first: the 2 MiB frame takes the test untyped's upper half */
    seL4_CPtr pts[3], extra = alloc_object(seL4_ARM_PageTableObject, 0);
    for (int i = 0; i < 3; i++) {
        pts[i] = alloc_object(seL4_ARM_PageTableObject, 0);
    }
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0), large = alloc_object(seL4_ARM_LargePageObject, 0);
    REQUIRE(pts[0] && pts[1] && pts[2] && frame && large && extra, "objects");
    static const seL4_Word bits_left[3] = {SEL4_MAPPING_LOOKUP_NO_PUD, SEL4_MAPPING_LOOKUP_NO_PD, SEL4_MAPPING_LOOKUP_NO_PT};
    for (int level = 0; level < 3; level++) {
        CHECK_ERROR_MRS(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, ATTR), seL4_FailedLookup, 0,
                        seL4_MissingCapability, bits_left[level]);
        CHECK_EQ(seL4_MappingFailedLookupLevel(), bits_left[level]);
        REQUIRE_OK(seL4_ARM_PageTable_Map(pts[level], vs, TEST_VADDR, ATTR));
    }
    /* a full chain: no fourth table; a 2 MiB frame where a page table is goes too deep */
    CHECK_ERROR(seL4_ARM_PageTable_Map(extra, vs, TEST_VADDR, ATTR), seL4_DeleteFirst);
    CHECK_ERROR_MRS(seL4_ARM_Page_Map(large, vs, TEST_VADDR, seL4_ReadWrite, ATTR), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 12);
    REQUIRE_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, ATTR));
    volatile seL4_Word *p = (volatile seL4_Word *)TEST_VADDR;
    CHECK_EQ(p[1], 0); /* fresh frames are zero */
    p[0] = 0x5eed;
    CHECK_EQ(p[0], 0x5eed);
    test_page_address_t a = seL4_ARM_Page_GetAddress(frame);
    CHECK(a.error == 0 && a.paddr != 0 && (a.paddr & 0xfff) == 0, "GetAddress: error %d paddr 0x%lx", a.error,
          a.paddr);
    /* a 2 MiB frame at the next 2 MiB region, whose level-2 slot is empty */
    REQUIRE_OK(seL4_ARM_Page_Map(large, vs, TEST_VADDR + (2ul << 20), seL4_ReadWrite, ATTR));
    ((volatile seL4_Word *)(TEST_VADDR + (3ul << 20)))[0] = 7;
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + (3ul << 20)))[0], 7);
    /* unmapping the frame: the next access faults (checked in arm_map_rights); the cap is free */
    CHECK_OK(seL4_ARM_Page_Unmap(frame));
    CHECK_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, ATTR));
    CHECK_EQ(((volatile seL4_Word *)(TEST_VADDR + 0x1000))[0], 0x5eed);
}

/* Alignment, the remap rules and the top of the user range (facts 4.4, 9.14). */
void test_arm_map_errors(void)
{
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0), top = alloc_object(seL4_ARM_SmallPageObject, 0);
    REQUIRE(frame && top && map_levels(TEST_VADDR, 3) && map_levels(TOP_PAGE, 3), "objects and tables");
    CHECK_ERROR(seL4_ARM_Page_Map(frame, vs, TEST_VADDR + 8, seL4_ReadWrite, ATTR), seL4_AlignmentError);
    REQUIRE_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, ATTR));
    CHECK_ERROR_MRS(seL4_ARM_Page_Map(frame, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, ATTR), seL4_InvalidArgument, 0);
    CHECK_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, ATTR)); /* same place: a remap */
    CHECK_OK(seL4_ARM_Page_Map(top, vs, TOP_PAGE, seL4_ReadWrite, ATTR));      /* ends at seL4_UserTop */
    seL4_CPtr pt = alloc_object(seL4_ARM_PageTableObject, 0);
    REQUIRE(pt, "pt");
    CHECK_ERROR_MRS(seL4_ARM_PageTable_Map(pt, vs, seL4_UserTop + 1, ATTR), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_ARM_PageTable_Map(pt, seL4_CapInitThreadTCB, TEST_VADDR, ATTR), seL4_InvalidCapability, 1);
    /* an unmapped page table cap cannot be copied; Unmap needs the last cap */
    CHECK_ERROR(seL4_CNode_Copy(ROOT_CNODE, alloc_slot(), ROOT_DEPTH, ROOT_CNODE, pt, ROOT_DEPTH, seL4_AllRights),
                seL4_IllegalOperation);
}

/* Read-only and execute-never mappings fault with the full ESR (facts 3.5, 4.3). */
void test_arm_map_rights(void)
{
    seL4_CPtr ep, fault_ep = make_fault_ep(3, &ep);
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0), code = alloc_object(seL4_ARM_SmallPageObject, 0);
    REQUIRE(fault_ep && frame && code && map_levels(TEST_VADDR, 3), "objects");
    REQUIRE_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_CanRead, ATTR));
    CHECK_EQ(*(volatile seL4_Word *)TEST_VADDR, 0);
    struct test_thread *t = thread_create_ex(fault_write_fn, 100, fault_ep);
    REQUIRE(t, "thread");
    t->arg[0] = TEST_VADDR + 16;
    t->arg[1] = 99;
    REQUIRE(thread_start(t), "start");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_write_insn, TEST_VADDR + 16, ESR_DABT_PERM_WRITE, "write to read-only");
    seL4_TCB_Suspend(t->tcb);
    /* an unmapped region beside TEST_VADDR's tables: a translation fault at level 1 */
    struct test_thread *r = thread_create_ex(fault_read_fn, 100, fault_ep);
    REQUIRE(r, "reader");
    r->arg[0] = 0xC000000008ul;
    REQUIRE(thread_start(r), "start reader");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_read_insn, 0xC000000008ul, ESR_DABT_L1_READ, "read of an unmapped region");
    seL4_TCB_Suspend(r->tcb);
    /* code in a fresh page: runs when executable (after Unify_Instruction), faults when XN */
    REQUIRE_OK(seL4_ARM_Page_Map(code, vs, TEST_VADDR + 0x1000, seL4_ReadWrite, ATTR));
    volatile uint32_t *insn = (volatile uint32_t *)(TEST_VADDR + 0x1000);
    insn[0] = 0xd2800540; /* mov x0, #42 */
    insn[1] = 0xd65f03c0; /* ret */
    CHECK_OK(seL4_ARM_Page_Unify_Instruction(code, 0, 8));
    seL4_Word (*fn)(void) = (seL4_Word (*)(void))(TEST_VADDR + 0x1000);
    CHECK_EQ(fn(), 42);
    seL4_CPtr xn = alloc_slot();
    REQUIRE_OK(seL4_CNode_Copy(ROOT_CNODE, xn, ROOT_DEPTH, ROOT_CNODE, code, ROOT_DEPTH, seL4_AllRights));
    REQUIRE_OK(seL4_ARM_Page_Map(xn, vs, TEST_VADDR + 0x2000, seL4_ReadWrite,
                                 seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever));
    struct test_thread *x = thread_create_ex((void (*)(struct test_thread *))(TEST_VADDR + 0x2000), 100, fault_ep);
    REQUIRE(x && thread_start(x), "xn thread");
    seL4_Word badge;
    seL4_MessageInfo_t info;
    REQUIRE(recv_bounded(ep, 1000, &badge, &info), "no fault from the execute-never page");
    CHECK(seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault && seL4_GetMR(seL4_VMFault_IP) == TEST_VADDR + 0x2000 &&
              seL4_GetMR(seL4_VMFault_Addr) == TEST_VADDR + 0x2000 && seL4_GetMR(seL4_VMFault_PrefetchFault) == 1 &&
              seL4_GetMR(seL4_VMFault_FSR) == ESR_IABT_PERM,
          "XN fetch: label %lu IP 0x%lx Addr 0x%lx Prefetch %lu FSR 0x%lx", seL4_MessageInfo_get_label(info),
          seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
    seL4_TCB_Suspend(x->tcb);
}

/* Cache maintenance of a page (offsets) and of a VSpace (addresses) and their errors. */
void test_arm_cache_ops(void)
{
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    REQUIRE(frame && map_levels(TEST_VADDR, 3), "objects");
    CHECK_ERROR(seL4_ARM_Page_Clean_Data(frame, 0, 64), seL4_IllegalOperation); /* not mapped */
    REQUIRE_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, ATTR));
    CHECK_OK(seL4_ARM_Page_Clean_Data(frame, 0, 4096));
    CHECK_OK(seL4_ARM_Page_CleanInvalidate_Data(frame, 64, 128));
    CHECK_OK(seL4_ARM_Page_Invalidate_Data(frame, 0, 64));
    CHECK_ERROR_MRS(seL4_ARM_Page_Clean_Data(frame, 0, 4097), seL4_InvalidArgument, 0);
    CHECK_OK(seL4_ARM_VSpace_Clean_Data(vs, TEST_VADDR, TEST_VADDR + 4096));
    CHECK_OK(seL4_ARM_VSpace_Unify_Instruction(vs, TEST_VADDR + 8, TEST_VADDR + 16));
    CHECK_OK(seL4_ARM_VSpace_Clean_Data(vs, 0xC000000000ul, 0xC000001000ul)); /* unmapped: nothing to do */
    CHECK_ERROR_MRS(seL4_ARM_VSpace_Clean_Data(vs, TEST_VADDR + 64, TEST_VADDR), seL4_InvalidArgument, 1);
    CHECK_ERROR(seL4_ARM_VSpace_Clean_Data(vs, TEST_VADDR, 0x0001000000000000ul), seL4_IllegalOperation);
    CHECK_ERROR_MRS(seL4_ARM_VSpace_Clean_Data(vs, TEST_VADDR, TEST_VADDR + 0x2000), seL4_RangeError, TEST_VADDR,
                    TEST_VADDR + 0xfff);
}

/* A new ASID pool and a VSpace assigned from it; a page table maps in it once assigned. */
void test_arm_asid_pool(void)
{
    seL4_CPtr u = alloc_object(seL4_UntypedObject, seL4_ASIDPoolBits), pool = alloc_slot();
    seL4_CPtr vspace = alloc_object(seL4_ARM_VSpaceObject, 0), pt = alloc_object(seL4_ARM_PageTableObject, 0);
    REQUIRE(u && pool && vspace && pt, "objects");
    CHECK_ERROR_MRS(seL4_ARM_PageTable_Map(pt, vspace, TEST_VADDR, ATTR), seL4_InvalidCapability, 1);
    REQUIRE_OK(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, u, ROOT_CNODE, pool, ROOT_DEPTH));
    CHECK(cap_type(pool) == CAP_ASID_POOL, "pool cap type %d", cap_type(pool));
    REQUIRE_OK(seL4_ARM_ASIDPool_Assign(pool, vspace));
    CHECK_ERROR_MRS(seL4_ARM_ASIDPool_Assign(pool, vspace), seL4_InvalidCapability, 1);
    CHECK_OK(seL4_ARM_PageTable_Map(pt, vspace, TEST_VADDR, ATTR));
    /* the root task's own pool gives the next ASID too */
    seL4_CPtr vspace2 = alloc_object(seL4_ARM_VSpaceObject, 0);
    REQUIRE(vspace2, "vspace2");
    CHECK_OK(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace2));
    /* the untyped now has a child (facts 4.4: RevokeFirst) */
    CHECK_ERROR(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, u, ROOT_CNODE, alloc_slot(), ROOT_DEPTH),
                seL4_RevokeFirst);
}

/* IRQControl on the GIC: ranges, the kernel timer, and the PL011's transmit interrupt
 * (INTID 33, level) delivered to a notification, masked until Ack. */
void test_arm_irq_pl011(void)
{
    seL4_CPtr h = alloc_slot(), h2 = alloc_slot();
    REQUIRE(h && h2, "slots");
    CHECK_ERROR_MRS(seL4_IRQControl_Get(seL4_CapIRQControl, 160, ROOT_CNODE, h, ROOT_DEPTH), seL4_RangeError, 0, 159);
    CHECK_ERROR(seL4_IRQControl_Get(seL4_CapIRQControl, 27, ROOT_CNODE, h, ROOT_DEPTH), seL4_RevokeFirst);
    REQUIRE_OK(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, UART_IRQ, 0, ROOT_CNODE, h, ROOT_DEPTH));
    CHECK_ERROR(seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT_CNODE, h2, ROOT_DEPTH), seL4_RevokeFirst);
    REQUIRE_OK(seL4_IRQHandler_SetNotification(h, irq_ntfn_cap()));
    /* the UART's page from the device untyped that holds it, mapped uncached */
    seL4_CPtr frame = alloc_slot();
    const seL4_BootInfo *bi = test_bi;
    seL4_CPtr dev = 0;
    seL4_Word dev_base = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (d->isDevice && d->paddr <= UART_PADDR && UART_PADDR < d->paddr + (1ul << d->sizeBits)) {
            dev = bi->untyped.start + i;
            dev_base = d->paddr;
        }
    }
    REQUIRE(dev && map_levels(TEST_VADDR, 3), "no device untyped holds the UART");
    seL4_Word skip = (UART_PADDR - dev_base) >> 12;
    for (seL4_Word i = 0; i <= skip; i++) { /* retype frames up to the UART's page */
        REQUIRE_OK(seL4_Untyped_Retype(dev, seL4_ARM_SmallPageObject, 0, ROOT_CNODE, 0, 0, frame, 1));
        if (i < skip) {
            REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, frame, ROOT_DEPTH));
        }
    }
    REQUIRE_OK(seL4_ARM_Page_Map(frame, vs, TEST_VADDR, seL4_ReadWrite, seL4_ARM_ExecuteNever));
    volatile uint32_t *uart = (volatile uint32_t *)TEST_VADDR;
    uart[0x38 / 4] = 1u << 5; /* UARTIMSC: transmit interrupt */
    uart[0] = '+';            /* UARTDR: a character; the FIFO drains at once under QEMU */
    CHECK(wait_irq(500), "no PL011 transmit interrupt");
    CHECK(!poll_irq(50), "a second signal before the Ack: the line was not masked");
    uart[0x44 / 4] = 1u << 5; /* UARTICR: clear it */
    CHECK_OK(seL4_IRQHandler_Ack(h));
    uart[0] = '\n';
    CHECK(wait_irq(500), "no interrupt after the Ack");
    uart[0x38 / 4] = 0;
    uart[0x44 / 4] = 1u << 5;
    CHECK_OK(seL4_IRQHandler_Clear(h));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, h, ROOT_DEPTH));
    CHECK_OK(seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT_CNODE, h2, ROOT_DEPTH));
}
