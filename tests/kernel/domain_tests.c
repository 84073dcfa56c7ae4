/*
 * DomainSet_Set (sel4-facts 2.8, sel4test DOMAINS0001-0004) with CONFIG_NUM_DOMAINS = 1:
 * success on a new and on a running thread, a domain out of range (InvalidArgument 0), a
 * non-TCB thread argument (InvalidArgument 1), a non-domain cap, wrong labels, short messages;
 * and the run-time domain schedule (DomainSet_ScheduleConfigure, _ScheduleSetStart).
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

void test_domain_set(void)
{
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr empty = alloc_slot();
    REQUIRE(t && ep, "no objects");
    /* DOMAINS0001 */
    CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS - 1, t));
    CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadTCB));
    /* DOMAINS0002: domain >= CONFIG_NUM_DOMAINS */
    CHECK_ERROR_MRS(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS, t), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS + 10, t), seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_DomainSet_Set(seL4_CapDomain, 255, t), seL4_InvalidArgument, 0);
    /* the thread argument must be a TCB cap */
    CHECK_ERROR_MRS(seL4_DomainSet_Set(seL4_CapDomain, 0, ep), seL4_InvalidArgument, 1);
    CHECK_ERROR_MRS(seL4_DomainSet_Set(seL4_CapDomain, 0, empty), seL4_InvalidArgument, 1);
    /* DOMAINS0003: the invoked cap must be the domain cap (a TCB does not know the label) */
    CHECK_ERROR(seL4_DomainSet_Set(t, 0, t), seL4_IllegalOperation);
    CHECK_ERROR(seL4_DomainSet_Set(ROOT_CNODE, 0, t), seL4_IllegalOperation);
    CHECK_ERROR_MRS(seL4_DomainSet_Set(empty, 0, t), seL4_InvalidCapability, 0);
    /* another label on the domain cap */
    seL4_SetCap(0, t);
    CHECK_ERROR(raw_invoke(seL4_CapDomain, TCBSuspend, 1, 1, 0, 0, 0, 0), seL4_IllegalOperation);
    /* short messages: no domain word, no thread cap */
    seL4_SetCap(0, t);
    CHECK_ERROR(raw_invoke(seL4_CapDomain, DomainSetSet, 1, 0, 0, 0, 0, 0), seL4_TruncatedMessage);
    CHECK_ERROR(raw_invoke(seL4_CapDomain, DomainSetSet, 0, 1, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* a copy of the domain cap works too */
    seL4_CPtr dom = copy_cap(seL4_CapDomain);
    REQUIRE(dom, "the domain cap cannot be copied");
    CHECK(cap_type(dom) == CAP_DOMAIN, "the copy has cap type %d", cap_type(dom));
    CHECK_OK(seL4_DomainSet_Set(dom, 0, t));
}

/* DOMAINS0004 (one domain): a running thread moved to domain 0 keeps running. */
void test_domain_running_thread(void)
{
    struct test_thread *t = thread_create(count_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = deadline_ms(3000);
    t->arg[1] = 1;
    REQUIRE_OK(seL4_DomainSet_Set(seL4_CapDomain, 0, t->tcb));
    REQUIRE(thread_start(t), "Resume failed");
    run_lower(100, 20);
    REQUIRE(t->counter > 0, "the thread did not run");
    CHECK_OK(seL4_DomainSet_Set(seL4_CapDomain, 0, t->tcb));
    seL4_Word before = t->counter;
    run_lower(100, 20);
    CHECK(t->counter > before, "the thread stopped after DomainSet_Set to its own domain");
}

/* The run-time domain schedule (seL4 16.0.0, sel4-facts 9.21): the checks of
 * DomainSet_ScheduleConfigure (index, domain, duration) and _ScheduleSetStart (index) in order,
 * with the table's size from the configuration (seL4 with one domain: one writable entry, then a
 * permanent end marker that SetStart refuses), the start entry rewritten and restarted while a
 * thread keeps running, and the boot schedule restored (entry 0: domain 0, longest duration). */
void test_domain_schedule(void)
{
    const seL4_Word last = CONFIG_NUM_DOMAIN_SCHEDULES - 1, longest = (1ull << 56) - 1;
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, last + 1, 0, 5), seL4_RangeError, 0, last);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, CONFIG_NUM_DOMAINS, 5), seL4_RangeError, 0,
                    CONFIG_NUM_DOMAINS - 1);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 0), seL4_InvalidArgument, 2);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 1ull << 56), seL4_InvalidArgument, 2);
    CHECK_ERROR(raw_invoke(seL4_CapDomain, DomainScheduleConfigure, 0, 2, 0, 0, 0, 0), seL4_TruncatedMessage);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, last + 2), seL4_RangeError, 0, last + 1);
    CHECK_ERROR_MRS(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, last + 1), seL4_InvalidArgument, 0);
    CHECK_ERROR(raw_invoke(seL4_CapDomain, DomainScheduleSetStart, 0, 0, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* the schedule labels belong to the domain cap only */
    CHECK_ERROR(raw_invoke(ROOT_CNODE, DomainScheduleSetStart, 0, 1, 0, 0, 0, 0), seL4_IllegalOperation);

    struct test_thread *t = thread_create(count_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = deadline_ms(3000);
    t->arg[1] = 1;
    REQUIRE(thread_start(t), "Resume failed");
    /* entry 0 for 2 ticks, restarted at once: the walk comes back to it every 2 ticks */
    CHECK_OK(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 2));
    CHECK_OK(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0));
    run_lower(100, 20);
    seL4_Word before = t->counter;
    run_lower(100, 20);
    CHECK(t->counter > before, "a thread of domain 0 stopped running under the new schedule");
    CHECK_OK(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, longest));
    CHECK_OK(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0));
}
