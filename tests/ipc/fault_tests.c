/*
 * Fault delivery (sel4-facts 1.9, 2.9; sel4test PAGEFAULT fault parts): cap faults in the send
 * and receive phase, unknown syscalls, user exceptions, VM faults, the handler's badge, replies
 * that restart (with written-back registers) or leave the thread stopped, and faults with no
 * valid handler. Faulting code is in raw_asm.S so that the exact instruction addresses and
 * register values can be checked. The root task is the handler (NBRecv after letting the
 * faulter run), except in fault_handler_thread.
 */
#include "ipc_helpers.h"
#include "tests.h"

#include <string.h>

/* ---- cap faults ---- */

/* raw syscall arg[0] (number) on CPtr arg[1]; the output registers go to raw_out[index] */
static struct raw_regs raw_in[MAX_THREADS], raw_out[MAX_THREADS];

static void raw_fn(struct test_thread *t)
{
    struct raw_regs *in = &raw_in[t->index];
    raw_fill(in, (seL4_Word)t->index);
    in->rdx = t->arg[0];
    in->rdi = t->arg[1];
    in->rsi = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
    raw_syscall(in, &raw_out[t->index]);
    t->counter = t->counter + 1;
}

/* Starts a thread running raw_fn(number, cptr) with fault endpoint cap fault_cap. */
static struct test_thread *raw_faulter(seL4_Word number, seL4_CPtr cptr, seL4_CPtr fault_cap)
{
    struct test_thread *t = new_thread(raw_fn, 100);
    if (t == NULL) {
        return NULL;
    }
    t->arg[0] = number;
    t->arg[1] = cptr;
    if (!set_fault_ep(t, fault_cap) || !thread_start(t)) {
        return NULL;
    }
    return t;
}

static bool check_cap_fault(const struct msg *m, seL4_Word badge, seL4_Word addr, seL4_Word recv_phase,
                            seL4_Word type, const seL4_Word *details, seL4_Word n_details, const char *what)
{
    if (!CHECK(m->got, "%s: no fault message", what)) {
        return false;
    }
    bool ok = CHECK(m->badge == badge && m->label == seL4_Fault_CapFault && m->length == 4 + n_details,
                    "%s: badge 0x%lx label %lu length %lu, expected badge 0x%lx, CapFault (1), length %lu", what,
                    m->badge, m->label, m->length, badge, 4 + n_details);
    ok = ok && CHECK(m->mr[seL4_CapFault_IP] == (seL4_Word)raw_syscall_insn,
                     "%s: IP 0x%lx, expected the syscall instruction 0x%lx", what, m->mr[0],
                     (seL4_Word)raw_syscall_insn);
    ok = ok && CHECK(m->mr[seL4_CapFault_Addr] == addr && m->mr[seL4_CapFault_InRecvPhase] == recv_phase &&
                         m->mr[seL4_CapFault_LookupFailureType] == type,
                     "%s: Addr 0x%lx InRecvPhase %lu LookupFailureType %lu, expected 0x%lx %lu %lu", what, m->mr[1],
                     m->mr[2], m->mr[3], addr, recv_phase, type);
    for (seL4_Word i = 0; ok && i < n_details; i++) {
        ok = CHECK(m->mr[4 + i] == details[i], "%s: MR%lu (lookup failure detail %lu) is %lu, expected %lu", what,
                   4 + i, i, m->mr[4 + i], details[i]);
    }
    return ok;
}

