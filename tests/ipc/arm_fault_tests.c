/*
 * AArch64 fault delivery (sel4-aarch64-facts.md 3.5): the message layouts that differ from
 * x86_64. A data abort is a VMFault with the FAR as address, PrefetchFault 0 and the full
 * ESR as FSR; an instruction abort reports the PC as address and PrefetchFault 1; an
 * undefined instruction is a UserException with the ESR as number; an unknown syscall carries
 * x0..x7, FaultIP (the svc), SP, LR (= ELR, the pc after svc), SPSR and the number. Also: the
 * FP/SIMD registers are per thread (eager switching). Faulting code is in arm_asm.S.
 */
#include "ipc_helpers.h"
#include "tests.h"

seL4_Word arm_load(seL4_Word addr);
void arm_udf(void);
seL4_Word arm_unknown_syscall(seL4_Word x0);
seL4_Word arm_fp_roundtrip(seL4_Word x);
extern const char arm_load_insn[], arm_udf_insn[], arm_udf_after[], arm_svc_insn[], arm_svc_after[];
extern volatile seL4_Word arm_sp;
void arm_raw_svc(const seL4_Word in[31], seL4_Word out[31]);
seL4_Word arm_fp_double(seL4_Word x);
extern const char arm_fp_insn[];

#define ESR_EC(esr) ((esr) >> 26)

void arm_yield(void);
void arm_yield(void)
{
    seL4_Yield();
}

/* A thread with fault endpoint fb running fn, started. */
static struct test_thread *faulter(thread_fn fn, seL4_CPtr fb, seL4_Word arg)
{
    struct test_thread *t = new_thread(fn, 100);
    if (t == NULL) {
        return NULL;
    }
    t->arg[0] = arg;
    return set_fault_ep(t, fb) && thread_start(t) ? t : NULL;
}

static void load_fn(struct test_thread *t)
{
    t->value = arm_load(t->arg[0]);
    t->counter = 1;
}

static void jump_fn(struct test_thread *t)
{
    ((void (*)(void))t->arg[0])();
    t->counter = 1;
}

void test_arm_fault_vm_data(void)
{
    seL4_CPtr fep = new_ep(), fb = fep ? mint_cap(fep, seL4_AllRights, 0x9f) : 0;
    REQ(fb);
    struct test_thread *t = faulter(load_fn, fb, UNMAPPED_ADDR);
    REQ(t);
    struct msg m;
    REQ(CHECK(poll_msg(fep, &m), "no fault message"));
    CHECK(m.badge == 0x9f && m.label == seL4_Fault_VMFault && m.length == seL4_VMFault_Length,
          "badge 0x%lx label %lu length %lu, expected VMFault (5), length 4", m.badge, m.label, m.length);
    CHECK(m.mr[seL4_VMFault_IP] == (seL4_Word)arm_load_insn && m.mr[seL4_VMFault_Addr] == UNMAPPED_ADDR,
          "IP 0x%lx Addr 0x%lx, expected 0x%lx 0x%lx", m.mr[0], m.mr[1], (seL4_Word)arm_load_insn, UNMAPPED_ADDR);
    CHECK(m.mr[seL4_VMFault_PrefetchFault] == 0, "PrefetchFault %lu for a data abort", m.mr[2]);
    /* EC 0x24 (data abort from EL0), IL, translation fault at level 0..3 */
    CHECK(ESR_EC(m.mr[seL4_VMFault_FSR]) == 0x24 && (m.mr[3] & 0x3c) == 0x04, "FSR 0x%lx", m.mr[3]);
    seL4_TCB_Suspend(t->tcb);
}

