/* Unit tests of MCS IPC and scheduling-context ownership on the host architecture (kernel/src/
 * object/endpoint_mcs.c, reply.c, schedcontext.c; sel4-mcs-facts 4.2, 4.3): donation over Call
 * to a passive server and back over the reply, a two-level call chain, and deletion of a reply
 * object, an SC or a caller in the middle of a call. Threads take turns by becoming current. */
#include "core_fixture.h"
#include <api/syscall.h>
#include <kernel/cspace.h>
#include <object/cnode.h>
#include <object/objecttype.h>
#include <kernel/sched_mcs.h>
#include <kernel/thread.h>
#include <object/reply.h>
#include <object/schedcontext.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/syscall.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;
enum { EP = 100, EP2 = 101, REPLY1 = 102, REPLY2 = 103, CLIENT = 104, PROXY = 105, SERVER = 106, CSC = 107 };

static tcb_t *client, *proxy, *server;
static sched_context_t *csc; /* the client's SC */

static void retype(word_t type, word_t bits, word_t slot)
{
    word_t mrs[] = { type, bits, 0, 0, slot, 1 };
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
}

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    retype(seL4_EndpointObject, 0, EP);
    retype(seL4_EndpointObject, 0, EP2);
    retype(seL4_ReplyObject, 0, REPLY1);
    retype(seL4_ReplyObject, 0, REPLY2);
    retype(seL4_SchedContextObject, 8, CSC);
    word_t cfg[] = { 1000, 1000, 0, 0, 0 };
    cptr_t sc_cap = CSC;
    assert_int_equal(fixture_invoke(f, FIXTURE_SCHED_CONTROL_SLOT, SchedControlConfigureFlags, cfg, 5, &sc_cap, 1),
                     seL4_NoError);
    client = fixture_make_thread(f, CLIENT, 0x3f0000);
    proxy = fixture_make_thread(f, PROXY, 0x3f1000);
    server = fixture_make_thread(f, SERVER, 0x3f2000);
    csc = sc_from_cap(fixture_slot(f, CSC)->cap);
    schedContext_bindTCB(csc, client);
    return 0;
}

static reply_t *reply_at(word_t slot)
{
    return reply_from_cap(fixture_slot(f, slot)->cap);
}

static void syscall_as(tcb_t *t, long number, cptr_t cap, cptr_t r12, seL4_MessageInfo_t info)
{
    fixture_become(t);
    setRegister(t, REG_CAP, cap);
    setRegister(t, REG_R12, r12);
    setRegister(t, REG_MSGINFO, info.words[0]);
    handleSyscall(number);
}

static const seL4_MessageInfo_t empty = { { 0 } };

/* The passive server (no SC) waits on ep with reply object `reply`. */
static void passive_recv(tcb_t *t, cptr_t ep, cptr_t reply)
{
    syscall_as(t, seL4_SysRecv, ep, reply, empty);
    assert_int_equal(t->state, ThreadState_BlockedOnReceive);
    assert_null(t->sc);
}

