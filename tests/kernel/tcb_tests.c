/*
 * TCB invocations (sel4-facts 2.7, 9.5, 9.6; sel4test THREADS0004/0005, REGRESSIONS0001,
 * TLS0001/0002, SCHED0000): thread creation from untyped and start (the seed's threads
 * example), TLS of new threads, Configure/SetSpace/SetIPCBuffer/SetTLSBase, the priority
 * checks against the authority's MCP, Suspend/Resume, register read/write/copy round trips and
 * sanitising, the calling-thread and message-length errors, and that deleting the last cap of
 * a TCB stops the thread.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>
#include <sel4utils/thread.h>

#define R ROOT_CNODE
#define D ROOT_DEPTH
#define NREGS (sizeof(seL4_UserContext) / sizeof(seL4_Word))
/* The TLS base in seL4_UserContext: FS base on x86_64, TPIDR_EL0 on aarch64. */
#ifdef __aarch64__
#define TLS_REG(regs) ((regs).tpidr_el0)
#else
#define TLS_REG(regs) ((regs).fs_base)
#endif

static __thread seL4_Word tls_var = 0x1234abcd;
static __thread seL4_Word tls_zero;
static char spare_ipc[2][4096] __attribute__((aligned(4096)));

/* The thread of test_thread_create_start: reports its arguments, TLS and IPC buffer. */
static void report_fn(struct test_thread *t)
{
    t->value = tls_var;
    t->counter = tls_zero;
    tls_var = 0x77;
    tls_zero = 1;
    t->arg[1] = (seL4_Word)seL4_GetIPCBuffer();
    t->arg[2] = tls_var + tls_zero; /* 0x78 if its own block works */
    seL4_SetMR(7, 0xabc);           /* the IPC buffer is writable through libsel4 */
    t->arg[3] = seL4_GetMR(7);
}

/* The seed's threads example: Retype a TCB, Configure, SetPriority, WriteRegisters, SetTLSBase,
 * Resume; the thread sees the .tdata initial values in its own TLS block (TLS0001/0002). */
void test_thread_create_start(void)
{
    tls_var = 0x55;
    struct test_thread *t = thread_create(report_fn, 200);
    REQUIRE(t, "no thread");
    CHECK(!t->started, "the thread ran before Resume");
    REQUIRE(thread_start(t), "Resume failed");
    /* priority 200 < 255: it does not run until the root task lowers itself */
    CHECK(!t->started, "a priority-200 thread preempted the priority-255 root task");
    REQUIRE(wait_done(&t, 1, 100, 2000), "the thread did not finish within 2 s (started %lu)", t->started);
    CHECK_EQ(t->value, 0x1234abcd);
    CHECK_EQ(t->counter, 0);
    CHECK_EQ(t->arg[1], (seL4_Word)t->ipc);
    CHECK_EQ(t->arg[2], 0x78);
    CHECK_EQ(t->arg[3], 0xabc);
    CHECK(tls_var == 0x55, "the thread's TLS write changed the root task's copy (0x%lx)", tls_var);
    /* its FS base is the thread pointer given with TCB_SetTLSBase */
    seL4_UserContext regs;
    if (CHECK_OK(seL4_TCB_ReadRegisters(t->tcb, 0, 0, NREGS, &regs))) {
        CHECK_EQ(TLS_REG(regs), t->tls);
    }
    /* SetTLSBase on a stopped thread is visible in its registers */
    CHECK_OK(seL4_TCB_SetTLSBase(t->tcb, 0x7000));
    if (CHECK_OK(seL4_TCB_ReadRegisters(t->tcb, 0, 0, NREGS, &regs))) {
        CHECK_EQ(TLS_REG(regs), 0x7000);
    }
    CHECK_ERROR(raw_invoke(t->tcb, TCBSetTLSBase, 0, 0, 0, 0, 0, 0), seL4_TruncatedMessage);
}

