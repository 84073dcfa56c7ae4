/*
 * The scheduler (sel4-facts 2.8, 6.13, 9.7; sel4test SCHED0000-0006, 0020): strict priority
 * order across the ready-queue bitmap's word boundaries, Resume and Yield queue positions,
 * round robin by timeslice observed through shared counters, immediate preemption by a
 * higher-priority thread made runnable (Resume, SetPriority, the current thread lowering
 * itself), and a preempted thread going back to the head of its queue.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

/* Priorities next to the 64-bit word boundaries of a two-level priority bitmap. */
static const seL4_Word order_prios[MAX_THREADS] = {64, 1, 254, 127, 192, 63, 128, 191};

/* Threads at eight priorities, all made runnable while the root task is above them, run from
 * the highest to the lowest once the root task drops to 0. */
void test_sched_priority_order(void)
{
    struct test_thread *ts[MAX_THREADS];
    for (int i = 0; i < MAX_THREADS; i++) {
        ts[i] = thread_create(log_fn, order_prios[i]);
        REQUIRE(ts[i], "no thread %d", i);
        ts[i]->arg[0] = order_prios[i];
    }
    for (int i = 0; i < MAX_THREADS; i++) {
        REQUIRE(thread_start(ts[i]), "Resume failed");
    }
    CHECK(order_len == 0, "%lu lower-priority threads ran before the root task lowered itself", order_len);
    REQUIRE(wait_done(ts, MAX_THREADS, 0, 3000), "not all threads finished (%lu logged)", order_len);
    REQUIRE(order_len == MAX_THREADS, "%lu threads logged", order_len);
    for (int i = 1; i < MAX_THREADS; i++) {
        CHECK(order_log[i - 1] > order_log[i], "run order: priority %lu ran before %lu (position %d)",
              order_log[i - 1], order_log[i], i);
    }
}

/* 9.7: of two equal-priority threads resumed in turn (neither preempting), the one resumed
 * last runs first (Resume puts a thread at the head of its queue). */
void test_sched_resume_order(void)
{
    struct test_thread *a = thread_create(log_fn, 100), *b = thread_create(log_fn, 100);
    REQUIRE(a && b, "no threads");
    a->arg[0] = 1;
    b->arg[0] = 2;
    REQUIRE(thread_start(a) && thread_start(b), "Resume failed");
    struct test_thread *ts[2] = {a, b};
    REQUIRE(wait_done(ts, 2, 50, 2000), "threads did not finish");
    REQUIRE(order_len == 2, "%lu entries logged", order_len);
    CHECK(order_log[0] == 2 && order_log[1] == 1, "run order %lu, %lu; expected the last resumed (2) first",
          order_log[0], order_log[1]);
}

/* Logs its id three times, yielding in between. */
static void yield_log_fn(struct test_thread *t)
{
    for (int i = 0; i < 3; i++) {
        order_append(t->arg[0]);
        seL4_Yield();
    }
}

/* Yield moves the caller to the tail of its queue: two equal-priority threads alternate. */
void test_sched_yield_alternates(void)
{
    struct test_thread *a = thread_create(yield_log_fn, 100), *b = thread_create(yield_log_fn, 100);
    REQUIRE(a && b, "no threads");
    a->arg[0] = 1;
    b->arg[0] = 2;
    REQUIRE(thread_start(a) && thread_start(b), "Resume failed");
    struct test_thread *ts[2] = {a, b};
    REQUIRE(wait_done(ts, 2, 50, 2000), "threads did not finish");
    REQUIRE(order_len == 6, "%lu entries logged", order_len);
    for (int i = 1; i < 6; i++) {
        CHECK(order_log[i] != order_log[i - 1], "thread %lu ran twice in a row after a Yield (position %d)",
              order_log[i], i);
    }
}

static volatile seL4_Word rr_last, rr_switches;
static volatile uint64_t rr_first_tsc, rr_last_tsc;

/* Busy-counts without yielding until the deadline in arg[0]; logs every switch to it. */
static void rr_fn(struct test_thread *t)
{
    while (1) {
        uint64_t now = tsc_now();
        if (now >= t->arg[0]) {
            break;
        }
        if (rr_last != t->arg[1]) {
            rr_last = t->arg[1];
            rr_switches = rr_switches + 1;
            if (rr_first_tsc == 0) {
                rr_first_tsc = now;
            }
            rr_last_tsc = now;
            order_append(t->arg[1]);
        }
        t->counter = t->counter + 1;
    }
}

/* Round robin (2.8): three busy threads of one priority all make progress, in FIFO turns of
 * one timeslice (5 ticks of 2 ms) each, while the root task waits below them. */