void test_fault_cap_send_call(void)
{
    seL4_CPtr fep = new_ep();
    REQ(fep);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xf00d);
    REQ(fb);
    seL4_Word gm[3] = {64, 0, root_guard_bits()}; /* GuardMismatch: bits left, guard found, bits found */
    static const seL4_Word numbers[2] = {SYS_SEND, SYS_CALL};
    for (int i = 0; i < 2; i++) {
        const char *what = i ? "Call on a bad CPtr" : "Send on a bad CPtr";
        struct test_thread *t = raw_faulter(numbers[i], BAD_CPTR, fb);
        REQ(t);
        struct msg m;
        poll_msg(fep, &m);
        check_cap_fault(&m, 0xf00d, BAD_CPTR, 0, seL4_GuardMismatch, gm, 3, what);
        /* the reply restarts the syscall: the same fault again */
        reply_msg(0, NULL, 0);
        poll_msg(fep, &m);
        check_cap_fault(&m, 0xf00d, BAD_CPTR, 0, seL4_GuardMismatch, gm, 3, what);
        CHECK(t->counter == 0, "%s: the syscall returned", what);
        seL4_TCB_Suspend(t->tcb);
    }
    /* Send and Call on an empty slot are no lookup failure: Send returns, Call gets
     * InvalidCapability (sel4-facts 9.13), no fault */
    seL4_CPtr empty = alloc_slot();
    REQ(empty);
    for (int i = 0; i < 2; i++) {
        struct test_thread *t = raw_faulter(numbers[i], empty, fb);
        REQ(t);
        CHECK(wait_value(&t->counter, 1, 1000), "%s on an empty slot did not return", i ? "Call" : "Send");
        struct msg m;
        CHECK(!poll_msg(fep, &m), "%s on an empty slot faulted (label %lu)", i ? "Call" : "Send", m.label);
        if (i == 1) {
            seL4_MessageInfo_t info = {{raw_out[t->index].rsi}};
            CHECK(seL4_MessageInfo_get_label(info) == seL4_InvalidCapability && raw_out[t->index].r10 == 0,
                  "Call on an empty slot: label %lu MR0 %lu", seL4_MessageInfo_get_label(info), raw_out[t->index].r10);
        }
    }
}

/* Recv on an empty slot, on a bad CPtr and on a TCB cap: CapFault in the receive phase. The
 * handler then puts a notification cap into the empty slot and signals it: the restarted Recv
 * returns with the badge (as in the seed's fault handler). */
void test_fault_cap_recv(void)
{
    seL4_CPtr fep = new_ep(), n = new_ntfn(), empty = alloc_slot();
    REQ(fep && n && empty);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xbeef);
    REQ(fb);
    struct test_thread *t = raw_faulter(SYS_RECV, BAD_CPTR, fb);
    REQ(t);
    struct msg m;
    poll_msg(fep, &m);
    seL4_Word gm[3] = {64, 0, root_guard_bits()};
    check_cap_fault(&m, 0xbeef, BAD_CPTR, 1, seL4_GuardMismatch, gm, 3, "Recv on a bad CPtr");
    seL4_TCB_Suspend(t->tcb);

    struct test_thread *t2 = raw_faulter(SYS_RECV, t->tcb, fb);
    REQ(t2);
    poll_msg(fep, &m);
    seL4_Word mc[1] = {0};
    check_cap_fault(&m, 0xbeef, t->tcb, 1, seL4_MissingCapability, mc, 1, "Recv on a TCB cap");
    seL4_TCB_Suspend(t2->tcb);

    struct test_thread *t3 = raw_faulter(SYS_RECV, empty, fb);
    REQ(t3);
    poll_msg(fep, &m);
    check_cap_fault(&m, 0xbeef, empty, 1, seL4_MissingCapability, mc, 1, "Recv on an empty slot");
    REQUIRE_OK(seL4_CNode_Mint(ROOT_CNODE, empty, ROOT_DEPTH, ROOT_CNODE, n, ROOT_DEPTH, seL4_AllRights, 0x5));
    seL4_Signal(empty);
    reply_msg(0, NULL, 0);
    CHECK(wait_value(&t3->counter, 1, 1000), "the Recv restarted after the fault reply did not return");
    CHECK(raw_out[t3->index].rdi == 5, "restarted Recv returned badge 0x%lx, expected 5", raw_out[t3->index].rdi);
}

/* ---- unknown syscall ---- */

static const int unknown_syscall_regs[] = {
    /* MR index -> raw_regs word index (rcx and r11 are not compared) */
    [seL4_UnknownSyscall_RAX] = 0, [seL4_UnknownSyscall_RBX] = 1, [seL4_UnknownSyscall_RCX] = -1,
    [seL4_UnknownSyscall_RDX] = 3, [seL4_UnknownSyscall_RSI] = 4, [seL4_UnknownSyscall_RDI] = 5,
    [seL4_UnknownSyscall_RBP] = 6, [seL4_UnknownSyscall_R8] = 7, [seL4_UnknownSyscall_R9] = 8,
    [seL4_UnknownSyscall_R10] = 9, [seL4_UnknownSyscall_R11] = -1, [seL4_UnknownSyscall_R12] = 11,
    [seL4_UnknownSyscall_R13] = 12, [seL4_UnknownSyscall_R14] = 13, [seL4_UnknownSyscall_R15] = 14,
};

