/*
 * Notifications and binding (sel4-facts 2.6; sel4test NBWAIT0001, BIND0001-0004).
 */
#include "ipc_helpers.h"
#include "tests.h"

/* Waits arg[1] times (1 if 0) on arg[0]; records each badge into got[index]. */
static void wait_fn(struct test_thread *t)
{
    seL4_Word count = t->arg[1] ? t->arg[1] : 1;
    for (seL4_Word i = 0; i < count; i++) {
        seL4_Word badge = 0;
        seL4_Wait(t->arg[0], &badge);
        got[t->index].badge = badge;
        got[t->index].mr[i < seL4_MsgMaxLength ? i : 0] = badge;
        got[t->index].n = got[t->index].n + 1;
        order_append(100 + (seL4_Word)t->index);
    }
}

void test_ntfn_signal_wait(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n != 0);
    seL4_CPtr b = mint_cap(n, seL4_AllRights, 0x10), b2 = mint_cap(n, seL4_AllRights, 0x20);
    REQ(b != 0 && b2 != 0);
    seL4_Word badge = 0x99;
    seL4_Poll(n, &badge);
    CHECK(badge == 0, "Poll on an idle notification returned 0x%lx", badge);
    seL4_Signal(b);
    badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 0x10);
    badge = 0x99;
    seL4_Poll(n, &badge);
    CHECK(badge == 0, "the word was not cleared by Poll (0x%lx)", badge);

    /* a waiting thread gets the signal's badge */
    struct test_thread *w = start_thread(wait_fn, 100);
    REQ(w != NULL);
    w->arg[0] = n;
    settle();
    CHECK(got[w->index].n == 0, "Wait returned on an idle notification");
    seL4_Signal(b2);
    CHECK(wait_thread(w, 1000), "the waiter was not woken");
    CHECK_EQ(got[w->index].badge, 0x20);
    badge = 0x99;
    seL4_Poll(n, &badge);
    CHECK(badge == 0, "a signal delivered to a waiter stayed pending (0x%lx)", badge);

    /* signal before Wait: Wait returns at once with the word and clears it */
    seL4_Signal(b);
    struct test_thread *w2 = start_thread(wait_fn, 100);
    REQ(w2 != NULL);
    w2->arg[0] = n;
    CHECK(wait_thread(w2, 1000), "Wait on an active notification blocked");
    CHECK_EQ(got[w2->index].badge, 0x10);
    badge = 0x99;
    seL4_Poll(n, &badge);
    CHECK(badge == 0, "Wait did not clear the word (0x%lx)", badge);
}

void test_ntfn_coalesce(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n != 0);
    seL4_CPtr b[3];
    for (int i = 0; i < 3; i++) {
        b[i] = mint_cap(n, seL4_AllRights, 1ul << i);
        REQ(b[i] != 0);
    }
    seL4_Signal(b[0]);
    seL4_Signal(b[1]);
    seL4_Signal(b[2]);
    seL4_Signal(b[0]);
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK_EQ(badge, 7);
    seL4_Signal(b[2]);
    seL4_Signal(b[2]);
    seL4_Signal(b[1]);
    struct test_thread *w = start_thread(wait_fn, 100);
    REQ(w != NULL);
    w->arg[0] = n;
    w->arg[1] = 2;
    settle();
    CHECK(got[w->index].n == 1 && got[w->index].mr[0] == 6, "coalesced signals: %lu waits returned, first badge %lu",
          got[w->index].n, got[w->index].mr[0]);
}

/* NBWAIT0001 */
void test_ntfn_poll(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n != 0);
    seL4_CPtr b = mint_cap(n, seL4_AllRights, 0x1234);
    REQ(b != 0);
    for (int i = 0; i < 10; i++) {
        seL4_Word badge = 0x99;
        seL4_Poll(n, &badge);
        CHECK(badge == 0, "round %d: Poll on an idle notification returned 0x%lx", i, badge);
        seL4_Signal(b);
        badge = 0;
        seL4_NBRecv(n, &badge);
        CHECK(badge == 0x1234, "round %d: NBRecv after Signal returned 0x%lx", i, badge);
    }
}

