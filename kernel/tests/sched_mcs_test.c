/* Unit tests of the MCS scheduler's time keeping on the host architecture (kernel/src/kernel/
 * sched_mcs.c; sel4-mcs-facts 3.3, 4.4, 4.5): with the host clock (1 tick per µs) moved by hand,
 * a periodic thread that overruns waits in the release queue and comes back at its refill, a
 * round-robin thread goes to the tail with a fresh budget, a thread with a timeout handler
 * sends it a timeout fault instead, the programmed deadline is the earliest event, and the
 * sporadic flag decides when a woken thread's refills are brought up to date. */
#include "core_fixture.h"
#include <api/syscall.h>
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <object/reply.h>
#include <object/schedcontext.h>
#include <object/tcb.h>
#include <sel4/fault_types.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/syscall.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;
enum { EP = 100, REPLY = 101, A = 102, B = 103, SCA = 104, SCB = 105 };
enum { SC_SPORADIC = 1 }; /* seL4_SchedContext_Sporadic (libsel4 is user-only) */

static tcb_t *a, *b;

static void retype(word_t type, word_t bits, word_t slot)
{
    fixture_become(f->thread);
    word_t mrs[] = { type, bits, 0, 0, slot, 1 };
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
}

/* An SC in `slot` configured with budget/period (µs = ticks here), badge and flags, bound to t. */
static sched_context_t *give_sc_flags(tcb_t *t, word_t slot, word_t budget, word_t period, word_t badge,
                                      word_t flags)
{
    retype(seL4_SchedContextObject, 8, slot);
    word_t cfg[] = { budget, period, 0, badge, flags };
    cptr_t sc_cap = slot;
    assert_int_equal(fixture_invoke(f, FIXTURE_SCHED_CONTROL_SLOT, SchedControlConfigureFlags, cfg, 5, &sc_cap, 1),
                     seL4_NoError);
    sched_context_t *sc = sc_from_cap(fixture_slot(f, slot)->cap);
    schedContext_bindTCB(sc, t);
    return sc;
}

static sched_context_t *give_sc(tcb_t *t, word_t slot, word_t budget, word_t period, word_t badge)
{
    return give_sc_flags(t, slot, budget, period, badge, 0);
}

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    retype(seL4_EndpointObject, 0, EP);
    retype(seL4_ReplyObject, 0, REPLY);
    a = fixture_make_thread(f, A, 0x3f0000);
    b = fixture_make_thread(f, B, 0x3f1000);
    return 0;
}

/* t runs now: current, its SC the one being charged, the deadline programmed. */
static void run(tcb_t *t)
{
    fixture_become(t);
    switchSchedContext();
}

static void syscall_now(tcb_t *t, long number, cptr_t cap, cptr_t r12)
{
    setRegister(t, REG_CAP, cap);
    setRegister(t, REG_R12, r12);
    setRegister(t, REG_MSGINFO, 0);
    handleSyscall(number);
}

static void overrun_waits_for_the_refill(void **state)
{
    (void)state;
    sched_context_t *sc = give_sc(a, SCA, 1000, 10000, 0);
    run(a);
    ticks_t start = host_time;
    assert_int_equal(host_deadline, start + 1000); /* the end of its budget */
    host_time += 1500; /* it ran 500 past its budget (e.g. the deadline was late) */
    syscall_now(a, seL4_SysYield, 0, 0);
    assert_true(a->in_release_queue);
    assert_int_equal(a->state, ThreadState_Restart); /* the syscall runs again later */
    assert_int_equal(refill_head(sc)->rTime, start + 10000 + 500);
    assert_ptr_equal(ksCurThread, f->thread);
    /* the root thread's round-robin budget ends before the release */
    assert_int_equal(host_deadline, host_time + 5000);
    /* at the release time the next kernel entry wakes it */
    host_time = start + 10500;
    syscall_now(f->thread, seL4_SysYield, 0, 0);
    assert_false(a->in_release_queue);
    assert_true(isSchedulable(a));
    assert_int_equal(refill_head(sc)->rAmount, 1000);
}

static void round_robin_goes_to_the_tail_with_a_fresh_budget(void **state)
{
    (void)state;
    sched_context_t *sca = give_sc(a, SCA, 1000, 1000, 0);
    give_sc(b, SCB, 1000, 1000, 0);
    f->thread->priority = 50; /* below a and b */
    tcbSchedAppend(b);
    run(a);
    host_time += 1000;
    syscall_now(a, seL4_SysYield, 0, 0);
    assert_ptr_equal(ksCurThread, b);
    assert_false(a->in_release_queue);
    assert_true(tcbIsQueued(a));
    assert_int_equal(refill_head(sca)->rAmount, 1000);
    assert_int_equal(sca->consumed, 1000);
}