/* Configure and SetSpace (2.7, 9.5, THREADS0004/0005). */
void test_tcb_configure(void)
{
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), frame = image_frame_cap(spare_ipc[0]);
    seL4_CPtr empty = alloc_slot(), ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr pml4 = alloc_object(TEST_VSPACE_OBJECT, 0);
    seL4_CPtr vs = seL4_CapInitThreadVSpace;
    seL4_Word buf = (seL4_Word)spare_ipc[0];
    REQUIRE(t && frame && ep && pml4, "no objects");
    CHECK_OK(seL4_TCB_Configure(t, 0, R, 0, vs, 0, buf, frame));
    /* the fault endpoint is only a CPtr word: any value is accepted (non-MCS) */
    CHECK_OK(seL4_TCB_Configure(t, 0xdeadbeef, R, 0, vs, 0, buf, frame));
    /* no IPC buffer: address 0, the cap is not looked at */
    CHECK_OK(seL4_TCB_Configure(t, 0, R, 0, vs, 0, 0, empty));
    /* a guard that with the root CNode's radix resolves 64 bits */
    seL4_Word guard = 64 - test_bi->initThreadCNodeSizeBits;
    CHECK_OK(seL4_TCB_Configure(t, 0, R, seL4_CNode_CapData_new(0, guard).words[0], vs, 0, buf, frame));
    /* CSpace root: null, not a CNode, or a guard too big for the radix (THREADS0004, 9.5) */
    CHECK_ERROR(seL4_TCB_Configure(t, 0, empty, 0, vs, 0, buf, frame), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_Configure(t, 0, ep, 0, vs, 0, buf, frame), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, seL4_CNode_CapData_new(0, 60).words[0], vs, 0, buf, frame),
                seL4_IllegalOperation);
    /* VSpace root: not a PML4, or a PML4 without an ASID */
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, 0, ep, 0, buf, frame), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, 0, pml4, 0, buf, frame), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, 0, empty, 0, buf, frame), seL4_IllegalOperation);
    /* IPC buffer: not a frame, not 1 KiB aligned */
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, 0, vs, 0, buf, ep), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_Configure(t, 0, R, 0, vs, 0, buf + 8, frame), seL4_AlignmentError);
    /* fewer than 3 extra caps or 4 words */
    seL4_SetCap(0, R);
    seL4_SetCap(1, vs);
    CHECK_ERROR(raw_invoke(t, TCBConfigure, 2, 4, 0, 0, 0, buf), seL4_TruncatedMessage);
    seL4_SetCap(0, R);
    seL4_SetCap(1, vs);
    seL4_SetCap(2, frame);
    CHECK_ERROR(raw_invoke(t, TCBConfigure, 3, 3, 0, 0, 0, buf), seL4_TruncatedMessage);
    /* SetSpace (THREADS0005) */
    CHECK_OK(seL4_TCB_SetSpace(t, 0, R, 0, vs, 0));
    CHECK_ERROR(seL4_TCB_SetSpace(t, 0, empty, 0, vs, 0), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_SetSpace(t, 0, R, 0, pml4, 0), seL4_IllegalOperation);
    seL4_SetCap(0, R);
    CHECK_ERROR(raw_invoke(t, TCBSetSpace, 1, 3, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* TCB labels on a non-TCB cap, and an unknown label on a TCB */
    CHECK_ERROR(seL4_TCB_Configure(R, 0, R, 0, vs, 0, buf, frame), seL4_IllegalOperation);
    CHECK_ERROR(raw_invoke(t, CNodeCopy, 0, 0, 0, 0, 0, 0), seL4_IllegalOperation);
    CHECK_ERROR_MRS(seL4_TCB_Configure(empty, 0, R, 0, vs, 0, buf, frame), seL4_InvalidCapability, 0);
}

/* SetIPCBuffer (2.7, FRAMEDIPC0001). */
void test_tcb_set_ipc_buffer(void)
{
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), frame = image_frame_cap(spare_ipc[1]);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), empty = alloc_slot();
    seL4_Word buf = (seL4_Word)spare_ipc[1];
    REQUIRE(t && frame && ep, "no objects");
    CHECK_OK(seL4_TCB_SetIPCBuffer(t, buf, frame));
    CHECK_OK(seL4_TCB_SetIPCBuffer(t, buf + 1024, frame));
    CHECK_OK(seL4_TCB_SetIPCBuffer(t, 0, empty));
    CHECK_ERROR(seL4_TCB_SetIPCBuffer(t, buf + 8, frame), seL4_AlignmentError);
    CHECK_ERROR(seL4_TCB_SetIPCBuffer(t, buf + 512, frame), seL4_AlignmentError);
    CHECK_ERROR(seL4_TCB_SetIPCBuffer(t, buf, ep), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_SetIPCBuffer(t, buf, empty), seL4_IllegalOperation);
    CHECK_ERROR(raw_invoke(t, TCBSetIPCBuffer, 0, 1, buf, 0, 0, 0), seL4_TruncatedMessage);
    /* a device frame cannot be an IPC buffer */
    seL4_CPtr dev = find_device_untyped(seL4_PageBits);
    REQUIRE(dev != 0, "no device untyped");
    seL4_CPtr dframe = alloc_slot();
    REQUIRE_OK(seL4_Untyped_Retype(dev, TEST_PAGE_4K, 0, R, 0, 0, dframe, 1));
    CHECK_ERROR(seL4_TCB_SetIPCBuffer(t, buf, dframe), seL4_IllegalOperation);
    CHECK_OK(seL4_CNode_Delete(R, dframe, D));
}

