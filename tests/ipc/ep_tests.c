/*
 * Endpoint IPC (sel4-facts 2.5; sel4test IPC0001-0004/1001-1004): Send/Recv in both orders,
 * NBSend/NBRecv, Call/Reply/ReplyRecv (fast- and slowpath), FIFO queues, badges, long messages,
 * labels, one-shot reply caps, SaveCaller, a new Recv discarding the reply cap, priorities,
 * deleting an endpoint with queued threads and CancelBadgedSends.
 */
#include "ipc_helpers.h"
#include "tests.h"

#include <string.h>

#define LABEL_MAX ((1ul << 52) - 1)

void test_ep_send_recv(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr badged = mint_cap(ep, seL4_AllRights, 0x1234);
    REQ(badged != 0);

    /* receiver waits first */
    struct test_thread *r = start_thread(fn_recv, 100);
    REQ(r != NULL);
    r->arg[0] = ep;
    settle();
    CHECK(got[r->index].n == 0, "the receiver returned from Recv without a message");
    struct test_thread *s = new_thread(fn_send, 90);
    REQ(s != NULL);
    s->arg[0] = badged;
    s->arg[1] = 0x77;
    s->arg[2] = 4;
    s->arg[3] = K_SEND;
    REQ(thread_start(s));
    CHECK(wait_thread(s, 1000), "the sender did not return from Send to a waiting receiver");
    CHECK(wait_thread(r, 1000), "the receiver did not get the message");
    CHECK_EQ(got[r->index].badge, 0x1234);
    check_pattern(&got[r->index], 0x77, 4, "receiver first");
    CHECK_EQ(got[r->index].extra, 0);
    CHECK_EQ(got[r->index].unwrapped, 0);

    /* sender first: it blocks until a receiver comes; an unbadged cap gives badge 0 */
    struct test_thread *s2 = new_thread(fn_send, 90);
    REQ(s2 != NULL);
    s2->arg[0] = ep;
    s2->arg[1] = LABEL_MAX;
    s2->arg[2] = 3;
    s2->arg[3] = K_SEND;
    REQ(thread_start(s2));
    settle();
    CHECK(!s2->done, "Send returned with no receiver");
    struct test_thread *r2 = new_thread(fn_recv, 100);
    REQ(r2 != NULL);
    r2->arg[0] = ep;
    got[r2->index].badge = 0xdead;
    REQ(thread_start(r2));
    CHECK(wait_thread(r2, 1000), "the receiver did not get the queued message");
    CHECK(wait_thread(s2, 1000), "the sender stayed blocked after its message was received");
    CHECK_EQ(got[r2->index].badge, 0);
    check_pattern(&got[r2->index], LABEL_MAX, 3, "sender first, 52-bit label");
}

void test_ep_nbsend(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 9);
    seL4_CPtr no_write = mint_cap(ep, RIGHTS(1, 0, 1, 1), 10);
    REQ(b != 0 && no_write != 0);

    /* nobody waits: the message is dropped and NBSend returns */
    set_pattern(1, 2);
    seL4_NBSend(b, seL4_MessageInfo_new(1, 0, 0, 2));
    struct test_thread *r = start_thread(fn_recv, 100);
    REQ(r != NULL);
    r->arg[0] = ep;
    r->arg[1] = 2;
    settle();
    CHECK(got[r->index].n == 0, "an NBSend with no receiver was delivered later (label %lu)", got[r->index].label);

    /* a waiting receiver gets it */
    set_pattern(2, 4);
    seL4_NBSend(b, seL4_MessageInfo_new(2, 0, 0, 4));
    settle();
    CHECK(got[r->index].n == 1, "NBSend to a waiting receiver was not delivered");
    CHECK_EQ(got[r->index].badge, 9);
    check_pattern(&got[r->index], 2, 4, "NBSend");

    /* without Write: silently nothing */
    seL4_NBSend(no_write, seL4_MessageInfo_new(3, 0, 0, 0));
    settle();
    CHECK(got[r->index].n == 1, "NBSend on a cap without Write was delivered");
    seL4_NBSend(b, seL4_MessageInfo_new(4, 0, 0, 0));
    CHECK(wait_thread(r, 1000), "second NBSend not delivered");
    CHECK_EQ(got[r->index].label, 4);
}

