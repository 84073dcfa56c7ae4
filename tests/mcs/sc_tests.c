/*
 * Scheduling contexts and SchedControl (sel4-mcs-facts 2.1-2.4, 3.1; sel4test SCHED_CONTEXT
 * 0001-0007, SCHED0010): boot caps, Retype, ConfigureFlags' checks in order, Bind/Unbind/
 * UnbindObject and who can run without an SC.
 */
#include "mcs_helpers.h"
#include "tests.h"

enum { CAP_SCHED_CONTEXT = 22, CAP_SCHED_CONTROL = 24 };

void test_mcs_bootinfo(void)
{
    /* one core: SchedControl in slot 16, right after the fixed slots */
    CHECK_EQ(test_bi->schedcontrol.start, seL4_NumInitialCaps);
    CHECK_EQ(test_bi->schedcontrol.end, seL4_NumInitialCaps + 1);
    CHECK_EQ(test_bi->userImagePaging.start, test_bi->schedcontrol.end);
    CHECK_EQ(cap_type(seL4_CapInitThreadSC), CAP_SCHED_CONTEXT);
    CHECK_EQ(cap_type(sched_control()), CAP_SCHED_CONTROL);
    /* the root task runs on its SC: it has consumed time, and it cannot unbind itself */
    spin_us(200);
    CHECK(sc_consumed(seL4_CapInitThreadSC) >= 100, "the root SC recorded no time");
    CHECK_ERROR(seL4_SchedContext_Unbind(seL4_CapInitThreadSC), seL4_IllegalOperation);
    CHECK_ERROR(seL4_SchedContext_YieldTo(seL4_CapInitThreadSC).error, seL4_IllegalOperation);
}

void test_sc_retype(void)
{
    seL4_CPtr slot = alloc_slot();
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_SchedContextObject, 6, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_InvalidArgument, 1);
    seL4_CPtr sc = alloc_object(seL4_SchedContextObject, seL4_MinSchedContextBits);
    seL4_CPtr reply = make_reply();
    CHECK_EQ(cap_type(sc), CAP_SCHED_CONTEXT);
    CHECK_EQ(cap_type(reply), CAP_REPLY);
    /* reply caps can be copied under MCS */
    CHECK(copy_cap(reply) != 0, "copying a reply cap failed");
    /* a 2^7 SC holds no extra refills, 2^8 holds 8 */
    CHECK_ERROR_MRS(seL4_SchedControl_Configure(sched_control(), sc, 1000, 2000, 1, 0), seL4_RangeError, 0, 0);
    seL4_CPtr big = alloc_object(seL4_SchedContextObject, 8);
    CHECK_ERROR_MRS(seL4_SchedControl_Configure(sched_control(), big, 1000, 2000, 9, 0), seL4_RangeError, 0, 8);
    CHECK_OK(seL4_SchedControl_Configure(sched_control(), big, 1000, 2000, 8, 0));
}

