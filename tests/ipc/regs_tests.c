/*
 * Registers preserved across every syscall (sel4test SYSCALL0000-0006, 0010-0017; sel4-facts
 * 1.2, 6.1). A test thread loads known values into every general-purpose register but rcx,
 * r11 and rsp, executes the raw `syscall` (raw_asm.S) and compares the registers afterwards:
 *  - syscalls that only send (Yield, Send, NBSend, Reply, Signal, DebugPutChar) leave all 13
 *    unchanged (seL4's libsel4 stubs pass rdi/rsi/rdx/r8-r10/r15 as inputs only);
 *  - syscalls that receive (Call, Recv, Wait, ReplyRecv, NBRecv) write rdi (badge), rsi
 *    (msginfo) and r10/r8/r9/r15 (MR0-3) and leave rax, rbx, rdx, rbp, r12, r13, r14 unchanged;
 *    a reply's badge is 0.
 * Each case runs 10 times, with the sel4test targets (the CNode cap, a signalled notification)
 * and with real IPC partners (fastpath where it applies).
 * rsp is not checked: seL4 returns with rsp = 0; ours restores it (docs/deviations.md).
 * The *WithMRs cases (with_mrs_tests.c, both architectures) check the MR values and, like
 * sel4test, C variables kept in registers around the libsel4 call.
 */
#include "ipc_helpers.h"
#include "tests.h"

#define ALL13 0x7bfbu /* every raw_regs word but rcx (bit 2) and r11 (bit 10) */
#define RECV7 ((1u << 0) | (1u << 1) | (1u << 3) | (1u << 6) | (1u << 11) | (1u << 12) | (1u << 13))

struct regs_case {
    const char *name;
    seL4_Word number, cptr, info;
    unsigned preserved;   /* raw_regs words that must not change */
    bool reply_badge;     /* rdi must be 0 afterwards (a reply or a kernel reply) */
    seL4_CPtr signal;     /* notification to signal before each syscall (0: none) */
    seL4_Word want_badge; /* for receives: expected rdi (if != ~0) */
};

static struct regs_case rc;
static int regs_iter_done;

static void regs_fn(struct test_thread *t)
{
    (void)t;
    for (int i = 0; i < 10; i++) {
        struct raw_regs in, out;
        raw_fill(&in, (seL4_Word)(i * 7 + 3));
        in.rdx = rc.number;
        in.rdi = rc.cptr;
        in.rsi = rc.info;
        if (rc.signal) {
            seL4_Signal(rc.signal);
        }
        raw_syscall(&in, &out);
        const seL4_Word *a = (const seL4_Word *)&in, *b = (const seL4_Word *)&out;
        for (int r = 0; r < RAW_NREGS; r++) {
            if ((rc.preserved & (1u << r)) &&
                !CHECK(a[r] == b[r], "%s, round %d: %s was 0x%lx, is 0x%lx after the syscall", rc.name, i,
                       raw_reg_names[r], a[r], b[r])) {
                return;
            }
        }
        if (rc.reply_badge && !CHECK(out.rdi == 0, "%s, round %d: badge register 0x%lx after a reply", rc.name, i,
                                     out.rdi)) {
            return;
        }
        if (rc.want_badge != ~0ul && !CHECK(out.rdi == rc.want_badge, "%s, round %d: badge 0x%lx, expected 0x%lx",
                                            rc.name, i, out.rdi, rc.want_badge)) {
            return;
        }
        regs_iter_done = i + 1;
    }
}

static void run_regs_case(const struct regs_case *c)
{
    rc = *c;
    regs_iter_done = 0;
    struct test_thread *t = start_thread(regs_fn, 100);
    REQ(t != NULL);
    CHECK(wait_thread(t, 2000), "%s: the thread finished %d of 10 rounds", c->name, regs_iter_done);
}

static seL4_Word info0(seL4_Word len)
{
    return seL4_MessageInfo_new(0, 0, 0, len).words[0];
}

void test_syscall_yield(void)
{
    run_regs_case(&(struct regs_case){"Yield", SYS_YIELD, 0, 0, ALL13, false, 0, ~0ul});
}

void test_syscall_send(void)
{
    /* an invocation of the CNode cap (label 0: an error, dropped for Send) */
    run_regs_case(&(struct regs_case){"Send to a CNode", SYS_SEND, ROOT_CNODE, info0(0), ALL13, false, 0, ~0ul});
    /* real IPC: a higher-priority receiver waits each time */
    seL4_CPtr ep = new_ep();
    REQ(ep);
    struct test_thread *r = start_thread(fn_recv, 150);
    REQ(r);
    r->arg[0] = ep;
    r->arg[1] = 10;
    settle();
    run_regs_case(&(struct regs_case){"Send to a waiting receiver", SYS_SEND, ep, info0(4), ALL13, false, 0, ~0ul});
    CHECK(got[r->index].n == 10, "receiver got %lu of 10", got[r->index].n);
}