static void overrun_with_a_timeout_handler_sends_a_timeout_fault(void **state)
{
    (void)state;
    give_sc(a, SCA, 1000, 10000, 0x77);
    a->ctes[tcbTimeoutHandler].cap = fixture_slot(f, EP)->cap;
    /* the root thread waits for the fault with a reply object */
    fixture_become(f->thread);
    syscall_now(f->thread, seL4_SysRecv, EP, REPLY);
    assert_int_equal(f->thread->state, ThreadState_BlockedOnReceive);
    run(a);
    host_time += 1000;
    syscall_now(a, seL4_SysYield, 0, 0);
    assert_int_equal(a->state, ThreadState_BlockedOnReply);
    assert_ptr_not_equal(a->sc, NULL); /* a timeout fault never donates */
    seL4_MessageInfo_t info = { { getRegister(f->thread, REG_MSGINFO) } };
    assert_int_equal(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout);
    assert_int_equal(seL4_MessageInfo_get_length(info), seL4_Timeout_Length);
    assert_int_equal(getRegister(f->thread, REG_R10), 0x77);  /* MR0: the SC's badge */
    assert_int_equal(getRegister(f->thread, REG_R8), 1000);   /* MR1: µs consumed */
    assert_ptr_equal(ksCurThread, f->thread);
}

static void yield_on_a_periodic_sc_waits_for_the_next_period(void **state)
{
    (void)state;
    sched_context_t *sc = give_sc(a, SCA, 1000, 10000, 0);
    run(a);
    ticks_t start = host_time;
    host_time += 100;
    syscall_now(a, seL4_SysYield, 0, 0);
    assert_true(a->in_release_queue);
    assert_int_equal(sc->consumed, 100); /* only the time actually used */
    assert_false(refill_ready(sc, start + 9999));
    assert_true(refill_ready(sc, start + 10000));
}

/* a (periodic SC with `flags`) runs 100 µs, blocks on the endpoint, and the root thread, of
 * higher priority so that it keeps running, wakes it 3 ms later with a Send; returns a's SC and
 * the wake-up time. */
static sched_context_t *block_and_wake(word_t flags, ticks_t *woken)
{
    sched_context_t *sc = give_sc_flags(a, SCA, 1000, 10000, 0, flags);
    run(a);
    host_time += 100;
    syscall_now(a, seL4_SysRecv, EP, REPLY);
    assert_int_equal(a->state, ThreadState_BlockedOnReceive);
    assert_ptr_equal(ksCurThread, f->thread);
    switchSchedContext();
    a->priority = 100;
    f->thread->priority = 200;
    host_time += 3000;
    *woken = host_time;
    syscall_now(f->thread, seL4_SysSend, EP, 0);
    assert_true(isSchedulable(a));
    assert_ptr_equal(ksCurThread, f->thread);
    return sc;
}

/* seL4_SchedContext_Sporadic (sel4-mcs-facts 4.4): when its thread unblocks, a due head refill
 * starts at the wake-up, so its budget counts from there (sporadic-server rule). */
static void sporadic_sc_starts_its_head_refill_at_the_wakeup(void **state)
{
    (void)state;
    ticks_t woken;
    sched_context_t *sc = block_and_wake(SC_SPORADIC, &woken);
    assert_int_equal(refill_head(sc)->rTime, woken);
    assert_int_equal(refill_head(sc)->rAmount, 900);
}

/* Without the flag (constant bandwidth) the wake-up leaves the head refill where it was; the
 * adjustment waits for the switch to the SC. */
static void constant_bandwidth_sc_adjusts_only_at_the_switch(void **state)
{
    (void)state;
    ticks_t woken;
    sched_context_t *sc = block_and_wake(0, &woken);
    assert_true(refill_head(sc)->rTime < woken);
    /* 500 µs later the root thread drops below a and yields: the kernel switches to a */
    host_time += 500;
    f->thread->priority = 50;
    syscall_now(f->thread, seL4_SysYield, 0, 0);
    assert_ptr_equal(ksCurThread, a);
    assert_int_equal(refill_head(sc)->rTime, woken + 500);
    assert_int_equal(refill_head(sc)->rAmount, 900);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fixture_teardown)
int main(void)
{
    const struct CMUnitTest tests[] = {
        T(overrun_waits_for_the_refill),
        T(round_robin_goes_to_the_tail_with_a_fresh_budget),
        T(overrun_with_a_timeout_handler_sends_a_timeout_fault),
        T(yield_on_a_periodic_sc_waits_for_the_next_period),
        T(sporadic_sc_starts_its_head_refill_at_the_wakeup),
        T(constant_bandwidth_sc_adjusts_only_at_the_switch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
