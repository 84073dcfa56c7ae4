/*
 * IPC rights (sel4-facts 1.10, 2.5; sel4test IPCRIGHTS0001-0005).
 */
#include "ipc_helpers.h"
#include "tests.h"

#define MAGIC1 42
#define MAGIC2 0xdeadbeef
#define MAGIC3 666

/* For each cap in nw_caps: Send (must return at once, nothing delivered), then Call (must
 * return InvalidCapability, MR0 = 0, length 1). */
#define NW_MAX 16
static seL4_CPtr nw_caps[NW_MAX];
static seL4_Word nw_n, nw_label[NW_MAX], nw_mr0[NW_MAX], nw_len[NW_MAX];

static void no_write_fn(struct test_thread *t)
{
    for (seL4_Word i = 0; i < nw_n; i++) {
        seL4_SetMR(0, MAGIC2);
        seL4_Send(nw_caps[i], seL4_MessageInfo_new(0, 0, 0, 1));
        t->counter = t->counter + 1;
        seL4_SetMR(0, MAGIC2);
        seL4_MessageInfo_t reply = seL4_Call(nw_caps[i], seL4_MessageInfo_new(0, 0, 0, 1));
        nw_label[i] = seL4_MessageInfo_get_label(reply);
        nw_mr0[i] = seL4_GetMR(0);
        nw_len[i] = seL4_MessageInfo_get_length(reply);
        t->counter = t->counter + 1;
    }
}

void test_rights_send_needs_write(void)
{
    seL4_CPtr ep = new_ep(), ntfn = new_ntfn();
    REQ(ep != 0 && ntfn != 0);
    struct test_thread *r = start_thread(fn_recv, 150);
    REQ(r != NULL);
    r->arg[0] = ep;
    settle();
    /* every combination without Write, on an endpoint and on a notification */
    nw_n = 0;
    for (seL4_Word rights = 0; rights < 16; rights++) {
        if (rights & seL4_CanWrite.words[0]) {
            continue;
        }
        for (int obj = 0; obj < 2; obj++) {
            seL4_CapRights_t rr = {{rights}};
            nw_caps[nw_n] = mint_cap(obj ? ntfn : ep, rr, 0x10 + rights);
            REQ(nw_caps[nw_n] != 0);
            nw_n++;
        }
    }
    struct test_thread *t = start_thread(no_write_fn, 100);
    REQ(t != NULL);
    CHECK(wait_thread(t, 2000), "Send/Call without Write blocked (step %lu of %lu)", t->counter, 2 * nw_n);
    for (seL4_Word i = 0; i < nw_n; i++) {
        CHECK(nw_label[i] == seL4_InvalidCapability && nw_mr0[i] == 0 && nw_len[i] == 1,
              "%s cap %lu without Write: Call returned label %lu MR0 %lu length %lu, expected InvalidCapability, 0, 1",
              i % 2 ? "notification" : "endpoint", i, nw_label[i], nw_mr0[i], nw_len[i]);
    }
    CHECK(got[r->index].n == 0, "a Send without Write was delivered");
    seL4_Word badge = 0;
    seL4_Poll(ntfn, &badge);
    CHECK(badge == 0, "a Signal without Write signalled (0x%lx)", badge);
    /* with Write alone, Send works */
    seL4_CPtr w = mint_cap(ep, RIGHTS(0, 1, 0, 0), 0x5);
    REQ(w != 0);
    seL4_NBSend(w, seL4_MessageInfo_new(0, 0, 0, 0));
    settle();
    CHECK(got[r->index].n == 1 && got[r->index].badge == 5, "a Send with a write-only cap was not delivered");
}

/* IPCRIGHTS0002: Recv on an endpoint (or Wait on a notification) cap without Read is a cap fault
 * in the receive phase; with Read alone it works. */