/* NBSend on a CPtr that fails lookup is silent, no fault (sel4-facts 2.9, issue 488). */
static void nbsend_bad_fn(struct test_thread *t)
{
    seL4_NBSend(BAD_CPTR, seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_NBSend(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0)); /* empty slot */
    seL4_Signal(t->arg[0]);
}

void test_ep_nbsend_invalid_cap(void)
{
    seL4_CPtr fep = new_ep();
    REQ(fep != 0);
    seL4_CPtr fep_b = mint_cap(fep, seL4_AllRights, 0xfa);
    seL4_CPtr empty = alloc_slot();
    REQ(fep_b != 0 && empty != 0);
    struct test_thread *t = new_thread(nbsend_bad_fn, 100);
    REQ(t != NULL);
    t->arg[0] = empty;
    REQ(set_fault_ep(t, fep_b));
    REQ(thread_start(t));
    CHECK(wait_thread(t, 1000), "NBSend/Signal on an invalid CPtr did not return");
    struct msg m;
    CHECK(!poll_msg(fep, &m), "NBSend on an invalid CPtr raised a fault (label %lu, MR1 0x%lx)", m.label, m.mr[1]);
}

void test_ep_nbrecv(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 7);
    REQ(b != 0);
    seL4_Word badge = 0x99;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);

    struct test_thread *s = new_thread(fn_send, 100);
    REQ(s != NULL);
    s->arg[0] = b;
    s->arg[1] = 0x42;
    s->arg[2] = 6;
    s->arg[3] = K_SEND;
    REQ(thread_start(s));
    struct msg m;
    CHECK(poll_msg(ep, &m), "NBRecv did not get the message of a blocked sender");
    CHECK_EQ(m.badge, 7);
    CHECK_EQ(m.label, 0x42);
    CHECK_EQ(m.length, 6);
    for (int i = 0; i < 6; i++) {
        CHECK(m.mr[i] == pattern(0x42, (seL4_Word)i), "MR%d is 0x%lx", i, m.mr[i]);
    }
    CHECK(wait_thread(s, 1000), "the sender stayed blocked after NBRecv took its message");
    badge = 0x99;
    seL4_NBRecv(ep, &badge);
    CHECK_EQ(badge, 0);
}

/* A client making Calls of several lengths on arg[0]; the server is fn_server. Checks each
 * reply (label + 1, inverted MRs). arg[1] = number of lengths to use from call_lengths. */
static const seL4_Word call_lengths[] = {0, 1, 4, 5, 20, 120, 2, 3};

static void call_client_fn(struct test_thread *t)
{
    for (seL4_Word k = 0; k < t->arg[1]; k++) {
        seL4_Word len = call_lengths[k], label = 0x100 + k;
        set_pattern(label, len);
        seL4_Word badge = 0x5a5a;
        /* a raw look at the badge register of the reply: replies carry badge 0 */
        seL4_Word mr0 = len > 0 ? pattern(label, 0) : 0, mr1 = len > 1 ? pattern(label, 1) : 0,
                  mr2 = len > 2 ? pattern(label, 2) : 0, mr3 = len > 3 ? pattern(label, 3) : 0;
        seL4_MessageInfo_t reply;
        if (len <= 4) {
            reply = seL4_CallWithMRs(t->arg[0], seL4_MessageInfo_new(label, 0, 0, len), &mr0, &mr1, &mr2, &mr3);
            seL4_SetMR(0, mr0);
            seL4_SetMR(1, mr1);
            seL4_SetMR(2, mr2);
            seL4_SetMR(3, mr3);
        } else {
            reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(label, 0, 0, len));
        }
        (void)badge;
        CHECK(seL4_MessageInfo_get_label(reply) == label + 1 && seL4_MessageInfo_get_length(reply) == len,
              "Call %lu: reply label %lu length %lu, expected %lu, %lu", k, seL4_MessageInfo_get_label(reply),
              seL4_MessageInfo_get_length(reply), label + 1, len);
        for (seL4_Word i = 0; i < len; i++) {
            if (!CHECK(seL4_GetMR((int)i) == ~pattern(label, i), "Call %lu (length %lu): reply MR%lu is 0x%lx", k, len,
                       i, seL4_GetMR((int)i))) {
                break;
            }
        }
        t->counter = t->counter + 1;
    }
}

