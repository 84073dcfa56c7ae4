/*
 * The FPU per thread (sel4-facts 2.7, sel4test FPU0003/FPU0004): a thread whose FPU
 * TCB_SetFlags disabled gets a UserException (vector 7, #NM) at its first FPU instruction,
 * again after a reply that restarts it, and runs that instruction once the flag is cleared;
 * every thread keeps its own FPU state (MXCSR's rounding mode here: compiled code never
 * changes it) across switches to other FPU threads and to a thread with the FPU disabled.
 */
#include "ipc_helpers.h"
#include "tests.h"

#define MXCSR_DEFAULT 0x1f80u   /* all exceptions masked, round to nearest */
#define MXCSR_ROUND_DOWN 0x2000u
#define MXCSR_ROUND_ZERO 0x6000u
#define MXCSR_FLAGS 0x3fu       /* exception flags: sticky, set by arithmetic */

static seL4_Word mxcsr_get(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v & ~MXCSR_FLAGS;
}

static void mxcsr_set(seL4_Word v)
{
    uint32_t w = (uint32_t)v;
    __asm__ volatile("ldmxcsr %0" ::"m"(w));
}

/* value = 2 * arg[0] through the FPU; arg[3] = its MXCSR afterwards */
static void fpu_fn(struct test_thread *t)
{
    t->value = fpu_double(t->arg[0]);
    t->arg[3] = mxcsr_get();
}

/* A thread with the FPU disabled and fault endpoint badge 0xf9 on fep, started. */
static struct test_thread *start_fpu_disabled(seL4_CPtr fep)
{
    seL4_CPtr fb = mint_cap(fep, seL4_AllRights, 0xf9);
    struct test_thread *t = fb ? new_thread(fpu_fn, 100) : NULL;
    if (t == NULL) {
        return NULL;
    }
    t->arg[0] = 21;
    seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(t->tcb, 0, seL4_TCBFlag_fpuDisabled);
    if (!CHECK(r.error == seL4_NoError && r.flags == seL4_TCBFlag_fpuDisabled,
               "SetFlags(set fpuDisabled): error %d flags %lu", r.error, r.flags)) {
        return NULL;
    }
    return set_fault_ep(t, fb) && thread_start(t) ? t : NULL;
}

/* Receives the #NM fault of fpu_double's first instruction. */
static bool check_fpu_fault(seL4_CPtr fep, struct msg *m, const char *what)
{
    if (!CHECK(poll_msg(fep, m), "%s: no fault message", what)) {
        return false;
    }
    return CHECK(m->badge == 0xf9 && m->label == seL4_Fault_UserException && m->length == seL4_UserException_Length,
                 "%s: badge 0x%lx label %lu length %lu, expected 0xf9, UserException (3), length 5", what, m->badge,
                 m->label, m->length) &&
           CHECK(m->mr[seL4_UserException_FaultIP] == (seL4_Word)fpu_double_insn &&
                     m->mr[seL4_UserException_SP] == exc_sp,
                 "%s: FaultIP 0x%lx SP 0x%lx, expected 0x%lx 0x%lx", what, m->mr[0], m->mr[1],
                 (seL4_Word)fpu_double_insn, exc_sp) &&
           CHECK(m->mr[seL4_UserException_Number] == 7 && m->mr[seL4_UserException_Code] == 0,
                 "%s: Number %lu Code %lu, expected 7 (#NM), 0", what, m->mr[3], m->mr[4]);
}

void test_fpu_disabled_thread_faults(void)
{
    seL4_CPtr fep = new_ep();
    REQ(fep);
    struct test_thread *t = start_fpu_disabled(fep);
    REQ(t);
    struct msg m;
    REQ(check_fpu_fault(fep, &m, "first FPU instruction"));
    /* restarting it with the flag still set faults again at the same instruction */
    seL4_Word regs[3] = { m.mr[0], m.mr[1], m.mr[2] };
    reply_msg(0, regs, 3);
    REQ(check_fpu_fault(fep, &m, "after a restarting reply"));
    seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(t->tcb, seL4_TCBFlag_fpuDisabled, 0);
    CHECK(r.error == seL4_NoError && r.flags == 0, "SetFlags(clear fpuDisabled): error %d flags %lu", r.error,
          r.flags);
    reply_msg(0, regs, 3);
    CHECK(wait_thread(t, 1000), "the thread did not finish once its FPU was enabled");
    CHECK(t->value == 42, "fpu_double(21) gave %lu", t->value);
    CHECK(t->arg[3] == MXCSR_DEFAULT, "a new thread's MXCSR is 0x%lx, expected 0x%x", t->arg[3], MXCSR_DEFAULT);
    CHECK(!poll_msg(fep, &m), "another fault (label %lu)", m.label);
}

/* arg[2] = the MXCSR it starts with; sets its own rounding mode, counter = 1, then waits on
 * endpoint arg[1] and records its MXCSR in value */
static void mxcsr_fn(struct test_thread *t)
{
    t->arg[2] = mxcsr_get();
    mxcsr_set(MXCSR_DEFAULT | MXCSR_ROUND_DOWN);
    t->counter = 1;
    seL4_Recv(t->arg[1], NULL);
    t->value = mxcsr_get();
}

void test_fpu_state_kept_per_thread(void)
{
    seL4_Word saved = mxcsr_get();
    mxcsr_set(MXCSR_DEFAULT | MXCSR_ROUND_ZERO);
    seL4_CPtr ep = new_ep(), fep = new_ep();
    struct test_thread *a = ep && fep ? new_thread(mxcsr_fn, 100) : NULL;
    if (a) {
        a->arg[1] = ep;
    }
    bool ok = a && thread_start(a) && CHECK(wait_value(&a->counter, 1, 1000), "the FPU thread did not start");
    struct test_thread *b = ok ? start_fpu_disabled(fep) : NULL;
    struct msg m;
    ok = b && check_fpu_fault(fep, &m, "the disabled thread");
    /* the root ran after a and b: its state must be its own */
    ok = ok && CHECK(mxcsr_get() == (MXCSR_DEFAULT | MXCSR_ROUND_ZERO), "root MXCSR 0x%lx after other threads ran",
                     mxcsr_get());
    if (ok) {
        seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
        ok = CHECK(wait_thread(a, 1000), "the FPU thread did not finish");
    }
    mxcsr_set(saved);
    REQ(ok);
    CHECK(a->arg[2] == MXCSR_DEFAULT, "the FPU thread started with MXCSR 0x%lx (not a fresh state)", a->arg[2]);
    CHECK(a->value == (MXCSR_DEFAULT | MXCSR_ROUND_DOWN), "the FPU thread's MXCSR is 0x%lx after the switches",
          a->value);
}
