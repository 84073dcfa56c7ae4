/*
 * Capability transfer (sel4-facts 2.5): up to 3 extra caps, unwrapping of caps to the receiving
 * endpoint, the receive path, silent stop at the first problem, extraCaps = caps processed.
 * The root task sends (NBSend to a waiting receiver thread); the receiver sets its receive path
 * per case and records what arrived.
 */
#include "ipc_helpers.h"
#include "tests.h"

#include <string.h>

#define N_CASES 9

struct xfer_case {
    const char *what;
    seL4_CPtr send_cap;           /* cap the root sends on */
    seL4_CPtr caps[3];
    seL4_Word n_caps;
    seL4_CPtr recv_slot;          /* 0: no receive path */
    /* expected */
    seL4_Word extra, unwrapped;
    seL4_Word badge[3];           /* for unwrapped positions */
    int slot_type;                /* cap type in recv_slot afterwards */
};
static struct xfer_case cases[N_CASES];
static struct got xgot[N_CASES];
static int n_cases;

static void xfer_recv_fn(struct test_thread *t)
{
    for (int k = 0; k < n_cases; k++) {
        seL4_CPtr slot = cases[k].recv_slot;
        seL4_SetCapReceivePath(slot ? ROOT_CNODE : 0, slot, slot ? ROOT_DEPTH : 0);
        for (int i = 0; i < 3; i++) {
            seL4_GetIPCBuffer()->caps_or_badges[i] = 0xbad0 + (seL4_Word)i;
        }
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
        record(&xgot[k], info, badge);
    }
}

