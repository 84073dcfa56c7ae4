/*
 * x86_64 side of thread switching: address space (CR3 from the TCB's VSpace cap), the context
 * the entry code saves to (TSS.rsp0), FS/GS base and the FPU (saved and restored eagerly when
 * the user thread changes; the kernel never touches FPU registers). The idle thread runs in
 * kernel mode on the kernel stack, halting until an interrupt.
 */
#include <kernel/arch_thread.h>
#include <arch/cpu.h>
#include <arch/machine.h>
#include <arch/segments.h>
#include <arch/memlayout.h>
#include <kernel/machine.h>
#include <kernel/thread.h>
#include <util.h>

extern char kernel_stack_top[];
extern uint64_t kernel_pml4[];

_Static_assert(offsetof(tcb_t, arch.context.regs[REG_FS_BASE]) % 16 == 0,
               "the CPU aligns rsp0 to 16 bytes: the context's hardware frame must end aligned");

static tcb_t *fpu_owner;

static void idle_loop(void)
{
    for (;;) {
        __asm__ volatile("sti; hlt");
    }
}

void Arch_configureIdleThread(tcb_t *t)
{
    word_t *r = t->arch.context.regs;
    r[REG_RIP] = (word_t)idle_loop;
    r[REG_CS] = KERNEL_CS;
    r[REG_SS] = KERNEL_DS;
    r[REG_RSP] = (word_t)kernel_stack_top;
    r[REG_RFLAGS] = 0x202; /* IF */
    t->state = ThreadState_IdleThreadState;
}

static void switch_vspace(tcb_t *t)
{
    cap_t vs = t->ctes[tcbVTable].cap;
    paddr_t root = cap_get_capType(vs) == cap_pml4_cap && cap_paging_cap_get_isMapped(vs)
                       ? cap_get_capPaddr(vs)
                       : pptr_to_paddr(kernel_pml4);
    if (read_cr3() != root) {
        write_cr3(root);
    }
}

static void switch_fpu(tcb_t *t)
{
    if (fpu_owner == t) {
        return;
    }
    if (fpu_owner) {
        fpu_save(&fpu_owner->arch.fpu);
    }
    fpu_restore(&t->arch.fpu);
    fpu_owner = t;
}

void Arch_switchToThread(tcb_t *t)
{
    switch_vspace(t);
    cpu_set_trap_context(&t->arch.context);
    wrmsr(MSR_FS_BASE, t->arch.context.regs[REG_FS_BASE]);
    wrmsr(MSR_GS_BASE, t->arch.context.regs[REG_GS_BASE]);
    switch_fpu(t);
}

void Arch_switchToIdleThread(void)
{
    cpu_set_trap_context(&ksIdleThread->arch.context);
}

void Arch_activateIdleThread(tcb_t *t)
{
    (void)t;
}

word_t Arch_getRestartPC(tcb_t *t)
{
    return t->arch.context.regs[REG_FAULT_IP];
}

void Arch_setTLSBase(tcb_t *t, word_t base)
{
    t->arch.context.regs[REG_FS_BASE] = base;
    if (t == ksCurThread) {
        wrmsr(MSR_FS_BASE, base);
    }
}