void test_arm_fault_vm_prefetch(void)
{
    seL4_CPtr fep = new_ep(), fb = fep ? mint_cap(fep, seL4_AllRights, 0x9e) : 0;
    REQ(fb);
    struct test_thread *t = faulter(jump_fn, fb, UNMAPPED_ADDR & ~3ul);
    REQ(t);
    struct msg m;
    REQ(CHECK(poll_msg(fep, &m), "no fault message"));
    CHECK(m.label == seL4_Fault_VMFault && m.length == seL4_VMFault_Length, "label %lu length %lu", m.label, m.length);
    CHECK(m.mr[seL4_VMFault_IP] == (UNMAPPED_ADDR & ~3ul) && m.mr[seL4_VMFault_Addr] == (UNMAPPED_ADDR & ~3ul),
          "IP 0x%lx Addr 0x%lx: both must be the PC", m.mr[0], m.mr[1]);
    CHECK(m.mr[seL4_VMFault_PrefetchFault] == 1, "PrefetchFault %lu for an instruction abort", m.mr[2]);
    CHECK(ESR_EC(m.mr[seL4_VMFault_FSR]) == 0x20, "FSR 0x%lx: not an instruction abort from EL0", m.mr[3]);
    seL4_TCB_Suspend(t->tcb);
}

static void udf_fn(struct test_thread *t)
{
    arm_udf();
    t->counter = 1;
}

void test_arm_fault_user_exception(void)
{
    seL4_CPtr fep = new_ep(), fb = fep ? mint_cap(fep, seL4_AllRights, 0xe0) : 0;
    REQ(fb);
    struct test_thread *t = faulter(udf_fn, fb, 0);
    REQ(t);
    struct msg m;
    REQ(CHECK(poll_msg(fep, &m), "no fault message"));
    CHECK(m.badge == 0xe0 && m.label == seL4_Fault_UserException && m.length == seL4_UserException_Length,
          "badge 0x%lx label %lu length %lu, expected UserException (3), length 5", m.badge, m.label, m.length);
    CHECK(m.mr[seL4_UserException_FaultIP] == (seL4_Word)arm_udf_insn, "FaultIP 0x%lx, expected 0x%lx", m.mr[0],
          (seL4_Word)arm_udf_insn);
    CHECK(m.mr[seL4_UserException_SP] == arm_sp, "SP 0x%lx, expected 0x%lx", m.mr[1], arm_sp);
    CHECK((m.mr[seL4_UserException_SPSR] & 0xf) == 0, "SPSR 0x%lx: not EL0t", m.mr[2]);
    CHECK(ESR_EC(m.mr[seL4_UserException_Number]) == 0 && m.mr[seL4_UserException_Code] == 0,
          "Number (ESR) 0x%lx Code %lu: expected EC 0 (unknown instruction), 0", m.mr[3], m.mr[4]);
    /* the reply writes FaultIP, SP, SPSR back: skip the instruction */
    seL4_Word regs[3] = {(seL4_Word)arm_udf_after, m.mr[1], m.mr[2]};
    reply_msg(0, regs, 3);
    CHECK(wait_value(&t->counter, 1, 1000), "the thread did not continue after the reply");
}

static void svc_fn(struct test_thread *t)
{
    t->value = arm_unknown_syscall(0x1000);
    t->counter = 1;
}

void test_arm_fault_unknown_syscall(void)
{
    seL4_CPtr fep = new_ep(), fb = fep ? mint_cap(fep, seL4_AllRights, 0x55) : 0;
    REQ(fb);
    struct test_thread *t = faulter(svc_fn, fb, 0);
    REQ(t);
    struct msg m;
    REQ(CHECK(poll_msg(fep, &m), "no fault message"));
    CHECK(m.label == seL4_Fault_UnknownSyscall && m.length == seL4_UnknownSyscall_Length,
          "label %lu length %lu, expected UnknownSyscall (2), length 13", m.label, m.length);
    for (seL4_Word i = 0; i < 7; i++) {
        CHECK(m.mr[seL4_UnknownSyscall_X0 + i] == 0x1000 + i, "x%lu is 0x%lx", i, m.mr[i]);
    }
    CHECK(m.mr[seL4_UnknownSyscall_X7] == 99 && m.mr[seL4_UnknownSyscall_Syscall] == 99, "x7 %lu number %lu",
          m.mr[7], m.mr[12]);
    CHECK(m.mr[seL4_UnknownSyscall_FaultIP] == (seL4_Word)arm_svc_insn, "FaultIP 0x%lx, expected the svc 0x%lx",
          m.mr[8], (seL4_Word)arm_svc_insn);
    CHECK(m.mr[seL4_UnknownSyscall_SP] == arm_sp, "SP 0x%lx, expected 0x%lx", m.mr[9], arm_sp);
    CHECK(m.mr[seL4_UnknownSyscall_LR] == (seL4_Word)arm_svc_after, "LR 0x%lx, expected ELR 0x%lx (after the svc)",
          m.mr[10], (seL4_Word)arm_svc_after);
    /* reply: x0 = 0x4242 and FaultIP = the instruction after the svc */
    seL4_Word regs[12];
    for (int i = 0; i < 12; i++) {
        regs[i] = m.mr[i];
    }
    regs[0] = 0x4242;
    regs[8] = (seL4_Word)arm_svc_after;
    reply_msg(0, regs, 12);
    CHECK(wait_value(&t->counter, 1, 1000), "the thread did not continue after the reply");
    CHECK_EQ(t->value, 0x4242);
}

