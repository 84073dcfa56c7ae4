/*
 * Host tests of libsel4's word-sized bitfield types against the layouts of sel4-facts.md
 * 1.3 (seL4_MessageInfo, seL4_CapRights, seL4_CNode_CapData): exact words for known
 * values, field isolation, truncation of oversized values. Includes the kernel-shared
 * headers only, which compile on the host unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sel4/shared_types.h>
#include <sel4/types.h>
#include <sel4/invocation.h>
#include <sel4/syscall.h>

static void test_message_info(void **state)
{
    (void)state;
    seL4_MessageInfo_t m = seL4_MessageInfo_new(0x12345, 5, 3, 120);
    assert_int_equal(m.words[0], (0x12345ull << 12) | (5ull << 9) | (3ull << 7) | 120ull);
    assert_int_equal(seL4_MessageInfo_get_label(m), 0x12345);
    assert_int_equal(seL4_MessageInfo_get_capsUnwrapped(m), 5);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(m), 3);
    assert_int_equal(seL4_MessageInfo_get_length(m), 120);
    m = seL4_MessageInfo_set_length(m, 1);
    assert_int_equal(m.words[0] & 0x7f, 1);
    assert_int_equal(seL4_MessageInfo_get_label(m), 0x12345);
    /* the maximum label fills bits 63..12 exactly */
    m = seL4_MessageInfo_new(0xfffffffffffffull, 0, 0, 0);
    assert_int_equal(m.words[0], 0xfffffffffffff000ull);
    /* oversized values are cut to their field and never spill into neighbours */
    m = seL4_MessageInfo_new(0, 0, 7, 0xff);
    assert_int_equal(m.words[0], (3ull << 7) | 0x7full);
    seL4_MessageInfo_ptr_set_capsUnwrapped(&m, 1);
    assert_int_equal(seL4_MessageInfo_ptr_get_capsUnwrapped(&m), 1);
    assert_int_equal(m.words[0], (1ull << 9) | (3ull << 7) | 0x7full);
    /* the signal msginfo of seL4_Signal: length 1 only */
    assert_int_equal(seL4_MessageInfo_new(0, 0, 0, 1).words[0], 1);
}

static void test_cap_rights(void **state)
{
    (void)state;
    assert_int_equal(seL4_AllRights.words[0], 0xf);
    assert_int_equal(seL4_CanRead.words[0], 0x2);
    assert_int_equal(seL4_CanWrite.words[0], 0x1);
    assert_int_equal(seL4_CanGrant.words[0], 0x4);
    assert_int_equal(seL4_CanGrantReply.words[0], 0x8);
    assert_int_equal(seL4_ReadWrite.words[0], 0x3);
    assert_int_equal(seL4_NoWrite.words[0], 0xe);
    assert_int_equal(seL4_NoRead.words[0], 0xd);
    assert_int_equal(seL4_NoRights.words[0], 0);
    seL4_CapRights_t r = seL4_CapRights_new(1, 0, 1, 0);
    assert_int_equal(r.words[0], 0xa);
    assert_int_equal(seL4_CapRights_get_capAllowGrantReply(r), 1);
    assert_int_equal(seL4_CapRights_get_capAllowGrant(r), 0);
    assert_int_equal(seL4_CapRights_get_capAllowRead(r), 1);
    assert_int_equal(seL4_CapRights_get_capAllowWrite(r), 0);
    assert_int_equal(seL4_CapRights_new(3, 3, 3, 3).words[0], 0xf);
}

static void test_cnode_capdata(void **state)
{
    (void)state;
    seL4_CNode_CapData_t d = seL4_CNode_CapData_new(0x5, 52);
    assert_int_equal(d.words[0], (0x5ull << 6) | 52ull);
    assert_int_equal(seL4_CNode_CapData_get_guard(d), 5);
    assert_int_equal(seL4_CNode_CapData_get_guardSize(d), 52);
    d = seL4_CNode_CapData_new(0x3ffffffffffffffull, 63);
    assert_int_equal(d.words[0], ~0ull);
    d = seL4_CNode_CapData_set_guardSize(d, 64); /* 64 does not fit in 6 bits: becomes 0 */
    assert_int_equal(seL4_CNode_CapData_get_guardSize(d), 0);
    assert_int_equal(seL4_CNode_CapData_get_guard(d), 0x3ffffffffffffffull);
}

static void test_abi_numbers(void **state)
{
    (void)state;
    assert_int_equal(seL4_SysCall, -1);
    assert_int_equal(seL4_SysNBRecv, -8);
    assert_int_equal(seL4_SysDebugPutChar, -9);
    assert_int_equal(seL4_SysDebugNameThread, -14);
    assert_int_equal(seL4_SysSetTLSBase, -30);
    assert_int_equal(X86IRQIssueIRQHandlerMSI, 52);
    assert_int_equal(seL4_ObjectTypeCount, 12);
    assert_int_equal(sizeof(seL4_BootInfo), 3848);
    assert_int_equal(sizeof(seL4_IPCBuffer), 1024);
    assert_int_equal(seL4_MsgMaxExtraCaps, 3);
    assert_int_equal(seL4_Fault_VMFault, 5);
    assert_int_equal(seL4_UnknownSyscall_Syscall, 18);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_info),
        cmocka_unit_test(test_cap_rights),
        cmocka_unit_test(test_cnode_capdata),
        cmocka_unit_test(test_abi_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