static void call_donates_and_reply_returns(void **state)
{
    (void)state;
    passive_recv(server, EP, REPLY1);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(client->state, ThreadState_BlockedOnReply);
    assert_ptr_equal(server->sc, csc);
    assert_null(client->sc);
    assert_ptr_equal(csc->reply, reply_at(REPLY1));
    assert_ptr_equal(reply_at(REPLY1)->tcb, client);
    assert_true(isSchedulable(server)); /* the server can run, on the client's SC */
    /* ReplyRecv: the SC goes back, the server waits again without one */
    syscall_as(server, seL4_SysReplyRecv, EP, REPLY1, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_ptr_equal(client->sc, csc);
    assert_null(server->sc);
    assert_null(csc->reply);
    assert_int_equal(client->state, ThreadState_Running);
    assert_int_equal(server->state, ThreadState_BlockedOnReceive);
    assert_ptr_equal(reply_at(REPLY1)->tcb, server);
}

/* client -> proxy (REPLY1) -> server (REPLY2): the SC travels down the chain. */
static void build_chain(void)
{
    passive_recv(proxy, EP, REPLY1);
    passive_recv(server, EP2, REPLY2);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_ptr_equal(proxy->sc, csc);
    syscall_as(proxy, seL4_SysCall, EP2, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_ptr_equal(server->sc, csc);
    assert_ptr_equal(csc->reply, reply_at(REPLY2));
    assert_ptr_equal(reply_at(REPLY2)->prev, reply_at(REPLY1));
    assert_ptr_equal(reply_at(REPLY1)->next, reply_at(REPLY2));
}

static void chain_returns_step_by_step(void **state)
{
    (void)state;
    build_chain();
    syscall_as(server, seL4_SysSend, REPLY2, 0, empty);
    assert_ptr_equal(proxy->sc, csc);
    assert_ptr_equal(csc->reply, reply_at(REPLY1));
    assert_ptr_equal(reply_at(REPLY1)->sc, csc);
    syscall_as(proxy, seL4_SysSend, REPLY1, 0, empty);
    assert_ptr_equal(client->sc, csc);
    assert_null(csc->reply);
    assert_int_equal(client->state, ThreadState_Running);
}

static void deleting_replies_in_order_returns_the_sc(void **state)
{
    (void)state;
    /* SCHED_CONTEXT_0011: server's reply, then proxy's: the SC goes back along the chain, the
     * callers are left Inactive */
    build_chain();
    fixture_become(f->thread);
    assert_int_equal(cteDelete(fixture_slot(f, REPLY2), true), EXCEPTION_NONE);
    assert_ptr_equal(proxy->sc, csc);
    assert_null(server->sc);
    assert_int_equal(proxy->state, ThreadState_Inactive);
    assert_int_equal(cteDelete(fixture_slot(f, REPLY1), true), EXCEPTION_NONE);
    assert_ptr_equal(client->sc, csc);
    assert_int_equal(client->state, ThreadState_Inactive);
    assert_null(csc->reply);
}

static void deleting_replies_out_of_order_loses_the_sc(void **state)
{
    (void)state;
    /* SCHED_CONTEXT_0012: proxy's reply first cuts the chain; the client never gets it back */
    build_chain();
    fixture_become(f->thread);
    assert_int_equal(cteDelete(fixture_slot(f, REPLY1), true), EXCEPTION_NONE);
    assert_int_equal(client->state, ThreadState_Inactive);
    assert_null(reply_at(REPLY2)->prev);
    assert_int_equal(cteDelete(fixture_slot(f, REPLY2), true), EXCEPTION_NONE);
    assert_ptr_equal(proxy->sc, csc);
    assert_null(client->sc);
}

static void deleting_the_sc_mid_call(void **state)
{
    (void)state;
    /* IPC0023: the server loses the SC; a later reply wakes the client without one */
    passive_recv(server, EP, REPLY1);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    fixture_become(f->thread);
    assert_int_equal(cteDelete(fixture_slot(f, CSC), true), EXCEPTION_NONE);
    assert_null(server->sc);
    assert_null(reply_at(REPLY1)->sc);
    syscall_as(server, seL4_SysSend, REPLY1, 0, empty);
    assert_int_equal(client->state, ThreadState_Running);
    assert_null(client->sc);
    assert_false(isSchedulable(client));
}

static void deleting_the_caller_mid_call(void **state)
{
    (void)state;
    /* the caller is suspended: its reply leaves the stack, the SC stays with the server, and a
     * later reply is a no-op */
    passive_recv(server, EP, REPLY1);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    fixture_become(f->thread);
    suspend(client);
    assert_ptr_equal(server->sc, csc);
    assert_null(csc->reply);
    assert_null(reply_at(REPLY1)->tcb);
    syscall_as(server, seL4_SysSend, REPLY1, 0, empty);
    assert_ptr_equal(server->sc, csc);
    assert_int_equal(client->state, ThreadState_Inactive);
}

static void wait_leaves_the_caller_inactive(void **state)
{
    (void)state;
    syscall_as(server, seL4_SysWait, EP, 0, empty);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(client->state, ThreadState_Inactive);
    assert_ptr_equal(client->sc, csc); /* no reply object: no donation */
    assert_int_equal(server->state, ThreadState_Running);
}

static void recv_with_a_busy_reply_cancels_the_old_caller(void **state)
{
    (void)state;
    /* one reply object serves one outstanding caller */
    passive_recv(server, EP, REPLY1);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    syscall_as(server, seL4_SysRecv, EP2, REPLY1, empty);
    assert_int_equal(client->state, ThreadState_Inactive);
    assert_ptr_equal(reply_at(REPLY1)->tcb, server);
}

static void deleting_the_endpoint_releases_a_waiting_passive_server(void **state)
{
    (void)state;
    passive_recv(server, EP, REPLY1);
    fixture_become(f->thread);
    assert_int_equal(cteDelete(fixture_slot(f, EP), true), EXCEPTION_NONE);
    assert_int_equal(server->state, ThreadState_Restart); /* it re-executes its Recv ... */
    assert_false(tcbIsQueued(server));                     /* ... once it has an SC */
    assert_null(server->reply);
    assert_null(reply_at(REPLY1)->tcb);
}

static void deleting_the_server_leaves_the_sc_for_the_client(void **state)
{
    (void)state;
    /* SCHED_CONTEXT_0008: the server holding the donated SC is deleted; the SC is unbound, and
     * deleting the reply object later gives it back to the (Inactive) client */
    passive_recv(server, EP, REPLY1);
    syscall_as(client, seL4_SysCall, EP, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    fixture_become(f->thread);
    /* what deleting the TCB's last cap does to the thread (the fixture's TCBs hold uncounted
     * copies of the root CNode cap, so a whole cteDelete would take the root CNode with it) */
    finaliseCap(fixture_slot(f, SERVER)->cap, true);
    assert_int_equal(server->state, ThreadState_Inactive);
    assert_null(server->sc);
    assert_null(csc->tcb);
    assert_ptr_equal(csc->reply, reply_at(REPLY1));
    assert_int_equal(cteDelete(fixture_slot(f, REPLY1), true), EXCEPTION_NONE);
    assert_ptr_equal(client->sc, csc);
    assert_ptr_equal(csc->tcb, client);
    assert_int_equal(client->state, ThreadState_Inactive);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fixture_teardown)
int main(void)
{
    const struct CMUnitTest tests[] = {
        T(call_donates_and_reply_returns),
        T(chain_returns_step_by_step),
        T(deleting_replies_in_order_returns_the_sc),
        T(deleting_replies_out_of_order_loses_the_sc),
        T(deleting_the_sc_mid_call),
        T(deleting_the_caller_mid_call),
        T(wait_leaves_the_caller_inactive),
        T(recv_with_a_busy_reply_cancels_the_old_caller),
        T(deleting_the_endpoint_releases_a_waiting_passive_server),
        T(deleting_the_server_leaves_the_sc_for_the_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