void test_sc_configure_errors(void)
{
    seL4_CPtr sc = alloc_object(seL4_SchedContextObject, 8), ctl = sched_control();
    CHECK_OK(seL4_SchedControl_Configure(ctl, sc, 5000, 5000, 0, 0));
    /* times are checked before the cap's type */
    CHECK_ERROR_MRS(seL4_SchedControl_Configure(ctl, seL4_CapInitThreadTCB, 5000, 5000, 0, 0),
                    seL4_InvalidCapability, 1);
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, seL4_CapInitThreadTCB, 0, 5000, 0, 0), seL4_RangeError);
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, sc, 0, 5000, 0, 0), seL4_RangeError);
    CHECK_EQ(test_last_mr[0], 20);
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, sc, 5000, 0, 0, 0), seL4_RangeError);
    CHECK_ERROR_MRS(seL4_SchedControl_Configure(ctl, sc, 6000, 5000, 0, 0), seL4_RangeError, 20, 5000);
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, sc, 1, 5000, 0, 0), seL4_RangeError);
    CHECK_OK(seL4_SchedControl_Configure(ctl, sc, 20, 5000, 0, 0));
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, sc, 19, 5000, 0, 0), seL4_RangeError);
    CHECK_ERROR(seL4_SchedControl_Configure(ctl, sc, (seL4_Time)1 << 62, (seL4_Time)1 << 62, 0, 0),
                seL4_RangeError);
    /* missing cap, short message, wrong label */
    CHECK_ERROR(raw_invoke(ctl, SchedControlConfigureFlags, 0, 5, 5000, 5000, 0, 0), seL4_TruncatedMessage);
    seL4_SetCap(0, sc);
    CHECK_ERROR(raw_invoke(ctl, SchedControlConfigureFlags, 1, 4, 5000, 5000, 0, 0), seL4_TruncatedMessage);
    CHECK_ERROR(raw_invoke(ctl, SchedContextBind, 0, 0, 0, 0, 0, 0), seL4_IllegalOperation);
    CHECK_ERROR(raw_invoke(sc, SchedControlConfigureFlags, 0, 0, 0, 0, 0, 0), seL4_IllegalOperation);
    /* with the sporadic flag */
    CHECK_OK(seL4_SchedControl_ConfigureFlags(ctl, sc, 1000, 10000, 2, 7, seL4_SchedContext_Sporadic));
}

static void idle_fn(struct test_thread *t)
{
    (void)t;
}

void test_sc_bind_errors(void)
{
    struct test_thread *a = thread_create(idle_fn, 10);
    struct test_thread *b = thread_create(idle_fn, 10);
    if (!a || !b) {
        return;
    }
    seL4_CPtr sc = alloc_object(seL4_SchedContextObject, 8), ep = make_ep();
    seL4_CPtr n1 = make_ntfn(), n2 = make_ntfn();
    CHECK_OK(seL4_SchedControl_Configure(sched_control(), sc, 1000, 1000, 0, 0));
    CHECK_ERROR_MRS(seL4_SchedContext_Bind(sc, ep), seL4_InvalidCapability, 1);
    CHECK_ERROR(raw_invoke(sc, SchedContextBind, 0, 0, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* a has its own SC already */
    CHECK_ERROR(seL4_SchedContext_Bind(sc, a->tcb), seL4_IllegalOperation);
    CHECK_OK(seL4_SchedContext_Unbind(b->sc));
    CHECK_OK(seL4_SchedContext_Bind(sc, b->tcb));
    CHECK_ERROR(seL4_SchedContext_Bind(sc, b->tcb), seL4_IllegalOperation);
    /* a TCB and a notification at once (lazy rebind), but one notification only */
    CHECK_OK(seL4_SchedContext_Bind(sc, n1));
    CHECK_ERROR(seL4_SchedContext_Bind(sc, n2), seL4_IllegalOperation);
    CHECK_ERROR(seL4_SchedContext_Bind(a->sc, n1), seL4_IllegalOperation);
    CHECK_OK(seL4_SchedContext_UnbindObject(sc, b->tcb));
    CHECK_OK(seL4_SchedContext_UnbindObject(sc, n1));
    CHECK_ERROR_MRS(seL4_SchedContext_UnbindObject(sc, ep), seL4_InvalidCapability, 1);
    CHECK_ERROR(seL4_SchedContext_UnbindObject(sc, b->tcb), seL4_IllegalOperation);
    CHECK_ERROR(seL4_SchedContext_UnbindObject(sc, n1), seL4_IllegalOperation);
    CHECK_ERROR(seL4_SchedContext_UnbindObject(seL4_CapInitThreadSC, seL4_CapInitThreadTCB), seL4_IllegalOperation);
}

void test_sc_unbind_rules(void)
{
    struct test_thread *a = thread_create(idle_fn, 10);
    if (!a) {
        return;
    }
    /* SetSchedParams: a null SC unbinds; a different SC while bound is refused */
    seL4_CPtr other = make_sc(8, 1000, 1000, 0), ep = make_ep();
    CHECK_ERROR(seL4_TCB_SetSchedParams(a->tcb, seL4_CapInitThreadTCB, 10, 10, other, 0), seL4_IllegalOperation);
    CHECK_OK(seL4_TCB_SetSchedParams(a->tcb, seL4_CapInitThreadTCB, 10, 10, 0, 0));
    CHECK_OK(seL4_SchedContext_Bind(a->sc, a->tcb));
    CHECK_ERROR(seL4_TCB_SetSchedParams(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255, 255, 0, 0),
                seL4_IllegalOperation);
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(a->tcb, seL4_CapInitThreadTCB, 10, 10, ep, 0),
                    seL4_InvalidCapability, 2);
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(a->tcb, ep, 10, 10, 0, 0), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(a->tcb, seL4_CapInitThreadTCB, 10, 10, a->sc, other),
                    seL4_InvalidCapability, 3);
    CHECK_ERROR_MRS(seL4_TCB_SetTimeoutEndpoint(a->tcb, other), seL4_InvalidCapability, 1);
    CHECK_OK(seL4_TCB_SetTimeoutEndpoint(a->tcb, ep));
    CHECK_OK(seL4_TCB_SetTimeoutEndpoint(a->tcb, 0));
}