/* Priorities against the authority's MCP (2.7, 9.6). */
void test_tcb_priorities(void)
{
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), a = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr me = seL4_CapInitThreadTCB;
    REQUIRE(t && a && ep, "no objects");
    /* the root task's MCP is 255 */
    CHECK_OK(seL4_TCB_SetPriority(t, me, 254));
    CHECK_OK(seL4_TCB_SetPriority(t, me, 255));
    CHECK_ERROR_MRS(seL4_TCB_SetPriority(t, me, 256), seL4_RangeError, 0, 255);
    CHECK_ERROR_MRS(seL4_TCB_SetMCPriority(t, me, 256), seL4_RangeError, 0, 255);
    CHECK_OK(seL4_TCB_SetPriority(me, me, 255));
    /* a new TCB has MCP 0: as authority it allows priority 0 only */
    CHECK_ERROR_MRS(seL4_TCB_SetPriority(t, a, 1), seL4_RangeError, 0, 0);
    CHECK_OK(seL4_TCB_SetPriority(t, a, 0));
    CHECK_OK(seL4_TCB_SetMCPriority(a, me, 100));
    CHECK_OK(seL4_TCB_SetPriority(t, a, 100));
    CHECK_ERROR_MRS(seL4_TCB_SetPriority(t, a, 101), seL4_RangeError, 0, 100);
    CHECK_ERROR_MRS(seL4_TCB_SetMCPriority(t, a, 101), seL4_RangeError, 0, 100);
    CHECK_OK(seL4_TCB_SetMCPriority(t, a, 100));
    /* SetSchedParams checks both the new MCP and the new priority (9.6) */
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(t, a, 50, 101), seL4_RangeError, 0, 100);
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(t, a, 101, 50), seL4_RangeError, 0, 100);
    CHECK_OK(seL4_TCB_SetSchedParams(t, a, 50, 50));
    CHECK_OK(seL4_TCB_SetSchedParams(t, a, 100, 100));
    /* t's MCP is now 100: as authority it cannot grant more */
    CHECK_ERROR_MRS(seL4_TCB_SetPriority(a, t, 101), seL4_RangeError, 0, 100);
    /* the authority must be a TCB (InvalidCapability, cap 1) */
    CHECK_ERROR_MRS(seL4_TCB_SetPriority(t, ep, 0), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_TCB_SetMCPriority(t, ep, 0), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_TCB_SetSchedParams(t, ep, 0, 0), seL4_InvalidCapability, 1);
    /* short messages */
    CHECK_ERROR(raw_invoke(t, TCBSetPriority, 0, 1, 0, 0, 0, 0), seL4_TruncatedMessage);
    seL4_SetCap(0, me);
    CHECK_ERROR(raw_invoke(t, TCBSetSchedParams, 1, 1, 0, 0, 0, 0), seL4_TruncatedMessage);
    seL4_SetCap(0, me);
    CHECK_ERROR(raw_invoke(t, TCBSetMCPriority, 1, 0, 0, 0, 0, 0), seL4_TruncatedMessage);
}

/* Register round trip (REGRESSIONS0001) and sanitising, partial reads/writes, CopyRegisters,
 * and the errors of 2.7. */
void test_tcb_registers(void)
{
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), t2 = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    REQUIRE(t && t2 && ep, "no objects");
    seL4_UserContext w, r;
    seL4_Word *ww = (seL4_Word *)&w, *rw = (seL4_Word *)&r;
    for (unsigned i = 0; i < NREGS; i++) {
        ww[i] = 0x1000000000ul * (i + 1) + 0x11 * i;
    }
