/*
 * IPC under MCS (sel4-mcs-facts 1.2, 4.2, 4.3; sel4test IPC0011-0024, SCHED_CONTEXT_0008-0013,
 * SCHED0007/0008, BIND005/006): reply objects, donation to passive servers and the SC's way
 * back, deletion in the middle of a call, priority-ordered queues, notification SCs.
 */
#include "mcs_helpers.h"
#include "tests.h"

/* arg[0] endpoint, arg[1] reply object; counter = requests served; value = last MR0 + 1. */
static void echo_server(struct test_thread *t)
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge, t->arg[1]);
    for (;;) {
        t->counter++;
        seL4_Word v = seL4_GetMR(0);
        if (t->arg[2]) {
            spin_us((unsigned)t->arg[2]); /* work done on the caller's budget */
        }
        seL4_SetMR(0, v + 1);
        (void)info;
        info = seL4_ReplyRecv(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1), &badge, t->arg[1]);
    }
}

/* Starts an echo server and makes it passive once it waits in Recv. */
static struct test_thread *passive_server(seL4_CPtr ep, seL4_CPtr reply, seL4_Word prio, seL4_Word work_us)
{
    struct test_thread *s = thread_create(echo_server, prio);
    if (!s) {
        return NULL;
    }
    s->arg[0] = ep;
    s->arg[1] = reply;
    s->arg[2] = work_us;
    if (!thread_start(s)) {
        return NULL;
    }
    run_lower(prio > 1 ? prio - 1 : 0, 2); /* it runs to its Recv */
    return s->started && make_passive(s) ? s : NULL;
}

static seL4_Word call_echo(seL4_CPtr ep, seL4_Word v)
{
    seL4_SetMR(0, v);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    return seL4_GetMR(0);
}

void test_ipc_recv_needs_reply(void)
{
    /* a Recv on an endpoint with a null reply cap is a cap fault on that CPtr (receive phase) */
    seL4_CPtr ep = make_ep(), fault_ep = make_ep(), reply = make_reply();
    struct test_thread *t = thread_create_ex(echo_server, 100, fault_ep);
    if (!t) {
        return;
    }
    t->arg[0] = ep;
    t->arg[1] = 0;
    thread_start(t);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge, reply);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    CHECK_EQ(seL4_GetMR(seL4_CapFault_Addr), 0);
    CHECK_EQ(seL4_GetMR(seL4_CapFault_InRecvPhase), 1);
    CHECK_EQ(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_MissingCapability);
}

static void waiter_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Wait(t->arg[0], &badge);
    t->value = seL4_GetMR(0);
}

/* client_fn is below; declared here for the Wait test */
static void client_fn(struct test_thread *t);

void test_ipc_wait_call_inactive(void)
{
    /* a Call received by Wait (no reply object) delivers, and the caller stops (facts 4.2) */
    seL4_CPtr ep = make_ep();
    struct test_thread *w = thread_create(waiter_fn, 200);
    struct test_thread *c = thread_create(client_fn, 100);
    if (!w || !c) {
        return;
    }
    w->arg[0] = ep;
    c->arg[0] = ep;
    thread_start(w);
    thread_start(c);
    run_lower(10, 5);
    CHECK_EQ(w->value, 5);
    CHECK_EQ(w->done, 1);
    CHECK_EQ(c->done, 0);
}

void test_ipc_passive_server(void)
{
    /* IPC0011-0016: a passive server runs only on its callers' SCs, and on their budget */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *s = passive_server(ep, reply, 200, 2000);
    if (!s) {
        return;
    }
    (void)sc_consumed(seL4_CapInitThreadSC);
    (void)sc_consumed(s->sc);
    for (seL4_Word i = 0; i < 5; i++) {
        CHECK_EQ(call_echo(ep, i), i + 1);
    }
    CHECK_EQ(s->counter, 5);
    /* 5 requests of 2 ms each were charged to the caller's (the root task's) SC */
    seL4_Time used = sc_consumed(seL4_CapInitThreadSC);
    CHECK(used >= 9000, "the caller's SC was charged %lu us for 10 ms of server work", (unsigned long)used);
    CHECK_EQ(sc_consumed(s->sc), 0);
}

