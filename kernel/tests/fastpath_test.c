/* Unit tests of the IPC fastpath (kernel/src/fastpath/fastpath.c) on the host architecture.
 * Each Call or ReplyRecv it takes must leave exactly the state the slowpath leaves: every
 * scenario runs twice on a fresh machine, once through the fastpath and once through
 * handleSyscall, and the two snapshots (thread states, all saved registers, reply and caller
 * slots with their CDT links, the endpoint queue, the current thread, the ready bitmap) must be
 * equal. Where it must decline, it must change nothing at all: the whole fake physical memory
 * and the scheduler state are compared before and after. */
#include "core_fixture.h"
#include <api/failures.h>
#include <api/syscall.h>
#include <fastpath/fastpath.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <sel4/fault_types.h>
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

/* The fault fastpath for t's fault f, raised at kernel entry: true if it took it. */
static bool try_fault_fastpath(tcb_t *t, fault_t fault)
{
    fixture_become(t);
    current_fault = fault;
    jmp_buf resumed;
    host_fastpath_jump = &resumed;
    if (setjmp(resumed)) {
        host_fastpath_jump = NULL;
        return true;
    }
    fastpath_fault(t);
    host_fastpath_jump = NULL;
    return false;
}

/* ---- snapshots --------------------------------------------------------------------------- */

typedef struct slot_view {
    word_t cap[2], prev, next_and_flags;
} slot_view_t;

typedef struct thread_view {
    word_t state, regs[n_context_regs];
    word_t fault_type, fault_number, fault_address, lookup_type, lookup_bits;
    slot_view_t reply, caller;
    word_t ipc_buffer[28]; /* the tag and MRs 0..26: the 19-word fault message and a reply */
} thread_view_t;

typedef struct snapshot {
    thread_view_t server, client;
    word_t ep_head, ep_tail, current, ready_l1, action;
    word_t ready_word; /* the ready bitmap's word of PRIO and PRIO - 1 */
    word_t queued[2], sched_next[2], sched_prev[2]; /* client, server: the ready queue links */
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
    thread_view_t v = { .state = t->state,
                        .fault_type = t->fault.type,
                        .fault_number = t->fault.number,
                        .fault_address = t->fault.address,
                        .lookup_type = t->lookup_failure.type,
                        .lookup_bits = t->lookup_failure.bitsLeft };
    memcpy(v.regs, t->arch.context.regs, sizeof(v.regs));
    memcpy(v.ipc_buffer, paddr_to_pptr(cap_get_capPaddr(t->ctes[tcbBuffer].cap)), sizeof(v.ipc_buffer));
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
    s.action = (word_t)ksSchedulerAction;
    s.ready_word = ksReadyQueuesBitmap[0][PRIO / wordBits];
    tcb_t *threads[2] = { client, server };
    for (int i = 0; i < 2; i++) {
        s.queued[i] = threads[i]->queued;
        s.sched_next[i] = paddr_or_0(threads[i]->sched_next);
        s.sched_prev[i] = paddr_or_0(threads[i]->sched_prev);
    }
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
    /* the type and Write are one mask-compare: a notification cap with Write and Grant */
    mint(BADGED + 30, NTFN, seL4_AllRights, 4);
    assert_declined(client, seL4_SysCall, BADGED + 30, seL4_MessageInfo_new(0, 0, 0, 0));
    /* the one-level test is guardSize + radix = 64 in one sum: 65 is not one level (the lookup
     * fails), 63 takes the general lookup (which finds slot EP >> 1, empty) */
    client->ctes[tcbCTable].cap = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 53, 0);
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->ctes[tcbCTable].cap = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 51, 0);
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->ctes[tcbCTable].cap = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 52, 0);
    assert_true(fast(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0))); /* and then takes it */
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
    /* the receiver's caller slot is tested as one word: a reply cap there declines, and so would
     * a null cap with stray bits (there is none: the slowpath would then decide) */
    server->ctes[tcbCaller].cap = cap_reply_cap_new(0x3f0000, false, true);
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    server->ctes[tcbCaller].cap = cap_make(cap_null_cap, 1, 0, 0);
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    server->ctes[tcbCaller].cap = cap_null_cap_new();
    /* the caller's master reply cap is tested by the type byte: without one, it declines */
    cap_t master = client->ctes[tcbReply].cap;
    client->ctes[tcbReply].cap = cap_null_cap_new();
    assert_declined(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->ctes[tcbReply].cap = master;
    assert_true(fast(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0)));
}

