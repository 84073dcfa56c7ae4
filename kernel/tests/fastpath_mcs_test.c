/* Unit tests of the MCS fastpath (kernel/src/fastpath/fastpath.c, CONFIG_KERNEL_MCS) on the host
 * architecture: a Call that donates the caller's SC to a passive server and the server's
 * ReplyRecv that gives it back must leave exactly the state the slowpath leaves (thread states,
 * registers, who holds the SC, the call stack, the reply object, the endpoint queue, the current
 * thread, the ready bitmap); each scenario runs on a fresh machine once per path. Where the
 * fastpath must decline (a server with its own SC, no reply object), it must change nothing. */
#include "core_fixture.h"
#include <api/syscall.h>
#include <fastpath/fastpath.h>
#include <kernel/sched_mcs.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <object/reply.h>
#include <object/schedcontext.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/syscall.h>
#include <stdlib.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;
enum { EP = 100, REPLY = 101, SERVER = 102, CLIENT = 103, CSC = 104, SSC = 105 };
enum { PRIO = 100 };

static tcb_t *server, *client;
static sched_context_t *csc;

static void retype(word_t type, word_t bits, word_t slot)
{
    fixture_become(f->thread);
    word_t mrs[] = { type, bits, 0, 0, slot, 1 };
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
}

static sched_context_t *make_sc(word_t slot)
{
    retype(seL4_SchedContextObject, 8, slot);
    word_t cfg[] = { 1000, 1000, 0, 0, 0 };
    cptr_t sc_cap = slot;
    assert_int_equal(fixture_invoke(f, FIXTURE_SCHED_CONTROL_SLOT, SchedControlConfigureFlags, cfg, 5, &sc_cap, 1),
                     seL4_NoError);
    return sc_from_cap(fixture_slot(f, slot)->cap);
}

/* A thread that resumes by the syscall return, with a VSpace that has an ASID. */
static tcb_t *make_thread(word_t slot, paddr_t buffer_paddr)
{
    fixture_become(f->thread);
    tcb_t *t = fixture_make_thread(f, slot, buffer_paddr);
    t->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, true, 1);
    setRegister(t, REG_VECTOR, VECTOR_SYSCALL);
    return t;
}

static void enter(tcb_t *t, cptr_t cptr, cptr_t r12, seL4_MessageInfo_t info)
{
    fixture_become(t);
    setRegister(t, REG_CAP, cptr);
    setRegister(t, REG_R12, r12);
    setRegister(t, REG_MSGINFO, info.words[0]);
}

static void slow(tcb_t *t, long number, cptr_t cptr, cptr_t r12, seL4_MessageInfo_t info)
{
    enter(t, cptr, r12, info);
    handleSyscall(number);
}

static bool try_fastpath(long number, cptr_t cptr, seL4_MessageInfo_t info)
{
    jmp_buf resumed;
    host_fastpath_jump = &resumed;
    if (setjmp(resumed)) {
        host_fastpath_jump = NULL;
        return true;
    }
    if (number == seL4_SysCall) {
        fastpath_call(cptr, info.words[0]);
    } else {
        fastpath_reply_recv(cptr, info.words[0]);
    }
    host_fastpath_jump = NULL;
    return false;
}

/* A passive server waiting on EP with REPLY and a client on its own SC (csc). With
 * server_sc, the server keeps an SC of its own (the fastpath must then decline). */