void test_ipc_reply_returns_sc(void)
{
    /* IPC0016: after the reply the server is passive again: an SC can be bound to it */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *s = passive_server(ep, reply, 200, 0);
    if (!s) {
        return;
    }
    CHECK_EQ(call_echo(ep, 7), 8);
    seL4_CPtr sc = make_sc(8, 1000, 1000, 0);
    CHECK_OK(seL4_SchedContext_Bind(sc, s->tcb));
    CHECK_OK(seL4_SchedContext_UnbindObject(sc, s->tcb));
    /* and the root task still runs on its own SC */
    CHECK_ERROR(seL4_SchedContext_Unbind(seL4_CapInitThreadSC), seL4_IllegalOperation);
}

void test_ipc_send_to_passive(void)
{
    /* IPC0017: a Send to a passive server delivers but the server does not run */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *s = passive_server(ep, reply, 200, 0);
    if (!s) {
        return;
    }
    seL4_SetMR(0, 1);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    run_lower(10, 5);
    CHECK_EQ(s->counter, 0);
    /* given an SC it runs, counts the message and blocks again */
    seL4_CPtr sc = make_sc(8, 1000, 1000, 0);
    CHECK_OK(seL4_SchedContext_Bind(sc, s->tcb));
    run_lower(10, 5);
    CHECK_EQ(s->counter, 1);
}

/* arg[0] ep: calls once with MR0 = 5, stores the answer in value. */
static void client_fn(struct test_thread *t)
{
    t->value = call_echo(t->arg[0], 5);
}

/* arg[0] ep, arg[1] reply: receives one call and then spins (never replies). */
static void stuck_server(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(t->arg[0], &badge, t->arg[1]);
    for (;;) {
        t->counter++;
    }
}

static struct test_thread *stuck_passive(seL4_CPtr ep, seL4_CPtr reply)
{
    struct test_thread *s = thread_create(stuck_server, 150);
    if (!s) {
        return NULL;
    }
    s->arg[0] = ep;
    s->arg[1] = reply;
    thread_start(s);
    run_lower(10, 2);
    return make_passive(s) ? s : NULL;
}

void test_ipc_delete_reply_mid_call(void)
{
    /* SCHED_CONTEXT_0009: deleting the server's reply object while it runs on the client's SC
     * stops the server and gives the SC back; the client is Inactive until resumed */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *s = stuck_passive(ep, reply);
    struct test_thread *c = thread_create(client_fn, 100);
    if (!s || !c) {
        return;
    }
    c->arg[0] = ep;
    /* a periodic client SC: the spinning server uses 1 ms in 10 and the root task the rest */
    CHECK_OK(seL4_SchedControl_Configure(sched_control(), c->sc, 1000, 10000, 0, 0));
    thread_start(c);
    run_lower(10, 5);
    CHECK(s->counter > 0, "the server did not run on the client's SC");
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, reply, ROOT_DEPTH));
    run_lower(10, 2);
    seL4_Word before = s->counter;
    run_lower(10, 10);
    CHECK_EQ(s->counter, before);
    CHECK_EQ(c->done, 0);
    /* the client has its SC again: binding another one is refused */
    seL4_CPtr sc = make_sc(8, 1000, 1000, 0);
    CHECK_ERROR(seL4_SchedContext_Bind(sc, c->tcb), seL4_IllegalOperation);
}