#ifdef __aarch64__
    w.pc = 0x401234;
    w.sp = 0x7ffff000;
    w.spsr = 0xf0000040; /* NZCV set, EL0t with FIQ masked: kept as it is */
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, NREGS, &w));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    for (unsigned i = 0; i < NREGS; i++) {
        CHECK(rw[i] == ww[i], "register %u read back as 0x%lx, written 0x%lx", i, rw[i], ww[i]);
    }
    /* SPSR: only NZCV is the thread's; the mode stays EL0t and the masks user (facts 3.3) */
    w.spsr = 0x600003c5;
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, NREGS, &w));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    CHECK_EQ(r.spsr, 0x60000040);
    /* count: a partial write changes only the first registers; a partial read returns only them */
    seL4_UserContext p = {0};
    p.pc = 0x402000;
    p.sp = 0x5000;
    p.spsr = 0x40;
    p.x0 = 0x999;
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, 3, &p));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    CHECK_EQ(r.pc, 0x402000);
    CHECK_EQ(r.x0, w.x0);
    seL4_UserContext q = {0};
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, 5, &q));
    CHECK_EQ(q.x1, w.x1);
    CHECK_EQ(q.x2, 0);
#else
    w.rip = 0x401234;
    w.rsp = 0x7ffff000;
    w.rflags = 0x2c3; /* CF, ZF, SF, IF and the always-one bit 1: kept as they are */
    w.fs_base = 0x0000100000002000ul;
    w.gs_base = 0xffff800000001000ul; /* canonical (upper half) */
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, NREGS, &w));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    for (unsigned i = 0; i < NREGS; i++) {
        CHECK(rw[i] == ww[i], "register %u read back as 0x%lx, written 0x%lx", i, rw[i], ww[i]);
    }
    /* FLAGS: IF forced on, TF and bits 3, 5 and 12+ (IOPL, NT, AC, ...) cleared (seL4's
     * sanitiseRegister keeps only bits 0..11) */
    w.rflags = 0x3100 | 0x28 | 0x1 | 0x40000;
    /* non-canonical instruction pointer and FS base become 0 */
    w.rip = 0x0000800000000000ul;
    w.fs_base = 0x8000000000000000ul;
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, NREGS, &w));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    CHECK_EQ(r.rflags, 0x203);
    CHECK_EQ(r.rip, 0);
    CHECK_EQ(r.fs_base, 0);
    /* count: a partial write changes only the first registers; a partial read returns only them */
    seL4_UserContext p = {0};
    p.rip = 0x402000;
    p.rsp = 0x5000;
    p.rflags = 0x202;
    p.rax = 0x999;
    REQUIRE_OK(seL4_TCB_WriteRegisters(t, 0, 0, 3, &p));
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, NREGS, &r));
    CHECK_EQ(r.rip, 0x402000);
    CHECK_EQ(r.rax, w.rax);
    seL4_UserContext q = {0};
    REQUIRE_OK(seL4_TCB_ReadRegisters(t, 0, 0, 5, &q));
    CHECK_EQ(q.rbx, w.rbx);
    CHECK_EQ(q.rcx, 0);
#endif
    /* CopyRegisters: frame and integer registers of t into t2 */
    CHECK_OK(seL4_TCB_CopyRegisters(t2, t, 0, 0, 1, 1, 0));
    seL4_UserContext c;
    REQUIRE_OK(seL4_TCB_ReadRegisters(t2, 0, 0, NREGS, &c));
    for (unsigned i = 0; i < NREGS; i++) {
        CHECK(((seL4_Word *)&c)[i] == rw[i], "copied register %u is 0x%lx, source has 0x%lx", i,
              ((seL4_Word *)&c)[i], rw[i]);
    }
    CHECK_ERROR_MRS(seL4_TCB_CopyRegisters(t2, ep, 0, 0, 1, 1, 0), seL4_InvalidCapability, 1);
    CHECK_ERROR(raw_invoke(t2, TCBCopyRegisters, 0, 1, 0xc, 0, 0, 0), seL4_TruncatedMessage);
    /* count out of range: RangeError 1..20 */
    CHECK_ERROR_MRS(seL4_TCB_ReadRegisters(t, 0, 0, 0, &r), seL4_RangeError, 1, NREGS);
    CHECK_ERROR_MRS(seL4_TCB_ReadRegisters(t, 0, 0, NREGS + 1, &r), seL4_RangeError, 1, NREGS);
    CHECK_ERROR(raw_invoke(t, TCBReadRegisters, 0, 1, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* the message must hold count registers: libsel4 sends 20, so count 21 is truncated */
    CHECK_ERROR(seL4_TCB_WriteRegisters(t, 0, 0, NREGS + 1, &w), seL4_TruncatedMessage);
    CHECK_ERROR(raw_invoke(t, TCBWriteRegisters, 0, 5, 0, NREGS, 0, 0), seL4_TruncatedMessage);
    CHECK_ERROR(raw_invoke(t, TCBWriteRegisters, 0, 1, 0, 0, 0, 0), seL4_TruncatedMessage);
    /* the calling thread's own registers */
    CHECK_ERROR(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, NREGS, &r), seL4_IllegalOperation);
    CHECK_ERROR(seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, 0, 0, NREGS, &w), seL4_IllegalOperation);
}

