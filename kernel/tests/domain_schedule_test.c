/* Unit tests of the run-time domain schedule (kernel/src/kernel/domain_schedule.c, sel4-facts
 * 9.21): DomainSet_ScheduleConfigure and _ScheduleSetStart on the domain cap, their checks in
 * order, and the walk from the start index to an end marker or the table's end. Built twice:
 * with one domain (the default kernel) and with two ({0, 5 ticks}, {1, 5 ticks}, as
 * kernel-domains), where the cases that need a second domain run too. */
#include "core_fixture.h"
#include <kernel/domain_schedule.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

static fixture_t *f;
static const cptr_t domain_cap = seL4_CapDomain;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

static word_t configure(word_t index, word_t domain, word_t duration)
{
    word_t mrs[] = { index, domain, duration };
    return fixture_invoke(f, domain_cap, DomainScheduleConfigure, mrs, 3, NULL, 0);
}

static word_t set_start(word_t index)
{
    word_t mrs[] = { index };
    return fixture_invoke(f, domain_cap, DomainScheduleSetStart, mrs, 1, NULL, 0);
}

/* The last index Configure may write; SetStart also takes the one after it, the permanent end
 * marker. */
#define LAST (CONFIG_NUM_DOMAIN_SCHEDULES - 1)

static void configure_checks_in_order(void **state)
{
    (void)state;
    word_t two[] = { 0, 0 };
    assert_int_equal(fixture_invoke(f, domain_cap, DomainScheduleConfigure, two, 2, NULL, 0), seL4_TruncatedMessage);
    assert_int_equal(configure(LAST + 1, CONFIG_NUM_DOMAINS, 0), seL4_RangeError); /* index first */
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    assert_int_equal(fixture_reply_mr(f, 1), LAST);
    assert_int_equal(configure(0, CONFIG_NUM_DOMAINS, 5), seL4_RangeError); /* then the domain */
    assert_int_equal(fixture_reply_mr(f, 1), CONFIG_NUM_DOMAINS - 1);
    assert_int_equal(configure(0, 0, 0), seL4_InvalidArgument); /* the start entry as end marker */
    assert_int_equal(fixture_reply_mr(f, 0), 2);
    assert_int_equal(configure(0, 0, DOMAIN_DURATION_MAX + 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 2);
    assert_int_equal(configure(LAST, 0, DOMAIN_DURATION_MAX), seL4_NoError);
}

static void set_start_checks(void **state)
{
    (void)state;
    assert_int_equal(fixture_invoke(f, domain_cap, DomainScheduleSetStart, NULL, 0, NULL, 0), seL4_TruncatedMessage);
    assert_int_equal(set_start(LAST + 2), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 1), LAST + 1);
    assert_int_equal(set_start(LAST + 1), seL4_InvalidArgument); /* the permanent end marker */
    assert_int_equal(fixture_reply_mr(f, 0), 0);
}

static void the_boot_schedule_starts_at_entry_0(void **state)
{
    (void)state;
    assert_int_equal(ksCurDomain, 0);
#if CONFIG_NUM_DOMAINS == 1
    assert_int_equal(ksDomainTime, DOMAIN_DURATION_MAX); /* seL4's default: domain 0, longest */
#else
    assert_int_equal(ksDomainTime, 5);
#endif
}

static void set_start_runs_the_entry_at_once_and_the_walk_wraps_to_it(void **state)
{
    (void)state;
    assert_int_equal(configure(0, 0, 7), seL4_NoError);
    assert_int_equal(ksDomainTime, CONFIG_NUM_DOMAINS == 1 ? DOMAIN_DURATION_MAX : 5); /* applies later */
    assert_int_equal(set_start(0), seL4_NoError);
    assert_int_equal(ksDomainTime, 7);
    assert_int_equal(configure(0, 0, 11), seL4_NoError);
    assert_int_equal(ksDomainTime, 7);
#if CONFIG_NUM_DOMAIN_SCHEDULES == 1
    domain_schedule_next(); /* the permanent end marker: back to the start */
    assert_int_equal(ksDomainTime, 11);
#endif
}

#if CONFIG_NUM_DOMAIN_SCHEDULES > 5
static void the_walk_wraps_at_an_end_marker_and_at_the_end_of_the_table(void **state)
{
    (void)state;
    assert_int_equal(configure(3, 0, 7), seL4_NoError);
    assert_int_equal(configure(4, 0, 9), seL4_NoError);
    assert_int_equal(set_start(3), seL4_NoError);
    assert_int_equal(ksDomainTime, 7);
    domain_schedule_next();
    assert_int_equal(ksDomainTime, 9);
    domain_schedule_next(); /* entry 5 is an end marker: back to the start, 3 */
    assert_int_equal(ksDomainTime, 7);
    assert_int_equal(configure(LAST, 0, 3), seL4_NoError);
    assert_int_equal(set_start(LAST), seL4_NoError);
    domain_schedule_next(); /* past the last writable entry: the permanent end marker */
    assert_int_equal(ksDomainTime, 3);
}
#endif

#if CONFIG_NUM_DOMAINS > 1
static void an_end_marker_names_domain_0(void **state)
{
    (void)state;
    assert_int_equal(configure(5, 1, 0), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 2);
}

static void set_start_switches_the_domain(void **state)
{
    (void)state;
    assert_int_equal(set_start(1), seL4_NoError); /* the boot table's {1, 5} */
    assert_int_equal(ksCurDomain, 1);
    assert_int_equal(ksDomainTime, 5);
    assert_ptr_not_equal(ksCurThread, f->thread); /* the caller, in domain 0, waits its turn */
    domain_schedule_next(); /* entry 2 is an end marker: back to the start, 1 */
    assert_int_equal(ksCurDomain, 1);
    fixture_become(f->thread); /* to invoke again */
    assert_int_equal(configure(2, 0, 6), seL4_NoError);
    domain_schedule_next();
    assert_int_equal(ksCurDomain, 0);
    assert_int_equal(ksDomainTime, 6);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_boot_schedule_starts_at_entry_0, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(configure_checks_in_order, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_start_checks, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_start_runs_the_entry_at_once_and_the_walk_wraps_to_it, setup,
                                        fixture_teardown),
#if CONFIG_NUM_DOMAIN_SCHEDULES > 5
        cmocka_unit_test_setup_teardown(the_walk_wraps_at_an_end_marker_and_at_the_end_of_the_table, setup,
                                        fixture_teardown),
#endif
#if CONFIG_NUM_DOMAINS > 1
        cmocka_unit_test_setup_teardown(an_end_marker_names_domain_0, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_start_switches_the_domain, setup, fixture_teardown),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