void test_ntfn_fifo_waiters(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n != 0);
    struct test_thread *w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = start_thread(wait_fn, (seL4_Word)(i % 2 ? 150 : 100));
        REQ(w[i] != NULL);
        w[i]->arg[0] = n;
        settle();
    }
    for (int i = 0; i < 4; i++) {
        seL4_CPtr b = mint_cap(n, seL4_AllRights, 0x100ul << i);
        REQ(b != 0);
        seL4_Signal(b);
    }
    settle();
    for (int i = 0; i < 4; i++) {
        CHECK(got[w[i]->index].n == 1 && got[w[i]->index].badge == 0x100ul << i,
              "waiter %d: %lu wakeups, badge 0x%lx, expected badge 0x%lx (FIFO)", i, got[w[i]->index].n,
              got[w[i]->index].badge, 0x100ul << i);
    }
}

/* Send, NBSend and Call on a notification cap signal it; Call gets an empty reply at once. */
static void ntfn_send_call_fn(struct test_thread *t)
{
    seL4_SetMR(0, 1);
    seL4_Send(t->arg[0], seL4_MessageInfo_new(3, 0, 0, 1));
    t->counter = 1;
    seL4_NBSend(t->arg[1], seL4_MessageInfo_new(3, 0, 0, 0));
    t->counter = 2;
    seL4_SetMR(0, 0x77);
    seL4_SetMR(1, 0x78);
    seL4_MessageInfo_t reply = seL4_Call(t->arg[2], seL4_MessageInfo_new(5, 0, 0, 2));
    t->arg[3] = reply.words[0];
    t->counter = 3;
}

void test_ntfn_send_call(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n != 0);
    seL4_CPtr b1 = mint_cap(n, seL4_AllRights, 1), b2 = mint_cap(n, seL4_AllRights, 2),
              b4 = mint_cap(n, seL4_AllRights, 4);
    REQ(b1 != 0 && b2 != 0 && b4 != 0);
    struct test_thread *t = new_thread(ntfn_send_call_fn, 100);
    REQ(t != NULL);
    t->arg[0] = b1;
    t->arg[1] = b2;
    t->arg[2] = b4;
    REQ(thread_start(t));
    CHECK(wait_thread(t, 1000), "Send/NBSend/Call on a notification blocked (step %lu)", t->counter);
    seL4_MessageInfo_t reply = {{t->arg[3]}};
    CHECK(seL4_MessageInfo_get_label(reply) == 0 && seL4_MessageInfo_get_length(reply) == 0 &&
              seL4_MessageInfo_get_extraCaps(reply) == 0,
          "Call on a notification: reply label %lu length %lu, expected an empty reply",
          seL4_MessageInfo_get_label(reply), seL4_MessageInfo_get_length(reply));
    seL4_Word badge = 0;
    seL4_Poll(n, &badge);
    CHECK(badge == 7, "Send, NBSend and Call signalled 0x%lx, expected 0x7", badge);
}

void test_ntfn_bind_errors(void)
{
    seL4_CPtr n1 = new_ntfn(), n2 = new_ntfn(), n3 = new_ntfn(), ep = new_ep();
    REQ(n1 && n2 && n3 && ep);
    seL4_CPtr n_noread = mint_cap(n2, RIGHTS(0, 1, 1, 1), 0);
    REQ(n_noread != 0);
    struct test_thread *a = new_thread(wait_fn, 100), *b = new_thread(wait_fn, 100);
    REQ(a != NULL && b != NULL);
    CHECK_ERROR(seL4_TCB_UnbindNotification(a->tcb), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_BindNotification(a->tcb, n_noread), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_BindNotification(a->tcb, ep), seL4_IllegalOperation);
    CHECK_OK(seL4_TCB_BindNotification(a->tcb, n1));
    CHECK_ERROR(seL4_TCB_BindNotification(a->tcb, n2), seL4_IllegalOperation); /* TCB already bound */
    CHECK_ERROR(seL4_TCB_BindNotification(b->tcb, n1), seL4_IllegalOperation); /* notification already bound */
    /* a notification with waiters cannot be bound */
    struct test_thread *w = start_thread(wait_fn, 100);
    REQ(w != NULL);
    w->arg[0] = n3;
    settle();
    CHECK_ERROR(seL4_TCB_BindNotification(b->tcb, n3), seL4_IllegalOperation);
    seL4_Signal(n3);
    CHECK(wait_thread(w, 1000), "waiter not woken");
    CHECK_OK(seL4_TCB_BindNotification(b->tcb, n3));
    CHECK_OK(seL4_TCB_UnbindNotification(a->tcb));
    CHECK_ERROR(seL4_TCB_UnbindNotification(a->tcb), seL4_IllegalOperation);
    CHECK_OK(seL4_TCB_UnbindNotification(b->tcb));
    CHECK_OK(seL4_TCB_BindNotification(b->tcb, n1)); /* free again after Unbind */
    CHECK_OK(seL4_TCB_BindNotification(a->tcb, n2));
    CHECK_ERROR(seL4_TCB_BindNotification(b->tcb, n2), seL4_IllegalOperation);
}

