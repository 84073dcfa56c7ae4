/* Unit tests of the refill bookkeeping of MCS scheduling contexts (kernel/src/kernel/sporadic.c;
 * sel4-mcs-facts 4.4): round robin, charging a sporadic server, exhaustion, the merges that keep
 * the buffer bounded, the unblock rule and reconfiguration. Time is 1 tick per µs, MIN_BUDGET 20. */
#include "core_fixture.h"
#include <kernel/sporadic.h>

/* An SC with room for `max` refills (static storage: the header plus 10 refills). */
static struct {
    sched_context_t sc;
    refill_t refills[10];
} store;
static sched_context_t *sc = &store.sc;

static int setup(void **state)
{
    (void)state;
    memset(&store, 0, sizeof(store));
    ksMinBudget = 20;
    return 0;
}

static refill_t nth(word_t i)
{
    return sc->refills[(sc->refillHead + i) % sc->refillMax];
}

static void round_robin_charges_then_restores_whole_budget(void **state)
{
    (void)state;
    refill_new(sc, 2, 1000, 0, 0);
    refill_budget_check(sc, 300, 300);
    assert_int_equal(refill_head(sc)->rAmount, 700);
    assert_int_equal(refill_tail(sc)->rAmount, 300);
    assert_true(refill_sufficient(sc, 600));
    assert_false(refill_sufficient(sc, 690)); /* 10 left is below the minimum */
    refill_budget_check(sc, 690, 990);
    /* exhausted: the whole budget is back at once (the thread goes to the tail of its queue) */
    assert_int_equal(refill_head(sc)->rAmount, 1000);
    assert_int_equal(refill_head(sc)->rTime, 990);
    assert_int_equal(refill_total(sc), 1000);
}

static void sporadic_charge_returns_one_period_later(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 10000, 0);
    refill_budget_check(sc, 300, 300);
    assert_int_equal(sc->refillCount, 2);
    assert_int_equal(nth(0).rTime, 300);
    assert_int_equal(nth(0).rAmount, 700);
    assert_int_equal(nth(1).rTime, 10000); /* the used 300 come back one period after they began */
    assert_int_equal(nth(1).rAmount, 300);
    assert_int_equal(refill_total(sc), 1000);
    assert_true(refill_ready(sc, 300));
}

static void exhaustion_moves_the_budget_to_the_next_period(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 10000, 0);
    refill_budget_check(sc, 1000, 1000);
    assert_int_equal(sc->refillCount, 1);
    assert_int_equal(refill_head(sc)->rTime, 10000);
    assert_int_equal(refill_head(sc)->rAmount, 1000);
    assert_false(refill_ready(sc, 9999));
    assert_true(refill_ready(sc, 10000));
}

static void overrun_delays_the_next_refill(void **state)
{
    (void)state;
    /* time spent in the kernel past the budget: the refill comes back that much later */
    refill_new(sc, 2, 1000, 10000, 0);
    refill_budget_check(sc, 1050, 1050);
    assert_int_equal(refill_head(sc)->rTime, 10050);
    assert_int_equal(refill_total(sc), 1000);
}

static void small_head_merges_into_the_next_refill(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 10000, 0);
    refill_budget_check(sc, 990, 990); /* 10 left: below the minimum */
    assert_int_equal(sc->refillCount, 1);
    assert_int_equal(refill_head(sc)->rTime, 10000);
    assert_int_equal(refill_head(sc)->rAmount, 1000);
}

static void full_buffer_merges_into_the_tail(void **state)
{
    (void)state;
    refill_new(sc, 3, 1000, 10000, 0);
    /* three separate charges with gaps: the third used chunk finds the buffer full */
    refill_budget_check(sc, 100, 100);
    refill_unblock_check(sc, 2000);  /* blocked and woken: the head starts at 2000 */
    refill_budget_check(sc, 100, 2100);
    assert_int_equal(sc->refillCount, 3);
    refill_unblock_check(sc, 5000);
    refill_budget_check(sc, 100, 5100);
    assert_int_equal(sc->refillCount, 3);
    /* the third chunk (due at 15000) is merged into the tail, which moves later, never earlier */
    refill_t tail = *refill_tail(sc);
    assert_int_equal(tail.rAmount, 200);
    assert_true(tail.rTime >= 12000);
    assert_int_equal(tail.rTime + tail.rAmount, 15100);
    assert_int_equal(refill_total(sc), 1000);
}

static void touching_refills_merge(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 10000, 0);
    refill_budget_check(sc, 100, 100); /* used [0,100) comes back at 10000 */
    refill_budget_check(sc, 100, 200); /* used [100,200) at 10100: touches the last, merged */
    assert_int_equal(sc->refillCount, 2);
    assert_int_equal(refill_tail(sc)->rTime, 10000);
    assert_int_equal(refill_tail(sc)->rAmount, 200);
}

static void unblock_starts_the_head_now_and_merges_overlaps(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 1000, 0); /* budget = period for the arithmetic, but sporadic */
    sc->period = 2000;
    sc->refillCount = 2;
    sc->refills[0] = (refill_t){ 100, 500 };
    sc->refills[1] = (refill_t){ 1200, 500 };
    refill_unblock_check(sc, 50); /* not due yet: nothing changes */
    assert_int_equal(refill_head(sc)->rTime, 100);
    refill_unblock_check(sc, 800); /* now [800, 1300) overlaps [1200, 1700): merged */
    assert_int_equal(sc->refillCount, 1);
    assert_int_equal(refill_head(sc)->rTime, 800);
    assert_int_equal(refill_head(sc)->rAmount, 1000);
}

static void update_keeps_what_is_available(void **state)
{
    (void)state;
    refill_new(sc, 4, 1000, 10000, 0);
    refill_budget_check(sc, 400, 400); /* 600 left now */
    refill_update(sc, 20000, 500, 4, 500);
    assert_int_equal(refill_head(sc)->rAmount, 500); /* trimmed to the new budget */
    assert_int_equal(refill_total(sc), 500);
    refill_update(sc, 20000, 2000, 4, 600);
    assert_int_equal(refill_head(sc)->rAmount, 500);
    assert_int_equal(refill_tail(sc)->rTime, 20600); /* the rest one new period later */
    assert_int_equal(refill_total(sc), 2000);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)
int main(void)
{
    const struct CMUnitTest tests[] = {
        T(round_robin_charges_then_restores_whole_budget),
        T(sporadic_charge_returns_one_period_later),
        T(exhaustion_moves_the_budget_to_the_next_period),
        T(overrun_delays_the_next_refill),
        T(small_head_merges_into_the_next_refill),
        T(full_buffer_merges_into_the_tail),
        T(touching_refills_merge),
        T(unblock_starts_the_head_now_and_merges_overlaps),
        T(update_keeps_what_is_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