void test_ipc_delete_sc_mid_call(void)
{
    /* IPC0023 / SCHED_CONTEXT_0013: deleting the donated SC stops the server; the reply still
     * delivers but the client, without an SC, does not run until it gets one */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *s = stuck_passive(ep, reply);
    struct test_thread *c = thread_create(client_fn, 100);
    if (!s || !c) {
        return;
    }
    c->arg[0] = ep;
    CHECK_OK(seL4_SchedControl_Configure(sched_control(), c->sc, 1000, 10000, 0, 0));
    thread_start(c);
    run_lower(10, 5);
    CHECK(s->counter > 0, "the server did not run on the client's SC");
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c->sc, ROOT_DEPTH));
    run_lower(10, 2);
    seL4_Word before = s->counter;
    run_lower(10, 10);
    CHECK_EQ(s->counter, before);
    /* reply from the root task through the server's reply object */
    seL4_SetMR(0, 99);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 1));
    run_lower(10, 5);
    CHECK_EQ(c->done, 0);
    seL4_CPtr sc = make_sc(8, 1000, 1000, 0);
    CHECK_OK(seL4_SchedContext_Bind(sc, c->tcb));
    run_lower(10, 5);
    CHECK_EQ(c->done, 1);
    CHECK_EQ(c->value, 99);
}

/* arg[0] ep: sends its own index once (order of delivery). */
static void sender_fn(struct test_thread *t)
{
    seL4_SetMR(0, (seL4_Word)t->index);
    seL4_Send(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
}

void test_ipc_priority_queue(void)
{
    /* SCHED0007/0008: senders are received in priority order, and a priority change requeues */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *t[4];
    seL4_Word prios[4] = {50, 80, 60, 70};
    for (int i = 0; i < 4; i++) {
        t[i] = thread_create(sender_fn, prios[i]);
        if (!t[i]) {
            return;
        }
        t[i]->arg[0] = ep;
        thread_start(t[i]);
    }
    run_lower(10, 5);
    CHECK_OK(seL4_TCB_SetPriority(t[0]->tcb, seL4_CapInitThreadTCB, 90)); /* 50 -> 90: first */
    int want[4] = {0, 1, 3, 2};
    for (int i = 0; i < 4; i++) {
        seL4_Word badge;
        seL4_Recv(ep, &badge, reply);
        CHECK_EQ(seL4_GetMR(0), (seL4_Word)t[want[i]]->index);
    }
}

/* arg[0] notification: waits and counts signals forever. */
static void ntfn_waiter(struct test_thread *t)
{
    for (;;) {
        seL4_Word badge;
        seL4_Wait(t->arg[0], &badge);
        t->counter++;
    }
}

void test_ipc_ntfn_sc(void)
{
    /* INTERRUPT0002, BIND005/006: a passive waiter runs on its notification's SC and gives it
     * back when it waits again; with no SC anywhere it takes the signal but runs only once an
     * SC is bound to it */
    seL4_CPtr n = make_ntfn();
    struct test_thread *w = thread_create(ntfn_waiter, 150);
    if (!w) {
        return;
    }
    w->arg[0] = n;
    thread_start(w);
    run_lower(10, 2);
    if (!make_passive(w)) {
        return;
    }
    CHECK_OK(seL4_SchedContext_Bind(w->sc, n));
    seL4_Signal(n);
    run_lower(10, 5);
    CHECK_EQ(w->counter, 1);
    seL4_Signal(n);
    run_lower(10, 5);
    CHECK_EQ(w->counter, 2);
    /* the SC is the notification's again; without it the signal wakes but cannot run the thread */
    CHECK_OK(seL4_SchedContext_UnbindObject(w->sc, n));
    seL4_Signal(n);
    run_lower(10, 5);
    CHECK_EQ(w->counter, 2);
    seL4_CPtr sc = make_sc(8, 1000, 1000, 0);
    CHECK_OK(seL4_SchedContext_Bind(sc, w->tcb));
    run_lower(10, 5);
    CHECK_EQ(w->counter, 3);
}

static volatile seL4_Word wake_order;

/* arg[0] notification: waits once and records when it was woken. */
static void ordered_waiter(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Wait(t->arg[0], &badge);
    t->value = ++wake_order;
}

void test_ipc_ntfn_priority_order(void)
{
    /* notification waiters are woken highest priority first (sel4-mcs-facts 4.1) */
    seL4_CPtr n = make_ntfn();
    seL4_Word prios[3] = {50, 80, 60}, want[3] = {3, 1, 2};
    struct test_thread *t[3];
    wake_order = 0;
    for (int i = 0; i < 3; i++) {
        t[i] = thread_create(ordered_waiter, prios[i]);
        if (!t[i]) {
            return;
        }
        t[i]->arg[0] = n;
        thread_start(t[i]);
    }
    run_lower(10, 5);
    for (int i = 0; i < 3; i++) {
        seL4_Signal(n);
        run_lower(10, 3);
    }
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(t[i]->value, want[i]);
    }
}