static void reply_recv_declines_without_a_plain_reply(void **state)
{
    (void)state;
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0)); /* no reply cap */
    server_waits();
    slow(client, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->fault.type = seL4_Fault_UnknownSyscall; /* a fault reply with label 1 stops the caller */
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(1, 0, 0, 0));
    client->fault.type = 0;
    mint(BADGED, EP, seL4_CanWrite, 1);
    assert_declined(server, seL4_SysReplyRecv, BADGED, seL4_MessageInfo_new(0, 0, 0, 0)); /* no Read */
    /* the caller slot's type is tested by its top byte: a thread cap there declines */
    cap_t reply = server->ctes[tcbCaller].cap;
    server->ctes[tcbCaller].cap = cap_thread_cap_new(cap_get_capPaddr(reply));
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    server->ctes[tcbCaller].cap = reply;
    /* the type and Read are one mask-compare: a notification cap with Read */
    mint(BADGED + 10, NTFN, seL4_AllRights, 2);
    assert_declined(server, seL4_SysReplyRecv, BADGED + 10, seL4_MessageInfo_new(0, 0, 0, 0));
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

/* ---- faults: the delivery to a waiting handler and the handler's reply ------------------- */

enum { UNKNOWN_SYSCALL = -100 };

/* The client faults to EP (badged 0x77 when `badged`), where the server waits; every register
 * of the client is distinct, so each word of the 19-word message is checked. */
static void prepare_fault(bool badged)
{
    current_lookup_fault = lookup_fault_missing_capability_new(5); /* copied into the TCB */
    if (badged) {
        mint(BADGED, EP, seL4_AllRights, 0x77);
    }
    client->fault_handler = badged ? BADGED : EP;
    for (int r = 0; r < n_context_regs; r++) {
        if (r != REG_VECTOR) {
            setRegister(client, r, 0x1000 + r);
        }
    }
    slow(server, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
}

static void unknown_syscall_fault(bool use_fastpath)
{
    if (use_fastpath) {
        enter(client, 0, seL4_MessageInfo_new(0, 0, 0, 0)); /* the registers slow() sets */
        fault_t fault = { .type = seL4_Fault_UnknownSyscall, .number = (word_t)UNKNOWN_SYSCALL };
        assert_true(try_fault_fastpath(client, fault));
    } else {
        slow(client, UNKNOWN_SYSCALL, 0, seL4_MessageInfo_new(0, 0, 0, 0));
    }
    assert_ptr_equal(ksCurThread, server);
    assert_int_equal(client->state, ThreadState_BlockedOnReply);
}

static void unknown_syscall_delivery(bool use_fastpath)
{
    prepare_fault(true);
    unknown_syscall_fault(use_fastpath);
    assert_int_equal(getRegister(server, REG_BADGE), 0x77);
    seL4_MessageInfo_t info = { { getRegister(server, REG_MSGINFO) } };
    assert_int_equal(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    assert_int_equal(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
}

static void fault_delivery_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(unknown_syscall_delivery);
}

static void vm_fault_delivery(bool use_fastpath)
{
    prepare_fault(false);
    fault_t fault = { .type = seL4_Fault_VMFault, .address = 0xdead000, .fsr = 6 };
    setRegister(client, REG_VECTOR, 14); /* it entered by the page fault, not by a syscall */
    if (use_fastpath) {
        assert_true(try_fault_fastpath(client, fault));
    } else {
        fixture_become(client);
        handleArchFault(fault);
    }
    assert_ptr_equal(ksCurThread, server);
}

static void vm_fault_delivery_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(vm_fault_delivery);
}

/* The handler replies with the whole 19-word message (MRs 4.. from its IPC buffer), FaultIP
 * moved on and the others changed, label 0: the client restarts with those registers. */
static void reply_to_fault(bool use_fastpath, word_t length)
{
    word_t *buf = paddr_to_pptr(cap_get_capPaddr(server->ctes[tcbBuffer].cap));
    for (word_t i = 0; i < length; i++) {
        word_t v = 0x5000 + i;
        if (i < n_msgRegisters) {
            setRegister(server, msgRegisters[i], v);
        } else {
            buf[i + 1] = v;
        }
    }
    call_or_reply_recv(use_fastpath, server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, length));
    assert_ptr_equal(ksCurThread, client);
    assert_int_equal(client->state, ThreadState_Running);
    assert_int_equal(client->fault.type, seL4_Fault_NullFault);
    assert_int_equal(server->state, ThreadState_BlockedOnReceive);
}

