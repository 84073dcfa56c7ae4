/* The booted fake machine the kernel core's host tests run against (see core_fixture.h). */
#include "core_fixture.h"
#include <api/syscall.h>
#include <kernel/boot.h>
#include <kernel/thread.h>
#include <sel4/bootinfo_types.h>

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
    t->ctes[tcbCTable].cap = cnode;
    t->ctes[tcbBuffer].cap = root[seL4_CapInitThreadIPCBuffer].cap;
    t->ipc_buffer = FIXTURE_IPCBUF_VADDR;
    t->priority = t->mcp = 255;
    t->state = ThreadState_Running;
    memset(&idle, 0, sizeof(idle));
    idle.state = ThreadState_IdleThreadState;
    ksIdleThread = &idle;
    ksCurThread = t;
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
    ksDebugTCBs = NULL;
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

void fixture_syscall(fixture_t *f, long number, uint64_t cap, uint64_t msginfo)
{
    setRegister(f->thread, REG_CAP, cap);
    setRegister(f->thread, REG_MSGINFO, msginfo);
    handleSyscall(number);
}
