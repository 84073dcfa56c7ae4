/*
 * mcs_domains_test: the domain schedule under MCS (sel4-mcs-facts 4.8) on kernel-mcs-domains,
 * whose two domains run 10 ms slots counted in TSC ticks. A spinner in domain 1 gets half the
 * CPU whatever its priority and budget, and its SC's refills keep their times while its domain
 * is not running.
 */
#include "mcs_helpers.h"

#include <sel4/sel4.h>

static void counting_fn(struct test_thread *t)
{
    for (;;) {
        t->counter++;
    }
}

/* A spinner of domain 1 at the root task's priority: 10 ms of every 20 ms are its domain's. */
static void test_domain_share(void)
{
    struct test_thread *s = thread_create(counting_fn, ROOT_PRIO);
    if (!s || !CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, 1, s->tcb))) {
        return;
    }
    (void)sc_consumed(s->sc);
    thread_start(s);
    uint64_t start = tsc_now();
    spin_us(200000);
    uint64_t wall_us = (tsc_now() - start) * 1000 / tsc_per_ms();
    CHECK_OK(seL4_TCB_Suspend(s->tcb));
    seL4_Time used = sc_consumed(s->sc);
    test_info("domain 1 spinner used %lu us of %lu us", (unsigned long)used, (unsigned long)wall_us);
    CHECK(used * 100 >= wall_us * 45 && used * 100 <= wall_us * 55, "domain 1 used %lu us of %lu us, want 50%%",
          (unsigned long)used, (unsigned long)wall_us);
}

/* A periodic spinner of domain 1 (1 ms every 10 ms) is held to its budget inside its slots. */
static void test_domain_budget(void)
{
    struct test_thread *s = thread_create(counting_fn, ROOT_PRIO);
    if (!s || !CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, 1, s->tcb)) ||
        !CHECK_OK(seL4_SchedControl_Configure(sched_control(), s->sc, 1000, 10000, 0, 0))) {
        return;
    }
    (void)sc_consumed(s->sc);
    thread_start(s);
    uint64_t start = tsc_now();
    spin_us(200000);
    uint64_t wall_us = (tsc_now() - start) * 1000 / tsc_per_ms();
    CHECK_OK(seL4_TCB_Suspend(s->tcb));
    seL4_Time used = sc_consumed(s->sc);
    test_info("periodic domain 1 spinner used %lu us of %lu us", (unsigned long)used, (unsigned long)wall_us);
    CHECK(used * 100 <= wall_us * 11, "domain 1 used %lu us of %lu us, want at most 10%%", (unsigned long)used,
          (unsigned long)wall_us);
    CHECK(used > 0, "the spinner never ran");
}

static const struct test_case tests[] = {
    TEST(domain_share),
    TEST(domain_budget),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "mcs_domains_test");
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