static void call_reply_case(seL4_Word server_prio, seL4_Word client_prio, const char *what)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 0x55);
    REQ(b != 0);
    seL4_Word n = sizeof(call_lengths) / sizeof(call_lengths[0]);
    struct test_thread *srv = start_thread(fn_server, server_prio);
    REQ(srv != NULL);
    srv->arg[0] = ep;
    srv->arg[1] = n;
    settle();
    struct test_thread *c = new_thread(call_client_fn, client_prio);
    REQ(c != NULL);
    c->arg[0] = b;
    c->arg[1] = n;
    REQ(thread_start(c));
    CHECK(wait_thread(c, 2000), "%s: the client finished %lu of %lu Calls", what, c->counter, n);
    CHECK(wait_thread(srv, 1000), "%s: the server did not finish", what);
    CHECK_EQ(got[srv->index].n, n);
    CHECK_EQ(got[srv->index].badge, 0x55);
}

void test_ep_call_reply(void)
{
    call_reply_case(100, 100, "equal priorities");    /* fastpath for short messages */
    call_reply_case(150, 100, "higher server");       /* fastpath */
    call_reply_case(100, 150, "lower server");        /* slowpath */
}

/* Two clients (badges 1 and 2) alternate Calls on one server that uses ReplyRecv: each reply
 * goes to the right caller. */
static void echo_client_fn(struct test_thread *t)
{
    for (seL4_Word i = 0; i < 20; i++) {
        seL4_Word v = t->arg[1] * 1000 + i;
        seL4_SetMR(0, v);
        seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(t->arg[1], 0, 0, 1));
        if (!CHECK(seL4_MessageInfo_get_label(reply) == t->arg[1] + 1 && seL4_GetMR(0) == ~v,
                   "client %lu call %lu: reply label %lu MR0 0x%lx", t->arg[1], i, seL4_MessageInfo_get_label(reply),
                   seL4_GetMR(0))) {
            return;
        }
        t->counter = t->counter + 1;
        if (i % 3 == 0) {
            seL4_Yield();
        }
    }
}

void test_ep_reply_recv_two_clients(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr b1 = mint_cap(ep, seL4_AllRights, 1), b2 = mint_cap(ep, seL4_AllRights, 2);
    REQ(b1 != 0 && b2 != 0);
    struct test_thread *srv = start_thread(fn_server, 120);
    REQ(srv != NULL);
    srv->arg[0] = ep;
    srv->arg[1] = 40;
    settle();
    struct test_thread *c1 = new_thread(echo_client_fn, 120), *c2 = new_thread(echo_client_fn, 120);
    REQ(c1 != NULL && c2 != NULL);
    c1->arg[0] = b1;
    c1->arg[1] = 1;
    c2->arg[0] = b2;
    c2->arg[1] = 2;
    REQ(thread_start(c1) && thread_start(c2));
    CHECK(wait_thread(c1, 2000) && wait_thread(c2, 2000), "clients finished %lu and %lu of 20 Calls", c1->counter,
          c2->counter);
    CHECK(wait_thread(srv, 1000), "server did not finish its 40 rounds (%lu)", got[srv->index].n);
}

void test_ep_fifo_senders(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    struct test_thread *s[4];
    for (int i = 0; i < 4; i++) {
        seL4_CPtr b = mint_cap(ep, seL4_AllRights, (seL4_Word)(i + 1));
        REQ(b != 0);
        /* different priorities: the queue is FIFO, not by priority */
        s[i] = new_thread(fn_send, (seL4_Word)(i % 2 ? 150 : 100));
        REQ(s[i] != NULL);
        s[i]->arg[0] = b;
        s[i]->arg[1] = (seL4_Word)(10 + i);
        s[i]->arg[2] = 1;
        s[i]->arg[3] = i == 3 ? K_CALL : K_SEND;
        REQ(thread_start(s[i]));
        settle();
    }
    for (int i = 0; i < 4; i++) {
        struct msg m;
        CHECK(poll_msg(ep, &m), "message %d missing", i);
        CHECK(m.badge == (seL4_Word)(i + 1) && m.label == (seL4_Word)(10 + i),
              "message %d: badge %lu label %lu, expected badge %d label %d (FIFO)", i, m.badge, m.label, i + 1, 10 + i);
        if (i == 3) {
            reply_msg(0x77, NULL, 0);
        }
    }
    struct msg m;
    CHECK(!poll_msg(ep, &m), "a fifth message (badge %lu)", m.badge);
    for (int i = 0; i < 4; i++) {
        CHECK(wait_thread(s[i], 500), "sender %d still blocked", i);
    }
    CHECK_EQ(got[s[3]->index].label, 0x77);
}