static bool check_unknown_syscall(const struct msg *m, const struct raw_regs *regs, seL4_Word number,
                                  const char *what)
{
    if (!CHECK(m->got && m->label == seL4_Fault_UnknownSyscall && m->length == seL4_UnknownSyscall_Length,
               "%s: got %d label %lu length %lu, expected UnknownSyscall (2), length 19", what, m->got, m->label,
               m->length)) {
        return false;
    }
    const seL4_Word *w = (const seL4_Word *)regs;
    bool ok = true;
    for (int i = 0; i <= seL4_UnknownSyscall_R15 && ok; i++) {
        if (unknown_syscall_regs[i] >= 0) {
            ok = CHECK(m->mr[i] == w[unknown_syscall_regs[i]], "%s: MR%d (%s) is 0x%lx, expected 0x%lx", what, i,
                       raw_reg_names[unknown_syscall_regs[i]], m->mr[i], w[unknown_syscall_regs[i]]);
        }
    }
    ok = ok && CHECK(m->mr[seL4_UnknownSyscall_FaultIP] == (seL4_Word)raw_syscall_insn,
                     "%s: FaultIP 0x%lx, expected the syscall instruction 0x%lx", what,
                     m->mr[seL4_UnknownSyscall_FaultIP], (seL4_Word)raw_syscall_insn);
    ok = ok && CHECK(m->mr[seL4_UnknownSyscall_FLAGS] & 0x200, "%s: FLAGS 0x%lx without IF", what,
                     m->mr[seL4_UnknownSyscall_FLAGS]);
    ok = ok && CHECK(m->mr[seL4_UnknownSyscall_Syscall] == number, "%s: Syscall MR is 0x%lx, expected 0x%lx", what,
                     m->mr[seL4_UnknownSyscall_Syscall], number);
    return ok;
}

void test_fault_unknown_syscall(void)
{
    seL4_CPtr fep = new_ep();
    REQ(fep);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0x5c);
    REQ(fb);
    static const seL4_Word numbers[] = {42, (seL4_Word)-100, 0x7fffffff};
    for (int k = 0; k < 3; k++) {
        struct test_thread *t = raw_faulter(numbers[k], 0x1234, fb);
        REQ(t);
        struct msg m;
        poll_msg(fep, &m);
        CHECK(m.badge == 0x5c, "badge 0x%lx", m.badge);
        struct raw_regs expect = raw_in[t->index];
        if (!check_unknown_syscall(&m, &expect, numbers[k], "first fault")) {
            return;
        }
        if (k == 2) {
            /* a non-zero label leaves the thread stopped: no restart, no second fault */
            seL4_Word regs[seL4_UnknownSyscall_Syscall];
            memcpy(regs, m.mr, sizeof(regs));
            reply_msg(1, regs, seL4_UnknownSyscall_Syscall);
            CHECK(!poll_msg(fep, &m), "a reply with label 1 restarted the thread (it faulted again)");
            CHECK(t->counter == 0, "a reply with label 1 let the thread continue");
            break;
        }
        /* label 0, registers written back, FaultIP unchanged: the syscall runs again and faults
         * again, with the new register values */
        seL4_Word regs[seL4_UnknownSyscall_Syscall];
        memcpy(regs, m.mr, sizeof(regs));
        regs[seL4_UnknownSyscall_RAX] = 0x1111;
        regs[seL4_UnknownSyscall_R14] = 0x1414;
        reply_msg(0, regs, seL4_UnknownSyscall_Syscall);
        poll_msg(fep, &m);
        expect.rax = 0x1111;
        expect.r14 = 0x1414;
        check_unknown_syscall(&m, &expect, numbers[k], "fault after the restart");
        /* now skip the syscall: FaultIP = the next instruction, new register values */
        memcpy(regs, m.mr, sizeof(regs));
        regs[seL4_UnknownSyscall_FaultIP] = (seL4_Word)raw_syscall_after;
        regs[seL4_UnknownSyscall_RAX] = 0xa0;
        regs[seL4_UnknownSyscall_RBX] = 0xb0;
        regs[seL4_UnknownSyscall_RDX] = 0xd0;
        regs[seL4_UnknownSyscall_RSI] = 0x51;
        regs[seL4_UnknownSyscall_RDI] = 0xd1;
        regs[seL4_UnknownSyscall_RBP] = 0xb9;
        regs[seL4_UnknownSyscall_R8] = 0x8;
        regs[seL4_UnknownSyscall_R9] = 0x9;
        regs[seL4_UnknownSyscall_R10] = 0x10;
        regs[seL4_UnknownSyscall_R12] = 0x12;
        regs[seL4_UnknownSyscall_R13] = 0x13;
        regs[seL4_UnknownSyscall_R14] = 0x14;
        regs[seL4_UnknownSyscall_R15] = 0x15;
        reply_msg(0, regs, seL4_UnknownSyscall_Syscall);
        CHECK(wait_value(&t->counter, 1, 1000), "the thread did not continue after FaultIP was moved past the syscall");
        struct raw_regs *o = &raw_out[t->index];
        CHECK(o->rax == 0xa0 && o->rbx == 0xb0 && o->rdx == 0xd0 && o->rsi == 0x51 && o->rdi == 0xd1 &&
                  o->rbp == 0xb9 && o->r8 == 0x8 && o->r9 == 0x9 && o->r10 == 0x10 && o->r12 == 0x12 &&
                  o->r13 == 0x13 && o->r14 == 0x14 && o->r15 == 0x15,
              "registers after the reply: rax 0x%lx rbx 0x%lx rdx 0x%lx rsi 0x%lx rdi 0x%lx rbp 0x%lx r8 0x%lx r9 0x%lx "
              "r10 0x%lx r12 0x%lx r13 0x%lx r14 0x%lx r15 0x%lx",
              o->rax, o->rbx, o->rdx, o->rsi, o->rdi, o->rbp, o->r8, o->r9, o->r10, o->r12, o->r13, o->r14, o->r15);
        CHECK(!poll_msg(fep, &m), "another fault (label %lu)", m.label);
    }
}