/* arg[0] init endpoint, arg[1] service endpoint, arg[2] reply: tells the initialiser it is ready
 * with NBSendRecv (the sel4test start-up of a passive server), then serves echo requests. */
static void nbsendrecv_server(struct test_thread *t)
{
    seL4_Word badge;
    seL4_SetMR(0, 0xbeef);
    seL4_NBSendRecv(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1), t->arg[1], &badge, t->arg[2]);
    for (;;) {
        t->counter++;
        seL4_SetMR(0, seL4_GetMR(0) + 1);
        seL4_ReplyRecv(t->arg[1], seL4_MessageInfo_new(0, 0, 0, 1), &badge, t->arg[2]);
    }
}

void test_ipc_nbsendrecv_passive_start(void)
{
    /* facts 4.3: the server signals readiness while starting to receive; the initialiser, in
     * Wait on the init endpoint, then takes the server's SC away; calls still work */
    seL4_CPtr init = make_ep(), ep = make_ep(), reply = make_reply();
    struct test_thread *s = thread_create(nbsendrecv_server, 200);
    if (!s) {
        return;
    }
    s->arg[0] = init;
    s->arg[1] = ep;
    s->arg[2] = reply;
    thread_start(s);
    seL4_Word badge;
    seL4_Wait(init, &badge);
    CHECK_EQ(seL4_GetMR(0), 0xbeef);
    CHECK_OK(seL4_SchedContext_Unbind(s->sc));
    CHECK_EQ(call_echo(ep, 41), 42);
    CHECK_EQ(call_echo(ep, 1), 2);
    CHECK_EQ(s->counter, 2);
}

/* arg[0] fault endpoint, arg[1] reply: a passive fault handler that counts faults and resumes
 * the faulter past a 2-byte unknown syscall. */
static void fault_handler_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge, t->arg[1]);
    for (;;) {
        t->counter++;
        seL4_Word length = seL4_MessageInfo_get_length(info);
        seL4_SetMR(seL4_UnknownSyscall_FaultIP, seL4_GetMR(seL4_UnknownSyscall_FaultIP) + 2);
        info = seL4_ReplyRecv(t->arg[0], seL4_MessageInfo_new(0, 0, 0, length), &badge, t->arg[1]);
    }
}

/* Makes three unknown syscalls, each handled by its fault handler. */
static void unknown_syscalls(struct test_thread *t)
{
    for (int i = 0; i < 3; i++) {
        __asm__ volatile("mov %%rsp, %%rbx; syscall; mov %%rbx, %%rsp"
                         : : "d"((seL4_Word)-100) : "rbx", "rcx", "r11", "memory");
        t->counter++;
    }
}

void test_ipc_passive_fault_handler(void)
{
    /* IPC0021: a passive fault handler runs on the faulting thread's donated SC */
    seL4_CPtr fep = make_ep(), reply = make_reply();
    struct test_thread *fh = thread_create(fault_handler_fn, 150);
    if (!fh) {
        return;
    }
    fh->arg[0] = fep;
    fh->arg[1] = reply;
    thread_start(fh);
    run_lower(10, 2);
    if (!make_passive(fh)) {
        return;
    }
    struct test_thread *f = thread_create_ex(unknown_syscalls, 100, fep);
    if (!f) {
        return;
    }
    thread_start(f);
    run_lower(10, 10);
    CHECK_EQ(fh->counter, 3);
    CHECK_EQ(f->counter, 3);
    CHECK_EQ(f->done, 1);
}