static void fp_fn(struct test_thread *t)
{
    t->value = arm_fp_roundtrip(t->arg[0]);
    t->counter = 1;
}

void test_arm_fpu_state_kept_per_thread(void)
{
    struct test_thread *a = new_thread(fp_fn, ROOT_PRIO - 1), *b = new_thread(fp_fn, ROOT_PRIO - 1);
    REQ(a && b);
    a->arg[0] = 0x1111222233334444ul;
    b->arg[0] = 0x5555666677778888ul;
    REQ(thread_start(a) && thread_start(b));
    REQ(wait_value(&a->counter, 1, 1000) && wait_value(&b->counter, 1, 1000));
    CHECK_EQ(a->value, 0x1111222233334444ul);
    CHECK_EQ(b->value, 0x5555666677778888ul);
}

/* Every register survives a syscall that returns nothing in it (facts 3.2, 9.13): Yield,
 * DebugPutChar and an NBSend to an empty slot keep all of x0..x30; a Call on an endpoint
 * without a receiver would block, so the message-carrying syscalls are covered by the suite's
 * IPC tests. */
void test_arm_syscall_keeps_registers(void)
{
    static const struct {
        seL4_Word number;
        const char *name;
    } calls[] = { {(seL4_Word)seL4_SysYield, "Yield"}, {(seL4_Word)seL4_SysDebugPutChar, "DebugPutChar"},
                  {(seL4_Word)seL4_SysNBSend, "NBSend to an empty slot"} };
    for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
        seL4_Word in[31], out[31];
        for (int i = 0; i < 31; i++) {
            in[i] = 0x5eed000000000000ul ^ ((seL4_Word)c << 40) ^ ((seL4_Word)(i + 1) * 0x01010101ul);
        }
        in[7] = calls[c].number;
        if (calls[c].number == (seL4_Word)seL4_SysDebugPutChar) {
            in[0] = '.';
        } else if (calls[c].number == (seL4_Word)seL4_SysNBSend) {
            in[0] = seL4_CapNull;
            in[1] = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
        }
        arm_raw_svc(in, out);
        for (int i = 0; i < 31; i++) {
            CHECK(out[i] == in[i], "%s: x%d is 0x%lx after the svc, was 0x%lx", calls[c].name, i, out[i], in[i]);
        }
    }
    seL4_DebugPutChar('\n');
}

/* The syscalls that carry a message (facts 3.2, 9.13; sel4test SYSCALL0010-0017): Send (a
 * Signal) and a Reply with no caller keep all of x0..x30; Recv (seL4_Wait without MCS), NBRecv
 * and ReplyRecv on a notification and a Call the kernel answers write x0 (the badge: the notification's, 0 for a kernel reply or nothing
 * pending) and x1..x5 (message info, MR0..MR3) and keep x6..x30. Each case runs three rounds. */
