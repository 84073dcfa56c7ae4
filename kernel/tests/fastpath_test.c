/* Unit tests of the IPC fastpath (kernel/src/fastpath/fastpath.c) on the host architecture.
 * Each Call or ReplyRecv it takes must leave exactly the state the slowpath leaves: every
 * scenario runs twice on a fresh machine, once through the fastpath and once through
 * handleSyscall, and the two snapshots (thread states, all saved registers, reply and caller
 * slots with their CDT links, the endpoint queue, the current thread, the ready bitmap) must be
 * equal. Where it must decline, it must change nothing at all: the whole fake physical memory
 * and the scheduler state are compared before and after. */
#include "core_fixture.h"
#include <api/syscall.h>
#include <fastpath/fastpath.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/syscall.h>
#include <stdlib.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;
enum { EP = 100, NTFN = 101, SERVER = 102, CLIENT = 103, BADGED = 104, OTHER = 105, L1_CNODE = 106 };
enum { PRIO = 100 }; /* fixture_make_thread's priority */

static tcb_t *server, *client;

/* ---- the machine ------------------------------------------------------------------------- */

static word_t retype(word_t type, word_t bits, word_t slot)
{
    fixture_become(f->thread);
    word_t mrs[] = { type, bits, 0, 0, slot, 1 };
    return fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1);
}

/* A fixture thread (root CSpace, priority PRIO) resuming by the syscall return, with a VSpace
 * that has an ASID and a master reply cap, as restart() leaves every thread that runs. */
static tcb_t *make_thread(word_t slot, paddr_t buffer_paddr)
{
    fixture_become(f->thread);
    tcb_t *t = fixture_make_thread(f, slot, buffer_paddr);
    t->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, true, 1);
    setupReplyMaster(t);
    setRegister(t, REG_VECTOR, VECTOR_SYSCALL);
    return t;
}

static void boot(void)
{
    f = fixture_boot();
    assert_int_equal(retype(seL4_EndpointObject, 0, EP), seL4_NoError);
    assert_int_equal(retype(seL4_NotificationObject, 0, NTFN), seL4_NoError);
    server = make_thread(SERVER, 0x3f0000);
    client = make_thread(CLIENT, 0x3f1000);
    f->thread->priority = PRIO - 1; /* the root thread only sets things up */
}

static void mint(word_t dest, word_t src, seL4_CapRights_t rights, word_t badge)
{
    fixture_become(f->thread);
    word_t mrs[] = { dest, 64, src, 64, rights.words[0], badge };
    assert_int_equal(fixture_invoke(f, root, CNodeMint, mrs, 6, &root, 1), seL4_NoError);
}

static void slow(tcb_t *t, long number, cptr_t cptr, seL4_MessageInfo_t info)
{
    fixture_become(t);
    setRegister(t, REG_CAP, cptr);
    setRegister(t, REG_MSGINFO, info.words[0]);
    handleSyscall(number);
}

/* t, current, about to make a syscall (the registers the entry code saved). */
static void enter(tcb_t *t, cptr_t cptr, seL4_MessageInfo_t info)
{
    fixture_become(t);
    setRegister(t, REG_CAP, cptr);
    setRegister(t, REG_MSGINFO, info.words[0]);
}

/* The current thread's syscall through the fastpath only: true if it took it (and resumed the
 * partner). */
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

static bool fast(tcb_t *t, long number, cptr_t cptr, seL4_MessageInfo_t info)
{
    enter(t, cptr, info);
    return try_fastpath(number, cptr, info);
}

/* ---- snapshots --------------------------------------------------------------------------- */

typedef struct slot_view {
    word_t cap[2], prev, next_and_flags;
} slot_view_t;

typedef struct thread_view {
    word_t state, regs[n_context_regs];
    slot_view_t reply, caller;
} thread_view_t;

typedef struct snapshot {
    thread_view_t server, client;
    word_t ep_head, ep_tail, current, ready_l1;
} snapshot_t;

