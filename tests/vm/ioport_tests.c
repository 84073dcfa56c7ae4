/*
 * I/O ports (sel4-facts 2.11, 9.12, 2.9): IOPortControl_Issue and its errors, In/Out of 8, 16
 * and 32 bits inside and outside the cap's range (QEMU's DMA page registers 0x81-0x83 and the
 * CMOS RAM behind 0x70/0x71 keep what is written), and raw in/out instructions, which fault
 * with a #GP user exception whatever caps the thread holds (sel4test IOPORTS1000).
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"
#include "vm.h"

seL4_CPtr issue_ports(seL4_Word first, seL4_Word last)
{
    seL4_CPtr slot = alloc_slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last, ROOT_CNODE, slot, ROOT_DEPTH);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "IOPortControl_Issue(0x%lx, 0x%lx): %s", first, last, test_error_name(err));
        return 0;
    }
    return slot;
}

/* Issue: last < first InvalidArgument MR0=1; any overlap with an issued range RevokeFirst
 * (before the destination is looked at); an occupied destination DeleteFirst; the range is
 * free again once its last cap is gone; IOPortControl itself is not copied. */
void test_ioport_issue(void)
{
    seL4_CPtr a = alloc_slot(), b = alloc_slot(), c = alloc_slot(), d = alloc_slot();
    seL4_CPtr ctl = seL4_CapIOPortControl;
    REQUIRE(a && b && c && d, "slots");
    CHECK_ERROR_MRS(seL4_X86_IOPortControl_Issue(ctl, 0x43, 0x40, ROOT_CNODE, a, ROOT_DEPTH), seL4_InvalidArgument, 1);
    CHECK(slot_empty(a), "InvalidArgument left a cap");
    REQUIRE_OK(seL4_X86_IOPortControl_Issue(ctl, 0x40, 0x43, ROOT_CNODE, a, ROOT_DEPTH));
    CHECK(!slot_empty(a), "no IOPort cap");
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x40, 0x43, ROOT_CNODE, b, ROOT_DEPTH), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x41, 0x41, ROOT_CNODE, b, ROOT_DEPTH), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x43, 0x48, ROOT_CNODE, b, ROOT_DEPTH), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x30, 0x40, ROOT_CNODE, b, ROOT_DEPTH), seL4_RevokeFirst);
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x0, 0xffff, ROOT_CNODE, b, ROOT_DEPTH), seL4_RevokeFirst);
    /* RevokeFirst comes before the destination check */
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x40, 0x40, ROOT_CNODE, a, ROOT_DEPTH), seL4_RevokeFirst);
    CHECK(slot_empty(b), "a refused Issue left a cap");
    /* adjacent ranges are free */
    CHECK_OK(seL4_X86_IOPortControl_Issue(ctl, 0x44, 0x47, ROOT_CNODE, b, ROOT_DEPTH));
    CHECK_OK(seL4_X86_IOPortControl_Issue(ctl, 0x3f, 0x3f, ROOT_CNODE, c, ROOT_DEPTH));
    /* occupied destination */
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x48, 0x48, ROOT_CNODE, a, ROOT_DEPTH), seL4_DeleteFirst);
    /* a copy keeps the range issued; deleting the last cap frees it */
    seL4_CPtr copy = copy_cap(a);
    REQUIRE(copy, "copy of the IOPort cap");
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, a, ROOT_DEPTH));
    CHECK_ERROR(seL4_X86_IOPortControl_Issue(ctl, 0x40, 0x43, ROOT_CNODE, d, ROOT_DEPTH), seL4_RevokeFirst);
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, copy, ROOT_DEPTH));
    CHECK_OK(seL4_X86_IOPortControl_Issue(ctl, 0x40, 0x43, ROOT_CNODE, d, ROOT_DEPTH));
    /* IOPortControl derives to nothing: Copy is IllegalOperation */
    CHECK_ERROR(seL4_CNode_Copy(ROOT_CNODE, a, ROOT_DEPTH, ROOT_CNODE, ctl, ROOT_DEPTH, seL4_AllRights),
                seL4_IllegalOperation);
    /* a label of another object on the control cap */
    CHECK_ERROR(raw_invoke(ctl, X86IOPortIn8, 0, 1, 0x40, 0, 0, 0), seL4_IllegalOperation);
}

/* In8/16/32 and Out8/16/32 inside the range work (values checked on QEMU's DMA page
 * registers, CMOS RAM and PCI configuration ports); an access that does not lie wholly inside
 * the range is IllegalOperation (9.12). */