void test_arm_syscall_receive_keeps_registers(void)
{
    seL4_CPtr ntfn = new_ntfn(), badged = ntfn ? mint_cap(ntfn, seL4_AllRights, 0x5a) : 0;
    REQ(badged);
    static const struct {
        seL4_Word number;
        const char *name;
        bool signal;    /* signal the notification first */
        bool all;       /* every register kept (else x6..x30) */
        bool on_cnode;  /* the invocation goes to the root CNode (a kernel reply) */
        seL4_Word badge; /* x0 afterwards when not all are kept */
    } calls[] = {
        {(seL4_Word)seL4_SysSend, "Send (Signal)", false, true, false, 0},
        {(seL4_Word)seL4_SysReply, "Reply with no caller", false, true, false, 0},
        {(seL4_Word)seL4_SysRecv, "Recv on a signalled notification", true, false, false, 0x5a},
        {(seL4_Word)seL4_SysNBRecv, "NBRecv with nothing pending", false, false, false, 0},
        {(seL4_Word)seL4_SysReplyRecv, "ReplyRecv on a signalled notification", true, false, false, 0x5a},
        {(seL4_Word)seL4_SysCall, "Call answered by the kernel (an error)", false, false, true, 0},
    };
    for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
        for (int round = 0; round < 3; round++) {
            seL4_Word in[31], out[31];
            for (int i = 0; i < 31; i++) {
                in[i] = 0xca11000000000000ul ^ ((seL4_Word)c << 40) ^ ((seL4_Word)round << 36) ^
                        ((seL4_Word)(i + 1) * 0x01010101ul);
            }
            in[7] = calls[c].number;
            in[0] = calls[c].on_cnode ? seL4_CapInitThreadCNode : badged;
            in[1] = seL4_MessageInfo_new(0, 0, 0, 0).words[0]; /* label 0: no CNode method */
            if (calls[c].signal) {
                seL4_Signal(badged);
            }
            arm_raw_svc(in, out);
            for (int i = calls[c].all ? 0 : 6; i < 31; i++) {
                if (!CHECK(out[i] == in[i], "%s, round %d: x%d is 0x%lx after the svc, was 0x%lx", calls[c].name,
                           round, i, out[i], in[i])) {
                    return;
                }
            }
            if (!calls[c].all && !CHECK(out[0] == calls[c].badge, "%s, round %d: badge (x0) 0x%lx, expected 0x%lx",
                                        calls[c].name, round, out[0], calls[c].badge)) {
                return;
            }
        }
    }
    /* the Send rounds left the notification signalled: take it so later tests start clean */
    seL4_Word badge;
    seL4_Poll(ntfn, &badge);
}

/* ---- register preservation with real IPC partners (x86_64: regs_tests.c) ---- */

struct arm_regs_case {
    const char *name;
    seL4_Word number, cptr, info;
    seL4_Word badge; /* x0 afterwards: 0 after a reply, the caller's badge for a server */
};

static struct arm_regs_case arc;
static volatile int arc_done;

/* Ten raw svcs of the case: x6..x30 must come back as they went in, x0 must be the badge. */
static void arm_regs_fn(struct test_thread *t)
{
    (void)t;
    for (int round = 0; round < 10; round++) {
        seL4_Word in[31], out[31];
        for (int i = 0; i < 31; i++) {
            in[i] = 0xa1c0000000000000ul ^ ((seL4_Word)round << 36) ^ ((seL4_Word)(i + 1) * 0x01010101ul);
        }
        in[7] = arc.number;
        in[0] = arc.cptr;
        in[1] = arc.info;
        arm_raw_svc(in, out);
        for (int i = 6; i < 31; i++) {
            if (!CHECK(out[i] == in[i], "%s, round %d: x%d is 0x%lx after the svc, was 0x%lx", arc.name, round, i,
                       out[i], in[i])) {
                return;
            }
        }
        if (!CHECK(out[0] == arc.badge, "%s, round %d: badge (x0) 0x%lx, expected 0x%lx", arc.name, round, out[0],
                   arc.badge)) {
            return;
        }
        arc_done = round + 1;
    }
}

static seL4_Word info_len(seL4_Word len)
{
    return seL4_MessageInfo_new(0, 0, 0, len).words[0];
}

/* Call to a server thread of the same priority: with at most 4 MRs the fastpath (on the
 * fastpath kernel), with 6 the slowpath; the reply's badge is 0 (sel4test SYSCALL0010). */
void test_arm_call_keeps_registers(void)
{
    seL4_CPtr ep = new_ep(), badged = ep ? mint_cap(ep, seL4_AllRights, 0x31) : 0;
    REQ(badged);
    struct test_thread *srv = start_thread(fn_server, 100);
    REQ(srv);
    srv->arg[0] = ep;
    srv->arg[1] = 20;
    settle();
    static const seL4_Word lens[2] = {2, 6};
    for (int k = 0; k < 2; k++) {
        arc = (struct arm_regs_case){k ? "Call to a server, 6 MRs (slowpath)" : "Call to a server (fastpath)",
                                     (seL4_Word)seL4_SysCall, badged, info_len(lens[k]), 0};
        arc_done = 0;
        struct test_thread *c = start_thread(arm_regs_fn, 100);
        REQ(c);
        CHECK(wait_thread(c, 2000), "%s: %d of 10 rounds", arc.name, arc_done);
    }
    CHECK(wait_thread(srv, 1000), "the server served %lu of 20", got[srv->index].n);
    CHECK_EQ(got[srv->index].badge, 0x31);
}