static void fault_reply_full(bool use_fastpath)
{
    prepare_fault(false);
    unknown_syscall_fault(false);
    reply_to_fault(use_fastpath, seL4_UnknownSyscall_Length);
    assert_int_equal(getRegister(client, REG_FAULT_IP), 0x5000 + seL4_UnknownSyscall_FaultIP);
}

static void fault_reply_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(fault_reply_full);
}

/* An empty reply: no register changes, the client restarts at FaultIP. */
static void fault_reply_empty(bool use_fastpath)
{
    prepare_fault(false);
    unknown_syscall_fault(false);
    reply_to_fault(use_fastpath, 0);
    assert_int_equal(getRegister(client, REG_RIP), 0x1000 + REG_FAULT_IP);
}

static void empty_fault_reply_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(fault_reply_empty);
}

static void vm_fault_reply(bool use_fastpath)
{
    vm_fault_delivery(false);
    reply_to_fault(use_fastpath, 2); /* a VM fault reply writes no registers back */
    assert_int_equal(getRegister(client, REG_R10), 0x1000 + REG_R10);
}

static void vm_fault_reply_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(vm_fault_reply);
}

/* The benchmark's loop: fault, reply, fault, reply, each step on the chosen path. */
static void fault_round_trips(bool use_fastpath)
{
    prepare_fault(true);
    for (int i = 0; i < 2; i++) {
        unknown_syscall_fault(use_fastpath);
        reply_to_fault(use_fastpath, seL4_UnknownSyscall_Length);
    }
}

static void fault_round_trips_match_the_slowpath(void **state)
{
    (void)state;
    compare_paths(fault_round_trips);
}