void test_ep_fifo_receivers(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    struct test_thread *r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = start_thread(fn_recv, (seL4_Word)(i % 2 ? 100 : 150));
        REQ(r[i] != NULL);
        r[i]->arg[0] = ep;
        settle();
    }
    for (int i = 0; i < 4; i++) {
        seL4_CPtr b = mint_cap(ep, seL4_AllRights, (seL4_Word)(21 + i));
        REQ(b != 0);
        seL4_NBSend(b, seL4_MessageInfo_new((seL4_Word)i, 0, 0, 0));
    }
    settle();
    for (int i = 0; i < 4; i++) {
        CHECK(got[r[i]->index].n == 1 && got[r[i]->index].badge == (seL4_Word)(21 + i),
              "receiver %d: %lu messages, badge %lu, expected the %d-th message, badge %d", i, got[r[i]->index].n,
              got[r[i]->index].badge, i + 1, 21 + i);
    }
}

void test_ep_badges(void)
{
    static const seL4_Word badges[] = {1, 0xfedcba9876543210ul, 0x8000000000000000ul, 0xffffffffffffffful};
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    struct test_thread *r = start_thread(fn_recv, 100);
    REQ(r != NULL);
    r->arg[0] = ep;
    r->arg[1] = 5;
    settle();
    for (int i = 0; i < 4; i++) {
        seL4_CPtr b = mint_cap(ep, seL4_AllRights, badges[i]);
        REQ(b != 0);
        seL4_NBSend(b, seL4_MessageInfo_new(0, 0, 0, 0));
        settle();
        CHECK(got[r->index].n == (seL4_Word)(i + 1) && got[r->index].badge == badges[i],
              "badge 0x%lx delivered as 0x%lx", badges[i], got[r->index].badge);
    }
    /* a copy of a badged cap keeps the badge; the original unbadged cap gives 0 */
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 77);
    REQ(b != 0);
    seL4_CPtr c = copy_cap(b);
    REQ(c != 0);
    seL4_NBSend(c, seL4_MessageInfo_new(0, 0, 0, 0));
    settle();
    CHECK_EQ(got[r->index].badge, 77);
}

/* Receives messages of the lengths in arg[1..]: before each Recv fills its buffer with a
 * sentinel so that words past the length show whether the kernel wrote them. */
static const seL4_Word long_lengths[] = {5, 16, 64, 119, 120, 121, 127};
#define N_LONG (sizeof(long_lengths) / sizeof(long_lengths[0]))
static seL4_Word long_sentinel_ok[N_LONG];

static void long_recv_fn(struct test_thread *t)
{
    for (seL4_Word k = 0; k < N_LONG; k++) {
        for (int i = 0; i < seL4_MsgMaxLength; i++) {
            seL4_SetMR(i, 0x5e5e5e5e00000000ul | (seL4_Word)i);
        }
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
        record(&got[t->index], info, badge);
        seL4_Word len = seL4_MessageInfo_get_length(info);
        long_sentinel_ok[k] = 1;
        for (seL4_Word i = len > 4 ? len : 4; i < seL4_MsgMaxLength; i++) {
            if (seL4_GetMR((int)i) != (0x5e5e5e5e00000000ul | i)) {
                long_sentinel_ok[k] = 0;
            }
        }
        CHECK(check_pattern(&got[t->index], 0x300 + k, long_lengths[k] > 120 ? 120 : long_lengths[k],
                            "long message"),
              "(sent length %lu)", long_lengths[k]);
    }
}