void test_rights_recv_needs_read(void)
{
    seL4_CPtr ep = new_ep(), ntfn = new_ntfn(), fep = new_ep();
    REQ(ep != 0 && ntfn != 0 && fep != 0);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xfe);
    seL4_CPtr ep_nr = mint_cap(ep, RIGHTS(0, 1, 1, 1), 0), ntfn_nr = mint_cap(ntfn, RIGHTS(0, 1, 1, 1), 0);
    seL4_CPtr ep_r = mint_cap(ep, RIGHTS(1, 0, 0, 0), 0);
    REQ(fb != 0 && ep_nr != 0 && ntfn_nr != 0 && ep_r != 0);
    seL4_CPtr caps[2] = {ep_nr, ntfn_nr};
    for (int i = 0; i < 2; i++) {
        struct test_thread *t = new_thread(fn_recv, 100);
        REQ(t != NULL);
        t->arg[0] = caps[i];
        REQ(set_fault_ep(t, fb) && thread_start(t));
        struct msg m;
        CHECK(poll_msg(fep, &m), "%s without Read: no fault", i ? "Wait" : "Recv");
        CHECK(m.badge == 0xfe && m.label == seL4_Fault_CapFault && m.length == 5 &&
                  m.mr[seL4_CapFault_Addr] == caps[i] && m.mr[seL4_CapFault_InRecvPhase] == 1 &&
                  m.mr[seL4_CapFault_LookupFailureType] == seL4_MissingCapability && m.mr[seL4_CapFault_BitsLeft] == 0,
              "%s without Read: fault badge 0x%lx label %lu length %lu Addr %lu InRecvPhase %lu type %lu bits %lu",
              i ? "Wait" : "Recv", m.badge, m.label, m.length, m.mr[1], m.mr[2], m.mr[3], m.mr[4]);
        CHECK(got[t->index].n == 0, "the thread returned from Recv");
        seL4_TCB_Suspend(t->tcb);
    }
    /* Read alone is enough to receive */
    struct test_thread *t = start_thread(fn_recv, 100);
    REQ(t != NULL);
    t->arg[0] = ep_r;
    settle();
    seL4_SetMR(0, MAGIC1);
    seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    CHECK(wait_thread(t, 1000) && got[t->index].mr[0] == MAGIC1, "Recv with a read-only cap did not work");
}

/* Receives one message on arg[0] with the receive path set to arg[1]. */
static void recv_cap_fn(struct test_thread *t)
{
    seL4_SetCapReceivePath(ROOT_CNODE, t->arg[1], t->arg[1] ? ROOT_DEPTH : 0);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
    record(&got[t->index], info, badge);
}

/* IPCRIGHTS0003: caps travel only with Grant on the sending cap. */
void test_rights_grant_for_caps(void)
{
    seL4_CPtr ep = new_ep(), ntfn = new_ntfn();
    REQ(ep != 0 && ntfn != 0);
    for (seL4_Word rights = 0; rights < 16; rights++) {
        if (!(rights & seL4_CanWrite.words[0]) || (rights & seL4_CanRead.words[0])) {
            continue; /* W with any of G/GR: 4 cases */
        }
        bool grant = rights & seL4_CanGrant.words[0];
        seL4_CapRights_t rr = {{rights}};
        seL4_CPtr c = mint_cap(ep, rr, 0), slot = alloc_slot();
        REQ(c != 0 && slot != 0);
        struct test_thread *t = start_thread(recv_cap_fn, 100);
        REQ(t != NULL);
        t->arg[0] = ep;
        t->arg[1] = slot;
        settle();
        seL4_SetMR(0, MAGIC1);
        seL4_SetCap(0, ntfn);
        seL4_NBSend(c, seL4_MessageInfo_new(0, 0, 1, 1));
        CHECK(wait_thread(t, 1000), "rights 0x%lx: message not delivered", rights);
        CHECK(got[t->index].mr[0] == MAGIC1, "rights 0x%lx: MR0 %lu", rights, got[t->index].mr[0]);
        CHECK(got[t->index].extra == (grant ? 1u : 0u), "rights 0x%lx: extraCaps %lu, expected %d", rights,
              got[t->index].extra, grant);
        CHECK(cap_type(slot) == (grant ? CAP_NOTIFICATION : CAP_NULL), "rights 0x%lx: receive slot holds type %d",
              rights, cap_type(slot));
    }
}

/* IPCRIGHTS0004: Call needs Grant or GrantReply. The root task plays the server: it polls the
 * Call, checks whether a reply cap exists (SaveCaller) and replies. */
static void call_magic_fn(struct test_thread *t)
{
    seL4_SetMR(0, MAGIC1);
    seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
    t->arg[2] = seL4_MessageInfo_get_label(reply);
    t->arg[3] = seL4_GetMR(0);
}

