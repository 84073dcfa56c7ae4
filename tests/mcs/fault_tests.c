/*
 * Faults under MCS (sel4-mcs-facts 2.3, 4.5, 4.6, 5; sel4test TIMEOUTFAULT0001, IPC0021): the
 * fault handler is a cap copied into the TCB; timeout faults with the SC's badge.
 */
#include "mcs_helpers.h"
#include "tests.h"

static volatile seL4_Word escaped;

/* Where a timeout reply sends the spinner: it records that it got here and spins on. */
static void escape_fn(void)
{
    escaped = 1;
    for (;;) {
    }
}

static void spinning_fn(struct test_thread *t)
{
    for (;;) {
        t->counter++;
    }
}

void test_fault_timeout(void)
{
    /* a 1 ms / 2 ms thread with a timeout endpoint: each overrun is a label-5 message of 2
     * words, the badge first; an empty label-0 reply resumes it */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *t = thread_create(spinning_fn, 100);
    if (!t || !CHECK_OK(seL4_SchedControl_Configure(sched_control(), t->sc, 1000, 2000, 0, 0x77)) ||
        !CHECK_OK(seL4_TCB_SetTimeoutEndpoint(t->tcb, ep))) {
        return;
    }
    thread_start(t);
    for (int i = 0; i < 10; i++) {
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
        seL4_Fault_t fault = seL4_getFault(info);
        if (!CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout) ||
            !CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_Timeout_Length) ||
            !CHECK_EQ(seL4_Fault_Timeout_get_data(fault), 0x77)) {
            break;
        }
        /* at most the budget plus kernel entry time (a fragmented refill may give less); exact
         * under -icount (tests/mcs/CMakeLists.txt) */
        seL4_Word used = seL4_GetMR(seL4_Timeout_Consumed);
        CHECK(used > 0 && used <= 1050, "consumed %lu us, want 1..1000", (unsigned long)used);
        seL4_UserContext none = {0};
        seL4_Send(reply, seL4_TimeoutReply_new(true, none, 0)); /* resume, registers unchanged */
    }
    /* one more fault, answered with a new instruction pointer (seL4_TimeoutReply_FaultIP) */
    escaped = 0;
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout);
    seL4_UserContext regs = {0};
    regs.rip = (seL4_Word)escape_fn;
    seL4_Send(reply, seL4_TimeoutReply_new(true, regs, 1));
    info = seL4_Recv(ep, &badge, reply); /* the next overrun happens in escape_fn */
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout);
    CHECK_EQ(escaped, 1);
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    CHECK(t->counter > 0, "the thread never ran");
}

/* An unmapped address, hidden from the compiler's bounds checks. */
static volatile uintptr_t bad_address = 0x10;

static void faulting_fn(struct test_thread *t)
{
    t->value = 1;
    *(volatile seL4_Word *)bad_address = 1;
}

void test_fault_handler_cap(void)
{
    /* the fault handler given to SetSchedParams (a cap of the invoker's CSpace) gets a VM fault,
     * label 6 under MCS */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    seL4_CPtr badged = alloc_slot();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, badged, ROOT_DEPTH, ROOT_CNODE, ep, ROOT_DEPTH, seL4_AllRights, 0x55));
    struct test_thread *t = thread_create_ex(faulting_fn, 100, badged);
    if (!t) {
        return;
    }
    thread_start(t);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_EQ(badge, 0x55);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10);
    CHECK_EQ(t->value, 1);
}

/* arg[0] ep, arg[1] reply: receives one call and spins on the caller's budget. */
static void stuck_server_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(t->arg[0], &badge, t->arg[1]);
    for (;;) {
        t->counter++;
    }
}

/* arg[0] ep: calls with MR0 = 1 and keeps the answer in value. */
static void caller_fn(struct test_thread *t)
{
    seL4_SetMR(0, 1);
    seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
    t->value = seL4_GetMR(0);
}

void test_fault_timeout_passive_server(void)
{
    /* TIMEOUTFAULT0002: a passive server runs out of its client's budget; its timeout handler
     * (the root task) gets the fault with the client SC's badge, answers the client through the
     * server's reply object (the SC goes back to the client), and leaves the server stopped */
    seL4_CPtr ep = make_ep(), sreply = make_reply(), tep = make_ep(), treply = make_reply();
    struct test_thread *s = thread_create(stuck_server_fn, 200);
    struct test_thread *c = thread_create(caller_fn, 100);
    if (!s || !c || !CHECK_OK(seL4_SchedControl_Configure(sched_control(), c->sc, 1000, 10000, 0, 0x33)) ||
        !CHECK_OK(seL4_TCB_SetTimeoutEndpoint(s->tcb, tep))) {
        return;
    }
    s->arg[0] = ep;
    s->arg[1] = sreply;
    c->arg[0] = ep;
    thread_start(s);
    run_lower(10, 2);
    if (!make_passive(s)) {
        return;
    }
    thread_start(c);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(tep, &badge, treply);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout);
    CHECK_EQ(seL4_GetMR(seL4_Timeout_Data), 0x33);
    CHECK(s->counter > 0, "the server did not run on the client's SC");
    seL4_SetMR(0, (seL4_Word)-1);
    seL4_Send(sreply, seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Send(treply, seL4_MessageInfo_new(1, 0, 0, 0)); /* label 1: the server stays stopped */
    run_lower(10, 30);
    CHECK_EQ(c->done, 1);
    CHECK_EQ(c->value, (seL4_Word)-1);
    /* the server holds no SC any more: a fresh one can be bound */
    CHECK_OK(seL4_SchedContext_Bind(make_sc(8, 1000, 1000, 0), s->tcb));
}