static word_t paddr_or_0(const void *p)
{
    return p ? kptr_to_paddr(p) : 0;
}

static slot_view_t slot_view(const cte_t *s)
{
    const cte_t *next = mdb_get_next(s->mdb);
    return (slot_view_t){ { s->cap.words[0], s->cap.words[1] },
                          paddr_or_0(mdb_get_prev(s->mdb)),
                          paddr_or_0(next) | (s->mdb.words[1] & 3) };
}

static thread_view_t thread_view(const tcb_t *t)
{
    thread_view_t v = { .state = t->state };
    memcpy(v.regs, t->arch.context.regs, sizeof(v.regs));
    v.reply = slot_view(&t->ctes[tcbReply]);
    v.caller = slot_view(&t->ctes[tcbCaller]);
    return v;
}

static snapshot_t snapshot(void)
{
    endpoint_t *ep = ep_from_cap(fixture_slot(f, EP)->cap);
    snapshot_t s;
    memset(&s, 0, sizeof(s));
    s.server = thread_view(server);
    s.client = thread_view(client);
    s.ep_head = paddr_or_0(ep->head);
    s.ep_tail = paddr_or_0(ep->tail);
    s.current = paddr_or_0(ksCurThread);
    s.ready_l1 = ksReadyQueuesL1Bitmap[0];
    return s;
}

static void assert_same(const snapshot_t *a, const snapshot_t *b)
{
    assert_int_equal(a->server.state, b->server.state);
    assert_int_equal(a->client.state, b->client.state);
    for (int i = 0; i < n_context_regs; i++) {
        assert_int_equal(a->server.regs[i], b->server.regs[i]);
        assert_int_equal(a->client.regs[i], b->client.regs[i]);
    }
    assert_memory_equal(&a->server.caller, &b->server.caller, sizeof(slot_view_t));
    assert_memory_equal(&a->client.reply, &b->client.reply, sizeof(slot_view_t));
    assert_memory_equal(&a->client.caller, &b->client.caller, sizeof(slot_view_t));
    assert_memory_equal(a, b, sizeof(*a));
}

/* The whole machine, to show that a declined fastpath changed nothing. */
typedef struct machine {
    uint8_t *phys;
    tcb_t *current;
    word_t l1, action;
} machine_t;