void test_ioport_in_out(void)
{
    seL4_CPtr dma = issue_ports(0x80, 0x83);
    seL4_CPtr cmos = issue_ports(0x70, 0x71);
    REQUIRE(dma && cmos, "IOPort caps");
    /* DMA page registers 0x81..0x83 hold what is written */
    CHECK_OK(seL4_X86_IOPort_Out8(dma, 0x81, 0x5a));
    seL4_X86_IOPort_In8_t r8 = seL4_X86_IOPort_In8(dma, 0x81);
    CHECK_OK(r8.error);
    CHECK_EQ(r8.result, 0x5a);
    CHECK_OK(seL4_X86_IOPort_Out16(dma, 0x82, 0xa55a));
    seL4_X86_IOPort_In16_t r16 = seL4_X86_IOPort_In16(dma, 0x82);
    CHECK_OK(r16.error);
    CHECK_EQ(r16.result, 0xa55a);
    r8 = seL4_X86_IOPort_In8(dma, 0x83);
    CHECK_OK(r8.error);
    CHECK_EQ(r8.result, 0xa5);
    /* 32 bits: the PCI configuration ports (CONFIG_ADDRESS reads back; bus 0 device 0 is
     * QEMU's i440FX host bridge, vendor 0x8086 device 0x1237) */
    seL4_CPtr pci = issue_ports(0xcf8, 0xcff);
    REQUIRE(pci, "PCI configuration ports");
    CHECK_OK(seL4_X86_IOPort_Out32(pci, 0xcf8, 0x80000000));
    seL4_X86_IOPort_In32_t r32 = seL4_X86_IOPort_In32(pci, 0xcf8);
    CHECK_OK(r32.error);
    CHECK_EQ(r32.result, 0x80000000);
    r32 = seL4_X86_IOPort_In32(pci, 0xcfc);
    CHECK_OK(r32.error);
    CHECK_EQ(r32.result, 0x12378086);
    r16 = seL4_X86_IOPort_In16(pci, 0xcfe);
    CHECK_OK(r16.error);
    CHECK_EQ(r16.result, 0x1237);
    CHECK_ERROR(seL4_X86_IOPort_In32(pci, 0xcfd).error, seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_Out32(pci, 0xcf6, 0), seL4_IllegalOperation);
    CHECK_OK(seL4_X86_IOPort_Out32(pci, 0xcf8, 0));
    /* outside the range, or partly outside */
    CHECK_ERROR(seL4_X86_IOPort_In8(dma, 0x84).error, seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_In8(dma, 0x7f).error, seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_In16(dma, 0x83).error, seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_In32(dma, 0x81).error, seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_Out8(dma, 0x70, 0), seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_Out16(dma, 0x83, 0), seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_Out32(dma, 0x82, 0), seL4_IllegalOperation);
    CHECK_ERROR(seL4_X86_IOPort_In32(cmos, 0x70).error, seL4_IllegalOperation);
    /* the refused accesses changed nothing */
    r8 = seL4_X86_IOPort_In8(dma, 0x81);
    CHECK_EQ(r8.result, 0x5a);
    /* CMOS RAM byte 0x4e through the index/data pair */
    CHECK_OK(seL4_X86_IOPort_Out8(cmos, 0x70, 0x4e));
    CHECK_OK(seL4_X86_IOPort_Out8(cmos, 0x71, 0xc3));
    CHECK_OK(seL4_X86_IOPort_Out8(cmos, 0x70, 0x4e));
    r8 = seL4_X86_IOPort_In8(cmos, 0x71);
    CHECK_OK(r8.error);
    CHECK_EQ(r8.result, 0xc3);
    CHECK_OK(seL4_X86_IOPort_Out16(cmos, 0x70, 0x0000)); /* 16 bits: both ports of the pair */
    /* a copy of the cap works the same */
    seL4_CPtr copy = copy_cap(dma);
    REQUIRE(copy, "copy");
    r8 = seL4_X86_IOPort_In8(copy, 0x81);
    CHECK_OK(r8.error);
    CHECK_EQ(r8.result, 0x5a);
    /* the label of a mapping invocation on an IOPort cap */
    CHECK_ERROR(raw_invoke(dma, X86PageGetAddress, 0, 0, 0, 0, 0, 0), seL4_IllegalOperation);
}

static bool expect_gp(seL4_CPtr ep, const char *insn, const char *what)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info;
    if (!recv_bounded(ep, 1000, &badge, &info)) {
        return test_fail_at(__FILE__, __LINE__, "%s: no fault message within 1 s", what);
    }
    seL4_Word label = seL4_MessageInfo_get_label(info), len = seL4_MessageInfo_get_length(info);
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP), num = seL4_GetMR(seL4_UserException_Number),
              code = seL4_GetMR(seL4_UserException_Code);
    return CHECK(label == seL4_Fault_UserException && len == seL4_UserException_Length && ip == (seL4_Word)insn &&
                     num == 13 && code == 0,
                 "%s: expected UserException (label 3, length 5) FaultIP 0x%lx Number 13 Code 0, got label %lu "
                 "length %lu FaultIP 0x%lx Number %lu Code %lu",
                 what, (seL4_Word)insn, label, len, ip, num, code);
}

static void raw_inb_fn(struct test_thread *t)
{
    t->counter = 1;
    t->value = vm_raw_inb();
    t->counter = 2;
}

static void raw_outb_fn(struct test_thread *t)
{
    t->counter = 1;
    vm_raw_outb();
    t->counter = 2;
}

/* IOPORTS1000: a raw in/out instruction raises #GP (UserException, Number 13, Code 0, FaultIP =
 * the instruction), delivered to the thread's fault handler, even while an IOPort cap for the
 * port exists in its CSpace. */
void test_ioport_raw_instruction(void)
{
    seL4_CPtr ep;
    seL4_CPtr fault_ep = make_fault_ep(5, &ep);
    REQUIRE(fault_ep, "fault endpoint");
    struct test_thread *t = thread_create_ex(raw_inb_fn, 100, fault_ep);
    REQUIRE(t, "thread");
    REQUIRE(thread_start(t), "start");
    expect_gp(ep, vm_raw_inb_insn, "inb $0x80 without a cap");
    CHECK_EQ(t->counter, 1);
    seL4_CPtr io = issue_ports(0x80, 0x80);
    REQUIRE(io, "IOPort cap");
    struct test_thread *t2 = thread_create_ex(raw_outb_fn, 100, fault_ep);
    REQUIRE(t2, "thread 2");
    REQUIRE(thread_start(t2), "start 2");
    expect_gp(ep, vm_raw_outb_insn, "outb $0x80 with an IOPort cap for 0x80 in the CSpace");
    CHECK_EQ(t2->counter, 1);
}