/* Where the fault fastpath must decline: it changes nothing at all. */
static void assert_fault_declined(tcb_t *t)
{
    fixture_become(t);
    machine_t before = machine_save();
    fault_t fault = { .type = seL4_Fault_UnknownSyscall, .number = (word_t)UNKNOWN_SYSCALL };
    assert_false(try_fault_fastpath(t, fault));
    assert_memory_equal(before.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    assert_ptr_equal(before.current, ksCurThread);
    assert_int_equal(before.l1, ksReadyQueuesL1Bitmap[0]);
    assert_int_equal(before.action, (word_t)ksSchedulerAction);
    free(before.phys);
}

static void fault_declines_without_a_usable_handler(void **state)
{
    (void)state;
    client->fault_handler = 4000; /* empty slot */
    assert_fault_declined(client);
    client->fault_handler = NTFN;
    assert_fault_declined(client);
    mint(BADGED, EP, seL4_CanWrite, 1); /* no Grant or GrantReply */
    client->fault_handler = BADGED;
    assert_fault_declined(client);
    mint(BADGED + 10, EP, seL4_CanGrant, 2); /* no Write */
    client->fault_handler = BADGED + 10;
    assert_fault_declined(client);
    client->fault_handler = EP;
    assert_fault_declined(client); /* nobody waits */
    server_waits();
    assert_true(try_fault_fastpath(client, (fault_t){ .type = seL4_Fault_UnknownSyscall }));
}

static void fault_declines_when_the_handler_cannot_run_next(void **state)
{
    (void)state;
    client->fault_handler = EP;
    server_waits();
    server->priority = PRIO - 1;
    tcb_t *other = make_thread(OTHER, 0x3f2000);
    tcbSchedEnqueue(other); /* ready at PRIO, above the handler */
    assert_fault_declined(client);
    tcbSchedDequeue(other);
    other->state = ThreadState_Inactive;
    setRegister(server, REG_VECTOR, 0); /* registers written: it resumes by iret */
    assert_fault_declined(client);
    setRegister(server, REG_VECTOR, VECTOR_SYSCALL);
    fixture_become(client);
    ksSchedulerAction = server; /* not at kernel entry: something was chosen already */
    machine_t before = machine_save();
    jmp_buf resumed;
    host_fastpath_jump = &resumed;
    if (setjmp(resumed)) {
        fail_msg("the fault fastpath ran with a thread already chosen");
    }
    fastpath_fault(client);
    host_fastpath_jump = NULL;
    assert_memory_equal(before.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    free(before.phys);
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
    assert_true(try_fault_fastpath(client, (fault_t){ .type = seL4_Fault_UnknownSyscall }));
}

static void fault_reply_declines_when_the_caller_would_stop(void **state)
{
    (void)state;
    prepare_fault(false);
    unknown_syscall_fault(false);
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(1, 0, 0, 0)); /* label 1: stops */
    client->domain = 1;
    if (CONFIG_NUM_DOMAINS > 1) {
        assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    }
    client->domain = 0;
    client->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, false, 0); /* no ASID */
    assert_declined(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    client->ctes[tcbVTable].cap = cap_pml4_cap_new(0x3e0000, true, 1);
    assert_true(fast(server, seL4_SysReplyRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0)));
}

/* ---- Yield when the current thread would be chosen again -------------------------------- */

static void yield(bool use_fastpath)
{
    if (use_fastpath) {
        enter(client, 0, seL4_MessageInfo_new(0, 0, 0, 0)); /* the registers slow() sets */
        assert_true(fastpath_yield());
        schedule();
        activateThread();
    } else {
        slow(client, seL4_SysYield, 0, seL4_MessageInfo_new(0, 0, 0, 0));
    }
    assert_ptr_equal(ksCurThread, client);
}

static void yield_alone(bool use_fastpath)
{
    server->state = ThreadState_Inactive;
    yield(use_fastpath);
}

static void yield_alone_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(yield_alone);
}

/* A thread ready below the client's priority stays queued where it was. */
static void yield_above_another(bool use_fastpath)
{
    server->priority = PRIO - 1;
    fixture_become(client);
    tcbSchedEnqueue(server);
    yield(use_fastpath);
    assert_true(server->queued);
}

static void yield_above_another_matches_the_slowpath(void **state)
{
    (void)state;
    compare_paths(yield_above_another);
}