/* ---- user exceptions ---- */

struct exc_case {
    const char *what;
    void (*fn)(void);
    const char *insn, *after;
    seL4_Word number;
};

static struct exc_case exc_cases[3];

/* runs exc_cases[arg[0]..arg[1]) in turn */
static void exc_fn(struct test_thread *t)
{
    for (seL4_Word i = t->arg[0]; i < t->arg[1]; i++) {
        exc_cases[i].fn();
        t->counter = t->counter + 1;
    }
}

void test_fault_user_exception(void)
{
    exc_cases[0] = (struct exc_case){"ud2", exc_ud2, exc_ud2_insn, exc_ud2_after, 6};
    exc_cases[1] = (struct exc_case){"divide by zero", (void (*)(void))exc_div, exc_div_insn, exc_div_after, 0};
    exc_cases[2] = (struct exc_case){"in without IOPL", exc_gp, exc_gp_insn, exc_gp_after, 13};
    seL4_CPtr fep = new_ep();
    REQ(fep);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xe0);
    REQ(fb);
    struct test_thread *t = new_thread(exc_fn, 100);
    REQ(t);
    t->arg[0] = 0;
    t->arg[1] = 3;
    REQ(set_fault_ep(t, fb) && thread_start(t));
    for (int i = 0; i < 3; i++) {
        const struct exc_case *c = &exc_cases[i];
        struct msg m;
        if (!CHECK(poll_msg(fep, &m), "%s: no fault message", c->what)) {
            return;
        }
        CHECK(m.badge == 0xe0 && m.label == seL4_Fault_UserException && m.length == seL4_UserException_Length,
              "%s: badge 0x%lx label %lu length %lu, expected UserException (3), length 5", c->what, m.badge, m.label,
              m.length);
        CHECK(m.mr[seL4_UserException_FaultIP] == (seL4_Word)c->insn, "%s: FaultIP 0x%lx, expected 0x%lx", c->what,
              m.mr[0], (seL4_Word)c->insn);
        CHECK(m.mr[seL4_UserException_SP] == exc_sp, "%s: SP 0x%lx, expected 0x%lx", c->what, m.mr[1], exc_sp);
        CHECK(m.mr[seL4_UserException_FLAGS] & 0x200, "%s: FLAGS 0x%lx without IF", c->what, m.mr[2]);
        CHECK(m.mr[seL4_UserException_Number] == c->number && m.mr[seL4_UserException_Code] == 0,
              "%s: Number %lu Code %lu, expected %lu, 0", c->what, m.mr[3], m.mr[4], c->number);
        /* the reply writes FaultIP (and SP, FLAGS) back: skip the instruction */
        seL4_Word regs[3] = {(seL4_Word)c->after, m.mr[1], m.mr[2]};
        reply_msg(0, regs, 3);
        CHECK(wait_value(&t->counter, (seL4_Word)i + 1, 1000), "%s: the thread did not continue after the reply",
              c->what);
    }
    /* a non-zero reply label leaves the thread stopped */
    struct test_thread *t2 = new_thread(exc_fn, 100);
    REQ(t2);
    t2->arg[0] = 0;
    t2->arg[1] = 1;
    REQ(set_fault_ep(t2, fb) && thread_start(t2));
    struct msg m;
    CHECK(poll_msg(fep, &m) && m.label == seL4_Fault_UserException, "ud2: no fault");
    seL4_Word regs[3] = {(seL4_Word)exc_ud2_after, m.mr[1], m.mr[2]};
    reply_msg(1, regs, 3);
    settle();
    CHECK(t2->counter == 0, "a reply with label 1 let the thread continue");
    CHECK(!poll_msg(fep, &m), "a reply with label 1 restarted the thread");
}

