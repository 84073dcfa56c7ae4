/*
 * kernel_objects_test: the root task that runs the kernel object model tests (issue 3) in
 * QEMU, one at a time, and halts the machine. Output format and framework: test.h. The order
 * goes from the basic (Retype, CNode operations) to what builds on them (threads, the
 * scheduler) and ends with the randomised test.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>


static const struct test_case tests[] = {
    TEST(untyped_retype_objects),
    TEST(untyped_retype_destination),
    TEST(untyped_retype_errors),
    TEST(untyped_retype_device),
    TEST(untyped_watermark),
    TEST(untyped_copy_rules),
    TEST(cnode_copy),
    TEST(cnode_lookup_errors),
    TEST(cnode_delete),
    TEST(cnode_mint),
    TEST(cnode_mint_guard),
    TEST(cnode_move),
    TEST(cnode_mutate),
    TEST(cnode_rotate),
    TEST(cnode_revoke),
    TEST(cnode_save_caller),
    TEST(cnode_cancel_badged_sends),
    TEST(cspace_64_levels),
    TEST(thread_create_start),
    TEST(tcb_configure),
    TEST(tcb_set_ipc_buffer),
    TEST(tcb_priorities),
    TEST(tcb_registers),
    TEST(tcb_suspend_resume),
    TEST(tcb_delete_last_cap),
    TEST(cnode_delete_contents),
    TEST(sched_priority_order),
    TEST(sched_resume_order),
    TEST(sched_yield_alternates),
    TEST(sched_round_robin),
    TEST(sched_preemption),
    TEST(sched_preempted_to_head),
    TEST(domain_set),
    TEST(domain_running_thread),
    TEST(domain_schedule),
    TEST_PROJECT_ONLY(debug_cap_describe, "seL4_DebugCapDescribe is a system call of ours only"),
    TEST(random_invocations),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "kernel_objects_test");
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
