/* The booted fake machine the kernel core's host tests run against (see core_fixture.h). */
#include "core_fixture.h"
#include <api/syscall.h>
#include <kernel/boot.h>
#include <kernel/thread.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>
#include <sel4/bootinfo_types.h>
#include <sel4/constants.h>
#include <sel4/syscall.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
/* MCS: only a thread with a ready SC goes back to the ready queue */
#define fixture_can_run(t) isSchedulable(t)
#else
#define fixture_can_run(t) isRunnable(t)
#endif

static fixture_t fixture;
static tcb_t idle;

fixture_t *fixture_boot(void)
{
    assert_non_null(host_phys_alloc(FIXTURE_PHYS_BYTES));
    cte_t *root = paddr_to_pptr(FIXTURE_CNODE_PADDR);
    tcb_t *t = paddr_to_pptr(FIXTURE_TCB_PADDR);
    root_cnode_filler_t filler = { root, 1u << 12, 0 };
    cap_t cnode = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 12, 52, 0);
    boot_write_slot(&filler, seL4_CapInitThreadTCB, cap_thread_cap_new(FIXTURE_TCB_PADDR));
    boot_write_slot(&filler, seL4_CapInitThreadCNode, cnode);
    boot_write_slot(&filler, seL4_CapIRQControl, cap_irq_control_cap_new());
    boot_write_slot(&filler, seL4_CapInitThreadIPCBuffer,
                    cap_frame_cap_new(FIXTURE_IPCBUF_PADDR, X86_SmallPage, VMReadWrite, false, 1, FIXTURE_IPCBUF_VADDR));
    boot_write_slot(&filler, seL4_CapDomain, cap_domain_cap_new());
    boot_write_slot(&filler, FIXTURE_UNTYPED_SLOT,
                    cap_untyped_cap_new(FIXTURE_UNTYPED_PADDR, FIXTURE_UNTYPED_BITS, false, 0));
    t->ctes[tcbCTable].cap = cnode;
    t->ctes[tcbBuffer].cap = root[seL4_CapInitThreadIPCBuffer].cap;
    t->ipc_buffer = FIXTURE_IPCBUF_VADDR;
    t->priority = t->mcp = 255;
    t->state = ThreadState_Running;
    memset(&idle, 0, sizeof(idle));
    idle.state = ThreadState_IdleThreadState;
    scheduler_init(&idle);
#ifdef CONFIG_KERNEL_MCS
    /* one tick per µs; the root thread runs on a 5 ms round-robin SC as on the real boot */
    host_time = 1000000;
    sched_mcs_init(1, &idle);
    sched_context_t *sc = paddr_to_pptr(FIXTURE_SC_PADDR);
    memset(sc, 0, 256);
    refill_new(sc, 2, 5000, 0, host_time);
    sc->tcb = t;
    t->sc = sc;
    boot_write_slot(&filler, seL4_CapInitThreadSC, cap_sched_context_cap_new(FIXTURE_SC_PADDR, 8));
    boot_write_slot(&filler, FIXTURE_SCHED_CONTROL_SLOT, cap_sched_control_cap_new(0));
#else
    t->timeslice = CONFIG_TIME_SLICE;
#endif
    ksCurThread = t;
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
    debug_register_tcb(t, "rootserver");
    host_console_clear();
    fixture = (fixture_t){ root, t };
    return &fixture;
}

void fixture_shutdown(void)
{
    host_phys_free();
}

int fixture_teardown(void **state)
{
    (void)state;
    fixture_shutdown();
    return 0;
}

static word_t *ipc_buffer(void)
{
    return paddr_to_pptr(FIXTURE_IPCBUF_PADDR);
}

word_t fixture_invoke(fixture_t *f, cptr_t cptr, word_t label, const word_t *mrs, word_t n,
                      const cptr_t *caps, word_t ncaps)
{
    for (word_t i = 0; i < n; i++) {
        setMR(f->thread, ipc_buffer(), i, mrs[i]);
    }
    for (word_t i = 0; i < ncaps; i++) {
        ipc_buffer()[seL4_MsgMaxLength + 2 + i] = caps[i];
    }
    fixture_syscall(f, seL4_SysCall, cptr, seL4_MessageInfo_new(label, 0, ncaps, n).words[0]);
    return seL4_MessageInfo_get_label((seL4_MessageInfo_t){ { getRegister(f->thread, REG_MSGINFO) } });
}

word_t fixture_reply_mr(fixture_t *f, word_t i)
{
    return getMR(f->thread, ipc_buffer(), i);
}

void fixture_syscall(fixture_t *f, long number, uint64_t cap, uint64_t msginfo)
{
    setRegister(f->thread, REG_CAP, cap);
    setRegister(f->thread, REG_MSGINFO, msginfo);
    handleSyscall(number);
}

tcb_t *fixture_make_thread(fixture_t *f, word_t slot, paddr_t buffer_paddr)
{
    const cptr_t root = seL4_CapInitThreadCNode;
    word_t mrs[] = { seL4_TCBObject, 0, 0, 0, slot, 1 };
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
    tcb_t *t = tcb_from_cap(fixture_slot(f, slot)->cap);
    t->ctes[tcbCTable].cap = f->thread->ctes[tcbCTable].cap;
    t->ctes[tcbBuffer].cap = cap_frame_cap_new(buffer_paddr, X86_SmallPage, VMReadWrite, false, 0, 0);
    t->ipc_buffer = 0x20000000;
    t->priority = 100;
    t->state = ThreadState_Running;
    return t;
}

void fixture_become(tcb_t *t)
{
    if (ksCurThread != t && ksCurThread != ksIdleThread && fixture_can_run(ksCurThread)) {
        tcbSchedEnqueue(ksCurThread);
    }
    tcbSchedDequeue(t);
    ksCurThread = t;
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
}