void test_syscall_nbsend(void)
{
    run_regs_case(&(struct regs_case){"NBSend to a CNode", SYS_NBSEND, ROOT_CNODE, info0(0), ALL13, false, 0, ~0ul});
    seL4_CPtr ep = new_ep();
    REQ(ep);
    run_regs_case(&(struct regs_case){"NBSend, no receiver", SYS_NBSEND, ep, info0(2), ALL13, false, 0, ~0ul});
}

void test_syscall_reply(void)
{
    run_regs_case(&(struct regs_case){"Reply without caller", SYS_REPLY, 0, info0(0), ALL13, false, 0, ~0ul});
}

void test_syscall_signal(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n);
    run_regs_case(&(struct regs_case){"Signal", SYS_SEND, n, info0(0), ALL13, false, 0, ~0ul});
}

void test_syscall_call(void)
{
    run_regs_case(&(struct regs_case){"Call to a CNode", SYS_CALL, ROOT_CNODE, info0(0), RECV7, true, 0, ~0ul});
    seL4_CPtr ep = new_ep();
    REQ(ep);
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 0x31);
    REQ(b);
    struct test_thread *s = start_thread(fn_server, 100); /* same priority: fastpath */
    REQ(s);
    s->arg[0] = ep;
    s->arg[1] = 20;
    settle();
    run_regs_case(&(struct regs_case){"Call to a server (fastpath)", SYS_CALL, b, info0(2), RECV7, true, 0, ~0ul});
    run_regs_case(&(struct regs_case){"Call to a server, 6 MRs (slowpath)", SYS_CALL, b, info0(6), RECV7, true, 0,
                                      ~0ul});
    CHECK(wait_thread(s, 1000), "server served %lu of 20", got[s->index].n);
    CHECK_EQ(got[s->index].badge, 0x31);
}

/* A thread blocked in Call through the fastpath: TCB_ReadRegisters shows every register as it
 * was at the syscall (the x86_64 entry writes the context by mov at fixed offsets and skips
 * the slots whose value is fixed: they must still read right). The server reads them while
 * the client waits for the reply. */
static struct raw_regs blocked_in;
static seL4_UserContext blocked_seen;

static void blocked_client_fn(struct test_thread *t)
{
    struct raw_regs out;
    raw_syscall(&blocked_in, &out);
    t->arg[1] = out.rdi; /* the reply's badge */
}

static void blocked_server_fn(struct test_thread *t)
{
    seL4_Recv(t->arg[0], NULL);
    t->arg[3] = seL4_TCB_ReadRegisters(t->arg[2], 0, 0, sizeof(seL4_UserContext) / sizeof(seL4_Word),
                                       &blocked_seen) + 1;
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
}

void test_syscall_call_blocked_registers(void)
{
    seL4_CPtr ep = new_ep();
    REQ(ep);
    seL4_CPtr b = mint_cap(ep, seL4_AllRights, 0x47);
    REQ(b);
    struct test_thread *s = start_thread(blocked_server_fn, 100); /* same priority: fastpath */
    REQ(s);
    s->arg[0] = ep;
    settle();
    raw_fill(&blocked_in, 11);
    blocked_in.rdx = SYS_CALL;
    blocked_in.rdi = b;
    blocked_in.rsi = info0(0);
    struct test_thread *c = thread_create(blocked_client_fn, 100);
    REQ(c);
    s->arg[2] = c->tcb;
    REQ(thread_start(c));
    CHECK(wait_thread(s, 1000), "the server did not finish");
    CHECK(wait_thread(c, 1000), "the client did not finish");
    CHECK_EQ(s->arg[3], seL4_NoError + 1);
    const seL4_UserContext *r = &blocked_seen;
    CHECK_EQ(r->rip, (seL4_Word)raw_syscall_insn); /* FaultIP: the restart point */
    /* rcx and r11 are not checked: the `syscall` instruction overwrote them with the next rip
     * and rflags, and seL4 16.0.0 does not save them on a syscall (ipc_on_sel4 reads rcx 0). */
    CHECK(r->rflags & 0x200, "rflags 0x%lx without IF", r->rflags);
    CHECK(r->rsp != 0, "rsp 0");
    CHECK_EQ(r->rax, blocked_in.rax);
    CHECK_EQ(r->rbx, blocked_in.rbx);
    CHECK_EQ(r->rdx, blocked_in.rdx);
    CHECK_EQ(r->rsi, blocked_in.rsi);
    CHECK_EQ(r->rdi, blocked_in.rdi);
    CHECK_EQ(r->rbp, blocked_in.rbp);
    CHECK_EQ(r->r8, blocked_in.r8);
    CHECK_EQ(r->r9, blocked_in.r9);
    CHECK_EQ(r->r10, blocked_in.r10);
    CHECK_EQ(r->r12, blocked_in.r12);
    CHECK_EQ(r->r13, blocked_in.r13);
    CHECK_EQ(r->r14, blocked_in.r14);
    CHECK_EQ(r->r15, blocked_in.r15);
    CHECK_EQ(c->arg[1], 0); /* a reply's badge */
}