static void counting_fn(struct test_thread *t)
{
    for (;;) {
        t->counter++;
    }
}

void test_sc_resume_without_sc(void)
{
    /* SCHED0010: Resume succeeds but a thread without an SC, or with an unconfigured one, never runs */
    struct test_thread *a = thread_create(counting_fn, 100);
    struct test_thread *b = thread_create(counting_fn, 100);
    if (!a || !b || !make_passive(a)) {
        return;
    }
    seL4_CPtr raw = alloc_object(seL4_SchedContextObject, 8);
    CHECK_OK(seL4_SchedContext_Unbind(b->sc));
    CHECK_OK(seL4_SchedContext_Bind(raw, b->tcb));
    CHECK_OK(seL4_TCB_Resume(a->tcb));
    CHECK_OK(seL4_TCB_Resume(b->tcb));
    run_lower(10, 20);
    CHECK_EQ(a->started, 0);
    CHECK_EQ(b->started, 0);
}

void test_sc_bind_starts_thread(void)
{
    /* SCHED_CONTEXT_0007: resume then bind, and bind then resume, both start a thread */
    struct test_thread *a = thread_create(counting_fn, 100);
    struct test_thread *b = thread_create(counting_fn, 100);
    if (!a || !b || !limit_budget(a) || !limit_budget(b) || !make_passive(a) || !make_passive(b)) {
        return;
    }
    CHECK_OK(seL4_TCB_Resume(a->tcb));
    CHECK_OK(seL4_SchedContext_Bind(a->sc, a->tcb));
    CHECK_OK(seL4_SchedContext_Bind(b->sc, b->tcb));
    CHECK_OK(seL4_TCB_Resume(b->tcb));
    run_lower(10, 30);
    CHECK(a->counter > 0, "resume-then-bind did not run the thread");
    CHECK(b->counter > 0, "bind-then-resume did not run the thread");
}

void test_sc_delete_running(void)
{
    /* SCHED_CONTEXT_0005: deleting a running thread's SC stops it */
    struct test_thread *a = thread_create(counting_fn, 100);
    if (!a || !limit_budget(a) || !thread_start(a)) {
        return;
    }
    run_lower(10, 10);
    CHECK(a->counter > 0, "the thread did not run");
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, a->sc, ROOT_DEPTH));
    run_lower(10, 5);
    seL4_Word before = a->counter;
    run_lower(10, 20);
    CHECK_EQ(a->counter, before);
}
