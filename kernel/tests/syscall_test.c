/* Unit tests of kernel/src/api/syscall.c on the host architecture: what user code sees from
 * each syscall (error replies, cap faults, debug syscalls), through handleSyscall. */
#include "core_fixture.h"
#include <kernel/machine.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>
#include <sel4/shared_types.h>
#include <sel4/syscall.h>

static fixture_t *f;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

static uint64_t msginfo(uint64_t label, uint64_t length)
{
    return seL4_MessageInfo_new(label, 0, 0, length).words[0];
}

static seL4_MessageInfo_t reply_info(void)
{
    return (seL4_MessageInfo_t){ { getRegister(f->thread, REG_MSGINFO) } };
}

static void cap_identify_reports_kernel_cap_types(void **state)
{
    (void)state;
    const struct { uint64_t cptr; uint64_t type; } cases[] = {
        { seL4_CapInitThreadTCB, 12 }, { seL4_CapInitThreadCNode, 10 }, { seL4_CapIRQControl, 14 },
        { seL4_CapInitThreadIPCBuffer, 1 }, { 100, 0 }, { 1u << 20, 0 },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fixture_syscall(f, seL4_SysDebugCapIdentify, cases[i].cptr, 0);
        assert_int_equal(getRegister(f->thread, REG_CAP), cases[i].type);
    }
}

/* seL4_SysDebugCapDescribe: rdi = container, MR0 = index in; rdi = error, MR0..3 = type,
 * object, rights, badge out (api/debug_describe.h). */
static word_t describe(uint64_t container, word_t index, word_t out[4])
{
    setRegister(f->thread, REG_R10, index);
    fixture_syscall(f, seL4_SysDebugCapDescribe, container, 0);
    const context_reg_t regs[4] = { REG_R10, REG_R8, REG_R9, REG_R15 };
    for (int i = 0; i < 4; i++) {
        out[i] = getRegister(f->thread, regs[i]);
    }
    return getRegister(f->thread, REG_CAP);
}

static void cap_describe_reads_cnode_and_tcb_slots(void **state)
{
    (void)state;
    word_t o[4];
    assert_int_equal(describe(seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, o), seL4_NoError);
    assert_int_equal(o[0], cap_thread_cap);
    assert_int_equal(o[1], FIXTURE_TCB_PADDR);
    assert_int_equal(describe(seL4_CapInitThreadCNode, FIXTURE_UNTYPED_SLOT, o), seL4_NoError);
    assert_int_equal(o[0], cap_untyped_cap);
    assert_int_equal(o[1], FIXTURE_UNTYPED_PADDR);
    /* a badged endpoint with reduced rights, first in the untyped: at its address */
    word_t retype_mrs[] = { seL4_EndpointObject, 0, 0, 0, 100, 1 };
    cptr_t root = seL4_CapInitThreadCNode;
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, retype_mrs, 6, &root, 1), seL4_NoError);
    word_t mint_mrs[] = { 101, 64, 100, 64, seL4_CanRead.words[0] | seL4_CanGrant.words[0], 0x42 };
    assert_int_equal(fixture_invoke(f, root, CNodeMint, mint_mrs, 6, &root, 1), seL4_NoError);
    assert_int_equal(describe(seL4_CapInitThreadCNode, 101, o), seL4_NoError);
    assert_int_equal(o[0], cap_endpoint_cap);
    assert_int_equal(o[1], FIXTURE_UNTYPED_PADDR);
    assert_int_equal(o[2], seL4_CanRead.words[0] | seL4_CanGrant.words[0]);
    assert_int_equal(o[3], 0x42);
    /* the root TCB's slot 0: its CSpace root; an empty slot: all zero */
    assert_int_equal(describe(seL4_CapInitThreadTCB, 0, o), seL4_NoError);
    assert_int_equal(o[0], cap_cnode_cap);
    assert_int_equal(o[1], FIXTURE_CNODE_PADDR);
    assert_int_equal(describe(seL4_CapInitThreadCNode, 200, o), seL4_NoError);
    assert_true(o[0] == 0 && o[1] == 0 && o[2] == 0 && o[3] == 0);
}

static void cap_describe_errors(void **state)
{
    (void)state;
    word_t o[4];
    assert_int_equal(describe(FIXTURE_UNTYPED_SLOT, 0, o), seL4_InvalidCapability); /* not a container */
    assert_int_equal(describe(200, 0, o), seL4_InvalidCapability);                  /* empty */
    assert_int_equal(describe(1ull << 40, 0, o), seL4_InvalidCapability);           /* does not resolve */
    assert_int_equal(describe(seL4_CapInitThreadTCB, 5, o), seL4_RangeError);
    assert_int_equal(o[1], 5); /* the slot count */
    assert_int_equal(describe(seL4_CapInitThreadCNode, 1u << 12, o), seL4_RangeError);
    assert_int_equal(o[1], 1u << 12);
    assert_int_equal(f->thread->state, ThreadState_Running);
}

static void call_on_a_null_cap_replies_invalid_capability(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysCall, 100, msginfo(CNodeCopy, 2));
    assert_int_equal(seL4_MessageInfo_get_label(reply_info()), seL4_InvalidCapability);
    assert_int_equal(seL4_MessageInfo_get_length(reply_info()), 1);
    assert_int_equal(getRegister(f->thread, REG_R10), 0); /* MR0: the invoked cap */
    assert_int_equal(getRegister(f->thread, REG_BADGE), 0);
    assert_int_equal(f->thread->state, ThreadState_Running);
}