static void long_send_fn(struct test_thread *t)
{
    for (seL4_Word k = 0; k < N_LONG; k++) {
        set_pattern(0x300 + k, seL4_MsgMaxLength);
        seL4_Send(t->arg[0], seL4_MessageInfo_new(0x300 + k, 0, 0, long_lengths[k]));
        t->counter = t->counter + 1;
    }
}

void test_ep_long_messages(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    memset(long_sentinel_ok, 0, sizeof(long_sentinel_ok));
    struct test_thread *r = start_thread(long_recv_fn, 100);
    struct test_thread *s = start_thread(long_send_fn, 90);
    REQ(r != NULL && s != NULL);
    r->arg[0] = ep;
    s->arg[0] = ep;
    CHECK(wait_thread(r, 2000), "receiver got %lu of %zu messages", got[r->index].n, N_LONG);
    CHECK(wait_thread(s, 1000), "sender sent %lu of %zu", s->counter, N_LONG);
    for (seL4_Word k = 0; k < N_LONG; k++) {
        CHECK(long_sentinel_ok[k], "length %lu: the kernel wrote MRs past the message length", long_lengths[k]);
    }
}

/* Server that replies twice to one Call, then serves a second Call; arg[2] = a free slot. */
static void reply_twice_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(t->arg[0], &badge);
    seL4_Reply(seL4_MessageInfo_new(1, 0, 0, 0));
    seL4_Reply(seL4_MessageInfo_new(2, 0, 0, 0)); /* no caller cap any more: no-op */
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, t->arg[2], ROOT_DEPTH));
    CHECK(slot_empty(t->arg[2]), "SaveCaller after Reply saved a cap of type %d", cap_type(t->arg[2]));
    seL4_Recv(t->arg[0], &badge);
    seL4_Reply(seL4_MessageInfo_new(3, 0, 0, 0));
}

static void two_calls_fn(struct test_thread *t)
{
    seL4_MessageInfo_t a = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0));
    t->arg[2] = seL4_MessageInfo_get_label(a);
    t->counter = 1;
    seL4_MessageInfo_t b = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0));
    t->arg[3] = seL4_MessageInfo_get_label(b);
    t->counter = 2;
}

void test_ep_reply_once(void)
{
    seL4_CPtr ep = new_ep(), slot = alloc_slot();
    REQ(ep != 0 && slot != 0);
    struct test_thread *srv = new_thread(reply_twice_fn, 150), *c = new_thread(two_calls_fn, 100);
    REQ(srv != NULL && c != NULL);
    srv->arg[0] = ep;
    srv->arg[2] = slot;
    c->arg[0] = ep;
    REQ(thread_start(srv) && thread_start(c));
    CHECK(wait_thread(c, 1000), "the client made %lu of 2 Calls", c->counter);
    CHECK(wait_thread(srv, 1000), "the server did not finish");
    CHECK(c->arg[2] == 1 && c->arg[3] == 3, "replies had labels %lu and %lu, expected 1 and 3", c->arg[2], c->arg[3]);
}

/* The deferred-reply pattern: server saves the first caller's reply cap, answers a second caller
 * first, then the first through the saved cap (sel4test IPCRIGHTS0004 save_caller, the seed's
 * echo server). */
static void deferred_server_fn(struct test_thread *t)
{
    seL4_CPtr saved = t->arg[2];
    seL4_Word badge1 = 0, badge2 = 0;
    seL4_Recv(t->arg[0], &badge1);
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, saved, ROOT_DEPTH));
    CHECK(cap_type(saved) == CAP_REPLY, "SaveCaller: slot holds cap type %d, expected a reply cap (8)",
          cap_type(saved));
    seL4_Recv(t->arg[0], &badge2);
    CHECK(badge1 == 1 && badge2 == 2, "badges %lu, %lu", badge1, badge2);
    seL4_SetMR(0, 0x2222);
    seL4_Reply(seL4_MessageInfo_new(2, 0, 0, 1));
    seL4_SetMR(0, 0x1111);
    seL4_Send(saved, seL4_MessageInfo_new(1, 0, 0, 1));
    CHECK(slot_empty(saved), "the saved reply cap is still there after it was used (type %d)", cap_type(saved));
}

static void call_log_fn(struct test_thread *t)
{
    seL4_SetMR(0, t->arg[1]);
    seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
    t->arg[2] = seL4_MessageInfo_get_label(reply);
    t->arg[3] = seL4_GetMR(0);
    order_append(t->arg[1]);
}

