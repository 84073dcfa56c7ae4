/* The MCS suite's tests (one function per table entry in main.c). */
#pragma once

void test_mcs_bootinfo(void);
void test_sc_retype(void);
void test_sc_configure_errors(void);
void test_sc_bind_errors(void);
void test_sc_unbind_rules(void);
void test_sc_resume_without_sc(void);
void test_sc_bind_starts_thread(void);
void test_sc_delete_running(void);
void test_ipc_recv_needs_reply(void);
void test_ipc_wait_call_inactive(void);
void test_ipc_passive_server(void);
void test_ipc_reply_returns_sc(void);
void test_ipc_send_to_passive(void);
void test_ipc_delete_reply_mid_call(void);
void test_ipc_delete_sc_mid_call(void);
void test_ipc_priority_queue(void);
void test_ipc_ntfn_sc(void);
void test_ipc_ntfn_priority_order(void);
void test_sched_round_robin(void);
void test_sched_periodic_budget(void);
void test_sched_yield_periodic(void);
void test_sched_yield_to(void);
void test_fault_timeout(void);
void test_fault_handler_cap(void);
