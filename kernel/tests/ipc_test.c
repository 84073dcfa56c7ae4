/* Unit tests of IPC (kernel/src/object/endpoint.c, notification.c, kernel/ipc.c,
 * faulthandler.c) on the host architecture: queues, transfer, reply caps, cap transfer and
 * unwrapping, rights, notifications and binding, fault delivery and replies (sel4-facts 2.5,
 * 2.6, 2.9). Threads take turns by becoming the current thread. */
#include "core_fixture.h"
#include <api/syscall.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <sel4/fault_types.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/syscall.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;
enum { EP = 100, NTFN = 101, T1 = 102, T2 = 103, BADGED = 104, RECV_SLOT = 110 };

static tcb_t *t1, *t2;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    word_t ep[] = { seL4_EndpointObject, 0, 0, 0, EP, 1 }, nt[] = { seL4_NotificationObject, 0, 0, 0, NTFN, 1 };
    fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, ep, 6, &root, 1);
    fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, nt, 6, &root, 1);
    t1 = fixture_make_thread(f, T1, 0x3f0000);
    t2 = fixture_make_thread(f, T2, 0x3f1000);
    return 0;
}

static word_t *buffer_of(tcb_t *t)
{
    return lookupIPCBuffer(false, t);
}

static void syscall_as(tcb_t *t, long number, cptr_t cap, seL4_MessageInfo_t info)
{
    fixture_become(t);
    setRegister(t, REG_CAP, cap);
    setRegister(t, REG_MSGINFO, info.words[0]);
    handleSyscall(number);
}

static seL4_MessageInfo_t info_of(tcb_t *t)
{
    return (seL4_MessageInfo_t){ { getRegister(t, REG_MSGINFO) } };
}

static void mint_badged(word_t dest, word_t src, word_t rights, word_t badge)
{
    fixture_become(f->thread);
    word_t mrs[] = { dest, 64, src, 64, rights, badge };
    assert_int_equal(fixture_invoke(f, root, CNodeMint, mrs, 6, &root, 1), seL4_NoError);
}

static void send_meets_a_waiting_receiver_with_badge_and_mrs(void **state)
{
    (void)state;
    mint_badged(BADGED, EP, seL4_AllRights.words[0], 0x42);
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_BlockedOnReceive);
    fixture_become(t2);
    setRegister(t2, REG_R10, 7);
    buffer_of(t2)[1 + 6] = 66; /* MR6 through the IPC buffer */
    syscall_as(t2, seL4_SysSend, BADGED, seL4_MessageInfo_new(9, 0, 0, 7));
    assert_int_equal(t1->state, ThreadState_Running);
    assert_int_equal(getRegister(t1, REG_BADGE), 0x42);
    assert_int_equal(getRegister(t1, REG_R10), 7);
    assert_int_equal(buffer_of(t1)[1 + 6], 66);
    assert_int_equal(seL4_MessageInfo_get_label(info_of(t1)), 9);
    assert_int_equal(seL4_MessageInfo_get_length(info_of(t1)), 7);
}