void test_ep_save_caller(void)
{
    seL4_CPtr ep = new_ep(), saved = alloc_slot();
    REQ(ep != 0 && saved != 0);
    seL4_CPtr b1 = mint_cap(ep, seL4_AllRights, 1), b2 = mint_cap(ep, seL4_AllRights, 2);
    REQ(b1 != 0 && b2 != 0);
    /* the callers have the higher priority: each runs as soon as it gets its reply */
    struct test_thread *srv = start_thread(deferred_server_fn, 100);
    REQ(srv != NULL);
    srv->arg[0] = ep;
    srv->arg[2] = saved;
    settle();
    struct test_thread *c1 = start_thread(call_log_fn, 150);
    REQ(c1 != NULL);
    c1->arg[0] = b1;
    c1->arg[1] = 1;
    settle();
    CHECK(!c1->done, "the first caller returned before anyone replied");
    struct test_thread *c2 = start_thread(call_log_fn, 150);
    REQ(c2 != NULL);
    c2->arg[0] = b2;
    c2->arg[1] = 2;
    CHECK(wait_thread(c1, 1000) && wait_thread(c2, 1000), "callers done: %lu %lu", c1->done, c2->done);
    CHECK(c1->arg[2] == 1 && c1->arg[3] == 0x1111, "first caller: label %lu MR0 0x%lx", c1->arg[2], c1->arg[3]);
    CHECK(c2->arg[2] == 2 && c2->arg[3] == 0x2222, "second caller: label %lu MR0 0x%lx", c2->arg[2], c2->arg[3]);
    CHECK(order_len == 2 && order_log[0] == 2 && order_log[1] == 1, "reply order %lu,%lu, expected 2,1",
          order_log[0], order_log[1]);
}

/* Server: Recv a Call on arg[0], then Recv on arg[1] without replying (discards the reply
 * cap); when woken, SaveCaller into arg[2] and Reply. */
static void discard_server_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(t->arg[0], &badge);
    t->counter = 1;
    seL4_Recv(t->arg[1], &badge);
    t->counter = 2;
    CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, t->arg[2], ROOT_DEPTH));
    CHECK(slot_empty(t->arg[2]), "a new Recv kept the unsaved reply cap (SaveCaller saved type %d)",
          cap_type(t->arg[2]));
    seL4_Reply(seL4_MessageInfo_new(5, 0, 0, 0));
}

/* Server: Recv a Call, Poll and Wait on a notification (notification receives do not touch the
 * caller cap in seL4's handleRecv), then Reply. */
static void ntfn_keeps_reply_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(t->arg[0], &badge);
    seL4_Poll(t->arg[1], &badge);
    seL4_Wait(t->arg[1], &badge);
    seL4_Reply(seL4_MessageInfo_new(6, 0, 0, 0));
}