static void assert_yield_declined(void)
{
    enter(client, 0, seL4_MessageInfo_new(0, 0, 0, 0));
    machine_t before = machine_save();
    assert_false(fastpath_yield());
    assert_memory_equal(before.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    assert_ptr_equal(before.current, ksCurThread);
    assert_int_equal(before.l1, ksReadyQueuesL1Bitmap[0]);
    assert_int_equal(before.action, (word_t)ksSchedulerAction);
    free(before.phys);
}

static void yield_declines_when_another_thread_would_run(void **state)
{
    (void)state;
    fixture_become(client);
    tcbSchedEnqueue(server); /* ready at the client's priority: it goes first */
    assert_yield_declined();
    tcbSchedDequeue(server);
    server->priority = PRIO + 1; /* above it */
    fixture_become(client);
    tcbSchedEnqueue(server);
    assert_yield_declined();
    tcbSchedDequeue(server);
    server->state = ThreadState_Inactive;
    word_t time = ksDomainTime;
    ksDomainTime = 0; /* the domain's time is up: the slowpath switches domains */
    assert_yield_declined();
    ksDomainTime = time;
    enter(client, 0, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_true(fastpath_yield());
}

/* ---- schedule() with a candidate at the current thread's priority -------------------- */

/* The server was woken (as a Signal or Send to it leaves it: Running, chosen) while the client
 * keeps running; `other` is ready at `other_prio` (0: not at all). */
static void woken_at_the_same_priority(word_t other_prio)
{
    if (other_prio) {
        tcb_t *other = make_thread(OTHER, 0x3f2000);
        other->priority = other_prio;
        fixture_become(client);
        tcbSchedEnqueue(other);
    }
    fixture_become(client);
    server->state = ThreadState_Running;
    ksSchedulerAction = server;
}

static void schedule_either_way(bool use_fastpath)
{
    if (use_fastpath) {
        assert_true(fastpath_schedule_same_prio(server));
        ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
    } else {
        schedule();
    }
    assert_ptr_equal(ksCurThread, client);
    assert_true(server->queued);
}

static void wake_alone(bool use_fastpath)
{
    woken_at_the_same_priority(0);
    schedule_either_way(use_fastpath);
}

static void wake_above_another(bool use_fastpath)
{
    woken_at_the_same_priority(PRIO - 1);
    schedule_either_way(use_fastpath);
}

/* Another thread ready at the same priority: the server goes behind it. */
static void wake_behind_another(bool use_fastpath)
{
    woken_at_the_same_priority(PRIO);
    schedule_either_way(use_fastpath);
    assert_ptr_equal(server->sched_prev, tcb_from_cap(fixture_slot(f, OTHER)->cap));
}

static void same_priority_wakeups_match_the_slowpath(void **state)
{
    (void)state;
    compare_paths(wake_alone);
    fixture_shutdown();
    compare_paths(wake_above_another);
    fixture_shutdown();
    compare_paths(wake_behind_another);
}

static void assert_schedule_declined(tcb_t *candidate)
{
    machine_t before = machine_save();
    assert_false(fastpath_schedule_same_prio(candidate));
    assert_memory_equal(before.phys, paddr_to_pptr(0), FIXTURE_PHYS_BYTES);
    assert_ptr_equal(before.current, ksCurThread);
    assert_int_equal(before.l1, ksReadyQueuesL1Bitmap[0]);
    assert_int_equal(before.action, (word_t)ksSchedulerAction);
    free(before.phys);
}

static void schedule_declines_unless_the_current_thread_goes_on(void **state)
{
    (void)state;
    woken_at_the_same_priority(PRIO + 1); /* a thread above both is ready */
    assert_schedule_declined(server);
    fixture_shutdown();
    boot();
    woken_at_the_same_priority(0);
    server->priority = PRIO + 1; /* the candidate is above the client: it runs */
    assert_schedule_declined(server);
    server->priority = PRIO - 1; /* below: seL4's other rule (fastfail) decides */
    assert_schedule_declined(server);
    server->priority = PRIO;
    assert_schedule_declined(client); /* the current thread itself */
    client->state = ThreadState_BlockedOnReceive; /* the current thread stops */
    assert_schedule_declined(server);
    client->state = ThreadState_Running;
    word_t time = ksDomainTime;
    ksDomainTime = 0; /* the domain's time is up */
    assert_schedule_declined(server);
    ksDomainTime = time;
    assert_true(fastpath_schedule_same_prio(server));
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
        C(fault_delivery_matches_the_slowpath),
        C(vm_fault_delivery_matches_the_slowpath),
        C(fault_reply_matches_the_slowpath),
        C(empty_fault_reply_matches_the_slowpath),
        C(vm_fault_reply_matches_the_slowpath),
        C(fault_round_trips_match_the_slowpath),
        T(fault_declines_without_a_usable_handler),
        T(fault_declines_when_the_handler_cannot_run_next),
        T(fault_reply_declines_when_the_caller_would_stop),
        C(yield_alone_matches_the_slowpath),
        C(yield_above_another_matches_the_slowpath),
        T(yield_declines_when_another_thread_would_run),
        C(same_priority_wakeups_match_the_slowpath),
        T(schedule_declines_unless_the_current_thread_goes_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