/* BIND0001: a bound thread waiting on an endpoint gets both endpoint messages and signals of
 * its notification (badge = the notification word). */
#define NUM_RUNS 10
#define ASYNC 1
#define SYNC 2

static void bound_counter_fn(struct test_thread *t)
{
    for (int i = 0; i < 2 * NUM_RUNS; i++) {
        seL4_Word badge = 0;
        seL4_Wait(t->arg[0], &badge);
        if (badge == ASYNC) {
            t->arg[2]++;
        } else if (badge == SYNC) {
            t->arg[3]++;
        } else {
            t->value = badge;
        }
    }
}

static void sender_fn(struct test_thread *t)
{
    for (seL4_Word i = 0; i < t->arg[1]; i++) {
        seL4_Send(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0));
    }
}

void test_bind_recv_endpoint(void)
{
    seL4_CPtr ep = new_ep(), n = new_ntfn();
    REQ(ep && n);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, ASYNC), eb = mint_cap(ep, seL4_AllRights, SYNC);
    REQ(nb && eb);
    struct test_thread *w = new_thread(bound_counter_fn, 150);
    REQ(w != NULL);
    w->arg[0] = ep;
    REQUIRE_OK(seL4_TCB_BindNotification(w->tcb, n));
    REQ(thread_start(w));
    settle();
    struct test_thread *sa = start_thread(sender_fn, 100), *ss = start_thread(sender_fn, 100);
    REQ(sa && ss);
    sa->arg[0] = nb;
    sa->arg[1] = NUM_RUNS;
    ss->arg[0] = eb;
    ss->arg[1] = NUM_RUNS;
    CHECK(wait_thread(w, 2000), "bound thread got %lu signals and %lu messages of %d each", w->arg[2], w->arg[3],
          NUM_RUNS);
    CHECK(w->arg[2] == NUM_RUNS && w->arg[3] == NUM_RUNS && w->value == 0,
          "bound thread: %lu signals, %lu messages, other badge 0x%lx", w->arg[2], w->arg[3], w->value);
}

/* BIND0002: a bound thread may wait on its own notification. Also: a signal pending before the
 * bound thread's endpoint Recv makes the Recv return at once with the word. */
static void recv_badge_fn(struct test_thread *t)
{
    seL4_Word badge = 0;
    seL4_Recv(t->arg[0], &badge);
    got[t->index].badge = badge;
    got[t->index].n = 1;
}

void test_bind_wait_bound(void)
{
    seL4_CPtr ep = new_ep(), n = new_ntfn();
    REQ(ep && n);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, ASYNC);
    REQ(nb);
    struct test_thread *w = new_thread(bound_counter_fn, 150);
    REQ(w != NULL);
    w->arg[0] = n; /* waits on the notification itself */
    REQUIRE_OK(seL4_TCB_BindNotification(w->tcb, n));
    REQ(thread_start(w));
    struct test_thread *sa = start_thread(sender_fn, 100);
    REQ(sa);
    sa->arg[0] = nb;
    sa->arg[1] = 2 * NUM_RUNS;
    CHECK(wait_thread(w, 2000) && w->arg[2] == 2 * NUM_RUNS, "bound thread got %lu of %d signals on its own notification",
          w->arg[2], 2 * NUM_RUNS);

    seL4_CPtr n2 = new_ntfn();
    REQ(n2);
    seL4_CPtr n2b = mint_cap(n2, seL4_AllRights, 0x30);
    REQ(n2b);
    struct test_thread *r = new_thread(recv_badge_fn, 100);
    REQ(r);
    r->arg[0] = ep;
    REQUIRE_OK(seL4_TCB_BindNotification(r->tcb, n2));
    seL4_Signal(n2b);
    REQ(thread_start(r));
    CHECK(wait_thread(r, 1000), "a pending bound signal did not end the endpoint Recv");
    CHECK_EQ(got[r->index].badge, 0x30);
}