void test_ep_recv_discards_reply(void)
{
    seL4_CPtr ep = new_ep(), ep2 = new_ep(), slot = alloc_slot(), ntfn = new_ntfn();
    REQ(ep != 0 && ep2 != 0 && slot != 0 && ntfn != 0);
    seL4_CPtr ep2b = mint_cap(ep2, seL4_AllRights, 3);
    REQ(ep2b != 0);
    struct test_thread *srv = start_thread(discard_server_fn, 150);
    REQ(srv != NULL);
    srv->arg[0] = ep;
    srv->arg[1] = ep2;
    srv->arg[2] = slot;
    settle();
    struct test_thread *c = start_thread(call_log_fn, 100);
    REQ(c != NULL);
    c->arg[0] = ep;
    c->arg[1] = 1;
    settle();
    CHECK(srv->counter == 1, "server did not receive the Call");
    seL4_NBSend(ep2b, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK(wait_thread(srv, 1000), "server did not finish");
    settle();
    CHECK(!c->done, "the caller returned (label %lu) although its reply cap was discarded by a new Recv", c->arg[2]);

    /* a notification Wait/Poll keeps it */
    struct test_thread *srv2 = start_thread(ntfn_keeps_reply_fn, 150);
    REQ(srv2 != NULL);
    srv2->arg[0] = ep;
    srv2->arg[1] = ntfn;
    settle();
    struct test_thread *c2 = start_thread(call_log_fn, 100);
    REQ(c2 != NULL);
    c2->arg[0] = ep;
    c2->arg[1] = 2;
    settle();
    seL4_Signal(ntfn);
    CHECK(wait_thread(srv2, 1000), "second server did not finish");
    CHECK(wait_thread(c2, 1000), "a Wait on a notification discarded the caller cap (seL4 only does that for "
                                 "endpoint receives)");
    CHECK_EQ(c2->arg[2], 6);
}

/* Priorities: a woken higher-priority receiver runs before the sender continues; an equal or
 * lower one does not (2.5, 2.8). */
static void priority_case(seL4_Word recv_prio, seL4_Word send_prio, bool receiver_first)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    order_len = 0;
    struct test_thread *r = start_thread(fn_recv, recv_prio);
    REQ(r != NULL);
    r->arg[0] = ep;
    settle();
    struct test_thread *s = start_thread(fn_send, send_prio);
    REQ(s != NULL);
    s->arg[0] = ep;
    s->arg[3] = K_SEND;
    CHECK(wait_thread(s, 1000) && wait_thread(r, 1000), "threads did not finish");
    seL4_Word first = receiver_first ? 100 + (seL4_Word)r->index : 200 + (seL4_Word)s->index;
    CHECK(order_len == 2 && order_log[0] == first,
          "receiver prio %lu, sender prio %lu: the %s ran first (log %lu,%lu)", recv_prio, send_prio,
          order_log[0] >= 200 ? "sender" : "receiver", order_log[0], order_log[1]);
}

void test_ep_priorities(void)
{
    priority_case(200, 100, true);
    priority_case(100, 100, false);
    priority_case(50, 100, false);
    /* the root task (255) sends to a waiting 200 thread: the root keeps running */
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    struct test_thread *r = start_thread(fn_recv, 200);
    REQ(r != NULL);
    r->arg[0] = ep;
    settle();
    seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    CHECK(got[r->index].n == 0, "a lower-priority receiver ran before the sending root task continued");
    settle();
    CHECK(got[r->index].n == 1, "the message did not arrive");
}

/* Deleting the last cap of an endpoint with queued threads restarts them (2.3): they re-run
 * their syscall on the now empty slot: Send on a null cap drops an InvalidCapability error and
 * returns, Call gets InvalidCapability, Recv faults (CapFault, MissingCapability). */
static void call_label_fn(struct test_thread *t)
{
    seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 0));
    t->arg[2] = seL4_MessageInfo_get_label(reply);
    t->arg[3] = seL4_GetMR(0);
}

void test_ep_delete_queued(void)
{
    seL4_CPtr ep = new_ep(), ep2 = new_ep(), fep = new_ep();
    REQ(ep != 0 && ep2 != 0 && fep != 0);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xf1);
    REQ(fb != 0);
    struct test_thread *s = start_thread(fn_send, 100);
    REQ(s != NULL);
    s->arg[0] = ep;
    s->arg[3] = K_SEND;
    struct test_thread *c = start_thread(call_label_fn, 100);
    REQ(c != NULL);
    c->arg[0] = ep;
    struct test_thread *r = new_thread(fn_recv, 100);
    REQ(r != NULL);
    r->arg[0] = ep2;
    REQ(set_fault_ep(r, fb) && thread_start(r));
    settle();
    CHECK(!s->done && !c->done && got[r->index].n == 0, "threads not blocked");
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, ep, ROOT_DEPTH));
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, ep2, ROOT_DEPTH));
    CHECK(wait_thread(s, 1000), "the sender is still blocked after its endpoint was deleted");
    CHECK(wait_thread(c, 1000), "the caller is still blocked after its endpoint was deleted");
    CHECK(c->arg[2] == seL4_InvalidCapability && c->arg[3] == 0,
          "the restarted Call on the empty slot returned label %lu MR0 %lu, expected InvalidCapability (2), 0",
          c->arg[2], c->arg[3]);
    struct msg m;
    CHECK(poll_msg(fep, &m), "the restarted Recv on the empty slot did not fault");
    CHECK(m.badge == 0xf1 && m.label == seL4_Fault_CapFault && m.mr[seL4_CapFault_Addr] == ep2 &&
              m.mr[seL4_CapFault_InRecvPhase] == 1 && m.mr[seL4_CapFault_LookupFailureType] == seL4_MissingCapability,
          "fault: badge 0x%lx label %lu Addr %lu InRecvPhase %lu type %lu", m.badge, m.label, m.mr[1], m.mr[2],
          m.mr[3]);
    CHECK(!r->done, "the receiver returned");
}

