/* Unit tests of the scheduler in kernel/src/kernel/thread.c and the TCB invocations that drive
 * it (sel4-facts 2.7, 2.8, 9.6, 9.7): priorities against the MCP, Resume to the head of the
 * queue, preemption by a higher priority, round robin by timeslice, Suspend, registers. */
#include "core_fixture.h"
#include <kernel/thread.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

/* A new TCB in root slot `slot` with priority prio (authority: the root thread, MCP 255). */
static tcb_t *new_thread(word_t slot, word_t prio)
{
    word_t mrs[] = { seL4_TCBObject, 0, 0, 0, slot, 1 };
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
    cptr_t auth = seL4_CapInitThreadTCB;
    word_t p[] = { prio };
    assert_int_equal(fixture_invoke(f, slot, TCBSetPriority, p, 1, &auth, 1), seL4_NoError);
    return tcb_from_cap(fixture_slot(f, slot)->cap);
}

static word_t invoke0(cptr_t tcb, word_t label)
{
    return fixture_invoke(f, tcb, label, NULL, 0, NULL, 0);
}

static void priorities_are_checked_against_the_authority_mcp(void **state)
{
    (void)state;
    tcb_t *t = new_thread(100, 10);
    assert_int_equal(t->priority, 10);
    cptr_t auth = 100; /* the new thread: MCP 0 */
    word_t p[] = { 1 };
    assert_int_equal(fixture_invoke(f, 100, TCBSetPriority, p, 1, &auth, 1), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    assert_int_equal(fixture_reply_mr(f, 1), 0);
    cptr_t root_tcb = seL4_CapInitThreadTCB;
    word_t both[] = { 50, 256 }; /* MCP fine, priority above 255 */
    assert_int_equal(fixture_invoke(f, 100, TCBSetSchedParams, both, 2, &root_tcb, 1), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 1), 255);
    assert_int_equal(t->mcp, 0); /* nothing changed */
    word_t ok[] = { 50, 40 };
    assert_int_equal(fixture_invoke(f, 100, TCBSetSchedParams, ok, 2, &root_tcb, 1), seL4_NoError);
    assert_int_equal(t->mcp, 50);
    assert_int_equal(t->priority, 40);
    assert_int_equal(fixture_invoke(f, 100, TCBSetPriority, p, 1, &root, 1), seL4_InvalidCapability);
    assert_int_equal(fixture_reply_mr(f, 0), 1);
}

static void resume_of_a_lower_priority_thread_queues_it_at_the_head(void **state)
{
    (void)state;
    tcb_t *a = new_thread(100, 10), *b = new_thread(101, 10);
    assert_int_equal(invoke0(100, TCBResume), seL4_NoError);
    assert_int_equal(invoke0(101, TCBResume), seL4_NoError);
    assert_ptr_equal(ksCurThread, f->thread); /* lower priority: the caller keeps running */
    assert_int_equal(a->state, ThreadState_Restart);
    /* The root thread stops: the one resumed last runs first (sel4-facts 9.7). */
    invoke0(seL4_CapInitThreadTCB, TCBSuspend); /* no reply: the caller is suspended */
    assert_ptr_equal(ksCurThread, b);
}

static void a_higher_priority_thread_preempts_at_once(void **state)
{
    (void)state;
    f->thread->priority = 100;
    tcb_t *hi = new_thread(100, 200);
    invoke0(100, TCBResume);
    assert_ptr_equal(ksCurThread, hi);
    assert_true(tcbIsQueued(f->thread)); /* preempted: back at the head of its queue */
}

static void equal_priorities_share_by_timeslice(void **state)
{
    (void)state;
    f->thread->priority = 10;
    tcb_t *b = new_thread(100, 10);
    invoke0(100, TCBResume);
    assert_ptr_equal(ksCurThread, f->thread); /* equal priority: no preemption */
    for (word_t i = 0; i < CONFIG_TIME_SLICE - 1; i++) {
        timerTick();
        schedule();
        assert_ptr_equal(ksCurThread, f->thread);
    }
    timerTick();
    schedule();
    activateThread();
    assert_ptr_equal(ksCurThread, b);
    assert_int_equal(b->state, ThreadState_Running);
}

static void yield_goes_to_the_tail(void **state)
{
    (void)state;
    f->thread->priority = 10;
    tcb_t *b = new_thread(100, 10);
    invoke0(100, TCBResume);
    fixture_syscall(f, -7 /* seL4_SysYield */, 0, 0);
    assert_ptr_equal(ksCurThread, b);
}

static void registers_round_trip_and_self_is_refused(void **state)
{
    (void)state;
    new_thread(100, 10);
    word_t w[2 + 20] = { 0, 20 };
    for (word_t i = 0; i < 20; i++) {
        w[2 + i] = 0x1000 + i;
    }
    assert_int_equal(fixture_invoke(f, 100, TCBWriteRegisters, w, 22, NULL, 0), seL4_NoError);
    word_t r[] = { 0, 20 };
    assert_int_equal(fixture_invoke(f, 100, TCBReadRegisters, r, 2, NULL, 0), seL4_NoError);
    for (word_t i = 0; i < 20; i++) {
        assert_int_equal(fixture_reply_mr(f, i), 0x1000 + i);
    }
    word_t bad[] = { 0, 21 };
    assert_int_equal(fixture_invoke(f, 100, TCBReadRegisters, bad, 2, NULL, 0), seL4_RangeError);
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadTCB, TCBReadRegisters, r, 2, NULL, 0), seL4_IllegalOperation);
    word_t short_write[] = { 0, 5, 1, 2 };
    assert_int_equal(fixture_invoke(f, 100, TCBWriteRegisters, short_write, 4, NULL, 0), seL4_TruncatedMessage);
}

static void configure_with_a_null_cspace_is_illegal(void **state)
{
    (void)state;
    new_thread(100, 10);
    word_t mrs[] = { 0, 0, 0, 0 };
    cptr_t caps[] = { 300 /* empty */, seL4_CapInitThreadVSpace, seL4_CapInitThreadIPCBuffer };
    assert_int_equal(fixture_invoke(f, 100, TCBConfigure, mrs, 4, caps, 3), seL4_IllegalOperation);
    word_t unaligned[] = { 0, 0, 0, FIXTURE_IPCBUF_VADDR + 8 };
    caps[0] = root;
    assert_int_equal(fixture_invoke(f, 100, TCBConfigure, unaligned, 4, caps, 3), seL4_AlignmentError);
}

static void domain_set_checks_its_arguments(void **state)
{
    (void)state;
    new_thread(100, 10);
    cptr_t tcb = 100, not_tcb = root;
    word_t bad[] = { CONFIG_NUM_DOMAINS };
    assert_int_equal(fixture_invoke(f, seL4_CapDomain, DomainSetSet, bad, 1, &tcb, 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    word_t ok[] = { 0 };
    assert_int_equal(fixture_invoke(f, seL4_CapDomain, DomainSetSet, ok, 1, &not_tcb, 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 1);
    assert_int_equal(fixture_invoke(f, seL4_CapDomain, DomainSetSet, ok, 1, &tcb, 1), seL4_NoError);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(priorities_are_checked_against_the_authority_mcp),
        T(resume_of_a_lower_priority_thread_queues_it_at_the_head),
        T(a_higher_priority_thread_preempts_at_once),
        T(equal_priorities_share_by_timeslice),
        T(yield_goes_to_the_tail),
        T(registers_round_trip_and_self_is_refused),
        T(configure_with_a_null_cspace_is_illegal),
        T(domain_set_checks_its_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