static void an_unknown_label_replies_illegal_operation(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysCall, seL4_CapInitThreadTCB, msginfo(999, 0));
    assert_int_equal(seL4_MessageInfo_get_label(reply_info()), seL4_IllegalOperation);
    assert_int_equal(seL4_MessageInfo_get_length(reply_info()), 0);
    fixture_syscall(f, seL4_SysCall, seL4_CapInitThreadCNode, msginfo(UntypedRetype, 6));
    assert_int_equal(seL4_MessageInfo_get_label(reply_info()), seL4_IllegalOperation);
}

static void send_drops_the_error(void **state)
{
    (void)state;
    uint64_t sent = msginfo(CNodeCopy, 2);
    fixture_syscall(f, seL4_SysSend, 100, sent);
    assert_int_equal(getRegister(f->thread, REG_MSGINFO), sent);
    assert_int_equal(f->thread->state, ThreadState_Running);
}

static void call_on_an_unresolvable_cptr_is_a_cap_fault(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysCall, 1u << 20, msginfo(0, 0));
    assert_int_equal(f->thread->state, ThreadState_Inactive);
    assert_ptr_equal(ksCurThread, ksIdleThread);
    assert_non_null(strstr(host_console, "stopped: cap fault (CPtr 0x100000 in send phase, lookup failure 4)"));
    assert_non_null(strstr(host_console, "no valid fault handler"));
}

static void nbsend_on_an_unresolvable_cptr_is_silent(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysNBSend, 1u << 20, msginfo(0, 0));
    assert_int_equal(f->thread->state, ThreadState_Running);
    assert_int_equal(host_console_len, 0);
}

static void recv_on_a_non_ipc_cap_is_a_receive_phase_cap_fault(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysRecv, seL4_CapInitThreadTCB, 0);
    assert_int_equal(f->thread->state, ThreadState_Inactive);
    assert_non_null(strstr(host_console, "in receive phase"));
}

static void unknown_syscall_stops_a_thread_without_handler(void **state)
{
    (void)state;
    fixture_syscall(f, -100, 0, 0);
    assert_int_equal(f->thread->state, ThreadState_Inactive);
    assert_non_null(strstr(host_console, "unknown syscall (syscall number -100)"));
}

static void tcb_suspend_on_self_stops_without_reply(void **state)
{
    (void)state;
    uint64_t sent = msginfo(TCBSuspend, 0);
    fixture_syscall(f, seL4_SysCall, seL4_CapInitThreadTCB, sent);
    assert_int_equal(f->thread->state, ThreadState_Inactive);
    assert_int_equal(getRegister(f->thread, REG_MSGINFO), sent);
    assert_ptr_equal(ksCurThread, ksIdleThread);
}

static void debug_putchar_and_name_thread(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysDebugPutChar, 'Z', 0);
    assert_string_equal(host_console, "Z");
    char *msg = (char *)((uint64_t *)paddr_to_pptr(FIXTURE_IPCBUF_PADDR) + 1);
    strcpy(msg, "worker");
    fixture_syscall(f, seL4_SysDebugNameThread, seL4_CapInitThreadTCB, 0);
    assert_string_equal(f->thread->name, "worker");
    host_console_clear();
    fixture_syscall(f, seL4_SysDebugNameThread, seL4_CapInitThreadCNode, 0);
    assert_string_equal(f->thread->name, "worker");
    assert_non_null(strstr(host_console, "needs a TCB cap"));
}

static void set_tls_base_yield_and_reply(void **state)
{
    (void)state;
    fixture_syscall(f, seL4_SysSetTLSBase, 0x12345000, 0);
    assert_int_equal(getRegister(f->thread, REG_FS_BASE), 0x12345000);
    fixture_syscall(f, seL4_SysYield, 0, 0);
    assert_ptr_equal(ksCurThread, f->thread);
    assert_int_equal(f->thread->state, ThreadState_Running);
    fixture_syscall(f, seL4_SysReply, 0, 0);
    assert_ptr_equal(ksCurThread, f->thread);
}

static void debug_halt_stops_the_machine(void **state)
{
    (void)state;
    jmp_buf jump;
    host_halt_jump = &jump;
    host_halt_reason = -1;
    if (setjmp(jump) == 0) {
        fixture_syscall(f, seL4_SysDebugHalt, 0, 0);
        fail_msg("DebugHalt returned");
    }
    host_halt_jump = NULL;
    assert_int_equal(host_halt_reason, HALT_REQUESTED);
    assert_non_null(strstr(host_console, "halting..."));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(cap_identify_reports_kernel_cap_types),
        T(cap_describe_reads_cnode_and_tcb_slots),
        T(cap_describe_errors),
        T(call_on_a_null_cap_replies_invalid_capability),
        T(an_unknown_label_replies_illegal_operation),
        T(send_drops_the_error),
        T(call_on_an_unresolvable_cptr_is_a_cap_fault),
        T(nbsend_on_an_unresolvable_cptr_is_silent),
        T(recv_on_a_non_ipc_cap_is_a_receive_phase_cap_fault),
        T(unknown_syscall_stops_a_thread_without_handler),
        T(tcb_suspend_on_self_stops_without_reply),
        T(debug_putchar_and_name_thread),
        T(set_tls_base_yield_and_reply),
        T(debug_halt_stops_the_machine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