static machine_t machine_save(void)
{
    machine_t m = { malloc(FIXTURE_PHYS_BYTES), ksCurThread, ksReadyQueuesL1Bitmap[0], (word_t)ksSchedulerAction };
    assert_non_null(m.phys);
    memcpy(m.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    return m;
}

static void assert_declined(tcb_t *t, long number, cptr_t cptr, seL4_MessageInfo_t info)
{
    enter(t, cptr, info);
    machine_t before = machine_save();
    assert_false(try_fastpath(number, cptr, info));
    assert_memory_equal(before.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    assert_ptr_equal(before.current, ksCurThread);
    assert_int_equal(before.l1, ksReadyQueuesL1Bitmap[0]);
    assert_int_equal(before.action, (word_t)ksSchedulerAction);
    free(before.phys);
}

/* ---- scenarios, each run on both paths --------------------------------------------------- */

typedef void (*scenario_fn)(bool use_fastpath);

/* Runs the scenario on a fresh machine through each path and compares the results. */
static void compare_paths(scenario_fn scenario)
{
    boot();
    scenario(true);
    snapshot_t fast_result = snapshot();
    fixture_shutdown();
    boot();
    scenario(false);
    snapshot_t slow_result = snapshot();
    assert_same(&fast_result, &slow_result);
}

static void call_or_reply_recv(bool use_fastpath, tcb_t *t, long number, cptr_t cptr, seL4_MessageInfo_t info)
{
    if (use_fastpath) {
        assert_true(fast(t, number, cptr, info));
    } else {
        slow(t, number, cptr, info);
    }
}

/* The server waits; the client calls with two words through a badged cap. */
static void badged_call(bool use_fastpath)
{
    mint(BADGED, EP, seL4_AllRights, 0x5a);
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    setRegister(client, REG_R10, 11);
    setRegister(client, REG_R8, 22);
    setRegister(client, REG_R9, 33); /* beyond the length: must not reach the server */
    setRegister(server, REG_R9, 99);
    call_or_reply_recv(use_fastpath, client, seL4_SysCall, BADGED, seL4_MessageInfo_new(7, 0, 0, 2));
    assert_ptr_equal(ksCurThread, server);
    assert_int_equal(getRegister(server, REG_BADGE), 0x5a);
    assert_int_equal(getRegister(server, REG_R10), 11);
    assert_int_equal(getRegister(server, REG_R8), 22);
    assert_int_equal(getRegister(server, REG_R9), 99);
}

static void call_delivers_like_the_slowpath(void **state)
{
    (void)state;
    compare_paths(badged_call);
}

/* After the call, the server replies with four words and waits again. */
static void reply_then_wait(bool use_fastpath)
{
    badged_call(false);
    for (int i = 0; i < 4; i++) {
        setRegister(server, (context_reg_t[]){ REG_R10, REG_R8, REG_R9, REG_R15 }[i], 100 + i);
    }
    call_or_reply_recv(use_fastpath, server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(1, 0, 0, 4));
    assert_ptr_equal(ksCurThread, client);
    assert_int_equal(server->state, ThreadState_BlockedOnReceive);
    assert_true(cap_is_null(server->ctes[tcbCaller].cap));
    assert_int_equal(getRegister(client, REG_R15), 103);
}

static void reply_recv_delivers_like_the_slowpath(void **state)
{
    (void)state;
    compare_paths(reply_then_wait);
}

/* A whole round trip twice: the reply caps come and go on both paths alike. */
static void two_round_trips(bool use_fastpath)
{
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    for (int i = 0; i < 2; i++) {
        call_or_reply_recv(use_fastpath, client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
        call_or_reply_recv(use_fastpath, server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    }
}

static void round_trips_match_the_slowpath(void **state)
{
    (void)state;
    compare_paths(two_round_trips);
}

/* The client's CSpace has two levels: a 16-slot CNode whose slot 0 holds the root CNode
 * (guard of 48 zero bits): the lookup leaves the inline single-level case. */
static void two_level_call(bool use_fastpath)
{
    assert_int_equal(retype(seL4_CapTableObject, 4, L1_CNODE), seL4_NoError);
    cte_t *l1 = cap_window_kptr(fixture_slot(f, L1_CNODE)->cap);
    l1[0].cap = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 48, 0);
    client->ctes[tcbCTable].cap = cap_cnode_cap_new(cap_get_capPaddr(fixture_slot(f, L1_CNODE)->cap), 4, 0, 0);
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    call_or_reply_recv(use_fastpath, client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(client->state, ThreadState_BlockedOnReply);
}

static void a_two_level_cspace_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(two_level_call);
}

/* A one-level CSpace with a nonzero guard: cptr = guard << 12 | slot. */
static void guarded_call(bool use_fastpath)
{
    client->ctes[tcbCTable].cap = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 52, 0x3c5);
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    call_or_reply_recv(use_fastpath, client, seL4_SysCall, (0x3c5ull << 12) | EP, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(client->state, ThreadState_BlockedOnReply);
}

static void a_guarded_cspace_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(guarded_call);
}

/* ---- where it must decline ---------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    boot();
    return 0;
}

static void server_waits(void)
{
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
}

static void call_declines_long_messages_caps_and_faults(void **state)
{
    (void)state;
    server_waits();
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 5));
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 1, 0));
    client->fault.type = seL4_Fault_UnknownSyscall;
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->fault.type = 0;
    assert_true(fast(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 4))); /* and then takes it */
}

static void call_declines_caps_it_cannot_use(void **state)
{
    (void)state;
    server_waits();
    mint(BADGED, EP, seL4_CanRead, 1);
    assert_declined(client, seL4_SysCall, BADGED, seL4_MessageInfo_new(0, 0, 0, 0)); /* no Write */
    mint(BADGED + 10, EP, seL4_CanWrite, 2);
    assert_declined(client, seL4_SysCall, BADGED + 10, seL4_MessageInfo_new(0, 0, 0, 0)); /* no Grant(Reply) */
    assert_declined(client, seL4_SysCall, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_declined(client, seL4_SysCall, 4000, seL4_MessageInfo_new(0, 0, 0, 0)); /* empty slot */
    assert_declined(client, seL4_SysCall, (word_t)1 << 40, seL4_MessageInfo_new(0, 0, 0, 0)); /* guard */
    mint(BADGED + 20, EP, seL4_CanGrantReply, 3);
    assert_declined(client, seL4_SysCall, BADGED + 20, seL4_MessageInfo_new(0, 0, 0, 0)); /* GrantReply, no Write */
}

static void call_declines_when_the_receiver_cannot_run_next(void **state)
{
    (void)state;
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0)); /* nobody waits */
    server_waits();
    server->priority = PRIO - 1;
    tcb_t *other = make_thread(OTHER, 0x3f2000);
    tcbSchedEnqueue(other); /* ready at PRIO, above the server */
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    tcbSchedDequeue(other);
    other->state = ThreadState_Inactive;
    server->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, false, 0); /* no ASID */
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    server->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, true, 1);
    setRegister(server, REG_VECTOR, 0); /* registers written: it resumes by iret */
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    setRegister(server, REG_VECTOR, VECTOR_SYSCALL);
    assert_true(fast(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0)));
}