void test_rights_call_needs_grant(void)
{
    seL4_CPtr ep = new_ep(), saved = alloc_slot();
    REQ(ep != 0 && saved != 0);
    for (seL4_Word rights = 0; rights < 16; rights++) {
        if (!(rights & seL4_CanWrite.words[0]) || (rights & seL4_CanRead.words[0])) {
            continue;
        }
        bool can_call = rights & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]);
        seL4_CapRights_t rr = {{rights}};
        seL4_CPtr c = alloc_slot();
        REQ(c != 0);
        REQUIRE_OK(seL4_CNode_Mint(ROOT_CNODE, c, ROOT_DEPTH, ROOT_CNODE, ep, ROOT_DEPTH, rr, 0x60 + rights));
        struct test_thread *t = start_thread(call_magic_fn, 100);
        REQ(t != NULL);
        t->arg[0] = c;
        struct msg m;
        CHECK(poll_msg(ep, &m) && m.mr[0] == MAGIC1, "rights 0x%lx: the Call's message was not delivered", rights);
        CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, saved, ROOT_DEPTH));
        CHECK(cap_type(saved) == (can_call ? CAP_REPLY : CAP_NULL), "rights 0x%lx: SaveCaller found cap type %d", rights,
              cap_type(saved));
        if (can_call) {
            seL4_SetMR(0, MAGIC2);
            seL4_Send(saved, seL4_MessageInfo_new(0, 0, 0, 1));
            CHECK(wait_thread(t, 1000) && t->arg[3] == MAGIC2, "rights 0x%lx: caller did not get the reply", rights);
        } else {
            settle();
            CHECK(!t->done, "rights 0x%lx: the caller returned from a Call without Grant/GrantReply", rights);
            /* it is Inactive: Resume restarts its Call, now with a full-rights cap in that slot */
            CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, c, ROOT_DEPTH));
            CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, c, ROOT_DEPTH, ROOT_CNODE, ep, ROOT_DEPTH, seL4_AllRights, 0x99));
            CHECK_OK(seL4_TCB_Resume(t->tcb));
            CHECK(poll_msg(ep, &m) && m.badge == 0x99 && m.mr[0] == MAGIC1,
                  "rights 0x%lx: the resumed caller did not redo its Call (badge 0x%lx)", rights, m.badge);
            reply_msg(0, (seL4_Word[]){MAGIC3}, 1);
            CHECK(wait_thread(t, 1000) && t->arg[3] == MAGIC3, "rights 0x%lx: resumed caller got no reply", rights);
        }
        if (!slot_empty(saved)) {
            CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, saved, ROOT_DEPTH));
        }
    }
}

/* IPCRIGHTS0005: a reply carries caps only if the receiver's endpoint cap had Grant when it
 * received the Call; for Reply and for Send on a saved reply cap. */
static void call_recv_cap_fn(struct test_thread *t)
{
    seL4_SetCapReceivePath(ROOT_CNODE, t->arg[1], ROOT_DEPTH);
    seL4_SetMR(0, MAGIC1);
    seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
    record(&got[t->index], reply, 0);
}

void test_rights_reply_grant(void)
{
    seL4_CPtr ep = new_ep(), ntfn = new_ntfn(), saved = alloc_slot();
    REQ(ep != 0 && ntfn != 0 && saved != 0);
    int n = 0;
    for (int mode = 0; mode < 2; mode++) {
        for (seL4_Word rights = 0; rights < 16; rights++) {
            if (!(rights & seL4_CanRead.words[0]) || (rights & seL4_CanGrantReply.words[0])) {
                continue; /* R with or without W and G: 4 cases per mode */
            }
            bool grant = rights & seL4_CanGrant.words[0];
            seL4_CapRights_t rr = {{rights}};
            seL4_CPtr server_cap = mint_cap(ep, rr, 0), slot = alloc_slot();
            REQ(server_cap != 0 && slot != 0);
            if (n++ == MAX_THREADS) {
                return;
            }
            struct test_thread *t = start_thread(call_recv_cap_fn, 100);
            REQ(t != NULL);
            t->arg[0] = ep;
            t->arg[1] = slot;
            settle();
            seL4_Word badge = 0;
            seL4_NBRecv(server_cap, &badge);
            CHECK(seL4_GetMR(0) == MAGIC1, "rights 0x%lx: Call not received", rights);
            seL4_SetMR(0, MAGIC2);
            seL4_SetCap(0, ntfn);
            if (mode == 0) {
                seL4_Reply(seL4_MessageInfo_new(0, 0, 1, 1));
            } else {
                CHECK_OK(seL4_CNode_SaveCaller(ROOT_CNODE, saved, ROOT_DEPTH));
                seL4_SetMR(0, MAGIC2);
                seL4_SetCap(0, ntfn);
                seL4_Send(saved, seL4_MessageInfo_new(0, 0, 1, 1));
            }
            CHECK(wait_thread(t, 1000) && got[t->index].mr[0] == MAGIC2, "%s, rights 0x%lx: no reply",
                  mode ? "saved reply cap" : "Reply", rights);
            CHECK(got[t->index].extra == (grant ? 1u : 0u) &&
                      cap_type(slot) == (grant ? CAP_NOTIFICATION : CAP_NULL),
                  "%s, server cap rights 0x%lx: reply extraCaps %lu, slot type %d, expected %s",
                  mode ? "saved reply cap" : "Reply", rights, got[t->index].extra, cap_type(slot),
                  grant ? "the cap" : "no cap");
        }
    }
}
