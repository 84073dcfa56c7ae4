/*
 * domains_test: the run-time domain schedule on a kernel with two domains (kernel-domains: boot
 * schedule {domain 0, 5 ticks}, {domain 1, 5 ticks}; sel4-facts 9.21). A thread of domain 1 does
 * not run while the schedule names only domain 0; DomainSet_ScheduleSetStart onto an entry of
 * domain 1 switches at once (the calling root task, of domain 0, is displaced before the call
 * returns); the checks that need a second domain. Output and framework: test.h.
 */
#include "helpers.h"
#include "test.h"

#include <sel4/sel4.h>

_Static_assert(CONFIG_NUM_DOMAINS == 2, "built for kernel-domains");

/* Runs in domain 1: records that it ran, then gives the CPU back to domain 0 at once. */
static void switch_back_fn(struct test_thread *t)
{
    t->counter = t->counter + 1;
    t->value = seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0);
}

static void test_domain_schedule_checks(void)
{
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 5, 2, 5), seL4_RangeError, 0, 1);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 5, 1, 0), seL4_InvalidArgument, 2);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 2), seL4_InvalidArgument, 0);
}

static void test_domain_schedule_switches(void)
{
    struct test_thread *t = thread_create(switch_back_fn, 100);
    REQUIRE(t, "no thread");
    REQUIRE_OK(seL4_DomainSet_Set(seL4_CapDomain, 1, t->tcb));
    /* only domain 0 from now on: entry 1 becomes an end marker */
    REQUIRE_OK(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 0, 0));
    REQUIRE(thread_start(t), "Resume failed");
    run_lower(50, 40); /* 20 ticks: domain 1 would have had two turns under the boot schedule */
    CHECK(t->counter == 0, "a thread of domain 1 ran while the schedule named only domain 0");
    /* entry 1 back to domain 1, made the start: the switch happens inside the call */
    REQUIRE_OK(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 1, 5));
    CHECK_OK(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 1));
    CHECK(t->counter == 1, "SetStart onto domain 1 did not switch before returning (counter %lu)", t->counter);
    CHECK(t->value == seL4_NoError, "the thread's SetStart(0) failed with %lu", t->value);
}

static const struct test_case tests[] = {
    TEST(domain_schedule_checks),
    TEST(domain_schedule_switches),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "domains_test");
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