/* BIND0003/0004: waiter bound to the notification waits on it, another thread signals once;
 * both orders of priority. */
static void bind_prio_case(seL4_Word waiter_prio, seL4_Word sender_prio)
{
    seL4_CPtr n = new_ntfn();
    REQ(n);
    struct test_thread *w = new_thread(wait_fn, waiter_prio), *s = new_thread(sender_fn, sender_prio);
    REQ(w && s);
    w->arg[0] = n;
    s->arg[0] = n;
    s->arg[1] = 1;
    REQUIRE_OK(seL4_TCB_BindNotification(w->tcb, n));
    REQ(thread_start(w) && thread_start(s));
    CHECK(wait_thread(w, 1000) && wait_thread(s, 1000), "waiter prio %lu, sender prio %lu: done %lu, %lu",
          waiter_prio, sender_prio, w->done, s->done);
}

void test_bind_order(void)
{
    bind_prio_case(10, 9);
    bind_prio_case(9, 10);
}

/* Only the bound thread may wait on a bound notification: another thread faults (CapFault in the
 * receive phase, MissingCapability). A bound thread blocked in Call is not woken by a signal; the
 * signal stays pending. */
static void call_then_recv_fn(struct test_thread *t)
{
    seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0));
    t->arg[2] = seL4_MessageInfo_get_label(reply);
    t->counter = 1;
    seL4_Word badge = 0;
    seL4_Recv(t->arg[1], &badge);
    t->arg[3] = badge;
}

void test_bind_exclusive(void)
{
    seL4_CPtr n = new_ntfn(), fep = new_ep(), ep = new_ep(), ep2 = new_ep();
    REQ(n && fep && ep && ep2);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xb1), nb = mint_cap(n, seL4_AllRights, 0x8),
              epb = mint_cap(ep, seL4_AllRights, 0xc);
    REQ(fb && nb && epb);
    struct test_thread *bound = new_thread(call_then_recv_fn, 100);
    REQ(bound);
    bound->arg[0] = epb;
    bound->arg[1] = ep2;
    REQUIRE_OK(seL4_TCB_BindNotification(bound->tcb, n));
    struct test_thread *other = new_thread(wait_fn, 100);
    REQ(other);
    other->arg[0] = n;
    REQ(set_fault_ep(other, fb) && thread_start(other));
    struct msg m;
    CHECK(poll_msg(fep, &m), "a thread other than the bound one could Wait on the bound notification");
    CHECK(m.label == seL4_Fault_CapFault && m.mr[seL4_CapFault_Addr] == n && m.mr[seL4_CapFault_InRecvPhase] == 1 &&
              m.mr[seL4_CapFault_LookupFailureType] == seL4_MissingCapability,
          "fault label %lu Addr %lu InRecvPhase %lu type %lu", m.label, m.mr[1], m.mr[2], m.mr[3]);

    REQ(thread_start(bound));
    CHECK(poll_msg(ep, &m) && m.badge == 0xc, "the bound thread's Call did not arrive");
    seL4_Signal(nb);
    settle();
    CHECK(bound->counter == 0, "a signal woke a bound thread blocked in Call");
    reply_msg(0x44, NULL, 0);
    CHECK(wait_thread(bound, 1000), "the bound thread did not finish");
    CHECK(bound->arg[2] == 0x44 && bound->arg[3] == 0x8,
          "Call reply label 0x%lx (expected 0x44), the following Recv badge 0x%lx (expected the pending signal 0x8)",
          bound->arg[2], bound->arg[3]);
}