void test_sched_round_robin(void)
{
    struct test_thread *ts[3];
    rr_last = 0;
    rr_switches = 0;
    rr_first_tsc = rr_last_tsc = 0;
    for (int i = 0; i < 3; i++) {
        ts[i] = thread_create(rr_fn, 100);
        REQUIRE(ts[i], "no thread");
        ts[i]->arg[1] = (seL4_Word)i + 1;
    }
    uint64_t deadline = deadline_ms(400);
    for (int i = 0; i < 3; i++) {
        ts[i]->arg[0] = deadline;
        REQUIRE(thread_start(ts[i]), "Resume failed");
    }
    REQUIRE(wait_done(ts, 3, 50, 3000), "threads did not finish");
    for (int i = 0; i < 3; i++) {
        CHECK(ts[i]->counter > 0, "thread %d never ran in 400 ms (counters %lu %lu %lu): no round robin", i + 1,
              ts[0]->counter, ts[1]->counter, ts[2]->counter);
    }
    REQUIRE(rr_switches >= 6, "only %lu switches between three busy threads in 400 ms", rr_switches);
    /* FIFO turns: the switch sequence repeats with period 3 (the last turns are left out: at the
     * deadline each thread ends at its next turn without logging) */
    seL4_Word n = order_len;
    for (seL4_Word i = 3; i + 3 < n; i++) {
        CHECK(order_log[i] == order_log[i - 3], "turn %lu went to thread %lu, expected %lu (FIFO round robin)", i,
              order_log[i], order_log[i - 3]);
    }
    uint64_t slice_us = (rr_last_tsc - rr_first_tsc) * 1000 / tsc_per_ms() / (rr_switches - 1);
    test_info("%lu switches, average timeslice %lu us", rr_switches, (unsigned long)slice_us);
    CHECK(slice_us >= 4000 && slice_us <= 50000,
          "average timeslice %lu us; expected about %d ms (CONFIG_TIME_SLICE %d x CONFIG_TIMER_TICK_MS %d)",
          (unsigned long)slice_us, CONFIG_TIME_SLICE * CONFIG_TIMER_TICK_MS, CONFIG_TIME_SLICE, CONFIG_TIMER_TICK_MS);
}

static void mark_fn(struct test_thread *t)
{
    t->value = 1;
}

/* A higher-priority thread made runnable runs at once (SCHED0020, 2.8): by Resume, by
 * SetPriority raising it, and when the current thread lowers its own priority below it. An
 * equal-priority one does not, until the current thread yields. */
void test_sched_preemption(void)
{
    struct test_thread *h = thread_create(mark_fn, 200), *l = thread_create(mark_fn, 50);
    struct test_thread *m = thread_create(mark_fn, 80), *e = thread_create(mark_fn, 100);
    REQUIRE(h && l && m && e, "no threads");
    REQUIRE_OK(set_root_prio(100));
    /* Resume of a higher-priority thread: it has run when Resume returns */
    REQUIRE(thread_start(h), "Resume failed");
    CHECK(h->done, "a resumed priority-200 thread did not preempt the priority-100 caller");
    /* a lower one does not run; raising it above the caller does, at once */
    REQUIRE(thread_start(l), "Resume failed");
    CHECK(!l->started, "a priority-50 thread ran while the caller at 100 was runnable");
    CHECK_OK(seL4_TCB_SetPriority(l->tcb, seL4_CapInitThreadTCB, 150));
    CHECK(l->done, "raising a runnable thread above the caller did not preempt the caller");
    /* the caller lowering itself below a runnable thread */
    REQUIRE(thread_start(m), "Resume failed");
    CHECK(!m->started, "a priority-80 thread ran while the caller at 100 was runnable");
    CHECK_OK(set_root_prio(60));
    CHECK(m->done, "lowering the caller below a runnable thread did not switch to it");
    /* equal priority: no preemption; Yield lets it run */
    REQUIRE_OK(set_root_prio(100));
    REQUIRE(thread_start(e), "Resume failed");
    CHECK(!e->started, "an equal-priority thread preempted the caller on Resume");
    seL4_Yield();
    CHECK(e->done, "Yield did not run the equal-priority thread");
}

static struct test_thread *head_h;
static volatile seL4_Word head_armed;

/* The first of the two equal-priority threads to run wakes the high-priority one between its
 * two log entries. */
static void head_fn(struct test_thread *t)
{
    order_append(t->arg[0]);
    if (head_armed) {
        head_armed = 0;
        seL4_TCB_Resume(head_h->tcb);
    }
    order_append(t->arg[0]);
}

/* 6.13: a running thread displaced by a higher-priority wakeup goes back to the head of its
 * queue, so it continues before the other thread of its priority. */
void test_sched_preempted_to_head(void)
{
    struct test_thread *a = thread_create(head_fn, 100), *b = thread_create(head_fn, 100);
    head_h = thread_create(log_fn, 200);
    REQUIRE(a && b && head_h, "no threads");
    a->arg[0] = 1;
    b->arg[0] = 2;
    head_h->arg[0] = 9;
    head_armed = 1;
    REQUIRE(thread_start(a) && thread_start(b), "Resume failed");
    struct test_thread *ts[3] = {a, b, head_h};
    REQUIRE(wait_done(ts, 3, 50, 2000), "threads did not finish");
    REQUIRE(order_len == 5, "%lu entries logged", order_len);
    seL4_Word x = order_log[0];
    CHECK(order_log[1] == 9, "the woken priority-200 thread did not run at once (log %lu %lu %lu %lu %lu)",
          order_log[0], order_log[1], order_log[2], order_log[3], order_log[4]);
    CHECK(order_log[2] == x && order_log[3] != x && order_log[4] == order_log[3],
          "the preempted thread did not continue first (log %lu %lu %lu %lu %lu)", order_log[0], order_log[1],
          order_log[2], order_log[3], order_log[4]);
}
