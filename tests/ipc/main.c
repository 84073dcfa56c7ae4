/*
 * ipc_test: the root task that runs the IPC, notification and fault tests (issue 4) in QEMU,
 * one at a time, and halts the machine. Framework and output format: tests/kernel/test.h;
 * IPC helpers: ipc_helpers.h. docs/ipc-tests.md lists what each test asserts.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>


static const struct test_case tests[] = {
#ifndef __aarch64__ /* register-level tests with x86_64 assembly (raw_asm.S); aarch64: arm_fault_tests.c */
    TEST(syscall_yield),
    TEST(syscall_send),
    TEST(syscall_nbsend),
    TEST(syscall_reply),
    TEST(syscall_signal),
    TEST(syscall_call),
    TEST(syscall_call_blocked_registers),
    TEST(syscall_debug_putchar),
    TEST(syscall_recv),
    TEST(syscall_wait),
    TEST(syscall_reply_recv),
    TEST(syscall_nbrecv),
#endif
    TEST(syscall_with_mrs),
    TEST(ep_send_recv),
    TEST(ep_nbsend),
    TEST(ep_nbsend_invalid_cap),
    TEST(ep_nbrecv),
    TEST(ep_call_reply),
    TEST(ep_reply_recv_two_clients),
    TEST(ep_fifo_senders),
    TEST(ep_fifo_receivers),
    TEST(ep_badges),
    TEST(ep_long_messages),
    TEST(ep_reply_once),
    TEST(ep_save_caller),
    TEST(ep_recv_discards_reply),
    TEST(ep_priorities),
    TEST(ep_delete_queued),
    TEST(cancel_badged_sends),
    TEST(rights_send_needs_write),
    TEST(rights_recv_needs_read),
    TEST(rights_grant_for_caps),
    TEST(rights_call_needs_grant),
    TEST(rights_reply_grant),
    TEST(cap_transfer),
    TEST(cap_transfer_bad_extra_cap),
    TEST(ntfn_signal_wait),
    TEST(ntfn_coalesce),
    TEST(ntfn_poll),
    TEST(ntfn_fifo_waiters),
    TEST(ntfn_send_call),
    TEST(ntfn_bind_errors),
    TEST(bind_recv_endpoint),
    TEST(bind_wait_bound),
    TEST(bind_order),
    TEST(bind_exclusive),
#ifdef __aarch64__
    TEST(arm_fault_vm_data),
    TEST(arm_fault_vm_prefetch),
    TEST(arm_fault_user_exception),
    TEST(arm_fault_unknown_syscall),
    TEST(arm_fpu_state_kept_per_thread),
    TEST(arm_fpu_disabled_thread_faults),
    TEST(arm_syscall_keeps_registers),
    TEST(arm_syscall_receive_keeps_registers),
    TEST(arm_call_keeps_registers),
    TEST(arm_reply_recv_keeps_registers),
#else
    TEST(fault_cap_send_call),
    TEST(fault_cap_recv),
    TEST(fault_unknown_syscall),
    TEST(fault_user_exception),
    TEST(fault_vm),
    TEST(fault_no_handler),
    TEST(fault_handler_thread),
    TEST(fpu_disabled_thread_faults),
    TEST(fpu_state_kept_per_thread),
#endif
    TEST(seed_echo),
    TEST(seed_fault_handler),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "ipc_test");
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
