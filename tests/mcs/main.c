/*
 * mcs_test: the root task of the MCS suite (tests/mcs/CMakeLists.txt), run on kernel-mcs. Same
 * framework and output as kernel_objects_test (tests/kernel/test.h).
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

static const struct test_case tests[] = {
    TEST(mcs_bootinfo),
    TEST(sc_retype),
    TEST(sc_configure_errors),
    TEST(sc_bind_errors),
    TEST(sc_unbind_rules),
    TEST(sc_resume_without_sc),
    TEST(sc_bind_starts_thread),
    TEST(sc_delete_running),
    TEST(ipc_recv_needs_reply),
    TEST(ipc_wait_call_inactive),
    TEST(ipc_passive_server),
    TEST(ipc_reply_returns_sc),
    TEST(ipc_send_to_passive),
    TEST(ipc_delete_reply_mid_call),
    TEST(ipc_delete_sc_mid_call),
    TEST(ipc_priority_queue),
    TEST(ipc_ntfn_sc),
    TEST(ipc_ntfn_priority_order),
    TEST(ipc_nbsendrecv_passive_start),
    TEST(ipc_passive_fault_handler),
    TEST(sched_round_robin),
    TEST(sched_periodic_budget),
    TEST(sched_yield_periodic),
    TEST(sched_yield_to),
    TEST(sched_accuracy),
    TEST(sched_resume_no_extra_budget),
    TEST(sc_reconfigure_running),
    TEST(fault_timeout),
    TEST(fault_handler_cap),
    TEST(fault_timeout_passive_server),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "mcs_test");
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