static void reply_recv_declines_without_a_plain_reply(void **state)
{
    (void)state;
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0)); /* no reply cap */
    server_waits();
    slow(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->fault.type = seL4_Fault_UnknownSyscall; /* a fault reply writes registers back */
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->fault.type = 0;
    mint(BADGED, EP, seL4_CanWrite, 1);
    assert_declined(server, seL4_SysReplyRecv, BADGED, seL4_MessageInfo_new(0, 0, 0, 0)); /* no Read */
    assert_true(fast(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0)));
}

static void reply_recv_declines_when_the_receive_would_not_block(void **state)
{
    (void)state;
    server_waits();
    slow(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    tcb_t *sender = make_thread(OTHER, 0x3f2000);
    slow(sender, seL4_SysSend, EP, seL4_MessageInfo_new(0, 0, 0, 0)); /* a sender waits */
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
}

static void reply_recv_declines_with_a_pending_signal(void **state)
{
    (void)state;
    fixture_become(f->thread);
    word_t bind[] = { 0 };
    cptr_t ntfn = NTFN;
    assert_int_equal(fixture_invoke(f, SERVER, TCBBindNotification, bind, 0, &ntfn, 1), seL4_NoError);
    server_waits();
    slow(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    slow(f->thread, seL4_SysSend, NTFN, seL4_MessageInfo_new(0, 0, 0, 0)); /* Signal */
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
}

int main(void)
{
#define C(name) cmocka_unit_test_teardown(name, fixture_teardown)
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        C(call_delivers_like_the_slowpath),
        C(reply_recv_delivers_like_the_slowpath),
        C(round_trips_match_the_slowpath),
        C(a_two_level_cspace_matches_the_slowpath),
        C(a_guarded_cspace_matches_the_slowpath),
        T(call_declines_long_messages_caps_and_faults),
        T(call_declines_caps_it_cannot_use),
        T(call_declines_when_the_receiver_cannot_run_next),
        T(reply_recv_declines_without_a_plain_reply),
        T(reply_recv_declines_when_the_receive_would_not_block),
        T(reply_recv_declines_with_a_pending_signal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