void test_cap_transfer(void)
{
    seL4_CPtr ep = new_ep(), ep2 = new_ep(), ntfn = new_ntfn();
    REQ(ep != 0 && ep2 != 0 && ntfn != 0);
    seL4_CPtr ntfn_b = mint_cap(ntfn, seL4_AllRights, 0x40), ntfn_b2 = mint_cap(ntfn, seL4_AllRights, 0x41);
    seL4_CPtr ep_b1 = mint_cap(ep, seL4_AllRights, 0x71), ep_b3 = mint_cap(ep, seL4_AllRights, 0x73);
    seL4_CPtr ep2_b = mint_cap(ep2, seL4_AllRights, 0x22);
    seL4_CPtr no_grant = mint_cap(ep, RIGHTS(1, 1, 0, 1), 0);
    seL4_CPtr empty = alloc_slot();
    REQ(ntfn_b && ntfn_b2 && ep_b1 && ep_b3 && ep2_b && no_grant && empty);
    memset(cases, 0, sizeof(cases));
    memset(xgot, 0, sizeof(xgot));
    int k = 0;
    cases[k++] = (struct xfer_case){"one cap", ep, {ntfn_b}, 1, alloc_slot(), 1, 0, {0}, CAP_NOTIFICATION};
    cases[k++] = (struct xfer_case){"two caps, one slot", ep, {ntfn_b, ntfn_b2}, 2, alloc_slot(), 1, 0, {0},
                                    CAP_NOTIFICATION};
    cases[k++] = (struct xfer_case){"unwrap, cap, unwrap", ep, {ep_b1, ntfn_b, ep_b3}, 3, alloc_slot(), 3, 5,
                                    {0x71, 0, 0x73}, CAP_NOTIFICATION};
    cases[k++] = (struct xfer_case){"no receive path", ep, {ntfn_b}, 1, 0, 0, 0, {0}, CAP_NULL};
    cases[k++] = (struct xfer_case){"no receive path, unwrap first", ep, {ep_b1, ntfn_b, ep_b3}, 3, 0, 1, 1,
                                    {0x71}, CAP_NULL};
    seL4_CPtr occupied = copy_cap(ep2);
    cases[k++] = (struct xfer_case){"occupied receive slot", ep, {ntfn_b}, 1, occupied, 0, 0, {0}, CAP_ENDPOINT};
    cases[k++] = (struct xfer_case){"send cap without Grant", no_grant, {ep_b1, ntfn_b}, 2, alloc_slot(), 0, 0, {0},
                                    CAP_NULL};
    cases[k++] = (struct xfer_case){"empty slot as first cap", ep, {empty, ntfn_b}, 2, alloc_slot(), 0, 0, {0},
                                    CAP_NULL};
    cases[k++] = (struct xfer_case){"unbadged same endpoint, other endpoint", ep, {ep, ep2_b}, 2, alloc_slot(), 2, 1,
                                    {0}, CAP_ENDPOINT};
    n_cases = k;
    for (int i = 0; i < n_cases; i++) {
        REQ(cases[i].what != NULL && (i == 3 || i == 4 || cases[i].recv_slot != 0));
    }

    struct test_thread *r = start_thread(xfer_recv_fn, 100);
    REQ(r != NULL);
    r->arg[0] = ep;
    for (int i = 0; i < n_cases; i++) {
        settle();
        REQ(xgot[i].n == 0);
        for (seL4_Word j = 0; j < cases[i].n_caps; j++) {
            seL4_SetCap((int)j, cases[i].caps[j]);
        }
        seL4_SetMR(0, 0x1000 + (seL4_Word)i);
        seL4_NBSend(cases[i].send_cap, seL4_MessageInfo_new(7, 0, cases[i].n_caps, 1));
        settle();
        const struct xfer_case *c = &cases[i];
        const struct got *g = &xgot[i];
        if (!CHECK(g->n == 1, "%s: not delivered", c->what)) {
            continue;
        }
        CHECK(g->label == 7 && g->length == 1 && g->mr[0] == 0x1000 + (seL4_Word)i, "%s: label %lu length %lu MR0 0x%lx",
              c->what, g->label, g->length, g->mr[0]);
        CHECK(g->extra == c->extra && g->unwrapped == c->unwrapped,
              "%s: extraCaps %lu capsUnwrapped 0x%lx, expected %lu, 0x%lx", c->what, g->extra, g->unwrapped, c->extra,
              c->unwrapped);
        for (int j = 0; j < 3; j++) {
            if (c->unwrapped & (1ul << j)) {
                CHECK(g->cap_badge[j] == c->badge[j], "%s: caps_or_badges[%d] = 0x%lx, expected badge 0x%lx", c->what, j,
                      g->cap_badge[j], c->badge[j]);
            }
        }
        if (c->recv_slot) {
            CHECK(cap_type(c->recv_slot) == c->slot_type, "%s: receive slot holds cap type %d, expected %d", c->what,
                  cap_type(c->recv_slot), c->slot_type);
        }
    }
    /* the transferred caps keep their badge and object: signal through case 0's cap */
    seL4_Signal(cases[0].recv_slot);
    seL4_Word badge = 0;
    seL4_Poll(ntfn, &badge);
    CHECK_EQ(badge, 0x40);
    struct test_thread *s = start_thread(fn_send, 100);
    REQ(s != NULL);
    s->arg[0] = cases[8].recv_slot;
    s->arg[3] = K_SEND;
    struct msg m;
    CHECK(poll_msg(ep2, &m) && m.badge == 0x22, "the transferred endpoint cap does not carry badge 0x22 (0x%lx)",
          m.badge);
}

/* A bad extra cap CPtr makes Send a cap fault (Addr = that CPtr, send phase). */
static void bad_extra_fn(struct test_thread *t)
{
    seL4_SetCap(0, t->arg[1]);
    seL4_SetCap(1, BAD_CPTR);
    seL4_Send(t->arg[0], seL4_MessageInfo_new(0, 0, 2, 0));
    t->counter = 1;
}

void test_cap_transfer_bad_extra_cap(void)
{
    seL4_CPtr ep = new_ep(), fep = new_ep(), ntfn = new_ntfn();
    REQ(ep != 0 && fep != 0 && ntfn != 0);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xe1);
    REQ(fb != 0);
    struct test_thread *t = new_thread(bad_extra_fn, 100);
    REQ(t != NULL);
    t->arg[0] = ep;
    t->arg[1] = ntfn;
    REQ(set_fault_ep(t, fb) && thread_start(t));
    struct msg m;
    CHECK(poll_msg(fep, &m), "no fault for an extra cap that fails lookup");
    CHECK(m.label == seL4_Fault_CapFault && m.mr[seL4_CapFault_Addr] == BAD_CPTR &&
              m.mr[seL4_CapFault_InRecvPhase] == 0 && m.mr[seL4_CapFault_LookupFailureType] == seL4_GuardMismatch,
          "fault label %lu Addr 0x%lx InRecvPhase %lu type %lu", m.label, m.mr[1], m.mr[2], m.mr[3]);
    CHECK(!poll_msg(ep, &m), "the message was sent anyway");
}