/* ---- VM faults ---- */

static void vm_fn(struct test_thread *t)
{
    switch (t->arg[0]) {
    case 0:
        t->value = vm_read(UNMAPPED_ADDR);
        break;
    case 1:
        vm_write(UNMAPPED_ADDR + 8, 0x77);
        break;
    default:
        ((void (*)(void))UNMAPPED_ADDR)();
        break;
    }
    t->counter = 1;
}

void test_fault_vm(void)
{
    seL4_CPtr fep = new_ep();
    REQ(fep);
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0x9f);
    REQ(fb);
    static const char *const what[3] = {"read", "write", "instruction fetch"};
    for (seL4_Word k = 0; k < 3; k++) {
        struct test_thread *t = new_thread(vm_fn, 100);
        REQ(t);
        t->arg[0] = k;
        REQ(set_fault_ep(t, fb) && thread_start(t));
        seL4_Word ip = k == 0 ? (seL4_Word)vm_read_insn : k == 1 ? (seL4_Word)vm_write_insn : UNMAPPED_ADDR;
        seL4_Word addr = k == 1 ? UNMAPPED_ADDR + 8 : UNMAPPED_ADDR;
        for (int round = 0; round < 2; round++) {
            struct msg m;
            if (!CHECK(poll_msg(fep, &m), "%s (round %d): no fault message", what[k], round)) {
                return;
            }
            CHECK(m.badge == 0x9f && m.label == seL4_Fault_VMFault && m.length == seL4_VMFault_Length,
                  "%s: badge 0x%lx label %lu length %lu, expected VMFault (5), length 4", what[k], m.badge, m.label,
                  m.length);
            CHECK(m.mr[seL4_VMFault_IP] == ip && m.mr[seL4_VMFault_Addr] == addr,
                  "%s: IP 0x%lx Addr 0x%lx, expected 0x%lx 0x%lx", what[k], m.mr[0], m.mr[1], ip, addr);
            CHECK(m.mr[seL4_VMFault_PrefetchFault] == 0, "%s: PrefetchFault %lu (always 0 on x86)", what[k], m.mr[2]);
            if (k < 2) {
                CHECK(m.mr[seL4_VMFault_FSR] == (k == 0 ? 4u : 6u), "%s: FSR 0x%lx, expected 0x%x", what[k], m.mr[3],
                      k == 0 ? 4 : 6);
            } else {
                CHECK((m.mr[seL4_VMFault_FSR] & 7) == 4, "%s: FSR 0x%lx, expected user, read, not present", what[k],
                      m.mr[3]);
            }
            if (round == 0) {
                reply_msg(0, NULL, 0); /* restarts the access: it faults again */
            }
        }
        CHECK(t->counter == 0, "%s: the access completed", what[k]);
        seL4_TCB_Suspend(t->tcb);
    }
}

/* ---- handlers ---- */

/* No valid handler: fault_ep names an empty slot, an endpoint cap without Grant and GrantReply,
 * or a notification: the thread just stops (and the endpoint gets nothing). A cap with Write and
 * only one of Grant/GrantReply is enough. */