static void boot(bool server_sc)
{
    f = fixture_boot();
    f->thread->priority = PRIO - 1; /* the root thread only sets things up */
    retype(seL4_EndpointObject, 0, EP);
    retype(seL4_ReplyObject, 0, REPLY);
    server = make_thread(SERVER, 0x3f0000);
    client = make_thread(CLIENT, 0x3f1000);
    csc = make_sc(CSC);
    schedContext_bindTCB(csc, client);
    if (server_sc) {
        schedContext_bindTCB(make_sc(SSC), server);
    }
    slow(server, seL4_SysRecv, EP, REPLY, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(server->state, ThreadState_BlockedOnReceive);
}

typedef struct snapshot {
    word_t server_state, client_state, server_regs[n_context_regs], client_regs[n_context_regs];
    word_t server_sc, client_sc, sc_tcb, sc_reply, reply_tcb, reply_prev, reply_next, reply_sc;
    word_t server_reply, client_reply, ep_head, ep_tail, current, ready_l1;
} snapshot_t;

static word_t pa(const void *p)
{
    return p ? kptr_to_paddr(p) : 0;
}

static snapshot_t snapshot(void)
{
    endpoint_t *ep = ep_from_cap(fixture_slot(f, EP)->cap);
    reply_t *r = reply_from_cap(fixture_slot(f, REPLY)->cap);
    snapshot_t s;
    memset(&s, 0, sizeof(s));
    s.server_state = server->state;
    s.client_state = client->state;
    memcpy(s.server_regs, server->arch.context.regs, sizeof(s.server_regs));
    memcpy(s.client_regs, client->arch.context.regs, sizeof(s.client_regs));
    s.server_sc = pa(server->sc);
    s.client_sc = pa(client->sc);
    s.sc_tcb = pa(csc->tcb);
    s.sc_reply = pa(csc->reply);
    s.reply_tcb = pa(r->tcb);
    s.reply_prev = pa(r->prev);
    s.reply_next = pa(r->next);
    s.reply_sc = pa(r->sc);
    s.server_reply = pa(server->reply);
    s.client_reply = pa(client->reply);
    s.ep_head = pa(ep->head);
    s.ep_tail = pa(ep->tail);
    s.current = pa(ksCurThread);
    s.ready_l1 = ksReadyQueuesL1Bitmap[0];
    return s;
}

static const seL4_MessageInfo_t call_info = { { (5ul << 12) | 2 } }; /* label 5, 2 words */
static const seL4_MessageInfo_t reply_info = { { 1 } };              /* label 0, 1 word */

/* The client calls (fast or slow); then the server replies and waits again (fast or slow). */
static void call_then_reply(bool fast_call, bool fast_reply, snapshot_t *after_call, snapshot_t *after_reply)
{
    boot(false);
    setRegister(client, REG_R10, 11);
    setRegister(client, REG_R8, 22);
    if (fast_call) {
        enter(client, EP, 0, call_info);
        assert_true(try_fastpath(seL4_SysCall, EP, call_info));
    } else {
        slow(client, seL4_SysCall, EP, 0, call_info);
    }
    *after_call = snapshot();
    setRegister(server, REG_R10, 33);
    if (fast_reply) {
        enter(server, EP, REPLY, reply_info);
        assert_true(try_fastpath(seL4_SysReplyRecv, EP, reply_info));
    } else {
        slow(server, seL4_SysReplyRecv, EP, REPLY, reply_info);
    }
    *after_reply = snapshot();
    fixture_shutdown();
}

static void call_and_reply_match_the_slowpath(void **state)
{
    (void)state;
    snapshot_t fast_call, fast_reply, slow_call, slow_reply;
    call_then_reply(true, true, &fast_call, &fast_reply);
    call_then_reply(false, false, &slow_call, &slow_reply);
    /* the donation happened, and both paths agree on everything */
    assert_int_not_equal(fast_call.server_sc, 0);
    assert_int_equal(fast_call.client_sc, 0);
    assert_int_equal(fast_call.client_state, ThreadState_BlockedOnReply);
    assert_memory_equal(&fast_call, &slow_call, sizeof(snapshot_t));
    assert_int_equal(fast_reply.server_sc, 0);
    assert_int_equal(fast_reply.client_state, ThreadState_Running);
    assert_memory_equal(&fast_reply, &slow_reply, sizeof(snapshot_t));
}

static void declines_a_server_with_its_own_sc(void **state)
{
    (void)state;
    boot(true);
    enter(client, EP, 0, call_info);
    snapshot_t before = snapshot();
    assert_false(try_fastpath(seL4_SysCall, EP, call_info));
    snapshot_t after = snapshot();
    assert_memory_equal(&before, &after, sizeof(snapshot_t));
    fixture_shutdown();
}

static void declines_a_reply_recv_without_reply_cap(void **state)
{
    (void)state;
    boot(false);
    enter(client, EP, 0, call_info);
    assert_true(try_fastpath(seL4_SysCall, EP, call_info));
    enter(server, EP, EP, reply_info); /* r12 names the endpoint, not a reply cap */
    snapshot_t before = snapshot();
    assert_false(try_fastpath(seL4_SysReplyRecv, EP, reply_info));
    snapshot_t after = snapshot();
    assert_memory_equal(&before, &after, sizeof(snapshot_t));
    fixture_shutdown();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(call_and_reply_match_the_slowpath),
        cmocka_unit_test(declines_a_server_with_its_own_sc),
        cmocka_unit_test(declines_a_reply_recv_without_reply_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