static void senders_queue_in_fifo_order(void **state)
{
    (void)state;
    setRegister(t1, REG_R10, 1);
    syscall_as(t1, seL4_SysSend, EP, seL4_MessageInfo_new(0, 0, 0, 1));
    setRegister(t2, REG_R10, 2);
    syscall_as(t2, seL4_SysSend, EP, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(t1->state, ThreadState_BlockedOnSend);
    syscall_as(f->thread, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(getRegister(f->thread, REG_R10), 1);
    syscall_as(f->thread, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(getRegister(f->thread, REG_R10), 2);
    syscall_as(f->thread, seL4_SysNBRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(getRegister(f->thread, REG_BADGE), 0); /* nothing pending */
}

static void call_and_reply_through_the_caller_slot(void **state)
{
    (void)state;
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    setRegister(t2, REG_R10, 5);
    syscall_as(t2, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(t2->state, ThreadState_BlockedOnReply);
    assert_int_equal(cap_get_capType(t1->ctes[tcbCaller].cap), cap_reply_cap);
    setRegister(t1, REG_R10, 6);
    syscall_as(t1, seL4_SysReply, 0, seL4_MessageInfo_new(0, 0, 0, 1));
    assert_int_equal(t2->state, ThreadState_Running);
    assert_int_equal(getRegister(t2, REG_R10), 6);
    assert_true(cap_is_null(t1->ctes[tcbCaller].cap)); /* one-shot */
}

static void call_without_grant_leaves_the_caller_inactive(void **state)
{
    (void)state;
    mint_badged(BADGED, EP, seL4_CanWrite.words[0], 1);
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t2, seL4_SysCall, BADGED, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_Running);
    assert_int_equal(t2->state, ThreadState_Inactive);
    assert_true(cap_is_null(t1->ctes[tcbCaller].cap));
}

static void a_new_recv_discards_an_unsaved_reply_cap(void **state)
{
    (void)state;
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t2, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_true(cap_is_null(t1->ctes[tcbCaller].cap));
    assert_int_equal(t2->state, ThreadState_BlockedOnReply); /* nobody can reply now */
}

static void save_caller_allows_a_deferred_reply(void **state)
{
    (void)state;
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t2, seL4_SysCall, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    fixture_become(t1);
    word_t mrs[] = { 120, 64 };
    setRegister(t1, REG_R10, mrs[0]);
    setRegister(t1, REG_R8, mrs[1]);
    syscall_as(t1, seL4_SysCall, root, seL4_MessageInfo_new(CNodeSaveCaller, 0, 0, 2));
    assert_int_equal(cap_get_capType(fixture_slot(f, 120)->cap), cap_reply_cap);
    syscall_as(t1, seL4_SysSend, 120, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t2->state, ThreadState_Running);
    assert_true(cap_is_null(fixture_slot(f, 120)->cap));
}

static void rights_are_enforced(void **state)
{
    (void)state;
    mint_badged(BADGED, EP, seL4_CanRead.words[0], 3);
    syscall_as(t1, seL4_SysCall, BADGED, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(seL4_MessageInfo_get_label(info_of(t1)), seL4_InvalidCapability); /* no Write */
    mint_badged(BADGED + 1, EP, seL4_CanWrite.words[0], 4);
    syscall_as(t1, seL4_SysRecv, BADGED + 1, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_Inactive); /* no Read: a cap fault, no handler */
    assert_non_null(strstr(host_console, "in receive phase"));
}

static void caps_move_with_grant_and_unwrap_to_the_same_endpoint(void **state)
{
    (void)state;
    fixture_become(t1);
    word_t *b1 = buffer_of(t1);
    b1[seL4_MsgMaxLength + 5] = root; /* receive path: root CNode, slot RECV_SLOT */
    b1[seL4_MsgMaxLength + 6] = RECV_SLOT;
    b1[seL4_MsgMaxLength + 7] = 64;
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    mint_badged(BADGED, EP, seL4_AllRights.words[0], 0x77);
    fixture_become(t2);
    word_t *b2 = buffer_of(t2);
    b2[seL4_MsgMaxLength + 2] = BADGED; /* unwrapped: an endpoint cap to the same endpoint */
    b2[seL4_MsgMaxLength + 3] = NTFN;   /* moved into the receive slot */
    syscall_as(t2, seL4_SysSend, EP, seL4_MessageInfo_new(0, 0, 2, 0));
    seL4_MessageInfo_t got = info_of(t1);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(got), 2);
    assert_int_equal(seL4_MessageInfo_get_capsUnwrapped(got), 1);
    assert_int_equal(b1[seL4_MsgMaxLength + 2], 0x77);
    assert_int_equal(cap_get_capType(fixture_slot(f, RECV_SLOT)->cap), cap_notification_cap);
}

static void no_grant_no_caps(void **state)
{
    (void)state;
    fixture_become(t1);
    word_t *b1 = buffer_of(t1);
    b1[seL4_MsgMaxLength + 5] = root;
    b1[seL4_MsgMaxLength + 6] = RECV_SLOT;
    b1[seL4_MsgMaxLength + 7] = 64;
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    mint_badged(BADGED, EP, seL4_CanWrite.words[0], 9);
    buffer_of(t2)[seL4_MsgMaxLength + 2] = NTFN;
    syscall_as(t2, seL4_SysSend, BADGED, seL4_MessageInfo_new(0, 0, 1, 0));
    assert_int_equal(seL4_MessageInfo_get_extraCaps(info_of(t1)), 0);
    assert_true(cap_is_null(fixture_slot(f, RECV_SLOT)->cap));
}

static void signals_coalesce_and_wake_fifo(void **state)
{
    (void)state;
    mint_badged(BADGED, NTFN, seL4_AllRights.words[0], 0x1);
    mint_badged(BADGED + 1, NTFN, seL4_AllRights.words[0], 0x2);
    syscall_as(f->thread, seL4_SysSend, BADGED, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(f->thread, seL4_SysSend, BADGED + 1, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(f->thread, seL4_SysRecv, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(getRegister(f->thread, REG_BADGE), 0x3);
    syscall_as(f->thread, seL4_SysNBRecv, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(getRegister(f->thread, REG_BADGE), 0); /* poll: nothing */
    syscall_as(t1, seL4_SysRecv, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t2, seL4_SysRecv, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(f->thread, seL4_SysSend, BADGED + 1, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_Running);
    assert_int_equal(getRegister(t1, REG_BADGE), 0x2);
    assert_int_equal(t2->state, ThreadState_BlockedOnNotification);
}

static void a_bound_thread_receiving_on_an_endpoint_gets_the_signal(void **state)
{
    (void)state;
    fixture_become(f->thread);
    cptr_t ntfn = NTFN;
    assert_int_equal(fixture_invoke(f, T1, TCBBindNotification, NULL, 0, &ntfn, 1), seL4_NoError);
    assert_int_equal(fixture_invoke(f, T2, TCBBindNotification, NULL, 0, &ntfn, 1), seL4_IllegalOperation);
    syscall_as(t1, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    mint_badged(BADGED, NTFN, seL4_AllRights.words[0], 0x10);
    syscall_as(f->thread, seL4_SysSend, BADGED, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_Running);
    assert_int_equal(getRegister(t1, REG_BADGE), 0x10);
    assert_null(((endpoint_t *)ep_from_cap(fixture_slot(f, EP)->cap))->head); /* left the queue */
    /* Only the bound thread may wait on a bound notification. */
    syscall_as(t2, seL4_SysRecv, NTFN, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t2->state, ThreadState_Inactive);
}

static void deleting_an_endpoint_restarts_its_queue(void **state)
{
    (void)state;
    syscall_as(t1, seL4_SysSend, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    assert_int_equal(t1->state, ThreadState_BlockedOnSend);
    fixture_become(f->thread);
    word_t mrs[] = { EP, 64 };
    assert_int_equal(fixture_invoke(f, root, CNodeDelete, mrs, 2, NULL, 0), seL4_NoError);
    assert_int_equal(t1->state, ThreadState_Restart);
    assert_true(tcbIsQueued(t1));
}

static void a_fault_is_delivered_and_the_reply_restarts(void **state)
{
    (void)state;
    mint_badged(BADGED, EP, seL4_AllRights.words[0], 0xbeef);
    t2->fault_handler = BADGED;
    syscall_as(f->thread, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    fixture_become(t2);
    setRegister(t2, REG_RIP, 0x401002);
    setRegister(t2, REG_FAULT_IP, 0x401000);
    setRegister(t2, REG_RBX, 0x1234);
    handleSyscall(-100); /* an unknown syscall */
    assert_int_equal(t2->state, ThreadState_BlockedOnReply);
    seL4_MessageInfo_t got = info_of(f->thread);
    assert_int_equal(seL4_MessageInfo_get_label(got), seL4_Fault_UnknownSyscall);
    assert_int_equal(seL4_MessageInfo_get_length(got), 19);
    assert_int_equal(getRegister(f->thread, REG_BADGE), 0xbeef);
    word_t *buf = lookupIPCBuffer(true, f->thread);
    assert_int_equal(getRegister(f->thread, REG_R8), 0x1234); /* MR1: RBX */
    assert_int_equal(buf[1 + seL4_UnknownSyscall_FaultIP], 0x401000);
    assert_int_equal((sword_t)buf[1 + seL4_UnknownSyscall_Syscall], -100);
    /* Reply with label 0 and a new FaultIP: the thread restarts there. */
    buf[1 + seL4_UnknownSyscall_FaultIP] = 0x402000;
    syscall_as(f->thread, seL4_SysReply, 0, seL4_MessageInfo_new(0, 0, 0, 19));
    assert_int_equal(t2->state, ThreadState_Restart);
    assert_int_equal(getRegister(t2, REG_FAULT_IP), 0x402000);
    assert_int_equal(t2->fault.type, 0);
}

static void a_cap_fault_message_has_the_lookup_failure(void **state)
{
    (void)state;
    t2->fault_handler = EP;
    syscall_as(f->thread, seL4_SysRecv, EP, seL4_MessageInfo_new(0, 0, 0, 0));
    syscall_as(t2, seL4_SysSend, 1u << 20, seL4_MessageInfo_new(0, 0, 0, 0));
    seL4_MessageInfo_t got = info_of(f->thread);
    assert_int_equal(seL4_MessageInfo_get_label(got), seL4_Fault_CapFault);
    assert_int_equal(getRegister(f->thread, REG_R8), 1u << 20); /* MR1: the CPtr */
    word_t *buf = lookupIPCBuffer(true, f->thread);
    assert_int_equal(getRegister(f->thread, REG_R15), seL4_GuardMismatch); /* MR3 */
    assert_int_equal(buf[1 + seL4_CapFault_BitsLeft], 64);
    assert_int_equal(seL4_MessageInfo_get_length(got), 7);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(send_meets_a_waiting_receiver_with_badge_and_mrs),
        T(senders_queue_in_fifo_order),
        T(call_and_reply_through_the_caller_slot),
        T(call_without_grant_leaves_the_caller_inactive),
        T(a_new_recv_discards_an_unsaved_reply_cap),
        T(save_caller_allows_a_deferred_reply),
        T(rights_are_enforced),
        T(caps_move_with_grant_and_unwrap_to_the_same_endpoint),
        T(no_grant_no_caps),
        T(signals_coalesce_and_wake_fifo),
        T(a_bound_thread_receiving_on_an_endpoint_gets_the_signal),
        T(deleting_an_endpoint_restarts_its_queue),
        T(a_fault_is_delivered_and_the_reply_restarts),
        T(a_cap_fault_message_has_the_lookup_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