/* A server's raw ReplyRecvs: a first libsel4 Recv, the ten rounds, a last Reply. */
static void arm_regs_server_fn(struct test_thread *t)
{
    seL4_Word badge;
    seL4_Recv(arc.cptr, &badge);
    arm_regs_fn(t);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
}

/* ReplyRecv as a server with a real client: the reply goes out, the next Call comes in with
 * the client's badge in x0, and x6..x30 are the server's own (sel4test SYSCALL0016). */
void test_arm_reply_recv_keeps_registers(void)
{
    seL4_CPtr ep = new_ep(), badged = ep ? mint_cap(ep, seL4_AllRights, 0x6b) : 0;
    REQ(badged);
    static const seL4_Word lens[2] = {1, 7};
    for (int k = 0; k < 2; k++) {
        arc = (struct arm_regs_case){k ? "ReplyRecv as a server, 7 MRs (slowpath)" : "ReplyRecv as a server (fastpath)",
                                     (seL4_Word)seL4_SysReplyRecv, ep, info_len(lens[k]), 0x6b};
        arc_done = 0;
        struct test_thread *srv = start_thread(arm_regs_server_fn, 100);
        REQ(srv);
        settle();
        struct test_thread *c = start_thread(fn_caller, 100);
        REQ(c);
        c->arg[0] = badged;
        c->arg[1] = 11;
        CHECK(wait_thread(srv, 2000), "%s: %d of 10 rounds", arc.name, arc_done);
        CHECK(wait_thread(c, 1000), "%s: the client made %lu of 11 Calls", arc.name, c->counter);
    }
}

static void fp_double_fn(struct test_thread *t)
{
    t->value = arm_fp_double(21);
    t->counter = 1;
}

/* A thread with seL4_TCBFlag_fpuDisabled faults at its first FP instruction with a
 * UserException whose number is the ESR (EC 0x07); with the flag cleared it runs on. */
void test_arm_fpu_disabled_thread_faults(void)
{
    seL4_CPtr fep = new_ep(), fb = fep ? mint_cap(fep, seL4_AllRights, 0xf9) : 0;
    REQ(fb);
    struct test_thread *t = new_thread(fp_double_fn, 100);
    REQ(t && set_fault_ep(t, fb));
    seL4_TCB_SetFlags_t f = seL4_TCB_SetFlags(t->tcb, 0, seL4_TCBFlag_fpuDisabled);
    REQ(CHECK(f.error == seL4_NoError && f.flags == seL4_TCBFlag_fpuDisabled, "SetFlags: error %d flags %lu", f.error,
              f.flags));
    REQ(thread_start(t));
    struct msg m;
    REQ(CHECK(poll_msg(fep, &m), "no fault message"));
    CHECK(m.label == seL4_Fault_UserException && m.mr[seL4_UserException_FaultIP] == (seL4_Word)arm_fp_insn &&
              ESR_EC(m.mr[seL4_UserException_Number]) == 0x07,
          "label %lu FaultIP 0x%lx (expected 0x%lx) ESR 0x%lx (expected EC 0x07)", m.label, m.mr[0],
          (seL4_Word)arm_fp_insn, m.mr[3]);
    f = seL4_TCB_SetFlags(t->tcb, seL4_TCBFlag_fpuDisabled, 0);
    CHECK(f.error == seL4_NoError && f.flags == 0, "SetFlags(clear): error %d flags %lu", f.error, f.flags);
    seL4_Word regs[3] = {m.mr[0], m.mr[1], m.mr[2]};
    reply_msg(0, regs, 3);
    CHECK(wait_value(&t->counter, 1, 1000), "the thread did not finish once its FPU was enabled");
    CHECK_EQ(t->value, 42);
}