/* Entry of a restarted thread (no TLS use): marks that it ran, then yields until suspended. */
static void __attribute__((noreturn)) marker_entry(struct test_thread *t)
{
    t->value = 0x600d;
    uint64_t end = deadline_ms(3000);
    while (tsc_now() < end) {
        seL4_Yield();
    }
    for (;;) {
        seL4_TCB_Suspend(t->tcb);
    }
}

/* Suspend and Resume (2.7, SCHED0000): a suspended thread stops, a resumed one continues where
 * it was; Resume of a runnable thread and Suspend of a suspended one are no-ops; Resume restarts
 * at the rip written with WriteRegisters; WriteRegisters/ReadRegisters flags resume/suspend. */
void test_tcb_suspend_resume(void)
{
    struct test_thread *t = thread_create(count_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = deadline_ms(4000);
    t->arg[1] = 1; /* yield after every increment: runs alternately with the root task at 100 */
    REQUIRE(thread_start(t), "Resume failed");
    run_lower(100, 20);
    REQUIRE(t->counter > 0, "the thread did not run");
    CHECK_OK(seL4_TCB_Resume(t->tcb)); /* running: no-op */
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    seL4_Word stopped = t->counter;
    run_lower(100, 20);
    CHECK(t->counter == stopped, "a suspended thread counted on (%lu -> %lu)", stopped, t->counter);
    CHECK_OK(seL4_TCB_Suspend(t->tcb)); /* suspended: no-op */
    CHECK_OK(seL4_TCB_Resume(t->tcb));
    run_lower(100, 20);
    CHECK(t->counter > stopped, "a resumed thread did not continue (%lu -> %lu)", stopped, t->counter);
    /* ReadRegisters with suspend_source stops it too */
    seL4_UserContext regs;
    CHECK_OK(seL4_TCB_ReadRegisters(t->tcb, 1, 0, NREGS, &regs));
    stopped = t->counter;
    run_lower(100, 20);
    CHECK(t->counter == stopped, "ReadRegisters(suspend) did not stop the thread (%lu -> %lu)", stopped, t->counter);
    /* WriteRegisters with resume_target resumes it where it was */
    CHECK_OK(seL4_TCB_WriteRegisters(t->tcb, 1, 0, 1, &regs)); /* only rip, unchanged */
    run_lower(100, 20);
    CHECK(t->counter > stopped, "WriteRegisters(resume) did not resume the thread (%lu -> %lu)", stopped, t->counter);
    /* Resume restarts a suspended thread at the rip written with WriteRegisters */
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    sel4utils_arch_init_local_context((void *)marker_entry, t, NULL, NULL, t->stack_top, &regs);
    CHECK_OK(seL4_TCB_WriteRegisters(t->tcb, 0, 0, NREGS - 2, &regs));
    CHECK(t->value == 0, "WriteRegisters without resume_target ran the thread");
    CHECK_OK(seL4_TCB_Resume(t->tcb));
    run_lower(100, 20);
    CHECK(t->value == 0x600d, "the resumed thread did not start at the written rip");
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    /* Resume of the root task itself (running): no-op */
    CHECK_OK(seL4_TCB_Resume(seL4_CapInitThreadTCB));
}

/* Deleting the last cap of a TCB suspends the thread (2.3). */
void test_tcb_delete_last_cap(void)
{
    struct test_thread *t = thread_create(count_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = deadline_ms(4000);
    t->arg[1] = 1;
    seL4_CPtr copy = copy_cap(t->tcb);
    REQUIRE(copy, "no copy");
    REQUIRE(thread_start(t), "Resume failed");
    run_lower(100, 20);
    REQUIRE(t->counter > 0, "the thread did not run");
    /* one of two caps: it keeps running */
    CHECK_OK(seL4_CNode_Delete(R, copy, D));
    seL4_Word before = t->counter;
    run_lower(100, 20);
    CHECK(t->counter > before, "the thread stopped when a copy of its TCB cap was deleted");
    /* the last cap: it stops */
    CHECK_OK(seL4_CNode_Delete(R, t->tcb, D));
    before = t->counter;
    run_lower(100, 20);
    CHECK(t->counter == before, "the thread ran on after its last TCB cap was deleted (%lu -> %lu)", before,
          t->counter);
}