/* CANCEL_BADGED_SENDS_0001/0002: senders with derived copies of badged caps block in Call;
 * revoking badge 1's caps and CancelBadgedSends on its original restarts only badge-1 senders
 * (their Call on the deleted copy then gets InvalidCapability); badge-2 senders stay queued. */
void test_cancel_badged_sends(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep != 0);
    seL4_CPtr b1 = mint_cap(ep, seL4_AllRights, 1), b2 = mint_cap(ep, seL4_AllRights, 2);
    REQ(b1 != 0 && b2 != 0);
    seL4_CPtr d1 = copy_cap(b1), d2 = copy_cap(b2);
    REQ(d1 != 0 && d2 != 0);
    struct test_thread *s1a = start_thread(call_label_fn, 100);
    REQ(s1a != NULL);
    s1a->arg[0] = d1;
    settle();
    struct test_thread *s2 = start_thread(call_label_fn, 100);
    REQ(s2 != NULL);
    s2->arg[0] = d2;
    settle();
    struct test_thread *s1b = start_thread(call_label_fn, 100);
    REQ(s1b != NULL);
    s1b->arg[0] = d1;
    settle();
    /* unbadged cap: no-op */
    CHECK_OK(seL4_CNode_CancelBadgedSends(ROOT_CNODE, ep, ROOT_DEPTH));
    settle();
    CHECK(!s1a->done && !s1b->done && !s2->done, "CancelBadgedSends with an unbadged cap released a sender");
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, b1, ROOT_DEPTH));
    CHECK(slot_empty(d1), "Revoke of the badged cap left its copy");
    settle();
    CHECK(!s1a->done && !s1b->done, "deleting a copy (not the last cap) cancelled the queued IPC");
    CHECK_OK(seL4_CNode_CancelBadgedSends(ROOT_CNODE, b1, ROOT_DEPTH));
    CHECK(wait_thread(s1a, 1000) && wait_thread(s1b, 1000), "badge-1 senders not restarted (%lu, %lu)", s1a->done,
          s1b->done);
    CHECK(s1a->arg[2] == seL4_InvalidCapability && s1b->arg[2] == seL4_InvalidCapability,
          "restarted Calls returned labels %lu, %lu, expected InvalidCapability", s1a->arg[2], s1b->arg[2]);
    settle();
    CHECK(!s2->done, "the badge-2 sender was released");
    struct msg m;
    CHECK(poll_msg(ep, &m) && m.badge == 2, "the badge-2 sender is not queued any more (badge %lu)", m.badge);
    reply_msg(0x33, NULL, 0);
    CHECK(wait_thread(s2, 1000) && s2->arg[2] == 0x33, "badge-2 sender: reply label %lu", s2->arg[2]);
    CHECK(!poll_msg(ep, &m), "another message queued (badge %lu)", m.badge);

    /* without Revoke, the restarted sender re-sends and queues again, now behind the others */
    struct test_thread *x = start_thread(call_label_fn, 100), *y;
    REQ(x != NULL);
    x->arg[0] = b2;
    settle();
    seL4_CPtr b3 = mint_cap(ep, seL4_AllRights, 3);
    REQ(b3 != 0);
    y = start_thread(call_label_fn, 100);
    REQ(y != NULL);
    y->arg[0] = b3;
    settle();
    CHECK_OK(seL4_CNode_CancelBadgedSends(ROOT_CNODE, b2, ROOT_DEPTH));
    CHECK(poll_msg(ep, &m) && m.badge == 3, "after CancelBadgedSends(2) the first queued badge is %lu, expected 3",
          m.badge);
    reply_msg(0, NULL, 0);
    CHECK(poll_msg(ep, &m) && m.badge == 2, "the restarted badge-2 sender did not queue again (badge %lu)", m.badge);
    reply_msg(0, NULL, 0);
}
