/*
 * The tests of kernel_objects_test, one function each, grouped by subject in the
 * *_tests.c files; main.c lists them in the order they run.
 */
#pragma once

/* untyped_tests.c */
void test_untyped_retype_objects(void);
void test_untyped_retype_destination(void);
void test_untyped_retype_errors(void);
void test_untyped_retype_device(void);
void test_untyped_watermark(void);
void test_untyped_copy_rules(void);

/* cnode_tests.c */
void test_cnode_copy(void);
void test_cnode_lookup_errors(void);
void test_cnode_delete(void);
void test_cnode_mint(void);
void test_cnode_mint_guard(void);
void test_cnode_move(void);
void test_cnode_mutate(void);
void test_cnode_rotate(void);
void test_cnode_revoke(void);
void test_cnode_save_caller(void);
void test_cnode_cancel_badged_sends(void);
void test_cnode_delete_contents(void);

/* cspace_tests.c */
void test_cspace_64_levels(void);

/* tcb_tests.c */
void test_thread_create_start(void);
void test_tcb_configure(void);
void test_tcb_set_ipc_buffer(void);
void test_tcb_priorities(void);
void test_tcb_registers(void);
void test_tcb_suspend_resume(void);
void test_tcb_delete_last_cap(void);

/* sched_tests.c */
void test_sched_priority_order(void);
void test_sched_resume_order(void);
void test_sched_yield_alternates(void);
void test_sched_round_robin(void);
void test_sched_preemption(void);
void test_sched_preempted_to_head(void);

/* domain_tests.c */
void test_domain_set(void);
void test_domain_running_thread(void);
void test_domain_schedule(void);

/* debug_tests.c */
void test_debug_cap_describe(void);

/* random_test.c */
void test_random_invocations(void);
