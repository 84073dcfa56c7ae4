/*
 * The tests of ipc_test, one function each, grouped by subject in the *_tests.c files; main.c
 * lists them in the order they run.
 */
#pragma once

/* ep_tests.c */
void test_ep_send_recv(void);
void test_ep_nbsend(void);
void test_ep_nbsend_invalid_cap(void);
void test_ep_nbrecv(void);
void test_ep_call_reply(void);
void test_ep_reply_recv_two_clients(void);
void test_ep_fifo_senders(void);
void test_ep_fifo_receivers(void);
void test_ep_badges(void);
void test_ep_long_messages(void);
void test_ep_reply_once(void);
void test_ep_save_caller(void);
void test_ep_recv_discards_reply(void);
void test_ep_priorities(void);
void test_ep_delete_queued(void);
void test_cancel_badged_sends(void);

/* rights_tests.c */
void test_rights_send_needs_write(void);
void test_rights_recv_needs_read(void);
void test_rights_grant_for_caps(void);
void test_rights_call_needs_grant(void);
void test_rights_reply_grant(void);

/* transfer_tests.c */
void test_cap_transfer(void);
void test_cap_transfer_bad_extra_cap(void);

/* ntfn_tests.c */
void test_ntfn_signal_wait(void);
void test_ntfn_coalesce(void);
void test_ntfn_poll(void);
void test_ntfn_fifo_waiters(void);
void test_ntfn_send_call(void);
void test_ntfn_bind_errors(void);
void test_bind_recv_endpoint(void);
void test_bind_wait_bound(void);
void test_bind_order(void);
void test_bind_exclusive(void);

/* fault_tests.c */
void test_fault_cap_send_call(void);
void test_fault_cap_recv(void);
void test_fault_unknown_syscall(void);
void test_fault_user_exception(void);
void test_fault_vm(void);
void test_fault_no_handler(void);
void test_fault_handler_thread(void);

/* fpu_tests.c */
void test_fpu_disabled_thread_faults(void);
void test_fpu_state_kept_per_thread(void);

/* regs_tests.c */
void test_syscall_yield(void);
void test_syscall_send(void);
void test_syscall_nbsend(void);
void test_syscall_reply(void);
void test_syscall_signal(void);
void test_syscall_call(void);
void test_syscall_call_blocked_registers(void);
void test_syscall_debug_putchar(void);
void test_syscall_recv(void);
void test_syscall_wait(void);
void test_syscall_reply_recv(void);
void test_syscall_nbrecv(void);
void test_syscall_with_mrs(void);

/* seed_tests.c */
void test_seed_echo(void);
void test_seed_fault_handler(void);

/* arm_fault_tests.c (aarch64 only) */
void test_arm_fault_vm_data(void);
void test_arm_fault_vm_prefetch(void);
void test_arm_fault_user_exception(void);
void test_arm_fault_unknown_syscall(void);
void test_arm_fpu_state_kept_per_thread(void);
void test_arm_syscall_keeps_registers(void);
void test_arm_syscall_receive_keeps_registers(void);
void test_arm_call_keeps_registers(void);
void test_arm_reply_recv_keeps_registers(void);
void test_arm_fpu_disabled_thread_faults(void);