void test_fault_no_handler(void)
{
    exc_cases[0] = (struct exc_case){"ud2", exc_ud2, exc_ud2_insn, exc_ud2_after, 6};
    seL4_CPtr ep = new_ep(), n = new_ntfn(), empty = alloc_slot();
    REQ(ep && n && empty);
    seL4_CPtr w_only = mint_cap(ep, RIGHTS(1, 1, 0, 0), 0x1), r_g_gr = mint_cap(ep, RIGHTS(1, 0, 1, 1), 0x2);
    seL4_CPtr w_g = mint_cap(ep, RIGHTS(0, 1, 1, 0), 0x3), w_gr = mint_cap(ep, RIGHTS(0, 1, 0, 1), 0x4);
    REQ(w_only && r_g_gr && w_g && w_gr);
    seL4_CPtr bad[4] = {empty, w_only, r_g_gr, n};
    static const char *const bad_what[4] = {"empty slot", "endpoint cap without Grant/GrantReply",
                                            "endpoint cap without Write", "notification cap"};
    struct test_thread *ts[4];
    for (int i = 0; i < 4; i++) {
        ts[i] = new_thread(exc_fn, 100);
        REQ(ts[i]);
        ts[i]->arg[0] = 0;
        ts[i]->arg[1] = 1;
        REQ(set_fault_ep(ts[i], bad[i]) && thread_start(ts[i]));
    }
    struct msg m;
    CHECK(!poll_msg(ep, &m), "a fault was delivered through an invalid handler cap (badge %lu)", m.badge);
    for (int i = 0; i < 4; i++) {
        CHECK(ts[i]->counter == 0 && !ts[i]->done, "fault handler %s: the thread went on", bad_what[i]);
    }
    seL4_Word ok_caps[2] = {w_g, w_gr};
    for (int i = 0; i < 2; i++) {
        struct test_thread *t = new_thread(exc_fn, 100);
        REQ(t);
        t->arg[0] = 0;
        t->arg[1] = 1;
        REQ(set_fault_ep(t, ok_caps[i]) && thread_start(t));
        CHECK(poll_msg(ep, &m) && m.badge == (seL4_Word)(3 + i) && m.label == seL4_Fault_UserException,
              "fault handler cap with Write and %s: no fault message (badge %lu)", i ? "GrantReply" : "Grant", m.badge);
        seL4_Word regs[3] = {(seL4_Word)exc_ud2_after, m.mr[1], m.mr[2]};
        reply_msg(0, regs, 3);
        CHECK(wait_thread(t, 1000), "fault handler cap with Write and %s: the reply did not resume the thread",
              i ? "GrantReply" : "Grant");
    }
}

/* A handler thread already waiting in Recv gets the fault and replies with seL4_Reply. */
static void handler_fn(struct test_thread *t)
{
    for (seL4_Word i = 0; i < t->arg[1]; i++) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
        record(&got[t->index], info, badge);
        if (seL4_MessageInfo_get_label(info) != seL4_Fault_UserException) {
            return;
        }
        seL4_SetMR(0, (seL4_Word)exc_ud2_after);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    }
}

void test_fault_handler_thread(void)
{
    exc_cases[0] = (struct exc_case){"ud2", exc_ud2, exc_ud2_insn, exc_ud2_after, 6};
    seL4_CPtr fep = new_ep();
    REQ(fep);
    seL4_CPtr fb1 = mint_cap(fep, seL4_AllRights, 0xa1), fb2 = mint_cap(fep, seL4_AllRights, 0xa2);
    REQ(fb1 && fb2);
    struct test_thread *h = start_thread(handler_fn, 200);
    REQ(h);
    h->arg[0] = fep;
    h->arg[1] = 2;
    settle();
    struct test_thread *t1 = new_thread(exc_fn, 100), *t2 = new_thread(exc_fn, 150);
    REQ(t1 && t2);
    t1->arg[1] = 1;
    t2->arg[1] = 1;
    REQ(set_fault_ep(t1, fb1) && set_fault_ep(t2, fb2));
    REQ(thread_start(t1));
    CHECK(wait_thread(t1, 1000), "first faulter not resumed by the handler thread");
    CHECK(got[h->index].badge == 0xa1 && got[h->index].label == seL4_Fault_UserException &&
              got[h->index].length == 5 && got[h->index].mr[0] == (seL4_Word)exc_ud2_insn,
          "handler got badge 0x%lx label %lu length %lu MR0 0x%lx", got[h->index].badge, got[h->index].label,
          got[h->index].length, got[h->index].mr[0]);
    REQ(thread_start(t2));
    CHECK(wait_thread(t2, 1000), "second faulter not resumed");
    CHECK_EQ(got[h->index].badge, 0xa2);
    CHECK(wait_thread(h, 1000), "handler did not finish");
}