void test_syscall_debug_putchar(void)
{
    run_regs_case(&(struct regs_case){"DebugPutChar", SYS_DEBUG_PUTCHAR, '.', 0, ALL13, false, 0, ~0ul});
    seL4_DebugPutChar('\n');
}

static void regs_sender_fn(struct test_thread *t)
{
    for (seL4_Word i = 0; i < t->arg[1]; i++) {
        set_pattern(i, 3);
        seL4_Send(t->arg[0], seL4_MessageInfo_new(i, 0, 0, 3));
    }
}

void test_syscall_recv(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, 0x66);
    REQ(nb);
    run_regs_case(&(struct regs_case){"Recv on a signalled notification", SYS_RECV, n, 0, RECV7, false, nb, 0x66});
    /* real IPC: a higher-priority sender is blocked each time */
    seL4_CPtr ep = new_ep();
    REQ(ep);
    seL4_CPtr eb = mint_cap(ep, seL4_AllRights, 0x67);
    REQ(eb);
    struct test_thread *snd = start_thread(regs_sender_fn, 150);
    REQ(snd);
    snd->arg[0] = eb;
    snd->arg[1] = 10;
    settle();
    run_regs_case(&(struct regs_case){"Recv from a blocked sender", SYS_RECV, ep, 0, RECV7, false, 0, 0x67});
}

void test_syscall_wait(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, 0x68);
    REQ(nb);
    run_regs_case(&(struct regs_case){"Wait (Recv) on a notification", SYS_RECV, n, 0, RECV7, false, nb, 0x68});
}

void test_syscall_nbrecv(void)
{
    seL4_CPtr n = new_ntfn(), ep = new_ep();
    REQ(n && ep);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, 0x69);
    REQ(nb);
    run_regs_case(&(struct regs_case){"NBRecv on a signalled notification", SYS_NBRECV, n, 0, RECV7, false, nb, 0x69});
    run_regs_case(&(struct regs_case){"NBRecv on an idle endpoint", SYS_NBRECV, ep, 0, RECV7, false, 0, 0});
}

/* ReplyRecv as a server: a first libsel4 Recv, then the raw ReplyRecvs, then a last Reply */
static void regs_server_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(rc.cptr, &badge);
    regs_fn(t);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
}

void test_syscall_reply_recv(void)
{
    seL4_CPtr n = new_ntfn();
    REQ(n);
    seL4_CPtr nb = mint_cap(n, seL4_AllRights, 0x6a);
    REQ(nb);
    run_regs_case(&(struct regs_case){"ReplyRecv on a signalled notification", SYS_REPLY_RECV, n, info0(0), RECV7,
                                      false, nb, 0x6a});
    /* real IPC: reply to a client and receive its next Call */
    seL4_CPtr ep = new_ep();
    REQ(ep);
    seL4_CPtr eb = mint_cap(ep, seL4_AllRights, 0x6b);
    REQ(eb);
    static const seL4_Word lens[2] = {1, 7};
    for (int k = 0; k < 2; k++) {
        rc = (struct regs_case){k ? "ReplyRecv as a server, 7 MRs (slowpath)" : "ReplyRecv as a server (fastpath)",
                                SYS_REPLY_RECV, ep, info0(lens[k]), RECV7, false, 0, 0x6b};
        regs_iter_done = 0;
        struct test_thread *srv = start_thread(regs_server_fn, 100);
        REQ(srv);
        settle();
        struct test_thread *c = start_thread(fn_caller, 100);
        REQ(c);
        c->arg[0] = eb;
        c->arg[1] = 11;
        CHECK(wait_thread(srv, 2000), "%s: %d of 10 rounds", rc.name, regs_iter_done);
        CHECK(wait_thread(c, 1000), "%s: client made %lu of 11 Calls", rc.name, c->counter);
    }
}
